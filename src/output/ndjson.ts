/** NDJSON: one JSON object per line. */
import { rowSerializer, type RowSerializer } from './json.js';
import type { Out, Row, RowWriter, WriterOptions } from './writer.js';

export class NdjsonWriter implements RowWriter {
  private readonly serialize: RowSerializer;
  constructor(
    private readonly out: Out,
    options: WriterOptions = {},
  ) {
    this.serialize = rowSerializer(options);
  }

  row(row: Row): void {
    this.out.write(this.serialize(row) + '\n');
  }

  end(): void {}
}
