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
import { cellText } from './values.js';
import type { Out, RowWriter, WriterOptions } from './writer.js';
import { paint, styleFor } from './color.js';

export { paint, styleFor, STYLES, type Style } from './color.js';

export class TableWriter extends GroupedWriter implements RowWriter {
  private header = false;

  constructor(
    private readonly out: Out,
    options: WriterOptions = {},
  ) {
    super(options);
  }

  protected cell(v: unknown): string {
    return escapeControl(cellText(v));
  }

  protected start(layout: GroupLayout, first: boolean): void {
    const heading = this.heading(layout.kind);
    let text = first ? '' : '\n';
    if (heading) text += `${this.options.color ? paint(escapeControl(heading), 'bold') : heading}\n`;
    this.out.write(text);
    this.header = true;
    this.line(layout, [...layout.columns]);
    this.header = false;
  }

  protected line(layout: GroupLayout, cells: string[]): void {
    const color = this.options.color === true;
    let text = '';
    const last = cells.length - 1;
    for (let i = 0; i <= last; i++) {
      const cell = cells[i]!;
      const width = layout.widths[i]!;
      const pad = ' '.repeat(Math.max(0, width - cell.length));
      const style = !color ? null : this.header ? 'bold' : styleFor(layout.columns[i]!, cell);
      const shown = paint(cell, style);
      if (layout.numeric[i]) text += pad + shown;
      else text += i === last ? shown : shown + pad;
      if (i < last) text += '  ';
    }
    this.out.write(text.trimEnd() + '\n');
  }
}
