/**
 * Real-world-shaped broken files (test/bad-input/), each with what netsnap must make of it in
 * manifest.json: encoding, line counts, every diagnostic, skipped lines and the CLI's exit code.
 * Each file also goes through every check of the property tests.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseFile, type Diagnostic, type NetRecord } from '../../src/index.js';
import { ROOT } from '../helpers.js';
import { checkInput, runMain } from '../property/checks.js';

const DIR = join(ROOT, 'test', 'bad-input');

interface Expectation {
  what: string;
  encoding?: string;
  stats?: { [count: string]: number };
  diagnostics?: [string, number, number, string][];
  skipped?: number[];
  skippedText?: string[];
  error?: string;
  exit: number;
  strictExit?: number;
}

const manifest = JSON.parse(readFileSync(join(DIR, 'manifest.json'), 'utf8')) as { files: { [file: string]: Expectation } };

describe('bad input', () => {
  it('every file here has its expectations in the manifest', () => {
    const files = readdirSync(DIR).filter((f) => !/\.(ts|json|md)$/.test(f));
    expect(files.sort()).toEqual(Object.keys(manifest.files).sort());
  });

  for (const [file, want] of Object.entries(manifest.files)) {
    it(`${file}: ${want.what}`, async () => {
      const path = join(DIR, file);
      const records: NetRecord[] = [];
      const diagnostics: Diagnostic[] = [];
      const skipped: { line: number; text: string }[] = [];
      const parsing = parseFile(path, {
        record: (r) => records.push(r),
        diagnostic: (d) => diagnostics.push(d),
        skipped: (line, text) => skipped.push({ line, text }),
      });
      if (want.error !== undefined) {
        await expect(parsing).rejects.toThrow(`cannot read ${path}: ${want.error}`);
      } else {
        const summary = await parsing;
        expect(summary.encoding).toBe(want.encoding);
        for (const [k, n] of Object.entries(want.stats ?? {})) expect(summary.stats[k as keyof typeof summary.stats], k).toBe(n);
        expect(diagnostics.map((d) => [d.severity, d.line, d.column, d.code])).toEqual(want.diagnostics ?? []);
        if (want.skipped) expect(skipped.map((s) => s.line)).toEqual(want.skipped);
        if (want.skippedText) expect(skipped.map((s) => s.text)).toEqual(want.skippedText);
        await checkInput(readFileSync(path), { lines: want.stats?.lines ?? null, cuts: [1, 2, 3, 100] });
      }
      const cli = await runMain(['convert', '-f', 'json', path]);
      expect(cli.status, cli.stderr).toBe(want.exit);
      expect(cli.stderr).not.toMatch(/\n\s+at |this is a bug/);
      if (want.exit === 1) expect(cli.stderr).toContain('no netstat output found; netsnap reads Linux net-tools netstat');
      if (want.exit === 2) expect(cli.stderr).toBe(`netsnap: cannot read ${path}: ${want.error}\n`);
      if (want.strictExit !== undefined) expect((await runMain(['convert', '--strict', '-q', path])).status).toBe(want.strictExit);
    }, 30_000);
  }

  it('keeps counters beyond 2^53 exact in every output', async () => {
    const path = join(DIR, 'huge-counters.txt');
    const records: NetRecord[] = [];
    await parseFile(path, { record: (r) => records.push(r), diagnostic: () => {} });
    expect(records.map((r) => (r.kind === 'interface' ? [r.rx_ok, r.tx_ok] : null))).toEqual([
      [18446744073709551615n, 9007199254740993n],
      [340282366920938463463374607431768211456n, 9007199254740991],
      [750, 750],
    ]);
    for (const format of ['json', 'ndjson', 'csv', 'markdown', 'table']) {
      const out = (await runMain(['convert', '-f', format, path])).stdout;
      for (const digits of ['18446744073709551615', '9007199254740993', '340282366920938463463374607431768211456']) {
        expect(out, `${format} has ${digits}`).toContain(digits);
      }
    }
  });
});
