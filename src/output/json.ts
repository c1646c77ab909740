/** JSON: one array of rows, streamed; integers beyond 2^53 are written exactly. */
import { recordColumns } from './columns.js';
import { byteSerializerFor, isByteOut, SLACK, writeText, type ByteOut, type ByteSerializer } from './json-bytes.js';
import { jsonObject, serializerFor, type Serializer } from './values.js';
import { get, type Out, type Row, type RowWriter, type WriterOptions } from './writer.js';

export class JsonWriter implements RowWriter {
  private count = 0;
  private readonly serialize: RowSerializer;
  /** Set when the output takes bytes: rows are written as bytes (the same bytes). */
  private readonly bytes: ByteOut | null;
  private readonly serializeBytes: RowByteSerializer;
  constructor(
    private readonly out: Out,
    options: WriterOptions = {},
  ) {
    this.serialize = rowSerializer(options);
    this.bytes = isByteOut(out) ? out : null;
    this.serializeBytes = rowByteSerializer(options);
  }

  row(row: Row): void {
    const o = this.bytes;
    if (o === null) {
      this.out.write((this.count++ === 0 ? '[\n' : ',\n') + this.serialize(row));
      return;
    }
    if (o.buf.length - o.pos < SLACK) o.reserve(SLACK);
    o.buf[o.pos++] = this.count++ === 0 ? 91 /* [ */ : 44 /* , */;
    o.buf[o.pos++] = 10;
    this.serializeBytes(row, o);
  }

  end(): void {
    this.out.write(this.count === 0 ? '[]\n' : '\n]\n');
  }
}

/** The fields of a row in output order: fixed columns, the kind's schema, or the row's own keys. */
export function rowColumns(row: Row, options: WriterOptions): readonly string[] | undefined {
  if (options.columns) return options.columns;
  // Records of a known kind have exactly its columns (test/parse/samples.test.ts checks it).
  const kind = get(row, 'kind');
  if (typeof kind === 'string') {
    const platform = get(row, 'platform');
    const cols = recordColumns(kind, typeof platform === 'string' ? platform : undefined);
    if (cols.length > 0) return cols;
  }
  return undefined;
}

export type RowSerializer = (row: Row) => string;
export type RowByteSerializer = (row: Row, out: ByteOut) => void;

/**
 * The compiled serializer of each row's columns, looked up only when the kind or platform changes
 * (rows of one kind come in runs); null for a row of no known kind.
 */
function perKind<S>(options: WriterOptions, compile: (columns: readonly string[]) => S): (row: Row) => S | null {
  if (options.columns) {
    const fixed = compile(options.columns);
    return () => fixed;
  }
  let first = true;
  let lastKind: unknown = undefined;
  let lastPlatform: unknown = undefined;
  let last: S | null = null;
  return (row) => {
    const kind = get(row, 'kind');
    const platform = get(row, 'platform');
    if (first || kind !== lastKind || platform !== lastPlatform) {
      first = false;
      lastKind = kind;
      lastPlatform = platform;
      const cols = rowColumns(row, options);
      last = cols ? compile(cols) : null;
    }
    return last;
  };
}

/** JSON for each row. */
export function rowSerializer(options: WriterOptions): RowSerializer {
  const pick = perKind<Serializer>(options, serializerFor);
  return (row) => {
    const serialize = pick(row);
    return serialize === null ? jsonObject(row) : serialize(row);
  };
}

/** {@link rowSerializer} writing bytes: the same lookups, the same bytes. */
export function rowByteSerializer(options: WriterOptions): RowByteSerializer {
  const pick = perKind<ByteSerializer>(options, byteSerializerFor);
  return (row, out) => {
    const serialize = pick(row);
    if (serialize === null) writeText(out, jsonObject(row), SLACK);
    else serialize(row, out);
  };
}
