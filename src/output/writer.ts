/**
 * The interface every output format implements, and the one function that picks a format.
 */
import { CsvWriter } from './csv.js';
import { JsonWriter } from './json.js';
import { MarkdownWriter } from './markdown.js';
import { NdjsonWriter } from './ndjson.js';
import { TableWriter } from './table.js';

export type OutputFormat = 'table' | 'json' | 'ndjson' | 'csv' | 'markdown';
export const OUTPUT_FORMATS: readonly OutputFormat[] = ['table', 'json', 'ndjson', 'csv', 'markdown'];

/** A row: a record, or any other flat object (query results, diff rows). */
export type Row = object;

/** A field of a row. */
export function get(row: Row, field: string): unknown {
  return (row as { [field: string]: unknown })[field];
}

/** Where text goes. The CLI passes a buffered stdout; tests pass an array. */
export interface Out {
  write(text: string): void;
}

export interface RowWriter {
  row(row: Row): void;
  /** Write what is still buffered and close the document (JSON's "]"). */
  end(): void;
}

export interface WriterOptions {
  /** Fixed columns. Without them, rows are grouped by `kind` and each kind has its own columns. */
  columns?: readonly string[];
  /** Tables and markdown: show these columns by default rather than all (records only). */
  compact?: boolean;
  /** Heading for a group of rows (tables and markdown); `kind` is the group's kind or "". */
  heading?: (kind: string) => string | null;
  /** Colour for terminal tables. */
  color?: boolean;
}

export function createWriter(format: OutputFormat, out: Out, options: WriterOptions = {}): RowWriter {
  switch (format) {
    case 'json':
      return new JsonWriter(out, options);
    case 'ndjson':
      return new NdjsonWriter(out, options);
    case 'csv':
      return new CsvWriter(out, options);
    case 'markdown':
      return new MarkdownWriter(out, options);
    case 'table':
      return new TableWriter(out, options);
  }
}

/** Collects output text in memory (for tests and the library's string helpers). */
export class StringOut implements Out {
  private parts: string[] = [];
  write(text: string): void {
    this.parts.push(text);
  }
  toString(): string {
    return this.parts.join('');
  }
}
