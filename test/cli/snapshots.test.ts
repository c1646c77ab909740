/** `netsnap snapshots` through its real entry point, bin/netsnap.js, as a process. */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { SNAPSHOT_COLUMNS } from '../../src/cli/commands/snapshots.js';
import { KNOWN_FORMATS } from '../../src/parse/formats/index.js';
import { readSample, runCli } from '../helpers.js';

const SESSION = 'samples/sessions/bug-report-restart.txt';
const LOOP = 'samples/linux/netstat-an-dated.txt';

describe('netsnap snapshots', { timeout: 60_000 }, () => {
  it('lists each run: source, index, lines, timestamp, command and options, records by kind (json when piped)', () => {
    const r = runCli(['snapshots', SESSION, LOOP]);
    expect(r.status).toBe(0);
    const rows = JSON.parse(r.stdout) as { [k: string]: unknown }[];
    expect(rows).toHaveLength(7);
    expect(rows[0]).toEqual({
      source: SESSION, index: 0, first_line: 4, last_line: 25, timestamp: '2026-11-28T00:02:26+00:00',
      timestamp_text: 'Sat, 28 Nov 2026 00:02:26 +0000', command: 'date -R; netstat -tlnp', options: ['-t', '-l', '-n', '-p'],
      records: 18, inet: 18, unix: 0, interface: 0,
    });
    expect(rows.slice(4).map((x) => [x.source, x.index, x.timestamp, x.inet, x.unix])).toEqual([
      [LOOP, 0, '2026-11-28T00:02:26Z', 155, 43],
      [LOOP, 1, '2026-11-28T00:02:27Z', 155, 43],
      [LOOP, 2, '2026-11-28T00:02:28Z', 157, 43],
    ]);
    expect(r.stderr).toBe(`netsnap: ${SESSION}: skipped 4 lines that are not netstat output: 1-2, 33, 65\n`);
  });

  it('writes every format', () => {
    const table = runCli(['snapshots', '-f', 'table', LOOP]).stdout.split('\n');
    expect(table[0]).toMatch(/^source +index +first_line +last_line +timestamp +records +inet +unix$/);
    expect(table[1]).toMatch(/^samples\/linux\/netstat-an-dated\.txt +0 +1 +203 +2026-11-28T00:02:26Z +198 +155 +43$/);
    const md = runCli(['snapshots', '-f', 'markdown', LOOP]).stdout;
    expect(md).toContain('| source | index | first_line | last_line | timestamp | records | inet | unix |');
    const nd = runCli(['snapshots', '-f', 'ndjson', LOOP]).stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { last_line: number });
    expect(nd.map((x) => x.last_line)).toEqual([203, 406, 611]);
    const csv = parse(runCli(['snapshots', '-f', 'csv', 'samples/sessions/mixed-options.txt']).stdout, { columns: true }) as { [k: string]: string }[];
    expect(Object.keys(csv[0]!)).toEqual([...SNAPSHOT_COLUMNS, 'inet', 'unix', 'interface']);
    expect(csv.map((x) => [x.command, x.options, x.records])).toEqual([
      ['sudo netstat -tlnp', "'-t -l -n -p", '18'],
      ['netstat -un', "'-u -n", '4'],
      ['netstat -aw', "'-a -w", '4'],
      ['netstat --tcp -n -o -e', "'--tcp -n -o -e", '10'],
      ['netstat -xp', "'-x -p", '37'],
      ['netstat -ia', "'-i -a", '4'],
    ]);
  });

  it('shows options in a table and in markdown when a run has them', () => {
    const table = runCli(['snapshots', '-f', 'table', 'samples/sessions/mixed-options.txt']).stdout.split('\n');
    expect(table[0]).toMatch(/^source +index +first_line +last_line +command +options +records +inet +unix +interface$/);
    expect(table[1]).toMatch(/ +sudo netstat -tlnp +-t -l -n -p +18 +18 +0 +0$/);
    expect(table[4]).toMatch(/ +netstat --tcp -n -o -e +--tcp -n -o -e +10 +10 +0 +0$/);
    const md = runCli(['snapshots', '-f', 'markdown', 'samples/sessions/mixed-options.txt']).stdout.split('\n');
    expect(md[0]).toBe('| source | index | first_line | last_line | command | options | records | inet | unix | interface |');
    expect(md[2]).toBe('| samples/sessions/mixed-options.txt | 0 | 3 | 23 | sudo netstat -tlnp | -t -l -n -p | 18 | 18 | 0 | 0 |');
    // A run without a prompt has no options: the column is there when any run has them.
    const mixed = runCli(['snapshots', '-f', 'table', 'samples/sessions/mixed-options.txt', 'samples/sessions/netstat-ic.txt']).stdout.split('\n');
    expect(mixed[0]).toMatch(/ command +options +records /);
    expect(mixed[7]).toMatch(/^samples\/sessions\/netstat-ic\.txt +0 +1 +4 +2 +0 +0 +2$/);
  });

  it('reads standard input, and exits 1 when there is no netstat output', () => {
    const r = runCli(['snapshots', '-f', 'json'], readSample('samples/linux/netstat-c-tn.txt'));
    expect((JSON.parse(r.stdout) as { source: string }[]).map((x) => x.source)).toEqual(['-', '-', '-']);
    const none = runCli(['snapshots'], 'just some text\n');
    expect(none.status).toBe(1);
    expect(none.stdout).toBe('[]\n');
    expect(none.stderr).toContain(`netsnap: no netstat output found; netsnap reads ${KNOWN_FORMATS}\n`);
  });
});
