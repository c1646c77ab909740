/**
 * The long fuzz campaign: `npm run fuzz` (FUZZ_RUNS inputs, 100,000 by default; FUZZ_SEED to vary).
 * Generates inputs as the property tests do (test/property/generators.ts), runs every check of
 * test/property/checks.ts on each, and keeps every input that fails as a regression sample in
 * test/fuzz-regressions/ (NAME.bin, the bytes, and NAME.json, how it was made and what failed),
 * which test/property/regressions.test.ts replays in the normal suite. Run by vitest (for
 * TypeScript) with scripts/fuzz.config.ts; not part of `npm test`.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { it } from 'vitest';
import { ROOT } from '../test/helpers.js';
import { checkCli, checkInput } from '../test/property/checks.js';
import { badInput, type BadInput } from '../test/property/generators.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 100_000);
const SEED = Number(process.env.FUZZ_SEED ?? 1);
const BATCH = 500;
const OUT = join(ROOT, 'test', 'fuzz-regressions');

/** A tenth random bytes, a tenth random text; the rest mutated samples. */
const anyInput: fc.Arbitrary<BadInput> = fc.oneof(
  { weight: 8, arbitrary: badInput },
  {
    weight: 1,
    arbitrary: fc.uint8Array({ maxLength: 4000 }).map((bytes) => ({ steps: ['random bytes'], bytes, cuts: [], lines: null, stableDecode: false })),
  },
  {
    weight: 1,
    arbitrary: fc.string({ unit: 'binary', maxLength: 2000 }).map((s) => ({
      steps: ['random text'],
      bytes: Buffer.from(s, 'utf8'),
      cuts: [7, 700],
      lines: null,
      stableDecode: true,
    })),
  },
);

function keep(input: BadInput, error: string, cli: boolean): string {
  mkdirSync(OUT, { recursive: true });
  const name = createHash('sha1').update(input.bytes).digest('hex').slice(0, 12);
  if (!existsSync(join(OUT, `${name}.bin`))) {
    writeFileSync(join(OUT, `${name}.bin`), input.bytes);
    const meta = { steps: input.steps, cuts: input.cuts, lines: input.lines, stableDecode: input.stableDecode, cli, error, found: new Date().toISOString() };
    writeFileSync(join(OUT, `${name}.json`), JSON.stringify(meta, null, 2) + '\n');
  }
  return name;
}

it(`fuzz campaign: ${RUNS} inputs`, async () => {
  const started = Date.now();
  let done = 0;
  let failed = 0;
  let bytes = 0;
  let lines = 0;
  let records = 0;
  let diagnostics = 0;
  let cliRuns = 0;
  const kept = new Set<string>();
  const errors = new Map<string, number>();
  for (let batch = 0; done < RUNS; batch++) {
    const inputs = fc.sample(anyInput, { numRuns: Math.min(BATCH, RUNS - done), seed: SEED * 1_000_003 + batch });
    for (const input of inputs) {
      done++;
      bytes += input.bytes.length;
      const cli = done % 50 === 0;
      try {
        const o = await checkInput(input.bytes, { cuts: input.cuts, lines: input.lines, stableDecode: input.stableDecode });
        if (o !== null) {
          lines += o.summary.stats.lines;
          records += o.records.length;
          diagnostics += o.diagnostics.length;
        }
        if (cli) {
          cliRuns++;
          await checkCli(input.bytes, (['json', 'ndjson', 'csv', 'markdown', 'table'] as const)[batch % 5]!);
        }
      } catch (err) {
        failed++;
        const message = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
        const key = message.replace(/\d+/g, 'N').slice(0, 120);
        errors.set(key, (errors.get(key) ?? 0) + 1);
        kept.add(keep(input, `${message}\n${(err as Error).stack ?? ''}`.slice(0, 4000), cli));
      }
    }
    if (batch % 20 === 19) console.log(`fuzz: ${done} inputs, ${failed} failed, ${Math.round((Date.now() - started) / 1000)} s`);
  }
  const seconds = (Date.now() - started) / 1000;
  const summary = {
    inputs: done,
    seed: SEED,
    failed,
    kept: [...kept],
    cli_runs: cliRuns,
    megabytes: Math.round(bytes / 1e5) / 10,
    lines,
    records,
    diagnostics,
    seconds: Math.round(seconds),
    failures: Object.fromEntries(errors),
  };
  console.log(`fuzz summary: ${JSON.stringify(summary, null, 2)}`);
  if (failed > 0) throw new Error(`${failed} of ${done} inputs failed; kept in test/fuzz-regressions/: ${[...kept].join(', ')}`);
}, 24 * 3600 * 1000);
