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
import { TokenBuffer } from '../../src/parse/lexer.js';
import type { RowParser, RowResult } from '../../src/parse/row-parser.js';
import { expectSingleParse, readSample, sampleFiles, tokenizerOf, seededRandom } from '../helpers.js';

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
  }, 60_000);

  it('never has two parses, however a real row is damaged', () => {
    // seeded: every run tries the same lines
    const random = seededRandom(11);
    const rnd = (n: number): number => Math.floor(random() * n);
    const pieces = [
      'tcp4', 'udp46', 'tcp', '0', '12', '-', 'LISTEN', 'SYN_SENT*', 'stream', '*.*', '127.0.0.1.22', 'fe80::1',
      'a:1', 'Code', '(Plu:17', '0x0102', 'fffff80003ab6200', '5079.93', '<Link#1>', 'UGSc', '!', 'en0', '(', ')',
      '(12', 'bytes)', 'echo:', '/tmp/x',
    ];
    const calls0 = calls.length;
    for (const file of sampleFiles().filter((f) => /\/(macos|bsd|freebsd12)\//.test(f))) parseText(readSample(file));
    const rows = calls.slice(calls0);
    // one row of each start symbol
    const seen = new Map<string, Call>();
    for (const c of rows) if (!seen.has(`${c.format.id}:${c.start}`)) seen.set(`${c.format.id}:${c.start}`, c);
    expect(seen.size).toBeGreaterThan(15);
    let tried = 0;
    for (const c of seen.values()) {
      for (let k = 0; k < 150; k++) {
        const words = c.line.trim().split(/\s+/);
        const at = rnd(words.length + 1);
        const op = rnd(3);
        if (op === 0) words.splice(at, 0, pieces[rnd(pieces.length)]!);
        else if (op === 1) words.splice(at, 1);
        else words.splice(at, 0, words[rnd(words.length)] ?? '0');
        const line = `\t${words.join('  ')}`;
        // the RowParser runs nearley for each new token-type sequence and throws on two parses
        expect(() => c.format.rows.parse(c.start, toBuffer(c.format, line)), line).not.toThrow();
        tried++;
      }
    }
    expect(tried).toBeGreaterThan(2000);
  }, 60_000);

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

function toBuffer(format: TableFormat, line: string): TokenBuffer {
  const buf = new TokenBuffer();
  format.scan(line, buf);
  return buf;
}
