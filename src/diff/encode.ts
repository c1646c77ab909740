/**
 * Compact values for the diff: the fields of a record that the diff keeps (its key and the fields it
 * compares) packed into one string, so that holding a million sockets costs two short strings each
 * rather than a million record objects. Types survive the round trip: strings, numbers, bigints
 * (exact), null, booleans, and lists or objects (as JSON).
 */
import { jsonValue } from '../output/values.js';

/** Between fields. A string holding it (or starting badly) is written as JSON, so it never splits. */
export const SEP = '\x1f';

/** One value: '' for null, 's' + text, 'n' + number, 'b' + bigint, 'T'/'F', 'j' + JSON. */
export function encodeValue(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return v.indexOf(SEP) === -1 ? 's' + v : 'j' + JSON.stringify(v);
    case 'number':
      return Number.isFinite(v) ? 'n' + v : '';
    case 'bigint':
      return 'b' + v;
    case 'boolean':
      return v ? 'T' : 'F';
    case 'undefined':
      return '';
    case 'object':
      return v === null ? '' : 'j' + jsonValue(v);
    default:
      return '';
  }
}

export function decodeValue(part: string): unknown {
  if (part === '') return null;
  const rest = part.slice(1);
  switch (part.charCodeAt(0)) {
    case 115: // s
      return rest;
    case 110: // n
      return Number(rest);
    case 98: // b
      return BigInt(rest);
    case 84: // T
      return true;
    case 70: // F
      return false;
    default:
      return JSON.parse(rest) as unknown;
  }
}

/** Packs the fields of a record (after a fixed prefix, when given) into one string. */
export type FieldEncoder = (record: object) => string;

const ENCODERS = new Map<string, FieldEncoder>();

/**
 * The encoder for a list of fields, generated once per list (as the JSON serializers are): straight
 * code reading each field, with strings (the common case) packed inline. The result is made with
 * join(), which gives one flat string: no rope of small pieces, no slices keeping the input alive.
 * Field names only appear inside JSON.stringify'd literals in the generated code.
 */
export function fieldEncoder(fields: readonly string[], prefix?: string): FieldEncoder {
  const id = JSON.stringify([prefix ?? null, fields]);
  let encoder = ENCODERS.get(id);
  if (encoder === undefined) {
    let body = 'let v;\n';
    const items: string[] = prefix === undefined ? [] : [JSON.stringify(prefix)];
    fields.forEach((f, i) => {
      body += `v = r[${JSON.stringify(f)}]; const p${i} = typeof v === 'string' && v.indexOf(SEP) === -1 ? 's' + v : v === null ? '' : enc(v);\n`;
      items.push(`p${i}`);
    });
    body += `return [${items.join(', ')}].join(SEP);`;
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    encoder = new Function('SEP', 'enc', `return function encode(r) {\n${body}\n}`)(SEP, encodeValue) as FieldEncoder;
    ENCODERS.set(id, encoder);
  }
  return encoder;
}

/** The fields of a record, packed (after `prefix` and SEP, when given). */
export function encodeFields(record: object, fields: readonly string[], prefix?: string): string {
  return fieldEncoder(fields, prefix)(record);
}

/** The packed fields split into their encoded parts (compare parts with ===, decode with decodeValue). */
export function splitFields(packed: string, count: number): string[] {
  if (count === 0) return [];
  return packed.split(SEP);
}

/** Unpack into an object: field -> value. */
export function decodeFields(packed: string, fields: readonly string[], into: { [field: string]: unknown } = {}): { [field: string]: unknown } {
  const parts = splitFields(packed, fields.length);
  for (let i = 0; i < fields.length; i++) into[fields[i]!] = decodeValue(parts[i] ?? '');
  return into;
}
