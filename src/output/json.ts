/** JSON: one array of rows, streamed; integers beyond 2^53 are written exactly. */
import { recordColumns } from './columns.js';
import { jsonObject, serializerFor, type Serializer } from './values.js';
import { get, type Out, type Row, type RowWriter, type WriterOptions } from './writer.js';

export class JsonWriter implements RowWriter {
  private count = 0;
  private readonly serialize: RowSerializer;
  constructor(
    private readonly out: Out,
    options: WriterOptions = {},
  ) {
    this.serialize = rowSerializer(options);
  }

  row(row: Row): void {
    this.out.write((this.count++ === 0 ? '[\n' : ',\n') + this.serialize(row));
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

/**
 * JSON for each row, with the serializer of the row's kind looked up only when the kind changes
 * (rows of one kind come in runs).
 */
export function rowSerializer(options: WriterOptions): RowSerializer {
  if (options.columns) return serializerFor(options.columns);
  let lastKind: unknown = undefined;
  let lastPlatform: unknown = undefined;
  let last: Serializer | null = null;
  return (row) => {
    const kind = get(row, 'kind');
    const platform = get(row, 'platform');
    if (kind !== lastKind || platform !== lastPlatform || last === null) {
      lastKind = kind;
      lastPlatform = platform;
      const cols = rowColumns(row, options);
      last = cols ? serializerFor(cols) : null;
      if (last === null) return jsonObject(row);
    }
    return last(row);
  };
}
