/**
 * Compact values for the diff: the fields of a record that the diff keeps (its key and the fields it
 * compares) packed into bytes, so that holding a million sockets costs a hundred bytes each rather
 * than a million record objects, and two records are compared by comparing bytes. Types survive the
 * round trip: strings, numbers, bigints (exact), null, booleans, and lists or objects (as JSON).
 *
 * The packed text is Latin-1, one byte a character: a value with a character above U+00FF is
 * written as JSON with that character escaped (\uXXXX), so the same value always packs to the same
 * bytes, and bytes can be read back as text one for one (key-index.ts keeps them so).
 */
import { writeUint } from '../output/json-bytes.js';
import { compiledOnce, jsonString, jsonValue } from '../output/values.js';
import { digitsValue } from '../parse/normalize.js';

/** Between fields. A string holding it (or a character above U+00FF) is written as JSON, so it never splits. */
export const SEP = '\x1f';
const SEPC = 0x1f;

/** JSON text with every character above U+00FF escaped, which leaves its meaning as it was. */
function latin1Json(json: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c > 255) {
      out += json.slice(from, i) + '\\u' + c.toString(16).padStart(4, '0');
      from = i + 1;
    }
  }
  return from === 0 ? json : out + json.slice(from);
}

/** Whether a string packs as itself: Latin-1, no SEP. */
function plain(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 255 || c === SEPC) return false;
  }
  return true;
}

