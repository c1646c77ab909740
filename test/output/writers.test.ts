import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/index.js';
import { COLUMNS } from '../../src/output/columns.js';
import { readSample, writeRows } from '../helpers.js';

const records = parseText(readSample('samples/linux/netstat-aenopW.txt')).records;
const inet = records.filter((r) => r.kind === 'inet');

describe('json and ndjson', () => {
  it('write one array, or one object per line, that JSON.parse reads back', () => {
    const json = JSON.parse(writeRows('json', records)) as unknown[];
    expect(json).toHaveLength(records.length);
    const lines = writeRows('ndjson', records).trimEnd().split('\n');
    expect(lines).toHaveLength(records.length);
    expect(JSON.parse(lines[0]!)).toEqual(json[0]);
    expect(writeRows('json', [])).toBe('[]\n');
  });

  it('write integers beyond 2^53 exactly', () => {
    const out = writeRows('ndjson', [{ kind: 'x', rx_ok: 18446744073709551615n, n: 9007199254740993n }]);
    expect(out).toBe('{"kind":"x","rx_ok":18446744073709551615,"n":9007199254740993}\n');
  });
});

describe('csv', () => {
  it('writes the documented columns and reads back with a CSV parser', () => {
    const csv = writeRows('csv', inet);
    const rows = parse(csv, { columns: true }) as { [k: string]: string }[];
    expect(Object.keys(rows[0]!)).toEqual(COLUMNS.inet);
    expect(rows).toHaveLength(inet.length);
    expect(rows[0]!.program_name).toBe((inet[0] as { program_name: string }).program_name);
  });

  it('escapes cells that a spreadsheet would run as formulas, but keeps negative numbers numbers', () => {
    const csv = writeRows('csv', [
      { kind: 'x', path: '=cmd|"/c calc"!A1', program: '+sum', at: '@x', neg: -5, big: -18446744073709551615n, dash: '-1' },
      { kind: 'x', path: 'a,b "q"\nnext', program: '\tlead', at: '\rcr', neg: 0, big: 1n, dash: '-' },
    ]);
    const rows = parse(csv, { columns: true }) as { [k: string]: string }[];
    expect(rows[0]).toEqual({
      kind: 'x', path: '\'=cmd|"/c calc"!A1', program: "'+sum", at: "'@x", neg: '-5', big: '-18446744073709551615', dash: "'-1",
    });
    expect(rows[1]).toEqual({ kind: 'x', path: 'a,b "q"\nnext', program: "'\tlead", at: "'\rcr", neg: '0', big: '1', dash: "'-" });
  });
});

describe('table and markdown', () => {
  it('aligns columns, right-aligns numbers and leaves out columns the input lacks', () => {
    const table = writeRows('table', inet.slice(0, 3));
    const lines = table.split('\n');
    expect(lines[0]).toBe('Internet sockets');
    expect(lines[1]).toMatch(/^proto\s+recv_q\s+send_q\s+local_address\s+local_port\s+foreign_address\s+foreign_port\s+state\s+user\s+inode\s+pid\s+program_name\s+timer$/);
    expect(lines[2]).toMatch(/^tcp\s+0\s+0\s+127\.0\.0\.1\s+7001\s+0\.0\.0\.0\s+\*\s+LISTEN\s+0\s+24079\s+17431\s+very-long-dae\s+off \(0\.00\/0\/0\)$/);
    expect(lines[1]!.indexOf('recv_q') + 'recv_q'.length).toBe(lines[2]!.indexOf('0') + 1);
  });

  it('shows control characters escaped, never raw', () => {
    const out = writeRows('table', [{ kind: 'x', program_name: 'evil\x1b[2Jname\x07' }]);
    expect(out).not.toMatch(/[\x00-\x08\x0b-\x1f]/);
    expect(out).toContain('evil\\x1b[2Jname\\x07');
  });

  it('pads escaped cells to their escaped width and ends no line in white space', () => {
    const rows = [
      { name: 'ab', n: 1, note: 'x', last: null },
      { name: 'a\x07', n: null, note: 'tab\t', last: '' },
      { name: 'c', n: 22, note: '', last: null },
      { name: 'end', n: 3, note: null, last: 'ws\u3000' },
    ];
    expect(writeRows('table', rows, { columns: ['name', 'n', 'note', 'last'] })).toBe(
      'name    n  note     last\nab      1  x\na\\x07      tab\\x09\nc      22\nend     3           ws\n',
    );
  });

  it('writes GitHub-flavoured markdown with pipes escaped', () => {
    const md = writeRows('markdown', [{ kind: 'x', a: 'p|q', n: 1 }]);
    expect(md).toBe('### x\n\n| a | n |\n| --- | ---: |\n| p\\|q | 1 |\n');
  });
});
