/** readLines: the parser's line numbers and text, and a reading that stops when told. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readLines } from '../../src/input/line-reader.js';
import { parseInput } from '../../src/parse/parser.js';
import { ROOT } from '../helpers.js';

/** Every line of an input by number, as readLines hands them over. */
async function linesOf(bytes: Uint8Array): Promise<Map<number, string>> {
  const lines = new Map<number, string>();
  const keep = (text: string, no: number): void => void lines.set(no, text);
  await readLines([bytes], { line: keep, tooLong: keep });
  return lines;
}

describe('readLines', () => {
  // Encodings, gzip, line breaks, terminal escapes: the parser's own account of its lines (the text
  // of each skipped and structural line, of each diagnostic) must be the lines read here.
  const files = [
    'test/bad-input/powershell-utf16le.txt',
    'test/bad-input/mixed-line-endings.txt',
    'test/bad-input/script-recording.txt',
    'test/bad-input/ansi-colour.txt',
    'test/bad-input/wrapped-at-80.txt',
    'test/input/fixtures/ja_JP.eucJP-netstat-an.txt',
    'samples/sessions/bug-report-restart.txt',
  ];
  for (const [file, gzip] of [...files.map((f) => [f, false] as const), ['samples/sessions/mixed-options.txt', true] as const]) {
    it(`numbers the lines of ${file}${gzip ? ' gzipped' : ''} as the parser does`, async () => {
      const raw = readFileSync(join(ROOT, file));
      const bytes = gzip ? gzipSync(raw) : raw;
      const told: [number, string][] = [];
      const records: [number, string[]][] = [];
      await parseInput([bytes], {
        record: (r) => {
          // A record's line holds some of its text (its protocol, address, interface, ...).
          const values = Object.entries(r).filter(([k, v]) => typeof v === 'string' && v.length > 1 && !['source', 'kind', 'platform'].includes(k));
          records.push([r.line, values.map(([, v]) => (v as string).toLowerCase())]);
        },
        diagnostic: (d) => void told.push([d.line, d.text]),
        structural: (_kind, line, text) => void told.push([line, text]),
        skipped: (line, text) => void told.push([line, text]),
      });
      const lines = await linesOf(bytes);
      expect(told.length + records.length).toBeGreaterThan(2);
      for (const [no, text] of told) expect(lines.get(no), `${file}:${no}`).toBe(text);
      for (const [no, values] of records) {
        const text = lines.get(no)!.toLowerCase();
        expect(values.some((v) => text.includes(v)), `${file}:${no}: ${text} has one of ${values.join(', ')}`).toBe(true);
      }
    });
  }

  it('stops pulling chunks once stop() says so, and closes the source', async () => {
    let pulled = 0;
    let closed = false;
    async function* source(): AsyncGenerator<string> {
      try {
        for (let i = 0; i < 100; i++) {
          pulled++;
          yield `line ${2 * i + 1}\nline ${2 * i + 2}\n`;
        }
      } finally {
        closed = true;
      }
    }
    const seen: number[] = [];
    await readLines(source(), { line: (_t, no) => void seen.push(no), tooLong: () => {} }, { stop: () => seen.length >= 5 });
    expect(pulled).toBe(3);
    expect(seen).toEqual([1, 2, 3, 4, 5, 6]);
    expect(closed).toBe(true);
  });
});
