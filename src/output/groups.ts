/**
 * Shared by tables and markdown: rows are grouped by kind (one table each), and the first rows of a
 * group are held so that column widths and empty columns can be decided. After that, rows stream.
 */
import { columnsOf, tableColumnsOf } from './columns.js';
import { cellText, compiledOnce } from './values.js';
import type { Row, WriterOptions } from './writer.js';

// Not imported from writer.ts: writer.ts imports the writers built on this module, and a runtime
// import back would make the order of imports matter (a cycle).
function get(row: Row, field: string): unknown {
  return (row as { [field: string]: unknown })[field];
}

/** Rows held before the layout of a table is fixed. */
export const LAYOUT_ROWS = 1000;

export const KIND_HEADINGS: { readonly [kind: string]: string } = {
  inet: 'Internet sockets',
  unix: 'UNIX domain sockets',
  interface: 'Interfaces',
  route: 'Routes',
  stat: 'Statistics',
  group: 'Multicast group memberships',
  netlink: 'Netlink sockets',
  packet: 'Packet sockets',
  vsock: 'VSOCK sockets',
  tipc: 'TIPC sockets',
};

export interface GroupLayout {
  kind: string;
  columns: readonly string[];
  /** Widest cell (or header) of each column among the held rows. */
  widths: number[];
  /** Columns whose cells are numbers (right-aligned). */
  numeric: boolean[];
}

export abstract class GroupedWriter {
  private kind: string | null = null;
  private held: Row[] = [];
  private layout: GroupLayout | null = null;
  private groups = 0;
  /** The cells of the row being written: one array, filled again for each row. */
  private cells: string[] = [];
  /** Reads the cells of a row of the current layout. */
  private reader: CellsReader = () => {};

  constructor(protected readonly options: WriterOptions) {}

  /** A value as its cell shows it (escaped as the format needs): this sets the column widths. */
  protected abstract cell(v: unknown): string;
  protected abstract start(layout: GroupLayout, first: boolean): void;
  /** Write one line; `cells` is only lent (it is filled again for the next row). */
  protected abstract line(layout: GroupLayout, cells: readonly string[]): void;

  /** A value as handed to line(): its cell, unless the writer escapes whole lines. */
  lineCell(v: unknown): string {
    return this.cell(v);
  }

  row(row: Row): void {
    const kind = this.options.columns ? '' : kindOf(row);
    if (kind !== this.kind) {
      this.finishGroup();
      this.kind = kind;
    }
    if (this.layout !== null) {
      this.emit(row);
      return;
    }
    this.held.push(row);
    if (this.held.length >= LAYOUT_ROWS) this.fixLayout();
  }

  end(): void {
    this.finishGroup();
  }

  protected heading(kind: string): string | null {
    if (this.options.heading) return this.options.heading(kind);
    return this.options.columns ? null : (KIND_HEADINGS[kind] ?? kind);
  }

  private finishGroup(): void {
    if (this.layout === null && this.held.length > 0) this.fixLayout();
    this.layout = null;
  }

  private fixLayout(): void {
    const rows = this.held;
    this.held = [];
    const kind = this.kind ?? '';
    const sample = rows[0];
    let columns: readonly string[];
    if (this.options.columns) {
      columns = this.options.columns;
    } else {
      const all = this.options.compact === false ? columnsOf(kind, sample) : tableColumnsOf(kind, sample);
      // Columns the input did not have (null in every row) are left out.
      columns = all.filter((c) => rows.some((r) => cellText(get(r, c)) !== ''));
      if (columns.length === 0) columns = all;
    }
    const widths = columns.map((c) => c.length);
    const numeric = columns.map((c) => rows.every((r) => isNumeric(get(r, c))));
    for (const r of rows) {
      columns.forEach((c, i) => {
        widths[i] = Math.max(widths[i]!, this.cell(get(r, c)).length);
      });
    }
    this.layout = { kind, columns, widths, numeric };
    this.reader = cellsReader(columns);
    this.start(this.layout, this.groups++ === 0);
    for (const r of rows) this.emit(r);
  }

  private emit(row: Row): void {
    const layout = this.layout!;
    const { columns } = layout;
    const cells = this.cells;
    cells.length = columns.length;
    this.reader(row, cells, this);
    this.line(layout, cells);
  }
}

/** Fills `cells` with a row's line cells, one for each of a table's columns. */
type CellsReader = (row: Row, cells: string[], writer: { lineCell(v: unknown): string }) => void;

const READERS = new Map<string, CellsReader>();

/**
 * The cells reader of a list of columns, generated once per list (as the serializers are): a read of
 * each field by its name, which is quicker than a loop reading fields by computed names. Column
 * names only inside JSON.stringify'd literals.
 */
function cellsReader(columns: readonly string[]): CellsReader {
  return compiledOnce(READERS, JSON.stringify(columns), () => {
    const body = columns.map((c, i) => `cells[${i}] = w.lineCell(row[${JSON.stringify(c)}]);\n`).join('');
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    return new Function('row', 'cells', 'w', body) as CellsReader;
  });
}

function kindOf(row: Row): string {
  const k = get(row, 'kind');
  return typeof k === 'string' ? k : '';
}

function isNumeric(v: unknown): boolean {
  return v === null || v === undefined || typeof v === 'number' || typeof v === 'bigint';
}
