/**
 * The plug-in interface every input format implements, and the generic section for one-row-per-line
 * tables read with a nearley grammar.
 *
 * Adding a format means: a grammar file, a module in src/parse/formats/ exporting a FormatPlugin, an
 * entry in src/parse/formats/index.ts, samples and tests.
 */
import type { Diagnostic, NetRecord, Platform, RecordKind } from '../types.js';
import { describeExpected } from '../errors.js';
import { TokenBuffer } from './lexer.js';
import { FieldError } from './normalize.js';
import { RowParser, type CompiledGrammar } from './row-parser.js';

/** Where a line is: what a section needs to build records and diagnostics. */
export interface LineContext {
  text: string;
  line: number;
  source: string;
  snapshot: number;
}

export interface Emit {
  record(record: NetRecord): void;
}

/** The section read the line: it produced (or continued) a record, or it was a structural line. */
export const RECORD = 'record';
export const STRUCTURAL = 'structural';

/**
 * The section did not read the line. `diagnostic` is set when the line looks like one of the
 * section's rows (so it is reported as unparsed if nothing else claims it); otherwise the line is
 * not the section's and may be a title, a prompt or text around the table.
 */
export interface Rejection {
  diagnostic: Diagnostic | null;
}

export type LineOutcome = typeof RECORD | typeof STRUCTURAL | Rejection;

export interface Section {
  /** Human name for messages: "Active Internet connections". */
  readonly label: string;
  readonly plugin: FormatPlugin;
  line(ctx: LineContext, emit: Emit): LineOutcome;
  /** The section is over: emit any record still held (multi-line formats). */
  end(emit: Emit): void;
  /**
   * Optional: read a row that a terminal or mail client wrapped onto two lines. Called with a line
   * this section rejected with a diagnostic and the line after it. Emits the record and returns the
   * joined text only when the grammar proves the join (see TableSection.rejoin); otherwise null.
   */
  rejoin?(first: LineContext, second: LineContext, emit: Emit): string | null;
}

/** What opened a section: a header line (structural), or a row that starts a headerless block. */
export interface Opened {
  section: Section;
  /** 'header': the line was the section's header; 'row': feed the same line to the section. */
  consumed: 'header' | 'row';
}

export interface FormatPlugin {
  /** Stable id, e.g. "linux-inet". */
  readonly id: string;
  readonly platform: Platform;
  /**
   * Every platform this format's records can have, when its reader decides it per section (the BSD
   * readers: darwin, freebsd, openbsd, netbsd; the Linux socket readers: linux or busybox). Default:
   * [platform]. `--platform X` tries the formats whose list holds X (formatsFor).
   */
  readonly platforms?: readonly Platform[];
  readonly kinds: readonly RecordKind[];
  /** A title line that announces a section of this format ("Active Internet connections (...)"). */
  isTitle?(line: string): boolean;
  /** A line that opens a section: a column header, or the first line of a headerless block. */
  open(line: string): Opened | null;
  /**
   * Whether this format's header seen again without a title starts a new snapshot (as `netstat -ic`
   * repeats it). Default true; false for formats that print several tables under one header.
   */
  readonly repeatStartsSnapshot?: boolean;
}

/** The column layout a header announced: which start symbol reads its rows. */
export interface Layout {
  start: string;
}

export type RawFields = { [field: string]: string };

/** A format whose rows are one line each and read by a nearley grammar. */
export interface TableFormat<L extends Layout = Layout> extends FormatPlugin {
  readonly label: string;
  /** The format's lexer: the line's tokens for its grammar, whitespace dropped, into `buf`. */
  scan(line: string, buf: TokenBuffer): void;
  readonly rows: RowParser;
  /** Does a line that failed to parse still look like one of these rows (so it is worth a diagnostic)? */
  looksLikeRow(tokens: TokenBuffer): boolean;
  /** Typed record from the placed fields. Throws FieldError for a field that is not valid. */
  normalize(raw: RawFields, ctx: LineContext, layout: L): NetRecord;
}

const REJECT: Rejection = { diagnostic: null };

/** Parsing is synchronous and one line at a time, so every section can share one token buffer. */
const tokens = new TokenBuffer();

/** A section of a TableFormat: every line is one row. */
export class TableSection<L extends Layout> implements Section {
  readonly label: string;
  constructor(
    readonly plugin: TableFormat<L>,
    private readonly layout: L,
    label?: string,
  ) {
    this.label = label ?? plugin.label;
  }

