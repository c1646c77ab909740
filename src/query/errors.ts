/**
 * Errors in a query (a bad --where expression, an unknown field, a type mismatch, ...), with a stable
 * code and what is needed to show them the way renderDiagnostic shows a bad input line: the option,
 * the column, the text with a caret under the offending part, and what was expected.
 */
import { NetsnapError, escapeControl } from '../errors.js';

export type QueryErrorCode =
  /** The expression does not parse: an unexpected token, or it ends early. */
  | 'NETSNAP_QUERY_SYNTAX'
  /** A field the record kind does not have. */
  | 'NETSNAP_QUERY_UNKNOWN_FIELD'
  /** A value of the wrong type for the field or operator (`local_port > abc`). */
  | 'NETSNAP_QUERY_TYPE_MISMATCH'
  /** A regular expression that is invalid or could take exponential time. */
  | 'NETSNAP_QUERY_BAD_REGEX'
  /** A value that cannot be used: a CIDR prefix too long, an empty range. */
  | 'NETSNAP_QUERY_BAD_VALUE'
  /** A record kind netsnap does not know. */
  | 'NETSNAP_QUERY_UNKNOWN_KIND'
  /** An aggregate that does not exist or does not fit its field (`sum(state)`). */
  | 'NETSNAP_QUERY_BAD_AGGREGATE'
  /** A bad --snapshot, --limit, --sort or --select value. */
  | 'NETSNAP_QUERY_BAD_OPTION';

export interface QueryErrorDetails {
  /** Which part of the query: "--where", "--group-by", "--agg", "--sort", "--select", "--kind", ... */
  option: string;
  /** The text of that option, when the error points into it. */
  text?: string;
  /** 1-based column of the offending part in `text`. */
  column?: number;
  /** Length of the offending part (for the caret), at least 1. */
  length?: number;
  /** Further lines: what was expected, the valid fields, a suggestion. */
  notes?: string[];
  /** For unknown fields and kinds: the nearest valid name. */
  suggestion?: string | null;
}

/** An error in a query. `message` is one line; {@link renderQueryError} shows the whole picture. */
export class QueryError extends NetsnapError {
  readonly option: string;
  readonly text: string | undefined;
  readonly column: number | undefined;
  readonly length: number;
  readonly notes: readonly string[];
  readonly suggestion: string | null;

  constructor(code: QueryErrorCode, message: string, details: QueryErrorDetails) {
    super(code, message);
    this.name = 'QueryError';
    this.option = details.option;
    this.text = details.text;
    this.column = details.column;
    this.length = Math.max(1, details.length ?? 1);
    this.notes = details.notes ?? [];
    this.suggestion = details.suggestion ?? null;
  }
}

/**
 * The error as a person reads it:
 *
 *     netsnap: --where, column 9: expected a value after "="
 *       | state =
 *       |         ^
 */
export function renderQueryError(err: QueryError, prefix = 'netsnap: '): string {
  const where = err.column !== undefined ? `${err.option}, column ${err.column}` : err.option;
  const lines = [`${prefix}${where}: ${err.message}`];
  if (err.text !== undefined && err.column !== undefined) {
    const text = err.text.replace(/[\t\r\n]/g, ' ');
    const shown = escapeControl(text);
    const caretCol = escapeControl(text.slice(0, err.column - 1)).length;
    const caretLen = Math.max(1, escapeControl(text.slice(err.column - 1, err.column - 1 + err.length)).length);
    lines.push(`  | ${shown}`, `  | ${' '.repeat(caretCol)}${'^'.repeat(caretLen)}`);
  }
  for (const note of err.notes) lines.push(`  ${note}`);
  return lines.join('\n');
}
