/**
 * Terminal tables: one per record kind, columns aligned, numbers right-aligned, columns the input
 * did not have left out. Control characters in cells are shown escaped, never sent raw.
 *
 * With `color`, the header is bold and socket states and finding severities are coloured. Colour
 * codes are added after a cell is escaped and padded, around its visible text only: widths are
 * computed on the text, and nothing from the input can reach the terminal as an escape sequence.
 */
import { escapeControl } from '../errors.js';
import { GroupedWriter, type GroupLayout } from './groups.js';
import { cellText, isPlainCell } from './values.js';
import { isByteOut, type ByteOut } from './json-bytes.js';
import type { Out, RowWriter, WriterOptions } from './writer.js';
import { paint, styleFor } from './color.js';

export { paint, styleFor, STYLES, type Style } from './color.js';

export class TableWriter extends GroupedWriter implements RowWriter {
  private header = false;
  /** The output as bytes, when it takes them (and no colour is wanted): see lineBytes. */
  private readonly bytes: ByteOut | null;

  constructor(
    private readonly out: Out,
    options: WriterOptions = {},
  ) {
    super(options);
    this.bytes = isByteOut(out) && options.color !== true ? out : null;
  }

  protected cell(v: unknown): string {
    return isPlainCell(v) ? cellText(v) : escapeControl(cellText(v));
  }

  /** Cells reach line() unescaped: a line is escaped as a whole (one test a line, not one a cell). */
  override lineCell(v: unknown): string {
    return cellText(v);
  }

  protected start(layout: GroupLayout, first: boolean): void {
    const heading = this.heading(layout.kind);
    let text = first ? '' : '\n';
    if (heading) text += `${this.options.color ? paint(escapeControl(heading), 'bold') : heading}\n`;
    this.out.write(text);
    this.header = true;
    this.line(layout, layout.columns);
    this.header = false;
  }

  /**
   * A line of unescaped cells (the header's are the column names, written as they are). Escaping the
   * line changes it only where a cell has a control character: such a line is made again from
   * escaped cells, each padded to its escaped width. With colour, cells are escaped one by one first,
   * as the colour goes around each one's escaped text.
   */
  protected line(layout: GroupLayout, cells: readonly string[]): void {
    if (this.bytes !== null && !this.header && this.lineBytes(layout, cells, this.bytes)) return;
    let text: string;
    if (this.header) {
      text = this.join(layout, cells);
    } else if (this.options.color === true) {
      text = this.join(layout, cells.map(escapeControl));
    } else {
      text = this.join(layout, cells);
      if (escapeControl(text) !== text) text = this.join(layout, cells.map(escapeControl));
    }
    // join() leaves out empty cells at the end; a cell itself can still end in white space.
    const end = text.charCodeAt(text.length - 1);
    if (end <= 32 || end >= 127) text = text.trimEnd();
    this.out.write(text + '\n');
  }

  /**
   * The line as join() makes it, written straight into the output's bytes, when every cell is
   * printable ASCII (nothing to escape, one byte a character) and the line does not end in a space
   * (nothing to trim); false, with nothing written, when it is not so.
   */
  private lineBytes(layout: GroupLayout, cells: readonly string[], out: ByteOut): boolean {
    let last = cells.length - 1;
    while (last > 0 && cells[last] === '') last--;
    let need = 1;
    for (let i = 0; i <= last; i++) need += Math.max(layout.widths[i]!, cells[i]!.length) + 2;
    out.reserve(need);
    const b = out.buf;
    let p = out.pos;
    for (let i = 0; i <= last; i++) {
      const cell = cells[i]!;
      const pad = layout.widths[i]! - cell.length;
      const numeric = layout.numeric[i]!;
      if (numeric) for (let k = 0; k < pad; k++) b[p++] = 32;
      for (let k = 0; k < cell.length; k++) {
        const c = cell.charCodeAt(k);
        if (c < 32 || c > 126) return false;
        b[p++] = c;
      }
      if (i < last) {
        if (!numeric) for (let k = 0; k < pad; k++) b[p++] = 32;
        b[p++] = 32;
        b[p++] = 32;
      }
    }
    if (p > out.pos && b[p - 1] === 32) return false;
    b[p++] = 10;
    out.pos = p;
    return true;
  }

  /** Cells padded to their columns' widths, without the empty cells at the end (and their padding). */
  private join(layout: GroupLayout, cells: readonly string[]): string {
    const color = this.options.color === true;
    let last = cells.length - 1;
    while (last > 0 && cells[last] === '') last--;
    let text = '';
    for (let i = 0; i <= last; i++) {
      const cell = cells[i]!;
      const pad = spaces(layout.widths[i]! - cell.length);
      const style = !color ? null : this.header ? 'bold' : styleFor(layout.columns[i]!, cell);
      const shown = paint(cell, style);
      if (layout.numeric[i]) text += pad + shown;
      else text += i === last ? shown : shown + pad;
      if (i < last) text += '  ';
    }
    return text;
  }
}

const SPACES: string[] = [];

/** n spaces (none for n <= 0); the short ones made once. */
function spaces(n: number): string {
  if (n <= 0) return '';
  if (n >= 256) return ' '.repeat(n);
  return (SPACES[n] ??= ' '.repeat(n));
}
