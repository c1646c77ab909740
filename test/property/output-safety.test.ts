/**
 * Output that is safe to open: CSV a spreadsheet will not run as formulas, read back with a real
 * CSV reader; terminal tables and markdown that never send a control character raw; numbers, negative
 * ones and those beyond 2^53 included, written as numbers and exactly.
 */
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/index.js';
import type { NetRecord } from '../../src/types.js';
import { writeRows } from '../helpers.js';

const UNIX_HEADER = 'Proto RefCnt Flags       Type       State         I-Node   PID/Program name     Path';

/** netstat -xp rows whose program names and paths start with what a spreadsheet would run. */
const UNIX_ROWS = [
  'unix  2      [ ACC ]     STREAM     LISTENING     1001     42/-bash             /tmp/=cmd|calc!A1',
  'unix  2      [ ACC ]     STREAM     LISTENING     1002     43/+plus             @=HYPERLINK("http://x")',
  'unix  2      [ ]         DGRAM                    1003     44/@at               -dash-path',
  'unix  2      [ ]         DGRAM                    1004     45/=eq               +plus,comma"quote',
];

describe('CSV', () => {
  const records = parseText(`${UNIX_HEADER}\n${UNIX_ROWS.join('\n')}\n`).records as NetRecord[];

  it('escapes cells starting with = + - @ tab or CR from real parsed records, and reads back with csv-parse', () => {
    expect(records).toHaveLength(4);
    const rows = parse(writeRows('csv', records), { columns: true }) as { [k: string]: string }[];
    expect(rows.map((r) => [r.program_name, r.path])).toEqual([
      ["'-bash", '/tmp/=cmd|calc!A1'],
      ["'+plus", '\'@=HYPERLINK("http://x")'],
      ["'@at", "'-dash-path"],
      ["'=eq", '\'+plus,comma"quote'],
    ]);
    // Numbers stay numbers: the inode and pid columns are bare digits.
    expect(rows.map((r) => [r.inode, r.pid])).toEqual([
      ['1001', '42'],
      ['1002', '43'],
      ['1003', '44'],
      ['1004', '45'],
    ]);
  });

  it('writes numbers as numbers, negative ones and those beyond 2^53 included; strings that look like numbers are escaped', () => {
    const csv = writeRows('csv', [
      { kind: 'x', delta: -5, big: -18446744073709551615n, expires: -0.01, zero: 0, text: '-5', tab: '\tx', cr: '\rx', plain: 'a b' },
    ]);
    const line = csv.split('\n')[1]!;
    expect(line.startsWith('x,-5,-18446744073709551615,-0.01,0,')).toBe(true);
    const [row] = parse(csv, { columns: true }) as { [k: string]: string }[];
    expect(row).toEqual({ kind: 'x', delta: '-5', big: '-18446744073709551615', expires: '-0.01', zero: '0', text: "'-5", tab: "'\tx", cr: "'\rx", plain: 'a b' });
  });

  it('quotes commas, quotes and line breaks inside fields so they read back whole', () => {
    const values = ['a,b', 'say "hi"', 'two\nlines', 'cr\r\nlf', ' lead and trail ', '', '"', ',,,'];
    const rows = values.map((v, i) => ({ kind: 'x', i, v }));
    const back = parse(writeRows('csv', rows), { columns: true }) as { i: string; v: string }[];
    expect(back.map((r) => r.v)).toEqual(values);
    expect(back.map((r) => r.i)).toEqual(values.map((_, i) => String(i)));
  });
});

describe('terminal tables and markdown', () => {
  // A program name with a bell, a backspace and a C1 control (net-tools prints the bytes it finds;
  // escape sequences themselves are removed when lines are read).
  const text = `${UNIX_HEADER}\nunix  2      [ ]         STREAM     CONNECTED     1005     46/ev\x07il\x08\x85x2J    /run/x\u2028y\n`;
  const records = parseText(text).records;

  it('show control characters escaped, never raw', () => {
    expect(records).toHaveLength(1);
    expect((records[0] as { program_name: string }).program_name).toBe('ev\x07il\x08\x85x2J');
    for (const format of ['table', 'markdown'] as const) {
      const out = writeRows(format, records);
      expect(out).not.toMatch(/[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]/);
      // Markdown escapes the backslash too, so that it shows as typed.
      const bs = format === 'markdown' ? '\\\\' : '\\';
      expect(out).toContain(`ev${bs}x07il${bs}x08${bs}x85x2J`);
      expect(out).toContain(`/run/x${bs}u2028y`);
    }
  });

  it('write integers beyond 2^53 with every digit', () => {
    const rows = [{ kind: 'x', rx: 18446744073709551615n, tx: 9007199254740993n }];
    for (const format of ['table', 'markdown', 'json', 'ndjson', 'csv'] as const) {
      const out = writeRows(format, rows);
      expect(out, format).toContain('18446744073709551615');
      expect(out, format).toContain('9007199254740993');
    }
  });
});
