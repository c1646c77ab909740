/**
 * Property tests: mutated real samples, random bytes and random text through the parser and every
 * output format. No exception, every line accounted for, a diagnostic for each rejected line. The
 * same checks run 100,000+ times in `npm run fuzz`; these runs are bounded to keep the suite fast.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readSample, sampleFiles } from '../helpers.js';
import { checkCli, checkInput } from './checks.js';
import { badInput } from './generators.js';

/** Say what was done to the input when a property fails. */
const described = <T extends { steps: string[] }>(arb: fc.Arbitrary<T>) => arb.map((x) => x, (x) => x as T);

describe('bad input never crashes and every line is accounted for', () => {
  it('on every sample, whole and in chunks', async () => {
    for (const file of sampleFiles()) {
      const text = readSample(file);
      const bytes = Buffer.from(text);
      const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
      const o = await checkInput(bytes, { lines, stableDecode: true, cuts: [1, 100, 1000, 1001, 5000] });
      expect(o?.summary.stats.lines, file).toBe(lines);
    }
  }, 60_000);

  it('on mutated samples: truncated, columns deleted and duplicated, sections swapped, edge numbers, long tokens, every Unicode category, random bytes, other encodings', async () => {
    await fc.assert(
      fc.asyncProperty(described(badInput), async (input) => {
        await checkInput(input.bytes, { cuts: input.cuts, lines: input.lines, stableDecode: input.stableDecode });
      }),
      { numRuns: 250, seed: 20261128 },
    );
  }, 60_000);

  it('on random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), fc.array(fc.nat(3000), { maxLength: 4 }), async (bytes, cuts) => {
        await checkInput(bytes, { cuts: cuts.sort((a, b) => a - b) });
      }),
      { numRuns: 150, seed: 7 },
    );
  }, 60_000);

  it('on random text of any code points, with netstat words mixed in', async () => {
    const word = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 20 }),
      fc.constantFrom('tcp', 'udp6', 'unix', '0', '18446744073709551616', 'LISTEN', '[ ACC ]', 'STREAM', '127.0.0.1:22', '-', '17/x', 'Proto', '\n', '\r', '\t'),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(word, { maxLength: 80 }), async (words) => {
        const text = words.join(' ');
        await checkInput(Buffer.from(text, 'utf8'), { stableDecode: true, cuts: [3, 50] });
      }),
      { numRuns: 150, seed: 11 },
    );
  }, 60_000);

  it('through the CLI: exit 0 or 1, errors as netsnap lines, never a stack trace', async () => {
    await fc.assert(
      fc.asyncProperty(badInput, fc.constantFrom('json', 'ndjson', 'csv', 'markdown', 'table' as const), async (input, format) => {
        await checkCli(input.bytes, format);
      }),
      { numRuns: 25, seed: 3 },
    );
  }, 60_000);
});
