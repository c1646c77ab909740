/**
 * The grammars are unambiguous: every row of every sample has exactly one parse from the start
 * symbol its header selects (checked with nearley directly, without the parse cache).
 */
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/index.js';
import type { Layout, TableFormat } from '../../src/parse/format.js';
import { FORMATS } from '../../src/parse/formats/index.js';
import { SsSection, ssRows } from '../../src/parse/formats/ss.js';
import { ssSummaryRows, summaryStart } from '../../src/parse/formats/ss-summary.js';
import { TokenBuffer } from '../../src/parse/lexer.js';
import { scanSsLine, scanSsSummaryLine } from '../../src/parse/ss-lexer.js';
import type { CompiledGrammar } from '../../src/parse/row-parser.js';
import { expectSingleParse, expectSingleParseOf, readSample, sampleFiles, tokenizerOf } from '../helpers.js';

describe('grammar', () => {
  it('parses every sample row exactly once', () => {
    let rows = 0;
    for (const file of sampleFiles()) {
      const text = readSample(file);
      const lines = text.split(/\r?\n/);
      // parsed only for files with a net-tools table (the others cost time and are not checked here)
      let recordLines: Set<number> | null = null;
      const isRecord = (line: number): boolean => {
        recordLines ??= new Set(parseText(text).records.map((r) => r.line));
        return recordLines.has(line);
      };
      let current: { format: TableFormat; layout: Layout } | null = null;
      lines.forEach((line, i) => {
        for (const format of FORMATS) {
          const opened = format.open(line);
          if (opened !== null) {
            const section = opened.section as unknown as { plugin: TableFormat; layout?: Layout };
            current = section.layout ? { format: section.plugin, layout: section.layout } : null;
            return;
          }
        }
        if (current !== null && isRecord(i + 1)) {
          const { format, layout } = current as { format: TableFormat; layout: Layout };
          expectSingleParse(format.rows.grammar, layout.start, line, tokenizerOf(format.scan));
          rows++;
        }
      });
    }
    expect(rows).toBeGreaterThan(3000);
    // every sample row through nearley: seconds on a loaded machine
  }, 120_000);

  it('parses every ss row, continuation line and summary line exactly once', () => {
    const buf = new TokenBuffer();
    let lines = 0;
    for (const file of sampleFiles()) {
      const text = readSample(file);
      const r = parseText(text);
      const read = new Set(r.records.map((x) => x.line));
      let current: 'summary' | { start: string } | null = null;
      text.split(/\r?\n/).forEach((line, i) => {
        let opened = false;
        for (const format of FORMATS) {
          const o = format.open(line);
          if (o === null) continue;
          current = o.section instanceof SsSection ? { start: o.section.columns.start } : format.id === 'ss-summary' ? 'summary' : null;
          opened = o.consumed === 'header';
          break;
        }
        if (opened || current === null || /^\s*$/.test(line)) return;
        let grammar: CompiledGrammar;
        let start: string;
        if (current === 'summary') {
          scanSsSummaryLine(line, buf);
          grammar = ssSummaryRows.grammar;
          start = summaryStart(buf);
          if (!read.has(i + 1) && start !== 'ss_transport_header') return;
        } else {
          scanSsLine(line, buf);
          grammar = ssRows.grammar;
          // a line that made a record is a row (indented or not); other indented lines are
          // continuation lines; other lines are not the section's
          const row = read.has(i + 1);
          if (!row && !/^\s/.test(line)) return;
          start = row ? current.start : 'ss_info';
        }
        expectSingleParseOf(grammar, start, buf.toToks(), line);
        lines++;
      });
    }
    expect(lines).toBeGreaterThan(2500);
  }, 60_000);
});
