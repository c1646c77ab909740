/**
 * How field values are written: JSON that keeps integers beyond 2^53 exact, and text cells for
 * tables, CSV and markdown.
 */

// Characters a JSON string must escape (and lone surrogates, which JSON.stringify escapes too).
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;

/** A JSON string literal; the common case (nothing to escape) without JSON.stringify. */
export function jsonString(s: string): string {
  return NEEDS_ESCAPE.test(s) ? JSON.stringify(s) : '"' + s + '"';
}

/** JSON for one value. bigint is written as a bare integer literal, so it is never rounded. */
export function jsonValue(v: unknown): string {
  switch (typeof v) {
    case 'string':
      return jsonString(v);
    case 'number':
      return Number.isFinite(v) ? String(v) : 'null';
    case 'bigint':
      return v.toString();
    case 'boolean':
      return v ? 'true' : 'false';
    case 'undefined':
      return 'null';
    case 'object':
      if (v === null) return 'null';
      if (Array.isArray(v)) return `[${v.map(jsonValue).join(',')}]`;
      return jsonObject(v);
    default:
      return 'null';
  }
}

/**
 * A serializer for rows with a fixed list of columns, generated once per list: straight-line code
 * with the key prefixes as constants, about twice as fast as a loop over the keys (and faster than
 * JSON.stringify, which could not write bigints anyway). Column names only ever appear inside
 * JSON.stringify'd literals in the generated code.
 */
export type Serializer = (row: object) => string;
const SERIALIZERS = new WeakMap<readonly string[], Serializer>();

function compileSerializer(columns: readonly string[]): Serializer {
  let body = "let o = '', v;\n";
  columns.forEach((c, i) => {
    const prefix = JSON.stringify((i === 0 ? '{' : ',') + JSON.stringify(c) + ':');
    body +=
      `v = r[${JSON.stringify(c)}]; o += ${prefix};\n` +
      "if (typeof v === 'string') o += esc.test(v) ? JSON.stringify(v) : '\"' + v + '\"';\n" +
      "else if (typeof v === 'number') o += Number.isFinite(v) ? '' + v : 'null';\n" +
      "else if (v === null || v === undefined) o += 'null';\n" +
      'else o += value(v);\n';
  });
  body += columns.length === 0 ? "return '{}';" : "return o + '}';";
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function('esc', 'value', `return function serialize(r) {\n${body}}`)(NEEDS_ESCAPE, jsonValue) as Serializer;
}

/**
 * What `compile` makes for `key`, made on its first use and then kept in `cache`: the code generated
 * per list of fields (serializers, packers, readers) is generated once per list.
 */
export function compiledOnce<K, V>(cache: { get(key: K): V | undefined; set(key: K, value: V): unknown }, key: K, compile: () => V): V {
  let compiled = cache.get(key);
  if (compiled === undefined) {
    compiled = compile();
    cache.set(key, compiled);
  }
  return compiled;
}

/** The serializer for a list of columns (compiled on first use, then cached). */
export function serializerFor(columns: readonly string[]): Serializer {
  return compiledOnce(SERIALIZERS, columns, () => compileSerializer(columns));
}

/** JSON for a row, its fields in `columns` order when given. */
export function jsonObject(row: object, columns?: readonly string[]): string {
  if (columns === undefined) {
    const r = row as { [k: string]: unknown };
    return '{' + Object.keys(r).map((k) => JSON.stringify(k) + ':' + jsonValue(r[k])).join(',') + '}';
  }
  return serializerFor(columns)(row);
}

/** A value as a table or CSV cell: null is empty, lists are joined with spaces. */
export function cellText(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(cellText).join(' ');
  if (typeof v === 'object') return jsonValue(v);
  return String(v);
}

/**
 * Whether a value's cell is plain text: empty, a number, true or false. Nothing in it needs escaping
 * for a terminal or markdown, so tables skip the escaping of such cells.
 */
export function isPlainCell(v: unknown): boolean {
  return v === null || v === undefined || typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean';
}
