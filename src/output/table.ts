/**
 * Terminal tables: one per record kind, columns aligned, numbers right-aligned, columns the input
 * did not have left out. Control characters in cells are shown escaped, never sent raw.
 */
import { escapeControl } from '../errors.js';
import { GroupedWriter, type GroupLayout } from './groups.js';
import { cellText } from './values.js';
import type { Out, RowWriter, WriterOptions } from './writer.js';

export class TableWriter extends GroupedWriter implements RowWriter {
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
    if (heading) text += `${heading}\n`;
    this.out.write(text);
    this.line(layout, [...layout.columns]);
  }

  protected line(layout: GroupLayout, cells: string[]): void {
    let text = '';
    const last = cells.length - 1;
    for (let i = 0; i <= last; i++) {
      const cell = cells[i]!;
      const width = layout.widths[i]!;
      if (layout.numeric[i]) text += cell.padStart(width);
      else text += i === last ? cell : cell.padEnd(width);
      if (i < last) text += '  ';
    }
    this.out.write(text.trimEnd() + '\n');
  }
}
