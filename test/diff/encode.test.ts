/**
 * The diff's packed form, two ways: a record's fields as one string (fieldEncoder, used when the
 * main thread reads an input) and written code by code into a PackBuffer (fieldPacker, used by the
 * worker threads). Both must give the same text and the same key hash, or a record read by a worker
 * would never match one read here. Checked for values of every kind fast-check can think of.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeFields, fieldEncoder, fieldPacker, PackBuffer, packedText, SEP } from '../../src/diff/encode.js';
import { hashOf } from '../../src/diff/key-index.js';

const FIELDS = ['a', 'b', 'c'];

const value = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('', SEP, `x${SEP}y`, 'é', '\u0100', '😀', 'tcp', '127.0.0.1'),
  fc.integer({ min: 0, max: 0x7fffffff }),
  fc.integer(),
  fc.double(),
  fc.constantFrom(-0, 0x80000000, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY),
  fc.bigInt(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.array(fc.string(), { maxLength: 3 }),
);

const record = fc.record({ a: value, b: value, c: value });

describe('packed records', () => {
  it('a PackBuffer holds the text fieldEncoder makes, with the hash of that text', () => {
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 20 }), fc.option(fc.constantFrom('inet\x1f0', 'k')), (records, prefix) => {
        const encode = fieldEncoder(FIELDS, prefix ?? undefined);
        const pack = fieldPacker(FIELDS, prefix ?? undefined);
        const out = new PackBuffer();
        const hashes: number[] = [];
        const lengths: number[] = [];
        for (const r of records) {
          const start = out.pos;
          pack(r, out);
          hashes.push(out.hash(start, out.pos));
          lengths.push(out.pos - start);
        }
        const expected = records.map((r) => encode(r));
        expect(packedText(out.take())).toBe(expected.join(''));
        expect(lengths).toEqual(expected.map((e) => e.length));
        expect(hashes).toEqual(expected.map(hashOf));
        expect(out.pos).toBe(0);
      }),
    );
  });

  it('keeps the types of what it packs', () => {
    const out = new PackBuffer();
    const r = { a: 'x', b: 17, c: 12345678901234567890n };
    fieldPacker(FIELDS)(r, out);
    expect(decodeFields(packedText(out.take()), FIELDS)).toEqual(r);
  });

  it('hands over bytes while the text is Latin-1, a string once it is not', () => {
    const out = new PackBuffer();
    fieldPacker(FIELDS)({ a: 'café', b: 1, c: null }, out);
    expect(out.take()).toBeInstanceOf(Uint8Array);
    fieldPacker(FIELDS)({ a: 'café', b: 'Ā', c: '😀' }, out);
    const taken = out.take();
    expect(typeof taken).toBe('string');
    expect(taken).toBe(fieldEncoder(FIELDS)({ a: 'café', b: 'Ā', c: '😀' }));
  });
});
