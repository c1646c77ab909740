/**
 * A --where condition as data. The grammar (grammar/query.ne) builds these from the text; library
 * users can write them directly:
 *
 *     { and: [{ field: 'state', op: '=', value: 'ESTABLISHED' }, { field: 'foreign_address', op: 'in', values: ['10.0.0.0/8'] }] }
 *
 * Nodes built from text also carry `loc`, the positions used to point at a mistake.
 */
import { unquote } from './lexer.js';

/** A literal: text as written (the field's type decides how it is read), a number, true/false or null. */
export type Literal = string | number | bigint | boolean | null;

/** An inclusive range: `local_port in 1024..65535`. */
export interface Range {
  from: Literal;
  to: Literal;
}

export type CompareOp = '=' | '!=' | '<' | '<=' | '>' | '>=' | '~' | '!~';

/** Where a part of a condition is in the expression text: 0-based offset and length. */
export interface Span {
  at: number;
  len: number;
}

export interface Loc {
  field?: Span;
  op?: Span;
  value?: Span;
  values?: Span[];
}

export type Condition =
  | { and: Condition[]; loc?: Loc }
  | { or: Condition[]; loc?: Loc }
  | { not: Condition; loc?: Loc }
  | { field: string; op: CompareOp; value: Literal; loc?: Loc }
  | { field: string; op: 'in' | 'not in'; values: (Literal | Range)[]; loc?: Loc }
  | { field: string; op: 'is null' | 'is not null'; loc?: Loc }
  /** A true/false field on its own: `is_listening`. */
  | { field: string; op?: undefined; loc?: Loc };

// ---- Builders used by the grammar's postprocessors (they only place tokens into nodes). ----

interface Tok {
  type: string;
  text: string;
  offset: number;
}

function span(t: Tok): Span {
  return { at: t.offset, len: t.text.length };
}

function spanOf(first: Tok, last: Tok): Span {
  return { at: first.offset, len: last.offset + last.text.length - first.offset };
}

/** A value token: its text (quotes kept, so the compiler knows it was quoted), or null for `null`. */
export interface ValueTok {
  tok: Tok;
  last: Tok;
}

export function valueItem(d: Tok[]): ValueTok {
  return { tok: d[0]!, last: d[0]! };
}

export function rangeItem(d: [Tok, Tok, Tok]): ValueTok & { range: true } {
  return { tok: d[0], last: d[2], range: true } as ValueTok & { range: true };
}

/** The literal of a value token: its text (unquoted), or null for the keyword null ("null" is text). */
function literalOf(v: ValueTok): Literal | Range {
  if ((v as { range?: true }).range) return { from: v.tok.text, to: v.last.text };
  if (v.tok.type === 'kw_null') return null;
  return v.tok.type === 'string' ? unquote(v.tok.text) : v.tok.text;
}

export function compareNode(d: [Tok, Tok, ValueTok]): Condition {
  const op = d[1].text === '==' ? '=' : d[1].text === '<>' ? '!=' : d[1].text;
  return {
    field: d[0].text,
    op: op as CompareOp,
    value: literalOf(d[2]) as Literal,
    loc: { field: span(d[0]), op: span(d[1]), value: spanOf(d[2].tok, d[2].last) },
  };
}

export function inNode(d: unknown[]): Condition {
  // field in items | field not in items
  const field = d[0] as Tok;
  const negated = d.length === 4;
  const opSpan = spanOf(d[1] as Tok, d[negated ? 2 : 1] as Tok);
  const items = d[d.length - 1] as ValueTok[] | ValueTok;
  const list = Array.isArray(items) ? items : [items];
  return {
    field: field.text,
    op: negated ? 'not in' : 'in',
    values: list.map(literalOf),
    loc: { field: span(field), op: opSpan, values: list.map((v) => spanOf(v.tok, v.last)) },
  };
}

export function nullNode(d: Tok[]): Condition {
  const negated = d.length === 4;
  return { field: d[0]!.text, op: negated ? 'is not null' : 'is null', loc: { field: span(d[0]!), op: spanOf(d[1]!, d[d.length - 1]!) } };
}

export function bareNode(d: Tok[]): Condition {
  return { field: d[0]!.text, loc: { field: span(d[0]!) } };
}

export function andNode(d: [Condition, Tok, Condition]): Condition {
  const left = d[0];
  return 'and' in left ? { and: [...left.and, d[2]] } : { and: [left, d[2]] };
}

export function orNode(d: [Condition, Tok, Condition]): Condition {
  const left = d[0];
  return 'or' in left ? { or: [...left.or, d[2]] } : { or: [left, d[2]] };
}

export function notNode(d: [Tok, Condition]): Condition {
  return { not: d[1] };
}

/** Parentheses: the inner condition (the tree already holds the grouping). */
export function parenNode(d: [Tok, Condition, Tok]): Condition {
  return d[1];
}

/** A list in parentheses: the items. */
export function listItems(d: [Tok, ValueTok, [Tok, ValueTok][], Tok]): ValueTok[] {
  return [d[1], ...d[2].map((x) => x[1])];
}
