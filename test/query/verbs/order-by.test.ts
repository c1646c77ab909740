/** order-by: stable sorts on any field, descending with "-", and a bounded heap under a limit. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareText } from '../../../src/query/values.js';
import { collect } from '../../../src/query/stream.js';
import { orderBy } from '../../../src/query/verbs/order-by.js';
import type { InetRecord } from '../../../src/types.js';
import { ANP, asAsync, inetOf } from '../fixtures.js';

const inet = inetOf(ANP);
// null (a column the table lacks) sorts last, as order-by does
const cmp = (a: number | bigint | null, b: number | bigint | null): number =>
  a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : a > b ? 1 : 0;

describe('orderBy', () => {
  it('sorts descending with "-" and keeps input order among ties (stable)', () => {
    const got = [...orderBy(inet, ['-recv_q'], { kind: 'inet' })];
    const expected = inet.map((r, i) => ({ r, i })).sort((a, b) => cmp(b.r.recv_q, a.r.recv_q) || a.i - b.i).map((x) => x.r);
    expect(got).toEqual(expected);
    expect(new Set(inet.map((r) => r.recv_q)).size).toBeGreaterThan(3);
  });

  it('several keys; port numbers as numbers, not as text', () => {
    const got = [...orderBy(inet, ['state,-local_port'], { kind: 'inet' })];
    const num = (r: InetRecord): number => r.local_port_num ?? -1;
    const expected = inet
      .map((r, i) => ({ r, i }))
      .sort((a, b) => {
        const sa = a.r.state;
        const sb = b.r.state;
        if (sa !== sb) return sa === null ? 1 : sb === null ? -1 : sa < sb ? -1 : 1;
        return num(b.r) - num(a.r) || a.i - b.i;
      })
      .map((x) => x.r);
    expect(got.map((r) => r.line)).toEqual(expected.map((r) => r.line));
  });

  it('null sorts last in both directions', () => {
    const asc = [...orderBy(inet, ['program_name'], { kind: 'inet' })];
    const desc = [...orderBy(inet, ['-program_name'], { kind: 'inet' })];
    const nulls = inet.filter((r) => r.program_name === null).length;
    expect(nulls).toBeGreaterThan(0);
    expect(asc.slice(-nulls).every((r) => r.program_name === null)).toBe(true);
    expect(desc.slice(-nulls).every((r) => r.program_name === null)).toBe(true);
    expect(desc[0]!.program_name! >= asc[0]!.program_name!).toBe(true);
  });

  it('with a limit, gives exactly the first rows of the full sort (a bounded heap)', () => {
    const full = [...orderBy(inet, ['-send_q', 'local_port'], { kind: 'inet' })];
    for (const n of [0, 1, 5, 17, inet.length, inet.length + 10]) {
      expect([...orderBy(inet, ['-send_q', 'local_port'], { kind: 'inet', limit: n })]).toEqual(full.slice(0, n));
    }
  });

  it('sorts by computed fields, async in and out', async () => {
    const got = await collect(orderBy(asAsync(inet), [{ field: 'scope' }, { field: 'local_ip', desc: true }], { kind: 'inet' }));
    expect(got).toHaveLength(inet.length);
    const scopes = got.map((r) => (r.state === 'LISTEN' || (r.transport_protocol !== 'tcp' && r.foreign_port === '*') ? 'x' : null));
    expect(scopes.indexOf(null)).toBe(scopes.filter((s) => s !== null).length);
  });
});

describe('text order (compareText)', () => {
  it('runs of digits compare as numbers, and the order is total: no cycle (fuzz regression ad166bde25e6)', () => {
    const sorted = ['0', '7', '007', '22', '58', '470x', '8080', '34696', 'eth2', 'eth10', 'eth10a', 'ethx', 'lo'];
    for (let i = 0; i < sorted.length; i++) {
      for (let j = 0; j < sorted.length; j++) expect(Math.sign(compareText(sorted[i]!, sorted[j]!)), `${sorted[i]} ${sorted[j]}`).toBe(Math.sign(i - j));
    }
    // The cycle the old rule made: 58 < 34696 (numbers) < 470x (code points) < 58 (code points).
    const ports = ['470' + '/'.repeat(50) + '11', '58', '34696'];
    expect([...ports].sort(compareText)).toEqual(['58', '470' + '/'.repeat(50) + '11', '34696']);
  });

  it('is antisymmetric and transitive on strings of digits, letters and punctuation', () => {
    const text = fc.string({ unit: fc.constantFrom('0', '1', '2', '9', 'a', 'b', '/', '.', ':'), maxLength: 6 });
    fc.assert(
      fc.property(text, text, text, (a, b, c) => {
        expect(Math.sign(compareText(a, b)) + Math.sign(compareText(b, a))).toBe(0);
        expect(compareText(a, b) === 0).toBe(a === b);
        if (compareText(a, b) <= 0 && compareText(b, c) <= 0) expect(compareText(a, c)).toBeLessThanOrEqual(0);
      }),
      { numRuns: 3000, seed: 5 },
    );
  });

  it('--sort with --limit keeps the head of the whole sort on text ports', () => {
    const rows = ['58', '470' + '/'.repeat(50) + '11', '34696', '36419', '8', '470', '47042'].map((local_port, line) => ({ local_port, line }));
    const all = [...orderBy(rows, ['local_port'])].map((r) => r.local_port);
    for (const limit of [1, 2, 3, 5]) expect([...orderBy(rows, ['local_port'], { limit })].map((r) => r.local_port)).toEqual(all.slice(0, limit));
  });
});
