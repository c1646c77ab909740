/** withEvidenceText: the text of the lines findings cite, read again from inputs that allow it. */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fileInput, parseText, streamInput, textInput, type InputRef } from '../../src/index.js';
import { summarize, type Finding, type Summary } from '../../src/summary/index.js';
import { EVIDENCE_TEXT_MAX, withEvidenceText } from '../../src/summary/evidence.js';
import { readSample } from '../helpers.js';

const LEAK = 'samples/findings/close-wait-leak.txt';
const GROWTH = 'samples/findings/growth-two-snapshots.txt';

function summaryOf(file: string): Summary {
  const r = parseText(readSample(file), { source: file });
  return summarize(r.records, { snapshots: r.snapshotInfo });
}

function finding(s: Summary, id: string): Finding {
  return s.snapshots.flatMap((x) => x.findings).find((f) => f.id === id)!;
}

describe('withEvidenceText', () => {
  it('adds the text of each cited line, in the order of lines, for a file', async () => {
    const s = await withEvidenceText(summaryOf(LEAK), [fileInput(LEAK)]);
    const text = readSample(LEAK).split('\n');
    for (const f of s.snapshots[0]!.findings) {
      expect(f.line_texts, f.id).toEqual(f.lines.map((ref) => text[Number(ref.split(':').pop()) - 1]));
    }
    const cw = finding(s, 'close_wait');
    expect(cw.line_texts).toHaveLength(10);
    expect(cw.line_texts![0]).toBe('tcp        1      0 10.20.0.15:8080         10.20.0.30:50100        CLOSE_WAIT  4242/java');
  });

  it('adds them to the growth section’s findings too', async () => {
    const s = await withEvidenceText(summaryOf(GROWTH), [fileInput(GROWTH)]);
    const grown = s.growth.find((g) => g.kinds === 'inet')!.new_findings;
    expect(grown.length).toBeGreaterThan(0);
    for (const f of grown) {
      expect(f.line_texts).toHaveLength(f.lines.length);
      expect(f.line_texts!.every((t) => t !== null && t.startsWith('tcp '))).toBe(true);
    }
  });

  it('leaves standard input (read once) and inputs not given as they were', async () => {
    const before = summaryOf(LEAK);
    const stdin = streamInput(Readable.from([]), LEAK);
    let opened = false;
    const other: InputRef = { source: 'other.txt', reopenable: true, open: () => ((opened = true), '') };
    const s = await withEvidenceText(before, [stdin, other]);
    expect(s).toBe(before);
    expect(opened).toBe(false);
    expect(finding(s, 'close_wait')).not.toHaveProperty('line_texts');
  });

  it('reads an input once, only as far as its last cited line', async () => {
    // The file as a log that went on after the summary was made: 500 lines more.
    const lines = [...readSample(LEAK).split('\n'), ...Array.from({ length: 500 }, (_, i) => `# later ${i}`)];
    let pulled = 0;
    let opened = 0;
    const counting: InputRef = {
      source: LEAK,
      reopenable: true,
      open: () => {
        opened++;
        // One line a chunk: a reading that went on would pull every line of the file.
        return (function* () {
          for (const l of lines) {
            pulled++;
            yield Buffer.from(`${l}\n`);
          }
        })();
      },
    };
    const s = summaryOf(LEAK);
    const last = Math.max(...s.snapshots[0]!.findings.flatMap((f) => f.lines.map((ref) => Number(ref.split(':').pop()))));
    const withText = await withEvidenceText(s, [counting, counting]);
    expect(opened).toBe(1);
    // The decoder holds the first 64 bytes until it can tell the encoding: a line or two late.
    expect(pulled).toBeGreaterThanOrEqual(last);
    expect(pulled).toBeLessThan(last + 5);
    expect(finding(withText, 'recv_q').line_texts).toEqual([lines[last - 1]]);
  });

  it('cuts long lines, and has null for a line no longer there', async () => {
    const s = summaryOf(LEAK);
    const cited = finding(s, 'close_wait').lines.map((ref) => Number(ref.split(':').pop()));
    // The file as it might be when read again: line 8 very long, and it ends at line 12.
    const lines = readSample(LEAK).split('\n').slice(0, 12);
    lines[7] = `tcp ${'x'.repeat(5000)}`;
    const s2 = await withEvidenceText(s, [textInput(lines.join('\n'), LEAK)]);
    const texts = finding(s2, 'close_wait').line_texts!;
    expect(texts[0]).toHaveLength(EVIDENCE_TEXT_MAX);
    expect(texts[0]!.endsWith('x…')).toBe(true);
    expect(texts.map((t, i) => (t === null ? cited[i] : 0)).filter((n) => n > 0)).toEqual([13, 14, 15, 16, 17]);
  });

  it('tells of an input that cannot be read again, and leaves its findings as they were', async () => {
    const s = summaryOf(LEAK);
    const gone = { ...fileInput('no/such/file.txt'), source: LEAK };
    const errors: string[] = [];
    const s2 = await withEvidenceText(s, [gone], { onError: (source, err) => errors.push(`${source}: ${(err as Error).message}`) });
    expect(errors).toEqual([`${LEAK}: cannot read no/such/file.txt: no such file`]);
    expect(s2).toBe(s);
  });
});
