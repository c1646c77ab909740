/**
 * The ss grammars give at most one parse for any sequence of token types, not only for the lines
 * of the samples: seeded random sequences shaped like rows (queues, then address-like tokens, then
 * any items) are parsed with nearley directly, and none may parse two ways.
 */
import nearley from 'nearley';
import { describe, expect, it } from 'vitest';
import { ssRows } from '../../src/parse/formats/ss.js';
import { ssSummaryRows } from '../../src/parse/formats/ss-summary.js';
import type { CompiledGrammar } from '../../src/parse/row-parser.js';
import { seededRandom } from '../helpers.js';

const ITEMS = ['netid', 'state', 'child', 'number', 'star', 'dash', 'qmark', 'kv', 'users', 'paren', 'tls', 'peers', 'shutdown', 'ratekw', 'rate', 'word'];
const ADDRESS_LIKE = ['number', 'star', 'dash', 'qmark', 'kv', 'kv', 'word', 'number', 'star'];

/** Parse counts for `count` generated type sequences: [parsed once, parsed more than once]. */
function parses(grammar: CompiledGrammar, start: string, gen: () => string[], count: number): [number, string[]] {
  const g = nearley.Grammar.fromCompiled(grammar as unknown as nearley.CompiledRules);
  g.start = start;
  let once = 0;
  const ambiguous: string[] = [];
  for (let i = 0; i < count; i++) {
    const toks = gen().map((type, k) => ({ type, text: type, value: type, offset: k }));
    let j = 0;
    const lexer = { reset: () => (j = 0), next: () => toks[j++], save: () => ({}), formatError: () => '', has: () => true };
    const parser = new nearley.Parser(g, { lexer: lexer as unknown as nearley.Lexer });
    try {
      parser.feed('');
    } catch {
      continue;
    }
    if (parser.results.length === 1) once++;
    else if (parser.results.length > 1) ambiguous.push(toks.map((t) => t.type).join(' '));
  }
  return [once, ambiguous];
}

describe('ss grammar', () => {
  const rnd = seededRandom(42);
  const pick = (a: readonly string[]): string => a[Math.floor(rnd() * a.length)]!;
  const row = (head: () => string[]) => (): string[] => {
    const s = [...head(), 'number', 'number'];
    for (let k = 1 + Math.floor(rnd() * 6); k > 0; k--) s.push(pick(ADDRESS_LIKE));
    for (let k = Math.floor(rnd() * 5); k > 0; k--) s.push(pick(ITEMS));
    return s;
  };
  const cases: [string, () => string[]][] = [
    ['ss_row_ns', row(() => (rnd() < 0.8 ? ['netid', 'state'] : ['child', 'state']))],
    ['ss_row_n', row(() => (rnd() < 0.5 ? ['netid'] : []))],
    ['ss_row_s', row(() => (rnd() < 0.8 ? ['state'] : ['child', 'state']))],
    ['ss_row_q', row(() => [])],
    ['ss_info', () => Array.from({ length: 1 + Math.floor(rnd() * 8) }, () => pick(ITEMS))],
  ];
  for (const [start, gen] of cases) {
    it(`never parses a token sequence two ways from ${start}`, () => {
      const [once, ambiguous] = parses(ssRows.grammar, start, gen, 4000);
      expect(ambiguous).toEqual([]);
      expect(once).toBeGreaterThan(100);
    }, 60_000);
  }

  it('never parses a summary line two ways', () => {
    const tcp = (): string[] => {
      const s = ['tcp', 'colon', 'number', 'lparen'];
      for (let k = 1 + Math.floor(rnd() * 6); k > 0; k--) {
        s.push('word', 'number');
        if (rnd() < 0.3) s.push('slash', 'number');
        if (k > 1) s.push('comma');
      }
      // and now and then a token more, less or changed
      const at = Math.floor(rnd() * s.length);
      const r = rnd();
      if (r < 0.15) s.splice(at, 0, pick(['word', 'number', 'comma', 'slash']));
      else if (r < 0.3) s.splice(at, 1);
      s.push('rparen');
      if (rnd() < 0.5) s.push('comma', 'ports', 'number');
      return s;
    };
    const [once, ambiguous] = parses(ssSummaryRows.grammar, 'ss_tcp', tcp, 4000);
    expect(ambiguous).toEqual([]);
    expect(once).toBeGreaterThan(20);
  }, 60_000);
});
