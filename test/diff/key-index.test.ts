/**
 * The diff's index of the first snapshot: records packed in batches (each key followed by its
 * values), looked up and taken by their bytes. Checked against a plain model (a list of records
 * searched in order) over random records with repeated keys, in batches large enough to make the
 * hash table grow several times.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BatchPacker, fieldPacker, PackBuffer } from '../../src/diff/encode.js';
import { hashOf, KeyIndex } from '../../src/diff/key-index.js';

const spec = { id: 0, packKey: fieldPacker(['k'], 'x\x1f0'), packValues: fieldPacker(['v', 'w']) };
const text = (bytes: Uint8Array, from: number, to: number): string => Buffer.from(bytes).toString('latin1', from, to);

interface Rec {
  k: string | number;
  v: string | null;
  w: number;
}

/** Index `records` in batches of `size`. */
function indexOf(records: readonly Rec[], size: number): KeyIndex {
  const index = new KeyIndex();
  const packer = new BatchPacker(size);
  records.forEach((r, line) => {
    if (packer.add(spec, r, line)) {
      const b = packer.take();
      index.addBatch(b, b.ids);
    }
  });
  const b = packer.take();
  if (b.ids.length > 0) index.addBatch(b, b.ids);
  return index;
}

/** A record packed alone, as the diff packs one to look it up. */
function packed(r: Rec): { bytes: Buffer; keyLength: number; valueLength: number; hash: number } {
  const out = new PackBuffer(8);
  spec.packKey(r, out);
  const keyLength = out.pos;
  spec.packValues(r, out);
  return { bytes: out.bytes, keyLength, valueLength: out.pos - keyLength, hash: out.hash(0, keyLength) };
}

const rec = fc.record({
  k: fc.oneof(fc.integer({ min: 0, max: 40 }), fc.constantFrom('a', 'b', 'é', 'Ā', '😀', 'x\x1fy')),
  v: fc.option(fc.constantFrom('LISTEN', 'ESTABLISHED', 'ünïcode', '\u2028')),
  w: fc.integer({ min: 0, max: 3 }),
});

describe('KeyIndex', () => {
  it('takes each record once, an equal one first, as a search of the list would', () => {
    fc.assert(
      fc.property(fc.array(rec, { maxLength: 300 }), fc.array(rec, { maxLength: 300 }), fc.integer({ min: 1, max: 64 }), (before, after, size) => {
        const index = indexOf(before, size);
        expect(index.size).toBe(before.length);
        const taken = before.map(() => false);
        const sameKey = (a: Rec, b: Rec): boolean => Object.is(a.k, b.k);
        for (const r of after) {
          const p = packed(r);
          const got = index.takeEqual(p.bytes, 0, p.keyLength, p.valueLength, p.hash);
          const hasKey = before.some((b) => sameKey(b, r));
          const expected = before.findIndex((b, i) => !taken[i] && sameKey(b, r) && b.v === r.v && b.w === r.w);
          if (!hasKey) expect(got).toBe(-2);
          else if (expected < 0) expect(got).toBe(-1);
          else {
            // Any free equal record will do; the index hands out the first of its key's chain.
            expect(got).toBe(expected);
            taken[got] = true;
          }
        }
        before.forEach((_, i) => expect(index.isPaired(i)).toBe(taken[i]));
      }),
    );
  });

  it('reads records back as text, and finds a key given as text', () => {
    const before: Rec[] = Array.from({ length: 5000 }, (_, i) => ({ k: i % 1700, v: i % 3 === 0 ? null : `s${i}`, w: i % 4 }));
    const index = indexOf(before, 4096);
    expect(index.chained).toBe(5000 - 1700);
    for (const i of [0, 1, 1699, 1700, 4999]) {
      const p = packed(before[i]!);
      expect(index.keyOf(i)).toBe(text(p.bytes, 0, p.keyLength));
      expect(index.valuesOf(i)).toBe(text(p.bytes, p.keyLength, p.keyLength + p.valueLength));
      expect(index.textOf(i)).toBe(text(p.bytes, 0, p.keyLength + p.valueLength));
      expect(index.keyLengthOf(i)).toBe(p.keyLength);
      expect(index.lineOf(i)).toBe(i);
      expect(index.isFirst(i)).toBe(i < 1700);
      // The first record of a key, then the others in order.
      const key = index.keyOf(i);
      const chain: number[] = [];
      for (let j = index.first(key); j >= 0; j = index.after(j)) chain.push(j);
      expect(chain).toEqual([0, 1, 2].map((n) => (i % 1700) + n * 1700).filter((n) => n < 5000));
      expect(index.first(key, hashOf(key))).toBe(i % 1700);
    }
    expect(index.first('x\x1f0\x1fn1700')).toBe(-1);
  });

  it('finds every one of 200k keys after the table has grown fourfold (past 64k keys)', () => {
    const before: Rec[] = Array.from({ length: 200_000 }, (_, i) => ({ k: i, v: null, w: i % 4 }));
    const index = indexOf(before, 4096);
    expect(index.chained).toBe(0);
    for (let i = 199_999; i >= 0; i -= 7) {
      const p = packed(before[i]!);
      expect(index.takeEqual(p.bytes, 0, p.keyLength, p.valueLength, p.hash)).toBe(i);
    }
    const p = packed({ k: 200_000, v: null, w: 0 });
    expect(index.takeEqual(p.bytes, 0, p.keyLength, p.valueLength, p.hash)).toBe(-2);
  });
});
