/** `netsnap redact` through the real entry point. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { Pseudonymizer } from '../../src/redact/pseudonym.js';
import { readSample, runCli } from '../helpers.js';

const SAMPLE = 'samples/redact/addresses-users-hosts.txt';

describe('netsnap redact', { timeout: 60_000 }, () => {
  it('writes the text back with addresses, hosts and users replaced, and says so', () => {
    const r = runCli(['redact', '--key', 'k', SAMPLE]);
    expect(r.status).toBe(0);
    const p = new Pseudonymizer('k');
    expect(r.stdout).toContain(`${p.address('10.20.0.15')}:8080`);
    expect(r.stdout).toContain(`${p.user('www-data')}   30211`);
    expect(r.stdout).not.toMatch(/alice@|sshd: alice|carol|bob/);
    expect(r.stdout.split('\n')).toHaveLength(readSample(SAMPLE).split('\n').length);
    expect(r.stderr).toBe(`netsnap: ${SAMPLE}: wrote 29 lines, 17 changed (4 with later columns moved right to fit a longer value)\n`);
  });

  it('is consistent across files and runs with the same key, and reads stdin and gzip', () => {
    const a = runCli(['redact', '--key', 'same', SAMPLE]).stdout;
    const b = runCli(['redact', '--key', 'same', '-'], gzipSync(Buffer.from(readSample(SAMPLE)))).stdout;
    expect(b).toBe(a);
    const dir = mkdtempSync(join(tmpdir(), 'netsnap-'));
    const keyFile = join(dir, 'key');
    writeFileSync(keyFile, 'same\n');
    expect(runCli(['redact', '--key-file', keyFile, SAMPLE]).stdout).toBe(a);
    expect(runCli(['redact', '--key', 'other', SAMPLE]).stdout).not.toBe(a);
  });

  it('uses a random key without --key, and says the pseudonyms hold for this run only', () => {
    const one = runCli(['redact', SAMPLE]);
    const two = runCli(['redact', SAMPLE]);
    expect(one.stdout).not.toBe(two.stdout);
    expect(one.stderr).toContain('used a random key');
  });

  it('masks paths and program arguments on request', () => {
    const r = runCli(['redact', '--key', 'k', '--mask-paths', '--mask-args', SAMPLE]).stdout;
    expect(r).not.toContain('/home/alice');
    expect(r).toMatch(/1\/systemd {12}\/run\/[a-p]{4}\/[a-p]{4}\/[a-p]{3}$/m);
    expect(r).toContain('6492/sshd: *****');
  });

  it('leaves out lines it does not read and reports them, or keeps them with --keep-unknown', () => {
    const text = `${readSample(SAMPLE)}my secret note about 10.1.2.3\n`;
    const r = runCli(['redact', '--key', 'k', '-'], text);
    expect(r.status).toBe(0);
    expect(r.stdout).not.toContain('secret note');
    expect(r.stderr).toContain('left out 1 line netsnap does not read: 30 (--keep-unknown keeps them, unredacted)');
    const kept = runCli(['redact', '--key', 'k', '--keep-unknown', '-'], text);
    expect(kept.stdout).toContain('my secret note about 10.1.2.3\n');
    expect(kept.stderr).toContain('kept 1 line netsnap does not read UNCHANGED, not redacted: 30');
  });

  it('writes each input to a directory with --out-dir', () => {
    const dir = mkdtempSync(join(tmpdir(), 'netsnap-'));
    const r = runCli(['redact', '--key', 'k', '-o', dir, SAMPLE, 'samples/linux/netstat-tulpn.txt']);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('');
    expect(readFileSync(join(dir, 'addresses-users-hosts.txt'), 'utf8')).toBe(runCli(['redact', '--key', 'k', SAMPLE]).stdout);
    expect(readFileSync(join(dir, 'netstat-tulpn.txt'), 'utf8')).toBe(readSample('samples/linux/netstat-tulpn.txt'));
  });

  it('exits 1 without netstat data, 2 for usage and I/O errors', () => {
    expect(runCli(['redact', '--key', 'k'], 'hello\n').status).toBe(1);
    expect(runCli(['redact', '--key', 'k', 'no/such/file']).status).toBe(2);
    expect(runCli(['redact', '--key', 'k', '--key-file', 'x', SAMPLE]).status).toBe(2);
    const missingKey = runCli(['redact', '--key-file', 'no/such/key', SAMPLE]);
    expect(missingKey.status).toBe(2);
    expect(missingKey.stderr).toBe('netsnap: cannot read no/such/key: no such file\n');
  });
});

describe('netsnap redact --mask-args', { timeout: 60_000 }, () => {
  it('masks the program column even when a host in the line has the same name', () => {
    const text =
      'Active Internet connections (servers and established)\n' +
      'Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name    \n' +
      'tcp        0      0 10.0.0.1:40000          ssh:22                  ESTABLISHED 77/ssh -J bastion\n';
    const r = runCli(['redact', '--key', 'k', '--mask-args', '-'], text);
    const p = new Pseudonymizer('k');
    const local = `${p.address('10.0.0.1')}:40000`.padEnd(23);
    const foreign = `${p.address('ssh')}:22`.padEnd(23);
    expect(r.stdout.split('\n')[2]).toBe(`tcp        0      0 ${local} ${foreign} ESTABLISHED 77/ssh -* *******`);
  });
});

describe('netsnap redact prompts', { timeout: 60_000 }, () => {
  it('replaces the user and host of a prompt and a home directory in it', () => {
    const body = readSample('samples/linux/netstat-tulpn.txt');
    const text = `[alice@db7 ~]$ netstat -tulpn\n${body}PS C:\\Users\\alice> netstat -ano\n${body}`;
    const r = runCli(['redact', '--key', 'k', '-'], text);
    const p = new Pseudonymizer('k');
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(`[${p.user('alice')}@${p.host('db7')} ~]$ netstat -tulpn`);
    expect(r.stdout).toContain(`PS C:\\Users\\${p.user('alice')}> netstat -ano\n`);
    expect(r.stdout).not.toContain('alice');
  });
});
