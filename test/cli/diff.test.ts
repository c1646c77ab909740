/** `netsnap diff` through its real entry point, bin/netsnap.js, as a process. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { KNOWN_FORMATS } from '../../src/parse/formats/index.js';
import { readSample, runCli } from '../helpers.js';
import { fakeIO } from './fake-io.js';

const BEFORE = 'samples/diff/before.txt';
const AFTER = 'samples/diff/after.txt';
const SUMMARY =
  '+6 -3 ~3 sockets (37 unchanged); CLOSE_WAIT +5, TIME_WAIT -2, ESTABLISHED +1, SYN_SENT -1; eth0 RX-ERR +40, RX-DRP +3; lo counters reset; wg0 appeared; ifb1 disappeared';

// Each case starts node processes; on a busy machine that takes seconds.
describe('netsnap diff', { timeout: 60_000 }, () => {
  it('compares two files: a readable table by default, the summary first', () => {
    const r = runCli(['diff', BEFORE, AFTER]);
    expect(r.status).toBe(0);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe(
      `${BEFORE} snapshot 0 (Sat Nov 28 00:02:26 UTC 2026) -> ${AFTER} snapshot 0 (Sat Nov 28 00:07:26 UTC 2026), 300 s later`,
    );
    expect(lines[1]).toBe(SUMMARY);
    expect(r.stdout).toContain('\nAdded: Internet sockets (6)\n');
    expect(r.stdout).toMatch(/\neth0 +RX-OK +2749 +5120 +2371 +7\.903\n +RX-ERR +0 +40 +40 +0\.133\n/);
    expect(r.stderr).toBe('');
  });

  it('writes json, ndjson, csv and markdown', () => {
    const json = JSON.parse(runCli(['diff', '-f', 'json', BEFORE, AFTER]).stdout) as { summary: string; counts: unknown }[];
    expect(json.map((d) => d.summary)).toEqual([SUMMARY]);
    const nd = runCli(['diff', '-f', 'ndjson', BEFORE, AFTER]).stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { section: string; change: string });
    expect(nd.filter((r) => r.section === 'records').map((r) => r.change).join(' ')).toBe(
      'added added added added added added removed removed removed changed changed changed changed',
    );
    const csv = parse(runCli(['diff', '-f', 'csv', BEFORE, AFTER]).stdout, { columns: true }) as { section: string; key: string; field: string; delta: string }[];
    expect(csv).toHaveLength(nd.length);
    expect(csv.find((r) => r.key === 'eth0' && r.field === 'rx_drp')!.delta).toBe('3');
    const md = runCli(['diff', '-f', 'markdown', BEFORE, AFTER]).stdout;
    expect(md).toContain('### Removed: Internet sockets (3)\n\n| proto |');
  });

  it('--exit-code: 1 when the snapshots differ, 0 when they do not', () => {
    expect(runCli(['diff', '--exit-code', BEFORE, AFTER]).status).toBe(1);
    const same = runCli(['diff', '--exit-code', '-f', 'json', BEFORE, BEFORE]);
    expect(same.status).toBe(0);
    expect((JSON.parse(same.stdout) as { differs: boolean }[])[0]!.differs).toBe(false);
    expect(runCli(['diff', BEFORE, AFTER]).status).toBe(0);
  });

  it('compares each consecutive pair of one file, or the pair --from and --to name', () => {
    const loop = 'samples/linux/netstat-an-dated.txt';
    const all = JSON.parse(runCli(['diff', '-f', 'json', loop]).stdout) as { before: { index: number }; after: { index: number }; seconds: number }[];
    expect(all.map((d) => [d.before.index, d.after.index, d.seconds])).toEqual([
      [0, 1, 1],
      [1, 2, 1],
    ]);
    const ends = JSON.parse(runCli(['diff', '-f', 'json', '--from', '0', '--to', '-1', loop]).stdout) as { before: { index: number }; after: { index: number } }[];
    expect(ends.map((d) => [d.before.index, d.after.index])).toEqual([[0, 2]]);
    const netstatC = runCli(['diff', 'samples/linux/netstat-c-tn.txt']);
    expect(netstatC.stdout.split('\n').filter((l) => l.includes(' -> '))).toEqual([
      'samples/linux/netstat-c-tn.txt snapshot 0 -> samples/linux/netstat-c-tn.txt snapshot 1',
      'samples/linux/netstat-c-tn.txt snapshot 1 -> samples/linux/netstat-c-tn.txt snapshot 2',
    ]);
  });

  it('--from and --to pick snapshots of two files', () => {
    const loop = 'samples/sessions/dated-loop-variants.txt';
    const d = JSON.parse(runCli(['diff', '-f', 'json', '--from', '2', '--to', 'last', loop, loop]).stdout) as {
      before: { index: number }; after: { index: number }; seconds: number; interfaces: { iface: string; counters: { counter: string; reset: boolean }[] }[];
    }[];
    expect([d[0]!.before.index, d[0]!.after.index, d[0]!.seconds]).toEqual([2, 4, 119.877]);
  });

  it('--key matches on other fields; --ignore leaves fields out', () => {
    const a = 'Proto Recv-Q Send-Q Local Address           Foreign Address         State\ntcp        0      0 10.0.0.1:80             0.0.0.0:*               LISTEN\n';
    const b = a.replace('10.0.0.1:80 ', '10.0.0.2:80 ').replace('0      0', '5      0');
    const files = (x: string) => `$ netstat -ltn\n${x}`;
    const input = `${files(a)}${files(b)}`;
    const byDefault = JSON.parse(runCli(['diff', '-f', 'json', '-'], input).stdout) as { counts: { inet: object } }[];
    expect(byDefault[0]!.counts.inet).toEqual({ added: 1, removed: 1, changed: 0, unchanged: 0 });
    const byPort = JSON.parse(runCli(['diff', '-f', 'json', '--key', 'proto,local_port', '-'], input).stdout) as { changed: { changes: { field: string }[] }[] }[];
    expect(byPort[0]!.changed[0]!.changes.map((c) => c.field)).toEqual(['local_address', 'recv_q']);
    const ignoring = JSON.parse(runCli(['diff', '-f', 'json', '--key', 'proto,local_port', '--ignore', 'recv_q', '-'], input).stdout) as { changed: { changes: { field: string }[] }[] }[];
    expect(ignoring[0]!.changed[0]!.changes.map((c) => c.field)).toEqual(['local_address']);
  });

  it('takes garbage without crashing: binary input is no netstat output (2), binary between snapshots is skipped', () => {
    let seed = 3;
    const bytes = Buffer.alloc(50_000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) >>> 24;
    const binary = runCli(['diff', '-', AFTER], bytes);
    // As the other commands say it, with what netsnap reads, but exit 2: here it is trouble.
    expect([binary.status, binary.stderr]).toEqual([2, `netsnap: -: no netstat output found; netsnap reads ${KNOWN_FORMATS}\n`]);
    const mixed = Buffer.concat([Buffer.from(readSample(BEFORE)), bytes, Buffer.from(`\n${readSample(AFTER)}`)]);
    const r = runCli(['diff', '-q', '-'], mixed);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n')[1]).toBe(SUMMARY);
  });

  it('reads standard input as either side', () => {
    const r = runCli(['diff', '-', AFTER], readSample(BEFORE));
    expect(r.stdout.split('\n')[1]).toBe(SUMMARY);
    const s = runCli(['diff', BEFORE, '-'], readSample(AFTER));
    expect(s.stdout.split('\n')[1]).toBe(SUMMARY);
  });

  it('exits 2 with one line for trouble: no such file, no netstat output, no such snapshot, bad options', () => {
    const cases: [string[], string][] = [
      [['diff', 'nope.txt', AFTER], 'netsnap: cannot read nope.txt: no such file\n'],
      [['diff', 'package.json', AFTER], `netsnap: package.json: no netstat output found; netsnap reads ${KNOWN_FORMATS}\n`],
      [['diff', BEFORE, 'package.json'], `netsnap: package.json: no netstat output found; netsnap reads ${KNOWN_FORMATS}\n`],
      [['diff', 'package.json'], `netsnap: package.json: no netstat output found; netsnap reads ${KNOWN_FORMATS}\n`],
      [['diff', BEFORE, AFTER, '--to', '3'], `netsnap: ${AFTER} has 1 snapshot (0-0): there is no snapshot 3\n`],
      [['diff', BEFORE], `netsnap: ${BEFORE} has one snapshot: nothing to compare it with (give a second file)\n`],
      [['diff', '--key', 'nope', BEFORE, AFTER], 'netsnap: --key: no record has a field "nope" (fields are listed in the README\'s record schema)\n'],
      [['diff', '--from', 'middle', BEFORE, AFTER], 'netsnap: not a snapshot: middle (give an index from 0, a negative index from the end, first or last)\n'],
    ];
    for (const [args, stderr] of cases) {
      const r = runCli(args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.split('\n')[0] + '\n', args.join(' ')).toBe(stderr);
    }
  });

  it('reports skipped commentary on standard error, and reads a pasted session', () => {
    const r = runCli(['diff', '-f', 'json', '--from', '0', '--to', '2', 'samples/sessions/bug-report-restart.txt']);
    expect(r.status).toBe(0);
    const d = (JSON.parse(r.stdout) as { changed: { key: { local_port: string }; changes: { field: string; before: number; after: number }[] }[]; removed: { local_port: string }[]; seconds: number }[])[0]!;
    expect(d.seconds).toBe(104);
    expect(d.removed.map((x) => x.local_port)).toEqual(['8443']);
    expect(d.changed.map((c) => [c.key.local_port, c.changes[0]!.before, c.changes[0]!.after])).toEqual([
      ['8081', 17425, 18001],
      ['8080', 17425, 18001],
      ['80', 17425, 18001],
      ['443', 17425, 18001],
    ]);
    // Reading stops after snapshot 2: the last line ("Thanks!") is never read.
    expect(r.stderr).toBe('netsnap: samples/sessions/bug-report-restart.txt: skipped 3 lines that are not netstat output: 1-2, 33\n');
  });

  it('colours its tables on a terminal, not with NO_COLOR or in a pipe', async () => {
    const tty = fakeIO({ stdoutTTY: true });
    expect(await main(['diff', BEFORE, AFTER], tty.io)).toBe(0);
    expect(tty.out()).toContain('\x1b[31mCLOSE_WAIT\x1b[0m');
    const noColor = fakeIO({ stdoutTTY: true, env: { NO_COLOR: '1' } });
    await main(['diff', BEFORE, AFTER], noColor.io);
    expect(noColor.out()).not.toContain('\x1b');
    expect(noColor.out()).toContain('CLOSE_WAIT');
    expect(runCli(['diff', BEFORE, AFTER]).stdout).not.toContain('\x1b');
  });

  it('reads files of 8 MB and more in worker threads (the built CLI), with the diff it gives reading them in turn', { timeout: 120_000 }, () => {
    // Two generated `netstat -anp` files of 100k lines (about 9 MB each) sharing 90% of their sockets.
    const dir = mkdtempSync(join(tmpdir(), 'netsnap-'));
    const generate = (name: string, args: string[]): string => {
      const file = join(dir, name);
      writeFileSync(file, execFileSync(process.execPath, ['scripts/gen-netstat.mjs', '--lines', '100000', ...args], { maxBuffer: 1 << 26 }));
      expect(statSync(file).size).toBeGreaterThan(8 << 20);
      return file;
    };
    const a = generate('a.txt', ['--seed', '7']);
    const b = generate('b.txt', ['--seed', '8', '--share-from', '7', '--share', '0.9']);
    const parallel = runCli(['diff', '-f', 'json', '--parallel', a, b]);
    const inTurn = runCli(['diff', '-f', 'json', '--no-parallel', a, b]);
    expect(parallel.status).toBe(0);
    expect(parallel.stdout).toBe(inTurn.stdout);
    const [d] = JSON.parse(parallel.stdout) as { unchanged: number; added: unknown[]; removed: unknown[] }[];
    expect(d!.unchanged).toBeGreaterThan(85_000);
    expect(d!.added.length).toBeGreaterThan(5_000);
    expect(d!.removed.length).toBeGreaterThan(5_000);
  });
});
