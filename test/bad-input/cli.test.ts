/**
 * What the command line says about bad input: errors on one line with an exit code, a stack only
 * with --debug, diagnostics as file:line:col, --stats, and the known formats when there is no data.
 * Run in process through the CLI's real main().
 */
import { Writable } from 'node:stream';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { readSample, ROOT } from '../helpers.js';
import { runMain } from '../property/checks.js';

describe('errors', () => {
  it('an I/O error is one line and exit 2; --debug adds the stack', async () => {
    const plain = await runMain(['convert', 'no/such/file.txt']);
    expect(plain.status).toBe(2);
    expect(plain.stderr).toBe('netsnap: cannot read no/such/file.txt: no such file\n');
    const debug = await runMain(['convert', '--debug', 'no/such/file.txt']);
    expect(debug.status).toBe(2);
    const lines = debug.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe('netsnap: cannot read no/such/file.txt: no such file');
    expect(lines.slice(1).some((l) => /^\s+at /.test(l))).toBe(true);
    const dir = await runMain(['convert', join(ROOT, 'test')]);
    expect(dir.stderr).toBe(`netsnap: cannot read ${join(ROOT, 'test')}: is a directory\n`);
  });

  it('an unexpected error says it is a bug, without a stack unless --debug', async () => {
    const failing = new Writable({
      write(_chunk, _enc, done) {
        done(new Error('disk on fire'));
      },
    });
    const stderr: string[] = [];
    const errs = new Writable({
      write(chunk: Buffer, _enc, done) {
        stderr.push(chunk.toString());
        done();
      },
    });
    const run = (args: string[]) =>
      main(args, {
        stdin: (async function* () {
          yield Buffer.from(readSample('samples/linux/netstat-tulpn.txt'));
        })(),
        stdout: Object.assign(failing, { write: () => { throw new Error('disk on fire'); } }) as unknown as NodeJS.WritableStream,
        stderr: errs,
        env: {},
      });
    expect(await run(['convert', '-f', 'ndjson', '-q', '-'])).toBe(2);
    expect(stderr.join('')).toBe('netsnap: disk on fire\nnetsnap: this is a bug; run again with --debug and report it\n');
    stderr.length = 0;
    expect(await run(['convert', '-f', 'ndjson', '-q', '--debug', '-'])).toBe(2);
    expect(stderr.join('')).toMatch(/^netsnap: disk on fire\nError: disk on fire\n\s+at /);
  });

  it('a bad option is one line and exit 2', async () => {
    const r = await runMain(['convert', '--encoding', 'ebcdic', '-']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^netsnap: invalid values: argument encoding, given "ebcdic", choices: "auto", .*\n$/);
  });
});

describe('diagnostics and counts on standard error', () => {
  const text = `${readSample('samples/linux/netstat-tulpn.txt')}tcp        0      0 127.0.0.1:80\n`;

  it('shows file:line:col, the line and a caret; --strict exits 1', async () => {
    const r = await runMain(['convert', '-f', 'json', '-'], Buffer.from(text));
    expect(r.status).toBe(0);
    expect(r.stderr).toBe(
      [
        'netsnap: -:31:33: line ends early in Active Internet connections',
        '  31 | tcp        0      0 127.0.0.1:80',
        '     |                                 ^',
        '  expected an address or name',
        'netsnap: 31 lines: 28 records, 2 structural, 0 skipped, 1 unparsed',
        '',
      ].join('\n'),
    );
    expect((await runMain(['convert', '--strict', '-q', '-'], Buffer.from(text))).status).toBe(1);
  });

  it('--stats prints the counts even with --quiet, and they add up', async () => {
    const r = await runMain(['convert', '-q', '--stats', '-f', 'ndjson', '-'], Buffer.from(`note\n${text}`));
    expect(r.stderr).toBe('netsnap: 32 lines: 28 records, 2 structural, 1 skipped, 1 unparsed\n');
    expect(28 + 2 + 1 + 1).toBe(32);
    expect((await runMain(['convert', '-q', '-f', 'ndjson', '-'], Buffer.from(text))).stderr).toBe('');
  });

  it('notes a rejoined row with both line numbers', async () => {
    const lines = readSample('samples/linux/netstat-tulpn.txt').split('\n');
    const wrapped = [lines[0], lines[1], lines[2]!.slice(0, 80), lines[2]!.slice(80), ''].join('\n');
    const r = await runMain(['convert', '-f', 'ndjson', '-'], Buffer.from(wrapped));
    expect(r.status).toBe(0);
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain('netsnap: -:3:81: rejoined lines 3 and 4: a row wrapped by a terminal or mail client\n');
    expect(r.stderr).toContain('netsnap: 4 lines: 1 records, 3 structural, 0 skipped, 0 unparsed');
  });

  it('says which formats netsnap knows when the input has none (exit 1): prose, binary, empty', async () => {
    for (const input of ['Hello,\nsee below.\n', '\x00\x01\x02\xff\xfe', '']) {
      const r = await runMain(['convert', '-f', 'json', '-'], Buffer.from(input, 'latin1'));
      expect(r.status).toBe(1);
      expect(r.stdout).toBe('[]\n');
      expect(r.stderr).toContain('netsnap: no netstat output found; netsnap reads Linux net-tools netstat');
    }
  });

  it('--encoding overrides detection', async () => {
    const header = 'Proto RefCnt Flags       Type       State         I-Node   Path';
    const bytes = Buffer.concat([
      Buffer.from(`${header}\nunix  2      [ ]         STREAM     CONNECTED     1001     /tmp/ABH`),
      Buffer.from([0x99]),
      Buffer.from('REN.sock\n'),
    ]);
    const path = async (args: string[]) => (JSON.parse((await runMain(['convert', '-f', 'json', ...args, '-'], bytes)).stdout) as { path: string }[])[0]!.path;
    expect(await path([])).toBe('/tmp/ABHÖREN.sock');
    expect(await path(['--encoding', 'windows-1252'])).toBe('/tmp/ABH\u2122REN.sock');
    expect(await path(['--encoding', 'utf-8'])).toBe('/tmp/ABH\ufffdREN.sock');
  });
});
