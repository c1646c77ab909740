/**
 * GitHub-flavoured markdown tables, one per record kind, ready to paste into an issue or a ticket.
 * Pipes are escaped, and control characters shown escaped.
 */
import { escapeControl } from '../errors.js';
import { GroupedWriter, type GroupLayout } from './groups.js';
import { cellText, isPlainCell } from './values.js';
import type { Out, RowWriter, WriterOptions } from './writer.js';

export class MarkdownWriter extends GroupedWriter implements RowWriter {
  constructor(
    private readonly out: Out,
    options: WriterOptions = {},
  ) {
    super(options);
  }

  protected cell(v: unknown): string {
    return isPlainCell(v) ? cellText(v) : markdownCell(cellText(v));
  }

  protected start(layout: GroupLayout, first: boolean): void {
    const heading = this.heading(layout.kind);
    let text = first ? '' : '\n';
    if (heading) text += `### ${markdownCell(heading)}\n\n`;
    text += `| ${layout.columns.map(markdownCell).join(' | ')} |\n`;
    text += `|${layout.numeric.map((n) => (n ? ' ---: ' : ' --- ')).join('|')}|\n`;
    this.out.write(text);
  }

  protected line(_layout: GroupLayout, cells: readonly string[]): void {
    this.out.write(`| ${cells.join(' | ')} |\n`);
  }
}

/**
 * A cell's text, safe inside a markdown table row: pipes and backslashes escaped, and the characters
 * that could start emphasis, code, links or HTML. An underscore inside a word ("recv_q") and a lone
 * "*" cannot, so they stay readable.
 */
export function markdownCell(text: string): string {
  const escaped = escapeControl(text)
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/[`<>[\]~]/g, '\\$&')
    .replace(/(^|[^A-Za-z0-9])_|_(?=[^A-Za-z0-9]|$)/g, (m) => m.replace('_', '\\_'));
  return escaped === '*' ? escaped : escaped.replace(/\*/g, '\\*');
}
