/**
 * Compact values for the diff: the fields of a record that the diff keeps (its key and the fields it
 * compares) packed into one string, so that holding a million sockets costs two short strings each
 * rather than a million record objects. Types survive the round trip: strings, numbers, bigints
 * (exact), null, booleans, and lists or objects (as JSON).
 */
import { writeUint } from '../output/json-bytes.js';
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

/**
 * Packed text written code by code into one growing array: the keys (or values) of a batch of
 * records, with no string made per record. While every code unit is below 256 (nearly always) the
 * text is held one byte a character, and take() hands over the bytes; once one is not, the batch is
 * held as UTF-16 and take() makes a string.
 */
export class PackBuffer {
  private bytes = new Uint8Array(1 << 16);
  private wide: Uint16Array | null = null;
  pos = 0;

  /** Room for n more code units. */
  private reserve(n: number): void {
    const need = this.pos + n;
    if (this.wide !== null) {
      if (need > this.wide.length) this.wide = grow16(this.wide, need, this.pos);
    } else if (need > this.bytes.length) {
      const grown = new Uint8Array(Math.max(this.bytes.length * 2, need));
      grown.set(this.bytes.subarray(0, this.pos));
      this.bytes = grown;
    }
  }

  /**
   * Room for n more bytes, while the batch is one byte a character: the array to write them to at
   * `pos` (then move `pos` past them), or null when the batch is UTF-16 (write through text()).
   */
  room(n: number): Uint8Array | null {
    if (this.wide !== null) return null;
    this.reserve(n);
    return this.bytes;
  }

  /** From here on, the batch is held as UTF-16. */
  private widen(): void {
    const wide = new Uint16Array(Math.max(this.bytes.length, 1024));
    for (let i = 0; i < this.pos; i++) wide[i] = this.bytes[i]!;
    this.wide = wide;
  }

  text(s: string): void {
    this.reserve(s.length);
    let p = this.pos;
    let i = 0;
    if (this.wide === null) {
      const bytes = this.bytes;
      for (; i < s.length; i++) {
        const c = s.charCodeAt(i);
        if (c > 255) break;
        bytes[p++] = c;
      }
      this.pos = p;
      if (i === s.length) return;
      this.widen();
    }
    const wide = this.wide!;
    for (; i < s.length; i++) wide[p++] = s.charCodeAt(i);
    this.pos = p;
  }

  /** A tag or separator, then the digits of an integer from 0 to 2^31 - 1. */
  tagged(tag: number, v: number): void {
    let len = 1;
    for (let x = 10; len < 10 && v >= x; x *= 10) len++;
    this.reserve(len + 1);
    const codes = this.wide ?? this.bytes;
    codes[this.pos] = tag;
    let q = this.pos + 1 + len;
    this.pos = q;
    do {
      const d = (v / 10) | 0;
      codes[--q] = 48 + v - d * 10;
      v = d;
    } while (v > 0);
  }

  /** One code unit below 256 (a tag or a separator). */
  byte(c: number): void {
    this.reserve(1);
    (this.wide ?? this.bytes)[this.pos++] = c;
  }

  /** FNV-1a over the code units from..to: the hash of the same text as a string (key-index.ts). */
  hash(from: number, to: number): number {
    const codes = this.wide ?? this.bytes;
    let h = 0x811c9dc5;
    for (let i = from; i < to; i++) h = Math.imul(h ^ codes[i]!, 16777619);
    return h | 0;
  }

  /**
   * What was written since the last take(): its bytes (Latin-1, one a character: to be handed to
   * another thread as they are), or a string; the buffer is empty again.
   */
  take(): Uint8Array | string {
    const n = this.pos;
    this.pos = 0;
    if (this.wide !== null) {
      const wide = this.wide;
      this.wide = null;
      let s = '';
      for (let i = 0; i < n; i += 4096) s += String.fromCharCode(...wide.subarray(i, Math.min(n, i + 4096)));
      return s;
    }
    const taken = this.bytes.subarray(0, n);
    this.bytes = new Uint8Array(this.bytes.length);
    return taken;
  }
}

