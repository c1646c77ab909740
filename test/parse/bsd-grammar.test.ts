/**
 * The BSD grammars are unambiguous: every line of every sample that a BSD reader parsed (table
 * rows, route rows, netstat -s lines) has exactly one parse from the start symbol it was read
 * with, checked with nearley directly (without the parse cache) on the format's own tokens. This
 * covers the sections that are not TableSections (routes, statistics) and headerless UNIX rows.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseText } from '../../src/index.js';
import type { TableFormat } from '../../src/parse/format.js';
import { BSD_FORMATS } from '../../src/parse/formats/bsd.js';
import { bsdRowLexer, bsdStatLexer } from '../../src/parse/bsd-lexer.js';
import type { TokenBuffer } from '../../src/parse/lexer.js';
import type { RowParser, RowResult } from '../../src/parse/row-parser.js';
import { expectSingleParse, readSample, sampleFiles, tokenizerOf } from '../helpers.js';

interface Call {
  format: TableFormat;
  start: string;
  line: string;
}

const calls: Call[] = [];
const restore: (() => void)[] = [];

beforeAll(() => {
  const wrapped = new Set<RowParser>();
  for (const f of BSD_FORMATS) {
    const format = f as TableFormat;
    const rows = format.rows;
    if (rows === undefined || wrapped.has(rows)) continue;
    wrapped.add(rows);
    const parse = rows.parse;
    rows.parse = function (start: string, tokens: TokenBuffer): RowResult {
      const result = parse.call(this, start, tokens);
      if (result.ok) calls.push({ format, start, line: tokens.line });
      return result;
    };
    restore.push(() => {
      rows.parse = parse;
    });
  }
});

afterAll(() => {
  for (const r of restore) r();
});

describe('BSD grammars', () => {
  it('parse every BSD sample line they read exactly once', () => {
    const files = sampleFiles().filter((f) => /\/(macos|bsd|osx-10\.14\.6|freebsd12)\//.test(f));
    expect(files.length).toBeGreaterThan(30);
    let records = 0;
    for (const file of files) {
      calls.length = 0;
      const r = parseText(readSample(file));
      records += r.records.length;
      // every record line was parsed by a BSD grammar
      const parsed = new Set(calls.map((c) => c.line));
      const lines = readSample(file).split('\n');
      for (const rec of r.records) expect(parsed.has(lines[rec.line - 1]!), `${file}:${rec.line}`).toBe(true);
      for (const c of calls) expectSingleParse(c.format.rows.grammar, c.start, c.line, tokenizerOf(c.format.scan));
    }
    expect(records).toBeGreaterThan(1800);
  });

  it('uses moo lexers whose tokens the grammars name', () => {
    bsdRowLexer.reset('tcp4  0  0  *.22  *.*  LISTEN');
    expect([...bsdRowLexer].filter((t) => t.type !== 'ws').map((t) => t.type)).toEqual([
      'proto', 'number', 'number', 'word', 'word', 'tcp_state',
    ]);
    bsdStatLexer.reset('\t\t100510 data packets (167602278 bytes)');
    expect([...bsdStatLexer].filter((t) => t.type !== 'ws').map((t) => t.type)).toEqual([
      'number', 'word', 'word', 'lparen', 'number', 'word', 'rparen',
    ]);
  });
});
