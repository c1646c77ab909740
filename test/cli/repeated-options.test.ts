/**
 * An option of one value given twice is a usage error naming it (yargs makes a list of the values,
 * which no command reads: it crashed as "this is a bug"); options whose repeats add up still do.
 */
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { fakeIO } from './fake-io.js';

const ANP = 'samples/linux/netstat-anp.txt';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const f = fakeIO({});
  const code = await main(args, f.io);
  return { code, out: f.out(), err: f.err() };
}

describe('an option given twice', () => {
  it.each([
    [['query', ANP, '--snapshot', 'first', '--snapshot', 'last'], '--snapshot: given 2 times (first, last): give it once'],
    [['query', ANP, '-f', 'json', '-f', 'csv'], '--format: given 2 times (json, csv): give it once'],
    [['query', ANP, '-k', 'inet', '-k', 'unix'], '--kind: given 2 times (inet, unix): give it once'],
    [['convert', ANP, '-f', 'json', '--format', 'csv'], '--format: given 2 times (json, csv): give it once'],
    [['snapshots', ANP, '-f', 'json', '-f', 'json'], '--format: given 2 times (json, json): give it once'],
    [['summary', ANP, '--encoding', 'auto', '--encoding', 'utf-8'], '--encoding: given 2 times (auto, utf-8): give it once'],
    [['diff', ANP, ANP, '-f', 'json', '-f', 'markdown'], '--format: given 2 times (json, markdown): give it once'],
    // Read by a coerce function, which yargs hands the list.
    [['diff', ANP, '--from', '0', '--from', '1'], '--from: given 2 times (0, 1): give it once'],
    [['diff', ANP, '--to', '0', '--to', 'last'], '--to: given 2 times (0, last): give it once'],
  ])('%j is a one-line usage error', async (args, message) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`netsnap: ${message}\n`);
    expect(r.out).toBe('');
  });

  it('adds up where repeats mean more of the same', async () => {
    const where = await run(['query', '-q', '-f', 'json', ANP, '-w', 'state = LISTEN', '-w', 'proto = tcp']);
    expect(where.code).toBe(0);
    const rows = JSON.parse(where.out) as { state: string; proto: string }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.state === 'LISTEN' && r.proto === 'tcp')).toBe(true);
    const grouped = await run(['query', '-q', '-f', 'json', ANP, '-g', 'state', '-g', 'proto']);
    expect(Object.keys((JSON.parse(grouped.out) as object[])[0]!)).toEqual(['state', 'proto', 'count']);
    const thresholds = await run(['summary', '-q', '-f', 'json', ANP, '-t', 'close_wait=3', '-t', 'syn_recv=5']);
    expect(thresholds.code).toBe(0);
  });
});

describe('an option given without its value', () => {
  it.each([
    [['query', ANP, '-n'], '-n (--limit) needs a value'],
    [['query', ANP, '--limit'], '--limit needs a value'],
  ])('%j is a one-line usage error naming it as typed, and its long name', async (args, message) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expect(r.err).toBe(`netsnap: ${message}\n`);
    expect(r.out).toBe('');
  });
});