function grow16(a: Uint16Array, size: number, used: number): Uint16Array {
  const b = new Uint16Array(Math.max(a.length * 2, size));
  b.set(a.subarray(0, used));
  return b;
}

/** Text from PackBuffer.take(), as a string. */
export function packedText(taken: Uint8Array | string): string {
  return typeof taken === 'string' ? taken : Buffer.from(taken.buffer, taken.byteOffset, taken.byteLength).toString('latin1');
}

/** Writes what fieldEncoder(fields, prefix) returns for a record, into a PackBuffer. */
export type FieldPacker = (record: object, out: PackBuffer) => void;

const PACKERS = new Map<string, FieldPacker>();

/**
 * The packer for a list of fields: the same text as {@link fieldEncoder}, written code by code.
 * Generated once per list, in two parts. The fast part takes the common record: every field a
 * string of Latin-1 characters without SEP, an integer from 0 to 2^31 - 1, or null; it reserves room
 * for the whole record once and stores its bytes straight into the buffer. Any other record (or a
 * batch already in UTF-16) is written by the general part, field by field through the buffer's
 * methods, after the fast part's bytes are taken back.
 */
export function fieldPacker(fields: readonly string[], prefix?: string): FieldPacker {
  const id = JSON.stringify([prefix ?? null, fields]);
  let packer = PACKERS.get(id);
  if (packer === undefined) {
    const sep = SEP.charCodeAt(0);
    const prefixCodes = prefix === undefined ? [] : [...prefix].map((c) => c.charCodeAt(0));
    // Field names only inside JSON.stringify'd literals.
    const read = fields.map((f, i) => `const v${i} = r[${JSON.stringify(f)}];\n`).join('');
    let slow = '';
    if (prefix !== undefined) slow += `o.text(${JSON.stringify(prefix)});\n`;
    let need = `${prefixCodes.length + fields.length + 1}`;
    let fast = '';
    prefixCodes.forEach((c) => (fast += `b[p++] = ${c};\n`));
    fields.forEach((_, i) => {
      const v = `v${i}`;
      if (i > 0 || prefix !== undefined) {
        slow += 'o.byte(SEPC);\n';
        fast += 'b[p++] = SEPC;\n';
      }
      slow +=
        `if (typeof ${v} === 'string' && ${v}.indexOf(SEP) === -1) { o.byte(115); o.text(${v}); }\n` +
        `else if (typeof ${v} === 'number' && ${v} >= 0 && ${v} <= 0x7fffffff && ${v} % 1 === 0) o.tagged(110, ${v});\n` +
        `else if (${v} !== null && ${v} !== undefined) o.text(enc(${v}));\n`;
      need += ` + (typeof ${v} === 'string' ? ${v}.length : 11)`;
      fast +=
        `if (typeof ${v} === 'string') {\n` +
        '  b[p++] = 115;\n' +
        `  for (let k = 0; k < ${v}.length; k++) { const c = ${v}.charCodeAt(k); if (c > 255 || c === SEPC) return false; b[p++] = c; }\n` +
        `} else if (typeof ${v} === 'number' && ${v} >= 0 && ${v} <= 0x7fffffff && ${v} % 1 === 0) { b[p++] = 110; p = uint(b, p, ${v}); }\n` +
        `else if (${v} !== null && ${v} !== undefined) return false;\n`;
    });
    const fastAll = prefixCodes.some((c) => c > 255) ? 'return false;\n' : `const b = o.room(${need});\nif (b === null) return false;\nlet p = o.pos;\n${fast}o.pos = p;\nreturn true;\n`;
    const code =
      `function fast(r, o) {\n${read}${fastAll}}\n` +
      `function slow(r, o) {\n${read}${slow}}\n` +
      'return function pack(r, o) {\n  const start = o.pos;\n  if (!fast(r, o)) {\n    o.pos = start;\n    slow(r, o);\n  }\n};';
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    packer = new Function('SEP', 'SEPC', 'enc', 'uint', code)(SEP, sep, encodeValue, writeUint) as FieldPacker;
    PACKERS.set(id, packer);
  }
  return packer;
}
