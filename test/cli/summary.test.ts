/** `netsnap summary`, and `netsnap FILE` with no command, through the real entry point. */
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { readSample, runCli } from '../helpers.js';
import { fakeIO } from './fake-io.js';

const LEAK = 'samples/findings/close-wait-leak.txt';

describe('netsnap summary', { timeout: 60_000 }, () => {
  it('is the default command: netsnap FILE prints the summary', () => {
    const named = runCli(['summary', LEAK]);
    const implicit = runCli([LEAK]);
    expect(named.status).toBe(0);
    expect(implicit.status).toBe(0);
    expect(implicit.stdout).toBe(named.stdout);
    expect(named.stdout).toContain(`== ${LEAK} · netstat -tanp ==`);
    expect(named.stdout).toContain('WARNING  close_wait: java (pid 4242) holds 12 connections');
    expect(named.stderr).toBe('netsnap: 38 lines: 35 records, 3 structural, 0 skipped, 0 unparsed\n');
  });

  it('reads standard input, and writes JSON and markdown', () => {
    const json = runCli(['summary', '-f', 'json'], readSample(LEAK));
    expect(json.status).toBe(0);
    const s = JSON.parse(json.stdout) as { snapshots: { source: string; findings: { id: string }[] }[] };
    expect(s.snapshots[0]!.source).toBe('-');
    expect(s.snapshots[0]!.findings.map((f) => f.id)).toContain('close_wait');
    const md = runCli(['-f', 'markdown', LEAK]).stdout;
    expect(md).toMatch(/^### netsnap summary\n/);
    expect(md).toContain('| severity | finding | what it means | evidence |');
  });

  it('quotes the lines of the evidence from a file, not from standard input (read once)', () => {
    type Out = { snapshots: { findings: { id: string; lines: string[]; line_texts?: string[] }[] }[] };
    const row8 = 'tcp        1      0 10.20.0.15:8080         10.20.0.30:50100        CLOSE_WAIT  4242/java';
    expect(runCli(['summary', LEAK]).stdout).toContain(`evidence: ${LEAK}:8, 9, 10, 11, 12, 13, 14, 15, 16, 17 (and 2 more)\n              8 | ${row8}\n`);
    expect(runCli(['summary', '-f', 'markdown', LEAK]).stdout).toContain(`:\n\n     8 | ${row8}\n`);
    const file = (JSON.parse(runCli(['summary', '-f', 'json', LEAK]).stdout) as Out).snapshots[0]!.findings.find((f) => f.id === 'close_wait')!;
    expect(file.line_texts).toHaveLength(file.lines.length);
    expect(file.line_texts![0]).toBe(row8);
    const piped = runCli(['summary', '-f', 'json'], readSample(LEAK));
    expect((JSON.parse(piped.stdout) as Out).snapshots[0]!.findings.every((f) => !('line_texts' in f))).toBe(true);
    expect(runCli(['summary'], readSample(LEAK)).stdout).not.toContain(row8);
  });

  it('takes thresholds, and rejects bad ones with exit 2', () => {
    const off = runCli(['summary', '-f', 'json', '-t', 'close_wait=off', '--threshold', 'listen_all=off,syn_sent=off', LEAK]);
    const ids = (JSON.parse(off.stdout) as { snapshots: { findings: { id: string }[] }[] }).snapshots[0]!.findings.map((f) => f.id);
    expect(ids).not.toContain('close_wait');
    expect(ids).not.toContain('listen_all');
    expect(ids).not.toContain('syn_sent');
    expect(ids).toContain('send_q');
    const bad = runCli(['summary', '-t', 'close_wiat=3', LEAK]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('unknown name "close_wiat"');
    expect(bad.stderr).not.toMatch(/\n\s+at /);
  });

  it('compares snapshots across files', () => {
    const r = runCli(['summary', 'samples/findings/quiet.txt', 'samples/findings/growth-two-snapshots.txt']);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('== From the first snapshot to the last (inet) ==');
    expect(r.stdout).toContain('From samples/findings/quiet.txt snapshot 0 to samples/findings/growth-two-snapshots.txt snapshot 2');
  });

  it('exits 1 with --strict when a line could not be read, and is quiet with --quiet', () => {
    const text = `${readSample(LEAK)}tcp        0      0 127.0.0.1:80\n`;
    const loose = runCli(['summary', '-'], text);
    expect(loose.status).toBe(0);
    expect(loose.stderr).toContain('line ends early in Active Internet connections');
    expect(runCli(['summary', '--strict', '-'], text).status).toBe(1);
    const quiet = runCli(['summary', '-q', '-'], text);
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).toContain('close_wait');
  });

  it('exits 1 without netstat data and 2 for a missing file', () => {
    expect(runCli(['summary'], 'hello\n').status).toBe(1);
    expect(runCli(['no/such/file.txt']).status).toBe(2);
    expect(runCli(['no/such/file.txt']).stderr).toBe('netsnap: cannot read no/such/file.txt: no such file\n');
  });

  it('shows usage when run with nothing at all on a terminal', async () => {
    const io = fakeIO({ stdinTTY: true });
    expect(await main([], io.io)).toBe(2);
    expect(io.err()).toContain('name a file or pipe netstat output in');
  });

  it('colours the report on a terminal, not with NO_COLOR', async () => {
    const tty = fakeIO({ stdoutTTY: true });
    expect(await main(['summary', LEAK], tty.io)).toBe(0);
    expect(tty.out()).toContain('\x1b[33mWARNING \x1b[0m');
    const noColor = fakeIO({ stdoutTTY: true, env: { NO_COLOR: '1' } });
    await main(['summary', LEAK], noColor.io);
    expect(noColor.out()).not.toContain('\x1b');
    expect(runCli([LEAK]).stdout).not.toContain('\x1b');
  });
});
