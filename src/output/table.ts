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

/** SGR codes netsnap uses. */
export const STYLES = {
  bold: '1',
  dim: '2',
  red: '31',
  green: '32',
  yellow: '33',
  cyan: '36',
  boldRed: '1;31',
} as const;

export type Style = keyof typeof STYLES;

/** Text wrapped in an SGR colour and a reset. The text must already be escaped. */
export function paint(text: string, style: Style | null): string {
  if (style === null || text === '') return text;
  return `\x1b[${STYLES[style]}m${text}\x1b[0m`;
}

/** Socket states in the spellings of netstat (Linux, BSD, Windows) and ss. */
const STATE_STYLES: { [state: string]: Style } = {
  LISTEN: 'green',
  LISTENING: 'green',
  ESTABLISHED: 'cyan',
  ESTAB: 'cyan',
  CONNECTED: 'cyan',
  CLOSE_WAIT: 'red',
  SYN_RECV: 'yellow',
  SYN_RCVD: 'yellow',
  SYN_RECEIVED: 'yellow',
  SYN_SENT: 'yellow',
  CONNECTING: 'yellow',
  TIME_WAIT: 'dim',
  FIN_WAIT1: 'dim',
  FIN_WAIT2: 'dim',
  FIN_WAIT_1: 'dim',
  FIN_WAIT_2: 'dim',
  LAST_ACK: 'dim',
  CLOSING: 'dim',
  CLOSED: 'dim',
  CLOSE: 'dim',
};

const SEVERITY_STYLES: { [severity: string]: Style } = {
  critical: 'boldRed',
  warning: 'yellow',
  info: 'cyan',
};

/** The colour of a cell, by its column: `state` and `severity` columns are coloured. */
export function styleFor(column: string, text: string): Style | null {
  if (column === 'state') return STATE_STYLES[text.toUpperCase().replace(/-/g, '_')] ?? null;
  if (column === 'severity') return SEVERITY_STYLES[text.toLowerCase()] ?? null;
  return null;
}

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
