/**
 * The diff's packed form: a record's fields written as bytes into a PackBuffer by a generated
 * packer (fieldPacker: a fast part for the common record, a general one for the rest). The bytes
 * must be the text encodeFields defines, with the hash of that text, whichever part wrote them, or
 * two equal records would not match; and they must read back as the values that were packed.
 * Checked for values of every kind fast-check can think of.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BatchPacker, decodeFields, decodeValue, encodeFields, encodeValue, fieldPacker, PackBuffer, recordDecoder, SEP } from '../../src/diff/encode.js';
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

const latin1 = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');

describe('packed records', () => {
  it('a PackBuffer holds the text encodeFields makes, with the hash of that text', () => {
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 20 }), fc.option(fc.constantFrom('inet\x1f0', 'k')), (records, prefix) => {
        const pack = fieldPacker(FIELDS, prefix ?? undefined);
        const out = new PackBuffer(16);
        const hashes: number[] = [];
        const lengths: number[] = [];
        for (const r of records) {
          const start = out.pos;
          pack(r, out);
          hashes.push(out.hash(start, out.pos));
          lengths.push(out.pos - start);
        }
        const expected = records.map((r) => encodeFields(r, FIELDS, prefix ?? undefined));
        expect(latin1(out.take())).toBe(expected.join(''));
        expect(lengths).toEqual(expected.map((e) => e.length));
        expect(hashes).toEqual(expected.map(hashOf));
        expect(out.pos).toBe(0);
      }),
    );
  });

  it('reads back what it packed, and packs two values alike only when they are equal', () => {
    fc.assert(
      fc.property(value, value, (a, b) => {
        const same = (x: unknown): unknown => (x === undefined || (typeof x === 'number' && !Number.isFinite(x)) ? null : Object.is(x, -0) ? 0 : x);
        const text = encodeValue(a);
        expect(text.includes(SEP)).toBe(false);
        expect([...text].every((c) => c.charCodeAt(0) <= 255)).toBe(true);
        expect(decodeValue(text)).toEqual(same(a));
        if (typeof a === 'string' && typeof b === 'string') expect(encodeValue(a) === encodeValue(b)).toBe(a === b);
      }),
    );
  });

  it('keeps the types of what it packs', () => {
    const out = new PackBuffer();
    const r = { a: 'x', b: 17, c: 12345678901234567890n };
    fieldPacker(FIELDS)(r, out);
    expect(decodeFields(latin1(out.take()), FIELDS)).toEqual(r);
  });

  it('writes text above U+00FF, and text holding the separator, as escaped JSON, one byte a character', () => {
    const out = new PackBuffer();
    const r = { a: 'café', b: 'Ā', c: `😀${SEP}x` };
    fieldPacker(FIELDS)(r, out);
    const text = latin1(out.take());
    expect(text).toBe(['scafé', 'j"\\u0100"', 'j"\\ud83d\\ude00\\u001fx"'].join(SEP));
    expect(decodeFields(text, FIELDS)).toEqual(r);
  });

  it('reads a record back as decodeFields does, the key after its prefix, then the values right after it', () => {
    const digits = fc.oneof(fc.stringMatching(/^[0-9]{1,20}$/).map((d) => `n${d}`), fc.constantFrom('n', 'n-1', 'n1.5', 'n1e+21'));
    fc.assert(
      fc.property(fc.array(record, { minLength: 1, maxLength: 5 }), fc.array(digits, { maxLength: 3 }), fc.constantFrom(['a'], ['a', 'b'], [], ['__proto__']), (records, numbers, keyFields) => {
        const compare = ['b', 'c', 'x'];
        const prefix = 'k\x1f0';
        const decode = recordDecoder('k', prefix, keyFields, compare);
        for (const r of records) {
          const key = encodeFields(r, keyFields, prefix);
          const values = encodeFields(r, compare);
          const expected = { kind: 'k', line: 3 };
          decodeFields(key.slice(prefix.length + 1), keyFields, expected);
          decodeFields(values, compare, expected);
          const got = decode(key + values, key.length, 3);
          expect(got).toEqual(expected);
          expect(Object.keys(got)).toEqual(Object.keys(expected));
        }
        // Numbers as any packer might have written them; a values text with fewer parts than fields.
        const text = numbers.join(SEP);
        const key = `${prefix}${SEP}sx`;
        expect(decode(key + text, key.length, 1)).toEqual(decodeFields(text, compare, decodeFields('sx', keyFields, { kind: 'k', line: 1 })));
      }),
    );
  });

  it('cuts a batch into records, each key followed by its values', () => {
    const spec = { id: 3, packKey: fieldPacker(['a'], 'k'), packValues: fieldPacker(['b', 'c']) };
    const batch = new BatchPacker(2);
    expect(batch.add(spec, { a: 'one', b: 1, c: null }, 7)).toBe(false);
    expect(batch.add(spec, { a: 'two', b: 'Ā', c: true }, 9)).toBe(true);
    const taken = batch.take();
    expect(batch.size).toBe(0);
    expect(latin1(taken.data)).toBe(`k${SEP}sonen1${SEP}k${SEP}stwoj"\\u0100"${SEP}T`);
    expect([...taken.keyLengths]).toEqual([6, 6]);
    expect([...taken.valueLengths]).toEqual([3, 11]);
    expect([...taken.hashes]).toEqual([hashOf(`k${SEP}sone`), hashOf(`k${SEP}stwo`)]);
    expect([...taken.lines]).toEqual([7, 9]);
    expect([...taken.ids]).toEqual([3, 3]);
  });
});
