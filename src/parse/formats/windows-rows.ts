/**
 * What the Windows sections share: reading one line with a grammar (one parse, cached by token
 * types, as every table row is), turning a failed parse into a diagnostic (a bad number: format.ts's
 * fieldDiagnostic with {@link tokens}), and the arithmetic of exact integers.
 */
import type { Diagnostic, Int } from '../../types.js';
import { syntaxDiagnostic, type LineContext, type RawFields } from '../format.js';
import { TokenBuffer, typeName } from '../lexer.js';
import { RowParser, type CompiledGrammar } from '../row-parser.js';
import inetGrammar from '../generated/windows-inet.js';
import interfaceGrammar from '../generated/windows-interface.js';
import routeGrammar from '../generated/windows-route.js';
import statGrammar from '../generated/windows-stat.js';
import { scanIfListLine, scanWindowsLine } from './windows-lexer.js';

export type Scan = (line: string, buf: TokenBuffer) => void;

/** A grammar of one row family with the lexer that feeds it. */
export interface RowFamily {
  readonly rows: RowParser;
  readonly scan: Scan;
}

export const WINDOWS_INET: RowFamily = { rows: new RowParser(inetGrammar), scan: scanWindowsLine };
export const WINDOWS_ESTAT: RowFamily = { rows: new RowParser(interfaceGrammar), scan: scanWindowsLine };
export const WINDOWS_IFLIST: RowFamily = { rows: new RowParser(interfaceGrammar), scan: scanIfListLine };
export const WINDOWS_ROUTE: RowFamily = { rows: new RowParser(routeGrammar), scan: scanWindowsLine };
export const WINDOWS_STAT: RowFamily = { rows: new RowParser(statGrammar), scan: scanWindowsLine };

/** One line read by a grammar: which, from which start symbol (for the one-parse test). */
export interface RowTrace {
  grammar: CompiledGrammar;
  start: string;
  scan: Scan;
  line: string;
}

/**
 * A seam for tests: when set, called for every line a Windows section read with a grammar, so a
 * test can parse the same line again with nearley directly and check there is exactly one parse.
 */
export const rowTrace: { hook: ((trace: RowTrace) => void) | null } = { hook: null };

/** Parsing is synchronous and one line at a time, so the Windows sections share one buffer. */
export const tokens = new TokenBuffer();

export type RowRead =
  | { ok: true; raw: RawFields }
  | { ok: false; at: number; expected: readonly string[] };

/** Read `line` with `family`'s grammar from `start`; the tokens stay in {@link tokens}. */
export function readRow(family: RowFamily, start: string, line: string): RowRead {
  family.scan(line, tokens);
  const result = family.rows.parse(start, tokens);
  if (!result.ok) return result;
  rowTrace.hook?.({ grammar: family.rows.grammar, start, scan: family.scan, line });
  const raw: RawFields = {};
  for (const [field, first, last] of result.spans) raw[field] = tokens.span(first, last);
  return { ok: true, raw };
}

/** The type name of token `k` of the last line read. */
export function tokenType(k: number): string {
  return typeName(tokens.types[k]!);
}

/** A diagnostic for a line that failed to parse (call right after {@link readRow}). */
export function rowDiagnostic(ctx: LineContext, read: RowRead & { ok: false }, section: string): Diagnostic {
  return syntaxDiagnostic(ctx, tokens, read.at, read.expected, section);
}

/** The sum of exact integers (a bigint when it passes 2^53). */
export function addInt(a: Int | null, b: Int | null): Int | null {
  if (a === null || b === null) return a ?? b;
  if (typeof a === 'number' && typeof b === 'number') {
    const sum = a + b;
    if (Number.isSafeInteger(sum)) return sum;
  }
  const big = BigInt(a) + BigInt(b);
  return big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
}

/** The line starts with a space or a tab (Windows indents its rows and the owner lines of -b). */
export function isIndented(text: string): boolean {
  const c = text.charCodeAt(0);
  return c === 32 || c === 9;
}

/** Words of a line with runs of spaces collapsed. */
export function words(text: string): string[] {
  const t = text.trim();
  return t === '' ? [] : t.split(/\s+/);
}
