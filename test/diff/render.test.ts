/** Every output format of a diff. */
import { parse as parseCsv } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { DIFF_ROW_COLUMNS, diffSnapshots, parseText, writeDiffs, type InetRecord, type SnapshotDiff } from '../../src/index.js';
import { StringOut } from '../../src/output/writer.js';
import type { OutputFormat } from '../../src/output/writer.js';
import { readSample } from '../helpers.js';

function knownDiff(): SnapshotDiff {
  const a = parseText(readSample('samples/diff/before.txt'), { source: 'before.txt' });
  const b = parseText(readSample('samples/diff/after.txt'), { source: 'after.txt' });
  return diffSnapshots(a.records, b.records, { before: a.snapshotInfo[0]!, after: b.snapshotInfo[0]! });
}

function render(format: OutputFormat, diffs = [knownDiff()]): string {
  const out = new StringOut();
  writeDiffs(diffs, format, out);
  return out.toString();
}

describe('diff output', () => {
  it('table: the two snapshots and the summary first, then a table per section', () => {
    const text = render('table');
    const lines = text.split('\n');
    expect(lines[0]).toBe('before.txt snapshot 0 (Sat Nov 28 00:02:26 UTC 2026) -> after.txt snapshot 0 (Sat Nov 28 00:07:26 UTC 2026), 300 s later');
    expect(lines[1]).toBe(knownDiff().summary);
    const headings = lines.filter((l, i) => i > 1 && lines[i - 1] === '' && l !== '');
    expect(headings).toEqual([
      'Added: Internet sockets (6)',
      'Removed: Internet sockets (3)',
      'Changed (3)',
      'Sockets by state',
      'Sockets by program (5 of 18 rows changed)',
      'Interfaces',
    ]);
    expect(text).toContain('tcp         1       0  127.0.0.1:9000  127.0.0.1:39410  CLOSE_WAIT  17426  api-gateway     45\n');
    expect(text).toMatch(/inet {2}tcp 127\.0\.0\.1:57188 127\.0\.0\.1:7003 {2}state {3}SYN_SENT {2}ESTABLISHED +27 +26\n +send_q {2}1 +0\n/);
    expect(text).toMatch(/\nlo +RX-OK +750 +12 +reset or wrapped\n/);
    expect(text).toMatch(/\nwg0 +appeared\n/);
  });

  it('json: an array of diffs, exact and complete', () => {
    const text = render('json');
    const data = JSON.parse(text) as SnapshotDiff[];
    const d = knownDiff();
    expect(data).toHaveLength(1);
    expect(data[0]!.summary).toBe(d.summary);
    expect(data[0]!.counts).toEqual(d.counts);
    expect(data[0]!.changed).toEqual(JSON.parse(JSON.stringify(d.changed)));
    expect(data[0]!.interfaces.map((i) => i.iface)).toEqual(['eth0', 'ifb0', 'lo', 'wg0', 'ifb1']);
    expect(data[0]!.before!.timestamp).toBe('2026-11-28T00:02:26Z');
    expect(render('json', [])).toBe('[]\n');
  });

  it('ndjson and csv: the same flat rows, one per record, changed field, count, counter and note', () => {
    const nd = render('ndjson').trimEnd().split('\n').map((l) => JSON.parse(l) as { [k: string]: unknown });
    const csv = parseCsv(render('csv'), { columns: true }) as { [k: string]: string }[];
    expect(Object.keys(nd[0]!)).toEqual([...DIFF_ROW_COLUMNS]);
    expect(Object.keys(csv[0]!)).toEqual([...DIFF_ROW_COLUMNS]);
    expect(csv).toHaveLength(nd.length);
    const sections = (rows: { [k: string]: unknown }[]) => rows.map((r) => `${String(r.section)}/${String(r.change)}`);
    expect(sections(csv)).toEqual(sections(nd));
    const count = (s: string) => sections(nd).filter((x) => x === s).length;
    expect([count('summary/differs'), count('records/added'), count('records/removed'), count('records/changed')]).toEqual([1, 6, 3, 4]);
    expect(count('states/count')).toBe(7);
    expect(count('interfaces/appeared') + count('interfaces/disappeared')).toBe(2);
    const err = nd.find((r) => r.key === 'eth0' && r.field === 'rx_err')!;
    expect([err.before, err.after, err.delta, err.rate]).toEqual([0, 40, 40, 0.133]);
    const added = nd.find((r) => r.change === 'added')!;
    expect(added).toMatchObject({ kind: 'inet', key: 'tcp 0.0.0.0:9090 0.0.0.0:*', after: 'state=LISTEN recv_q=0 send_q=0 pid=18002 program_name=metrics', line_after: 17 });
    expect(nd[0]).toMatchObject({ from: 'before.txt#0', to: 'after.txt#0', delta: 300, before: '2026-11-28T00:02:26Z' });
    // CSV: numbers as numbers, the summary (it starts with "+") escaped against formulas.
    expect(csv.find((r) => r.key === 'eth0' && r.field === 'rx_err')!.delta).toBe('40');
    expect(csv[0]!.note!.startsWith("'+6 -3 ~3 sockets")).toBe(true);
  });

  it('markdown: a heading, the summary, then tables ready to paste', () => {
    const md = render('markdown');
    expect(md.startsWith('## before.txt snapshot 0 (Sat Nov 28 00:02:26 UTC 2026) -\\> after.txt snapshot 0')).toBe(true);
    expect(md).toContain('\n**+6 -3 \\~3 sockets (37 unchanged)');
    expect(md).toContain('### Added: Internet sockets (6)\n\n| proto | recv_q | send_q | local | foreign | state | pid | program_name | line |\n| --- | ---: | ---: | --- | --- | --- | ---: | --- | ---: |\n');
    expect(md).toContain('| tcp | 0 | 0 | 127.0.0.1:6432 | 0.0.0.0:\\* | LISTEN | 17429 | pgbouncer | 8 |');
  });

  it('writes several diffs one after the other', () => {
    const d = knownDiff();
    expect(JSON.parse(render('json', [d, d]))).toHaveLength(2);
    const csv = render('csv', [d, d]).trimEnd().split('\n');
    expect(csv.filter((l) => l.startsWith('from,'))).toHaveLength(1);
    expect(render('table', [d, d]).split(d.summary)).toHaveLength(3);
  });

  it('shows control characters escaped, never raw', () => {
    // The input layer removes terminal escape sequences by design ("\x1bc" is ESC c, a terminal
    // reset, and goes); other control characters (BEL, backspace, C1 NEL) are data and reach records.
    const header = 'Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name\n';
    const a = parseText(`${header}tcp        0      0 10.0.0.1:22             10.0.0.9:5000           ESTABLISHED 7/a\x07b\x08c\x85d\x1bce\n`).records;
    expect(a[0]).toMatchObject({ program_name: 'a\x07b\x08c\x85de' });
    // A record from the library may hold anything, ESC too: the renderer escapes it all the same.
    const b: InetRecord[] = [{ ...(a[0] as InetRecord), local_port: '23', program_name: 'x\x1b[2Jy' }];
    const d = diffSnapshots([], [...a, ...b]);
    for (const f of ['table', 'markdown'] as const) {
      const text = render(f, [d]);
      expect(text).not.toMatch(/[\x07\x08\x85\x1b]/);
      expect(text).toMatch(/a\\+x07b\\+x08c\\+x85de/);
      expect(text).toMatch(/x\\+x1b\\?\[2Jy/); // markdown escapes the bracket too
    }
  });
});
