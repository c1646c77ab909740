/** `netsnap query` through its real entry point, bin/netsnap.js, as a process. */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/index.js';
import { queryKinds } from '../../src/query/fields.js';
import type { InetRecord } from '../../src/types.js';
import { ROOT, readSample, runCli } from '../helpers.js';

const ANP = 'samples/linux/netstat-anp.txt';
const inet = parseText(readSample(ANP)).records.filter((r): r is InetRecord => r.kind === 'inet');

/** Sockets per state, most first, ties by state: computed here, not by netsnap. */
function perState(): { state: string | null; count: number }[] {
  const m = new Map<string | null, number>();
  for (const r of inet) m.set(r.state, (m.get(r.state) ?? 0) + 1);
  return [...m]
    .map(([state, count]) => ({ state, count }))
    .sort((a, b) => b.count - a.count || (a.state === null ? 1 : b.state === null ? -1 : a.state < b.state ? -1 : 1));
}

// Each case starts node several times; on a busy machine that takes a while.
describe('netsnap query', { timeout: 120_000 }, () => {
  it('groups and counts, written as JSON when piped', () => {
    const r = runCli(['query', '--group-by', 'state', '--sort', '-count,state', ANP]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(perState());
    expect(r.stderr).toBe(
      'netsnap: 198 lines: 194 records, 4 structural, 0 skipped, 0 unparsed\nnetsnap: queried inet records; left out unix (43); choose with --kind\n',
    );
  });

  it('takes "-count" after --sort and -s, and --sort=-count', () => {
    const a = runCli(['query', '-q', '-g', 'state', '-s', '-count,state', ANP]);
    const b = runCli(['query', '-q', '-g', 'state', '--sort=-count,state', ANP]);
    expect(a.status).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    expect(JSON.parse(a.stdout)).toEqual(perState());
  });

  it('writes every format', () => {
    const args = ['query', '-q', '-g', 'state', '--agg', 'count,sum(recv_q)', '-s', '-count,state', '--limit', '3'];
    const expected = perState().slice(0, 3).map((g) => ({ ...g, sum_recv_q: inet.filter((r) => r.state === g.state).reduce((n, r) => n + Number(r.recv_q), 0) }));
    const table = runCli([...args, '-f', 'table', ANP]).stdout;
    expect(table).toBe(
      ['state        count  sum_recv_q', ...expected.map((e) => `${e.state!.padEnd(11)}  ${String(e.count).padStart(5)}  ${String(e.sum_recv_q).padStart(10)}`), ''].join('\n'),
    );
    const ndjson = runCli([...args, '-f', 'ndjson', ANP]).stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as object);
    expect(ndjson).toEqual(expected);
    const csv = parse(runCli([...args, '-f', 'csv', ANP]).stdout, { columns: true, cast: true }) as object[];
    expect(csv).toEqual(expected);
    const md = runCli([...args, '-f', 'markdown', ANP]).stdout;
    expect(md.split('\n').slice(0, 3)).toEqual(['| state | count | sum_recv_q |', '| --- | ---: | ---: |', `| ${expected[0]!.state} | ${expected[0]!.count} | ${expected[0]!.sum_recv_q} |`]);
  });

  it('lists records with a condition, selected columns and computed fields', () => {
    const r = runCli(['query', '-q', '-f', 'ndjson', '--where', 'is_listening and not is_loopback', '--select', 'proto,local_ip,local_port,scope', 'samples/linux/netstat-tulpn.txt']);
    expect(r.status).toBe(0);
    const rows = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { proto: string; local_ip: string; scope: string });
    const tulpn = parseText(readSample('samples/linux/netstat-tulpn.txt')).records as InetRecord[];
    const wild = tulpn.filter((x) => x.local_address === '0.0.0.0' || x.local_address === '::');
    expect(rows).toEqual(wild.map((x) => ({ proto: x.proto, local_ip: x.local_address, local_port: x.local_port, scope: 'all' })));
    expect(rows.length).toBeGreaterThan(0);
  });

  it('writes whole records as CSV for a listing, and reads standard input', () => {
    const r = runCli(['query', '-q', '-f', 'csv', '--where', 'state = ESTABLISHED and foreign_address in 127.0.0.0/8', '-'], readSample(ANP));
    const rows = parse(r.stdout, { columns: true }) as { state: string; source: string; foreign_address: string }[];
    expect(rows).toHaveLength(inet.filter((x) => x.state === 'ESTABLISHED' && x.foreign_address.startsWith('127.')).length);
    expect(rows.length).toBeGreaterThan(0);
    // "-" (standard input) starts like a formula, so CSV writes it escaped.
    expect(rows.every((x) => x.state === 'ESTABLISHED' && x.source === "'-")).toBe(true);
  });

  it('queries unix records with --kind, and says when the input has none', () => {
    const unix = runCli(['query', '-f', 'json', '--kind', 'unix', '--group-by', 'type', ANP]);
    expect(unix.status).toBe(0);
    expect((JSON.parse(unix.stdout) as { count: number }[]).reduce((n, r) => n + r.count, 0)).toBe(43);
    expect(unix.stderr).toBe('netsnap: 198 lines: 194 records, 4 structural, 0 skipped, 0 unparsed\n');
    const none = runCli(['query', '--kind', 'unix', 'samples/linux/netstat-tulpn.txt']);
    expect(none.status).toBe(0);
    expect(none.stdout).toBe('[]\n');
    expect(none.stderr).toContain('netsnap: no unix records in the input (it has inet (28)); choose with --kind\n');
  });

  it('exits 2 with the error pointed out, no stack trace', () => {
    const cases: [string[], string][] = [
      [['--where', 'state = '], 'netsnap: --where, column 9: expected a value after "="\n  | state = \n  |         ^\n'],
      [['--where', 'local_port > abc'], 'netsnap: --where, column 14: type mismatch: local_port > needs a number, not "abc"\n  | local_port > abc\n  |              ^^^\n'],
      [['--kind', 'sockets'], `netsnap: --kind: unknown record kind "sockets"\n  kinds: ${queryKinds().join(', ')}\n`],
      [['--snapshot', 'middle'], 'netsnap: --snapshot: "middle" is not a snapshot: use a number from 0, first, last or all\n'],
      [['--frobnicate'], 'netsnap: Unknown argument: frobnicate\n'],
      // yargs named it twice, as typed and in camelCase.
      [['--help-me'], 'netsnap: Unknown argument: help-me\n'],
      // --limit shows what was typed (it showed "null" for text and read "--limit=" as 0).
      [['--limit', 'abc'], 'netsnap: --limit: "abc" is not a limit: use a whole number from 0\n'],
      [['--limit='], 'netsnap: --limit: "" is not a limit: use a whole number from 0\n'],
      [['-n', '0x10'], 'netsnap: --limit: "0x10" is not a limit: use a whole number from 0\n'],
      [['-n', '2', '-n', '3'], 'netsnap: --limit: given 2 times (2, 3): give it once\n'],
    ];
    for (const [args, stderr] of cases) {
      const r = runCli(['query', ...args, ANP]);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toBe(stderr);
      expect(r.stdout).toBe('');
    }
    const unknown = runCli(['query', '--where', 'stat = LISTEN', ANP]);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr.split('\n').slice(0, 4)).toEqual([
      'netsnap: --where, column 1: unknown field "stat" for inet records; did you mean "state"?',
      '  | stat = LISTEN',
      '  | ^^^^',
      expect.stringMatching(/^ {2}inet fields: kind, snapshot, source, line, platform, proto, .*, is_loopback, scope$/),
    ]);
  });

  it('averages counters past 2^53 exactly when the mean is a whole number', () => {
    const text = [
      'Kernel Interface table',
      'Iface             MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg',
      'eth0             1500 18446744073709551615      0      0 0    9007199254740993      0      0      0 BMRU',
      'eth1             1500 18446744073709551617      0      0 0    9007199254740995      0      0      0 BMRU',
      '',
    ].join('\n');
    const one = runCli(['query', '-q', '-k', 'interface', '-w', 'iface = eth0', '-a', 'avg(tx_ok),sum(tx_ok)', '-f', 'csv', '-'], text);
    expect(one.stdout).toBe('avg_tx_ok,sum_tx_ok\n9007199254740993,9007199254740993\n');
    const two = runCli(['query', '-q', '-k', 'interface', '-a', 'avg(tx_ok),avg(rx_ok)', '-f', 'json', '-'], text);
    expect(two.stdout).toBe('[\n{"avg_tx_ok":9007199254740994,"avg_rx_ok":18446744073709551616}\n]\n');
  });

  it('exits 1 when the input has no netstat output', () => {
    const r = runCli(['query', '-g', 'state'], 'hello\n');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('no netstat output found');
  });

  it('survives a regex that backtracks badly on a hostile line', () => {
    const path = `/tmp/${'a'.repeat(30_000)}!`;
    const text = `Active UNIX domain sockets (servers and established)\nProto RefCnt Flags       Type       State         I-Node   Path\nunix  2      [ ACC ]     STREAM     LISTENING     24593    ${path}\n`;
    const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'netsnap.js'), 'query', '-q', '--kind', 'unix', '--where', 'path ~ "a*a*a*b"', '-'], {
      input: text,
      timeout: 60_000,
      encoding: 'utf8',
    });
    expect(r.signal).toBeNull();
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('[]\n');
  });

  it('has --help with examples', () => {
    const help = runCli(['query', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('Examples:');
    expect(help.stdout).toContain('--group-by');
    expect(help.stdout).toContain('--where');
  });
});
