/**
 * Every input that ever failed a check (kept by `npm run fuzz` in test/fuzz-regressions/, with how
 * it was made and what failed in NAME.json) is replayed through the same checks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers.js';
import { checkCli, checkInput } from './checks.js';

const DIR = join(ROOT, 'test', 'fuzz-regressions');
const names = readdirSync(DIR)
  .filter((f) => f.endsWith('.bin'))
  .map((f) => f.slice(0, -4))
  .sort();

interface Meta {
  steps: string[];
  cuts: number[];
  lines: number | null;
  stableDecode: boolean;
  cli: boolean;
  error: string;
}

describe('fuzz regressions', () => {
  it('has the inputs the campaigns kept', () => {
    expect(names.length).toBeGreaterThan(0);
  });
  for (const name of names) {
    const meta = JSON.parse(readFileSync(join(DIR, `${name}.json`), 'utf8')) as Meta;
    it(`${name}: ${meta.error.split('\n')[0]!.slice(0, 80)}`, async () => {
      const bytes = readFileSync(join(DIR, `${name}.bin`));
      await checkInput(bytes, { cuts: meta.cuts, lines: meta.lines, stableDecode: meta.stableDecode });
      await checkCli(bytes, 'json');
    }, 30_000);
  }
});
