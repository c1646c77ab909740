/**
 * The grammars are unambiguous: every row of every sample has exactly one parse from the start
 * symbol its header selects (checked with nearley directly, without the parse cache).
 */
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/index.js';
import type { Layout, TableFormat } from '../../src/parse/format.js';
import { FORMATS } from '../../src/parse/formats/index.js';
import { expectSingleParse, readSample, sampleFiles } from '../helpers.js';

describe('grammar', () => {
  it('parses every sample row exactly once', () => {
    let rows = 0;
    for (const file of sampleFiles()) {
      const text = readSample(file);
      const lines = text.split(/\r?\n/);
      const recordLines = new Set(parseText(text).records.map((r) => r.line));
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
        if (current !== null && recordLines.has(i + 1)) {
          const { format, layout } = current as { format: TableFormat; layout: Layout };
          expectSingleParse(format.rows.grammar, layout.start, line);
          rows++;
        }
      });
    }
    expect(rows).toBeGreaterThan(3000);
  });
});
