/**
 * The -s and -ie grammars are read by sections of their own (not TableSections), so the sample-wide
 * single-parse check of grammar.test.ts does not reach them: this test does the same for them,
 * with nearley directly (no parse cache). Every line of every sample gets at most one parse from
 * each grammar, and every line those sections read gets exactly one.
 */
import nearley from 'nearley';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/index.js';
import { InputParser } from '../../src/parse/parser.js';
import ifconfigGrammar from '../../src/parse/generated/ifconfig.js';
import statsGrammar from '../../src/parse/generated/stats.js';
import { tokenizeIfconfigLine } from '../../src/parse/ifconfig-lexer.js';
import type { Tok } from '../../src/parse/lexer.js';
import { tokenizeStatsLine } from '../../src/parse/stats-lexer.js';
import type { CompiledGrammar } from '../../src/parse/row-parser.js';
import { grammarFor, readSample, sampleFiles } from '../helpers.js';

function parses(grammar: CompiledGrammar, start: string, tokens: Tok[]): number {
  const g = grammarFor(grammar, start);
  let i = 0;
  const lexer = { reset: () => { i = 0; }, next: () => tokens[i++], save: () => ({}), formatError: () => '', has: () => true };
  const parser = new nearley.Parser(g, { lexer: lexer as unknown as nearley.Lexer });
  try {
    parser.feed('');
  } catch {
    return 0;
  }
  return parser.results.length;
}

describe('-s and -ie grammars', () => {
  it('parse every sample line at most once, and the lines their sections read exactly once', () => {
    let statLines = 0;
    let ifconfigLines = 0;
    for (const file of sampleFiles()) {
      const text = readSample(file);
      const lines = text.split(/\r?\n/);
      const continuation = new Set<number>();
      const result = parseText(text);
      // Linux's -s and -ie (other platforms' statistics and interfaces have readers of their own)
      const statRecords = new Set(
        result.records.filter((r) => r.kind === 'stat' && r.platform === 'linux').map((r) => r.line),
      );
      // interface records of -ie blocks (netstat -i rows have none of these fields)
      const blockHeads = new Set(
        result.records
          .filter(
            (r) =>
              r.kind === 'interface' &&
              r.platform === 'linux' &&
              (r.type !== null || r.rx_bytes !== null || r.ipv4_addr !== null),
          )
          .map((r) => r.line),
      );
      // continuation lines, from a second pass with a structural sink
      const p = new InputParser({
        record: () => {},
        diagnostic: () => {},
        structural: (kind, no) => {
          if (kind === 'continuation') continuation.add(no);
        },
      });
      p.push(text);
      p.end();
      const hasStats = statRecords.size > 0;
      const hasBlocks = blockHeads.size > 0;
      lines.forEach((line, k) => {
        const no = k + 1;
        const s = parses(statsGrammar, 'stat_line', tokenizeStatsLine(line));
        const f = parses(ifconfigGrammar, 'ifconfig_line', tokenizeIfconfigLine(line));
        expect(s, `${file}:${no} stats`).toBeLessThanOrEqual(1);
        expect(f, `${file}:${no} ifconfig`).toBeLessThanOrEqual(1);
        if (statRecords.has(no) || (hasStats && continuation.has(no) && /^\s/.test(line))) {
          expect(s, `${file}:${no}`).toBe(1);
          statLines++;
        }
        if (blockHeads.has(no) || (hasBlocks && continuation.has(no))) {
          expect(f, `${file}:${no}`).toBe(1);
          ifconfigLines++;
        }
      });
    }
    expect(statLines).toBeGreaterThan(800);
    expect(ifconfigLines).toBeGreaterThan(150);
  }, 120_000);
});
