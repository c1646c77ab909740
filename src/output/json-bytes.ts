/**
 * JSON written straight into bytes, for outputs that hold a byte buffer (the CLI's stdout).
 *
 * The string serializer (values.ts) builds each record as a rope of about 80 pieces, which the
 * output joins and the stream encodes to UTF-8: three passes over every byte and most of the
 * garbage of `convert -f ndjson`. This one writes the bytes once: the constant key prefixes as
 * unrolled stores, printable ASCII strings and small integers by a loop, and anything else (escapes,
 * non-ASCII text, bigints, lists) through the string serializer's own functions, encoded as UTF-8.
 * So the bytes are exactly those of the string path (test/output/json-bytes.test.ts checks it).
 */
import { compiledOnce, jsonString, jsonValue } from './values.js';
import type { Out } from './writer.js';

/**
 * An output that takes bytes as well as text: `buf[pos..]` is free space, and `reserve(n)` makes
 * sure at least n bytes are free (handing what is written to the stream, or taking a larger buffer).
 * Text from `write` and bytes come out in the order they were written.
 */
export interface ByteOut extends Out {
  buf: Buffer;
  pos: number;
  reserve(n: number): void;
}

export function isByteOut(out: Out): out is ByteOut {
  return typeof (out as Partial<ByteOut>).reserve === 'function';
}

/** Text as UTF-8 at `out.pos`, then room for `after` more bytes. */
export function writeText(out: ByteOut, text: string, after = 0): void {
  out.reserve(text.length * 3 + after);
  out.pos += out.buf.write(text, out.pos, 'utf8');
}

/** Writes one row as JSON at `out.pos`; leaves at least {@link SLACK} bytes free after it. */
export type ByteSerializer = (row: object, out: ByteOut) => void;

/** Free bytes a serializer leaves after the row (for the writer's "\n" or ",\n"). */
export const SLACK = 2;

/** Strings up to this length are written by the inline loop; longer ones like escaped ones. */
const INLINE_MAX = 512;

/** The longest integer the inline code writes: it divides with `| 0`. */
const INLINE_INT_MAX = 0x7fffffff;

/** Digits of a non-negative integer up to {@link INLINE_INT_MAX}, written at p; the new position. */
export function writeUint(b: Uint8Array, p: number, v: number): number {
  if (v < 10) {
    b[p] = 48 + v;
    return p + 1;
  }
  let len = 2;
  for (let x = 100; len < 10 && v >= x; x *= 10) len++;
  let q = p + len;
  while (v >= 10) {
    const d = (v / 10) | 0;
    b[--q] = 48 + v - d * 10;
    v = d;
  }
  b[--q] = 48 + v;
  return p + len;
}

const SERIALIZERS = new WeakMap<readonly string[], ByteSerializer>();

/** Unrolled stores of constant bytes at p, then p moved past them. */
function storeBytes(bytes: Uint8Array): string {
  let code = '';
  bytes.forEach((byte, k) => (code += `b[p${k === 0 ? '' : ` + ${k}`}] = ${byte}; `));
  return `${code}p += ${bytes.length};\n`;
}

/**
 * Generated once per column list, like the string serializer: straight-line code, column names only
 * inside JSON.stringify'd literals. `bound` is the most the inline paths can write for one row; it
 * is reserved up front, and again after each out-of-line value, so the inline stores need no checks.
 */
function compileByteSerializer(columns: readonly string[]): ByteSerializer {
  let bound = SLACK + 2;
  let body = '';
  columns.forEach((c, i) => {
    const prefix = Buffer.from((i === 0 ? '{' : ',') + JSON.stringify(c) + ':', 'utf8');
    bound += prefix.length + INLINE_MAX + 2;
    body +=
      storeBytes(prefix) +
      `v = r[${JSON.stringify(c)}];\n` +
      "if (typeof v === 'string') {\n" +
      '  n = v.length; s = p;\n' +
      `  if (n <= ${INLINE_MAX}) {\n` +
      '    b[p++] = 34;\n' +
      '    for (i = 0; i < n; i++) { c = v.charCodeAt(i); if (c < 32 || c > 126 || c === 34 || c === 92) break; b[p++] = c; }\n' +
      '  }\n' +
      `  if (n <= ${INLINE_MAX} && i === n) b[p++] = 34;\n` +
      '  else { o.pos = s; text(o, str(v), BOUND); b = o.buf; p = o.pos; }\n' +
      "} else if (typeof v === 'number') {\n" +
      `  if (v >= 0 && v <= ${INLINE_INT_MAX} && v % 1 === 0) p = uint(b, p, v);\n` +
      "  else { o.pos = p; text(o, Number.isFinite(v) ? '' + v : 'null', BOUND); b = o.buf; p = o.pos; }\n" +
      '} else if (v === null || v === undefined) { b[p] = 110; b[p + 1] = 117; b[p + 2] = 108; b[p + 3] = 108; p += 4; }\n' +
      'else { o.pos = p; text(o, value(v), BOUND); b = o.buf; p = o.pos; }\n';
  });
  const code =
    'return function serialize(r, o) {\n' +
    '  if (o.buf.length - o.pos < BOUND) o.reserve(BOUND);\n' +
    '  let b = o.buf, p = o.pos, v, n, i = 0, c, s;\n' +
    (columns.length === 0 ? 'b[p++] = 123;\n' : body) +
    '  b[p++] = 125;\n' +
    '  o.pos = p;\n' +
    '};';
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function('BOUND', 'text', 'str', 'value', 'uint', code)(bound, writeText, jsonString, jsonValue, writeUint) as ByteSerializer;
}

/** The byte serializer for a list of columns (compiled on first use, then cached). */
export function byteSerializerFor(columns: readonly string[]): ByteSerializer {
  return compiledOnce(SERIALIZERS, columns, () => compileByteSerializer(columns));
}
