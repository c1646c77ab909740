/** NDJSON: one JSON object per line. */
import { isByteOut, type ByteOut } from './json-bytes.js';
import { rowByteSerializer, rowSerializer, type RowByteSerializer, type RowSerializer } from './json.js';
import type { Out, Row, RowWriter, WriterOptions } from './writer.js';

export class NdjsonWriter implements RowWriter {
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
      this.out.write(this.serialize(row) + '\n');
      return;
    }
    // The serializer leaves SLACK bytes free after the row.
    this.serializeBytes(row, o);
    o.buf[o.pos++] = 10;
  }

  end(): void {}
}
