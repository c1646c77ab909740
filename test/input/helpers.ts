/** Helpers for the input tests: decode bytes in chunks, split text into lines. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Decoder, type Encoding } from '../../src/input/decode.js';
import { LineSplitter } from '../../src/input/lines.js';
import { ROOT } from '../helpers.js';

export function fixture(name: string): Buffer {
  return readFileSync(join(ROOT, 'test', 'input', 'fixtures', name));
}

/** Decode `bytes` fed in chunks of `size` bytes (the whole at once when size is 0). */
export function decodeChunked(bytes: Uint8Array, size = 0, encoding: Encoding = 'auto'): { text: string; encoding: Encoding } {
  const d = new Decoder(encoding);
  let text = '';
  const step = size > 0 ? size : Math.max(1, bytes.length);
  for (let i = 0; i < bytes.length; i += step) text += d.push(bytes.subarray(i, i + step));
  text += d.end();
  return { text, encoding: d.encoding };
}

/** Decode `bytes` fed in chunks cut at the given offsets. */
export function decodeCut(bytes: Uint8Array, cuts: readonly number[], encoding: Encoding = 'auto'): string {
  const d = new Decoder(encoding);
  let text = '';
  let from = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    if (c <= from || c >= bytes.length) continue;
    text += d.push(bytes.subarray(from, c));
    from = c;
  }
  text += d.push(bytes.subarray(from));
  return text + d.end();
}

/** The lines a LineSplitter makes of text fed in the given pieces. */
export function splitLines(pieces: readonly string[], max?: number): { lines: string[]; tooLong: number[] } {
  const lines: string[] = [];
  const tooLong: number[] = [];
  const s = new LineSplitter(
    {
      line: (text, no) => {
        lines[no - 1] = text;
      },
      tooLong: (_start, no) => {
        lines[no - 1] = '';
        tooLong.push(no);
      },
    },
    max,
  );
  for (const p of pieces) s.push(p);
  s.end();
  return { lines, tooLong };
}
