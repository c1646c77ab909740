/**
 * CSV with csv-stringify: a header, then one line per row. One table per file, so every row must
 * have the columns of the first (the CLI picks one record kind with --kind). Cells that start with
 * = + - @ tab or CR are escaped against formula injection; numbers, negative ones included, stay
 * numbers; bigints are written exactly.
 */
import { stringify } from 'csv-stringify/sync';
import { recordColumns } from './columns.js';
import { cellText } from './values.js';
import { get, type Out, type Row, type RowWriter, type WriterOptions } from './writer.js';

const BATCH = 2000;

export class CsvWriter implements RowWriter {
  private columns: readonly string[] | null;
  private batch: unknown[][] = [];
  private headerDone = false;

  constructor(
    private readonly out: Out,
    options: WriterOptions = {},
  ) {
    this.columns = options.columns ?? null;
  }

  row(row: Row): void {
    if (this.columns === null) {
      const kind = get(row, 'kind');
      const platform = get(row, 'platform');
      this.columns =
        typeof kind === 'string' ? recordColumns(kind, typeof platform === 'string' ? platform : undefined, row) : Object.keys(row);
    }
    const cells: unknown[] = [];
    for (const c of this.columns) {
      const v = get(row, c);
      // Lists become one cell; numbers and bigints stay as they are so they are not escaped.
      cells.push(Array.isArray(v) || (typeof v === 'object' && v !== null) ? cellText(v) : v);
    }
    this.batch.push(cells);
    if (this.batch.length >= BATCH) this.flush();
  }

  end(): void {
    this.flush();
    if (!this.headerDone && this.columns !== null) this.flush(true);
  }

  private flush(force = false): void {
    if (this.batch.length === 0 && !force) return;
    this.out.write(
      stringify(this.batch, {
        header: !this.headerDone,
        columns: this.columns!.map((c, i) => ({ key: String(i), header: c })),
        escape_formulas: true,
        cast: { boolean: (b) => (b ? 'true' : 'false') },
        record_delimiter: '\n',
      }),
    );
    this.headerDone = true;
    this.batch = [];
  }
}
