/**
 * Redaction of bad input (the mutated samples of test/property/generators.ts, streamed in chunks):
 * it never throws (but for damaged gzip data, an InputError), every line is written, left out as unread, or too long, in order; and with
 * --keep-unknown every line but the too long ones is written.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../src/errors.js';
import { redactInput } from '../../src/redact/redactor.js';
import { badInput } from '../property/generators.js';

async function* chunks(bytes: Uint8Array, cuts: readonly number[]): AsyncGenerator<Uint8Array> {
  let from = 0;
  for (const c of [...cuts].sort((a, b) => a - b)) {
    if (c <= from || c >= bytes.length) continue;
    yield bytes.subarray(from, c);
    from = c;
  }
  yield bytes.subarray(from);
}

describe('redacting bad input', () => {
  it('never throws, and accounts for every line', async () => {
    await fc.assert(
      fc.asyncProperty(badInput, fc.boolean(), async (input, keepUnknown) => {
        const out: string[] = [];
        let report;
        try {
          report = await redactInput(chunks(input.bytes, input.cuts), { key: 'k', keepUnknown, maskArgs: true, maskPaths: true }, (l) => out.push(l));
        } catch (err) {
          // damaged gzip is an I/O error (exit 2), the one error redaction may end with
          if (err instanceof InputError && input.steps.some((s) => s.includes('gzip'))) return;
          throw err;
        }
        if (input.lines !== null) expect(report.lines).toBe(input.lines);
        expect(out).toHaveLength(report.written);
        const dropped = keepUnknown ? 0 : report.unknownCount;
        expect(report.written + dropped + report.tooLong.length).toBe(report.lines);
        for (const l of out) expect(l.includes('\n')).toBe(false);
      }),
      { numRuns: 200, seed: 20261128 },
    );
  }, 60_000);
});