/** One value: '' for null, 's' + text, 'n' + number, 'b' + bigint, 'T'/'F', 'j' + JSON. Latin-1, no SEP. */
export function encodeValue(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return plain(v) ? 's' + v : 'j' + latin1Json(jsonString(v));
    case 'number':
      return Number.isFinite(v) ? 'n' + v : '';
    case 'bigint':
      return 'b' + v;
    case 'boolean':
      return v ? 'T' : 'F';
    case 'undefined':
      return '';
    case 'object':
      return v === null ? '' : 'j' + latin1Json(jsonValue(v));
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

/**
 * The fields of a record packed as text (after `prefix` and SEP, when given): what a FieldPacker
 * writes as bytes. The definition of the packed form, kept simple; the packers are the fast copy.
 */
export function encodeFields(record: object, fields: readonly string[], prefix?: string): string {
  const r = record as { [field: string]: unknown };
  const parts = fields.map((f) => encodeValue(r[f]));
  if (prefix !== undefined) parts.unshift(prefix);
  return parts.join(SEP);
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

/** Sets seen[i] for each field i of a list that a record has (not null or missing). */
export type FieldMarker = (record: object, seen: boolean[]) => void;

const MARKERS = new Map<string, FieldMarker>();

/** The marker for a list of fields, generated once per list: a test per field, no loop, no lookup by a computed name. */
export function fieldMarker(fields: readonly string[]): FieldMarker {
  return compiledOnce(MARKERS, JSON.stringify(fields), () => {
    const code = fields.map((f, i) => `  if (r[${JSON.stringify(f)}] != null) seen[${i}] = true;\n`).join('');
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    return new Function(`return function mark(r, seen) {\n${code}};`)() as FieldMarker;
  });
}

/**
 * A record read back from its packed text (its key, then from `valuesAt` its values, as a batch
 * holds them), with its kind and line.
 */
export type RecordDecoder = (text: string, valuesAt: number, line: number) => { kind: string; line: number; [field: string]: unknown };

/**
 * Reads packed parts one after another from a string, without splitting it: an integer is added
 * up from its digits, a string is one slice; anything else goes through decodeValue.
 */
class PartReader {
  private text = '';
  private at = 0;
  private end = 0;

  /** Read `text` from `at` to `end`. */
  start(text: string, at: number, end: number): void {
    this.text = text;
    this.at = at;
    this.end = end;
  }

  /** The next part's value (null when there are no more parts). */
  next(): unknown {
    const text = this.text;
    const from = this.at;
    if (from > this.end) return null;
    let end = text.indexOf(SEP, from);
    if (end === -1 || end > this.end) end = this.end;
    this.at = end + 1;
    if (end === from) return null;
    const tag = text.charCodeAt(from);
    if (tag === 115) return text.slice(from + 1, end);
    // Up to 15 digits: exact as a double, the same number as Number() gives.
    if (tag === 110 && end - from > 1 && end - from <= 16) {
      const v = digitsValue(text, from + 1, end);
      if (v >= 0) return v;
    }
    return decodeValue(text.slice(from, end));
  }
}

const DECODERS = new Map<string, RecordDecoder>();

/**
 * The reader of records packed by fieldPacker(key, prefix) and fieldPacker(compare), generated once
 * per list (as the packers are): an object literal of the fields in order (kind, line, the key's,
 * the compared), so every record of a spec gets one shape. The same object as decodeFields into
 * { kind, line } would make. Field names only inside JSON.stringify'd literals; a field named
 * __proto__ (which a literal would not take as a field) has the loop instead.
 */
export function recordDecoder(kind: string, prefix: string, key: readonly string[], compare: readonly string[]): RecordDecoder {
  return compiledOnce(DECODERS, JSON.stringify([kind, prefix, key, compare]), (): RecordDecoder => {
    if ([...key, ...compare].includes('__proto__')) {
      return (text, valuesAt, line) => {
        const out = { kind, line };
        decodeFields(text.slice(prefix.length + 1, valuesAt), key, out);
        decodeFields(text.slice(valuesAt), compare, out);
        return out;
      };
    }
    // The key's parts are read first (in a literal, values are computed in order).
    const parts = [...key, ...compare].map((f, i) => `${JSON.stringify(f)}: ${i === key.length ? '(r.start(text, at, text.length), r.next())' : 'r.next()'}`);
    const code =
      'return function decode(text, at, line) {\n' +
      `  r.start(text, ${prefix.length + 1}, at);\n` +
      `  return { kind: KIND, line${parts.map((p) => `, ${p}`).join('')} };\n};`;
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    return new Function('KIND', 'r', code)(kind, new PartReader()) as RecordDecoder;
  });
}

/** FNV-1a over the bytes from..to of `bytes`: the same number as hashOf (key-index.ts) of their text. */
export function hashBytes(bytes: Uint8Array, from: number, to: number): number {
  let h = 0x811c9dc5;
  for (let i = from; i < to; i++) h = Math.imul(h ^ bytes[i]!, 16777619);
  return h | 0;
}

/**
 * Packed records written byte by byte into one growing buffer (a Buffer, so that a record can be
 * read back as Latin-1 text without a copy of the whole): a batch of records with no string made
 * per record.
 */
export class PackBuffer {
  private data: Buffer;
  pos = 0;

  constructor(size = 1 << 16) {
    this.data = Buffer.alloc(size);
  }

  /** The bytes written so far (up to `pos`); the array changes when the buffer grows. */
  get bytes(): Buffer {
    return this.data;
  }

  /** Room for n more bytes: the array to write them to at `pos` (then move `pos` past them). */
  room(n: number): Buffer {
    const need = this.pos + n;
    if (need > this.data.length) {
      const grown = Buffer.alloc(Math.max(this.data.length * 2, need));
      this.data.copy(grown, 0, 0, this.pos);
      this.data = grown;
    }
    return this.data;
  }

  /** Text of Latin-1 characters (what encodeValue returns). */
  text(s: string): void {
    const b = this.room(s.length);
    let p = this.pos;
    for (let i = 0; i < s.length; i++) b[p++] = s.charCodeAt(i);
    this.pos = p;
  }

  /** A tag, then the digits of an integer from 0 to 2^31 - 1. */
  tagged(tag: number, v: number): void {
    const b = this.room(11);
    b[this.pos] = tag;
    this.pos = writeUint(b, this.pos + 1, v);
  }

  /** One byte (a tag or a separator). */
  byte(c: number): void {
    this.room(1)[this.pos++] = c;
  }

  /** FNV-1a over the bytes from..to. */
  hash(from: number, to: number): number {
    return hashBytes(this.data, from, to);
  }

  /** A copy of what was written since the last take(), of its own size; the buffer is empty again. */
  take(): Uint8Array {
    const taken = new Uint8Array(this.pos);
    taken.set(this.data.subarray(0, this.pos));
    this.pos = 0;
    return taken;
  }
}

/** Writes what encodeFields(record, fields, prefix) returns, as bytes, into a PackBuffer. */
export type FieldPacker = (record: object, out: PackBuffer) => void;

const PACKERS = new Map<string, FieldPacker>();

/**
 * The packer for a list of fields, generated once per list (as the JSON serializers are), in two
 * parts. The fast part takes the common record: every field a string of Latin-1 characters without
 * SEP, an integer from 0 to 2^31 - 1, or null; it reserves room for the whole record once and
 * stores its bytes straight into the buffer. Any other record is written by the general part, field
 * by field through encodeValue, after the fast part's bytes are taken back.
 * Field names only appear inside JSON.stringify'd literals in the generated code.
 */
export function fieldPacker(fields: readonly string[], prefix?: string): FieldPacker {
  return compiledOnce(PACKERS, JSON.stringify([prefix ?? null, fields]), () => {
    const prefixCodes = Array.from(prefix ?? '', (c) => c.charCodeAt(0));
    if (prefixCodes.some((c) => c > 255)) throw new Error(`diff: a key prefix must be Latin-1 text: ${JSON.stringify(prefix)}`);
    const read = fields.map((f, i) => `const v${i} = r[${JSON.stringify(f)}];\n`).join('');
    let slow = '';
    if (prefix !== undefined) slow += `o.text(${JSON.stringify(prefix)});\n`;
    // Every field's tag and separator, then its text or at most 10 digits.
    let need = `${prefixCodes.length + 2 * fields.length}`;
    let fast = '';
    prefixCodes.forEach((c) => (fast += `b[p++] = ${c};\n`));
    fields.forEach((_, i) => {
      const v = `v${i}`;
      if (i > 0 || prefix !== undefined) {
        slow += 'o.byte(SEPC);\n';
        fast += 'b[p++] = SEPC;\n';
      }
      slow +=
        `if (typeof ${v} === 'number' && ${v} >= 0 && ${v} <= 0x7fffffff && ${v} % 1 === 0) o.tagged(110, ${v});\n` +
        `else if (${v} !== null && ${v} !== undefined) o.text(enc(${v}));\n`;
      need += ` + (typeof ${v} === 'string' ? ${v}.length : 10)`;
      fast +=
        `if (typeof ${v} === 'string') {\n` +
        '  b[p++] = 115;\n' +
        `  for (let k = 0; k < ${v}.length; k++) { const c = ${v}.charCodeAt(k); if (c > 255 || c === SEPC) return false; b[p++] = c; }\n` +
        `} else if (typeof ${v} === 'number' && ${v} >= 0 && ${v} <= 0x7fffffff && ${v} % 1 === 0) { b[p++] = 110; p = uint(b, p, ${v}); }\n` +
        `else if (${v} !== null && ${v} !== undefined) return false;\n`;
    });
    const code =
      `function fast(r, o) {\n${read}const b = o.room(${need});\nlet p = o.pos;\n${fast}o.pos = p;\nreturn true;\n}\n` +
      `function slow(r, o) {\n${read}${slow}}\n` +
      'return function pack(r, o) {\n  const start = o.pos;\n  if (!fast(r, o)) {\n    o.pos = start;\n    slow(r, o);\n  }\n};';
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    return new Function('SEPC', 'enc', 'uint', code)(SEPC, encodeValue, writeUint) as FieldPacker;
  });
}

/**
 * Records packed into one batch of bytes: record k is keyLengths[k] bytes of key, then
 * valueLengths[k] bytes of values, right after record k - 1; with its key's hash (hashBytes), its
 * line, and the id of the spec that packed it.
 */
export interface PackedBatch {
  data: Uint8Array;
  keyLengths: Int32Array;
  valueLengths: Int32Array;
  hashes: Int32Array;
  lines: Int32Array;
  ids: Uint8Array;
}

/** What packs a record: a key and the compared fields (a Spec of the diff). */
export interface RecordPacker {
  readonly id: number;
  readonly packKey: FieldPacker;
  readonly packValues: FieldPacker;
}

/** A batch being filled, record by record, up to `capacity` records. */
export class BatchPacker {
  private readonly out = new PackBuffer();
  private n = 0;
  private keyLengths: Int32Array<ArrayBuffer>;
  private valueLengths: Int32Array<ArrayBuffer>;
  private hashes: Int32Array<ArrayBuffer>;
  private lines: Int32Array<ArrayBuffer>;
  private ids: Uint8Array<ArrayBuffer>;

  constructor(readonly capacity: number) {
    this.keyLengths = new Int32Array(capacity);
    this.valueLengths = new Int32Array(capacity);
    this.hashes = new Int32Array(capacity);
    this.lines = new Int32Array(capacity);
    this.ids = new Uint8Array(capacity);
  }

  get size(): number {
    return this.n;
  }

  /** Pack a record; true when the batch is full. */
  add(spec: RecordPacker, record: object, line: number): boolean {
    const out = this.out;
    const n = this.n;
    const k = out.pos;
    spec.packKey(record, out);
    const v = out.pos;
    this.hashes[n] = out.hash(k, v);
    this.keyLengths[n] = v - k;
    spec.packValues(record, out);
    this.valueLengths[n] = out.pos - v;
    this.ids[n] = spec.id;
    this.lines[n] = line;
    this.n = n + 1;
    return this.n === this.capacity;
  }

  /** The records packed since the last take() (arrays of their own); the batch is empty again. */
  take(): PackedBatch {
    const n = this.n;
    const batch: PackedBatch = {
      data: this.out.take(),
      keyLengths: this.keyLengths.slice(0, n),
      valueLengths: this.valueLengths.slice(0, n),
      hashes: this.hashes.slice(0, n),
      lines: this.lines.slice(0, n),
      ids: this.ids.slice(0, n),
    };
    this.n = 0;
    return batch;
  }
}
