/**
 * The Windows grammars are unambiguous: every line a Windows section read with a grammar (rows,
 * -b owner lines, wrapped IPv6 gateways, Interface List entries, -e and -s rows) has exactly one
 * parse from its start symbol, checked with nearley directly, without the parse cache.
 */
import nearley from 'nearley';
import { afterEach, describe, expect, it } from 'vitest';
import { parseText } from '../../src/index.js';
import { TokenBuffer } from '../../src/parse/lexer.js';
import type { CompiledGrammar } from '../../src/parse/row-parser.js';
import { rowTrace, type RowTrace } from '../../src/parse/formats/windows-rows.js';
import { readSample, sampleFiles } from '../helpers.js';

/** Parses of `line` from `start`, fed the tokens of the section's own lexer. */
function parses(grammar: CompiledGrammar, start: string, scan: RowTrace['scan'], line: string): unknown[] {
  const g = nearley.Grammar.fromCompiled(grammar as unknown as nearley.CompiledRules);
  g.start = start;
  const buf = new TokenBuffer();
  scan(line, buf);
  const tokens = buf.toToks();
  let i = 0;
  const lexer = {
    reset: () => {
      i = 0;
    },
    next: () => tokens[i++],
    save: () => ({}),
    formatError: () => '',
    has: () => true,
  };
  const parser = new nearley.Parser(g, { lexer: lexer as unknown as nearley.Lexer });
  parser.feed('');
  return parser.results as unknown[];
}

const WINDOWS_SAMPLES = [...sampleFiles('windows'), ...sampleFiles('jc-fixtures/windows-10')];

describe('Windows grammars', () => {
  afterEach(() => {
    rowTrace.hook = null;
  });

  it('read every Windows sample line with exactly one parse', () => {
    const traced: RowTrace[] = [];
    rowTrace.hook = (t) => traced.push(t);
    for (const file of WINDOWS_SAMPLES) parseText(readSample(file), { source: file });
    rowTrace.hook = null;
    const starts = new Set<string>();
    const notOne: string[] = [];
    for (const t of traced) {
      const n = parses(t.grammar, t.start, t.scan, t.line).length;
      if (n !== 1) notOne.push(`${n} parses from ${t.start}: ${JSON.stringify(t.line)}`);
      starts.add(t.start);
    }
    expect(notOne).toEqual([]);
    expect(traced.length).toBeGreaterThan(1500);
    // every row family and layout of the samples was exercised
    expect([...starts].sort()).toEqual([
      'win_estat_row',
      'win_iflist_row',
      'win_inet_row',
      'win_inet_row_p',
      'win_inet_row_t',
      'win_owner',
      'win_route4_persistent_row',
      'win_route4_row',
      'win_route6_gateway',
      'win_route6_row',
      'win_stat_row',
    ]);
  });

  it('has one parse for the headerless layout and layouts without a sample', () => {
    const traced: RowTrace[] = [];
    rowTrace.hook = (t) => traced.push(t);
    parseText(
      '  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       1712\n' +
        '  UDP    0.0.0.0:53             *:*                                    8844\n' +
        '  Proto  Local Address          Foreign Address        State           PID      Offload State\n' +
        '  TCP    10.0.0.5:49710         10.0.0.9:443           ESTABLISHED     4242     InHost\n',
    );
    rowTrace.hook = null;
    expect(traced.map((t) => t.start)).toEqual(['win_inet_row_any', 'win_inet_row_any', 'win_inet_row_any', 'win_inet_row_pt']);
    for (const t of traced) expect(parses(t.grammar, t.start, t.scan, t.line)).toHaveLength(1);
  });
});