  line(ctx: LineContext, emit: Emit): LineOutcome {
    this.plugin.scan(ctx.text, tokens);
    const result = this.plugin.rows.parse(this.layout.start, tokens);
    if (!result.ok) {
      if (!this.plugin.looksLikeRow(tokens)) return REJECT;
      return { diagnostic: syntaxDiagnostic(ctx, tokens, result.at, result.expected, this.label) };
    }
    const raw: RawFields = result.fields(tokens);
    try {
      emit.record(this.plugin.normalize(raw, ctx, this.layout));
    } catch (err) {
      if (!(err instanceof FieldError)) throw err;
      return { diagnostic: fieldDiagnostic(ctx, tokens, err, this.label) };
    }
    return RECORD;
  }

  end(): void {}

  /**
   * A row wrapped at 80 columns (or any width), proven by the grammar: the second line is not a row
   * on its own (the first already failed), and of the two ways to join them, end to end (a terminal
   * cut the line mid-token) and with a space (a mail client broke it at a space), exactly one gives
   * a row that parses and normalises. Runs only after a line failed, never on the per-line path.
   */
  rejoin(first: LineContext, second: LineContext, emit: Emit): string | null {
    const start = this.layout.start;
    this.plugin.scan(second.text, tokens);
    if (this.plugin.rows.parse(start, tokens).ok) return null;
    let found: NetRecord | null = null;
    let foundText = '';
    let foundTypes = '';
    for (const text of [first.text + second.text, `${first.text} ${second.text}`]) {
      this.plugin.scan(text, tokens);
      const result = this.plugin.rows.parse(start, tokens);
      if (!result.ok) continue;
      let types = '';
      for (let k = 0; k < tokens.length; k++) types += `${tokens.types[k]}:${tokens.text(k)}\0`;
      // Both joins give the same tokens when a space is already at the break: one row, not two.
      if (found !== null && types === foundTypes) continue;
      const raw: RawFields = {};
      for (const [field, a, b] of result.spans) raw[field] = tokens.span(a, b);
      let record: NetRecord;
      try {
        record = this.plugin.normalize(raw, { ...first, text }, this.layout);
      } catch (err) {
        if (!(err instanceof FieldError)) throw err;
        continue;
      }
      if (found !== null) return null; // two different rows: not proven
      found = record;
      foundText = text;
      foundTypes = types;
    }
    if (found === null) return null;
    emit.record(found);
    return foundText;
  }
}

export function syntaxDiagnostic(
  ctx: LineContext,
  tokens: TokenBuffer,
  at: number,
  expected: readonly string[],
  section: string,
): Diagnostic {
  const base = { severity: 'error' as const, source: ctx.source, line: ctx.line, text: ctx.text, section };
  if (at >= tokens.length) {
    const end = ctx.text.trimEnd().length;
    return {
      ...base,
      code: 'NETSNAP_PARSE_UNEXPECTED_END',
      column: end + 1,
      length: 1,
      message: `line ends early in ${section}`,
      expected: describeExpected(expected),
    };
  }
  const text = tokens.text(at);
  return {
    ...base,
    code: 'NETSNAP_PARSE_UNEXPECTED_TOKEN',
    column: tokens.starts[at]! + 1,
    length: text.length,
    message: `unexpected "${shorten(text)}" in ${section}`,
    expected: describeExpected(expected),
  };
}

/**
 * A diagnostic for a field that did not normalise (a number too large for its field, say), marking
 * the first of the line's `tokens` that holds the bad text (call it while `tokens` holds that line).
 * `code` is for the few readers whose field errors are not all bad numbers (ss).
 */
export function fieldDiagnostic(
  ctx: LineContext,
  tokens: TokenBuffer,
  err: FieldError,
  section: string,
  code = 'NETSNAP_PARSE_BAD_NUMBER',
): Diagnostic {
  let at = -1;
  for (let k = 0; k < tokens.length && at < 0; k++) if (tokens.text(k).includes(err.text)) at = k;
  return {
    code,
    severity: 'error',
    source: ctx.source,
    line: ctx.line,
    column: at < 0 ? 1 : tokens.starts[at]! + 1,
    length: at < 0 ? 1 : tokens.ends[at]! - tokens.starts[at]!,
    message: `${err.message} (${err.field}) in ${section}`,
    expected: [],
    text: ctx.text,
    section,
  };
}

function shorten(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** A RowParser over a compiled grammar, shared by every section of a format. */
export function rowParser(grammar: CompiledGrammar): RowParser {
  return new RowParser(grammar);
}

/** Collapse runs of whitespace, for matching headers and titles. */
export function squash(line: string): string {
  return line.trim().replace(/\s+/g, ' ');
}
