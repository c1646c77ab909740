/**
 * What the generated grammars import: the lexer (for nearley's `%type` checks) and `merge`, the one
 * postprocessor. Postprocessors only place tokens into named fields; everything else (numbers,
 * addresses, null for "-") is normalisation in TypeScript, which keeps a parse reusable for every
 * line with the same sequence of token types.
 */
import type { Tok } from './lexer.js';

export { socketLexer } from './lexer.js';

/** A parse result: field name -> the token or tokens that hold its text. */
export type Placed = { [field: string]: Tok | Placed[] | Tok[] | null };

/** Marks a symbol whose result is itself a set of placed fields, to be spread into the parent. */
export const SPREAD = '...';

/**
 * Postprocessor factory: `merge("proto", null, "...")` puts d[0] into field "proto", drops d[1] and
 * spreads the fields of d[2].
 */
export function merge(...names: (string | null)[]): (d: unknown[]) => Placed {
  return (d) => {
    const out: Placed = {};
    for (let k = 0; k < names.length; k++) {
      const name = names[k];
      const value = d[k];
      if (name === null || value === null || value === undefined) continue;
      if (name === SPREAD) Object.assign(out, value as Placed);
      else out[name] = value as Tok | Tok[];
    }
    return out;
  };
}

/** Postprocessor for sequences: all tokens of d, flattened, nulls dropped. */
export function tokens(d: unknown[]): Tok[] {
  const out: Tok[] = [];
  const walk = (v: unknown): void => {
    if (v === null || v === undefined) return;
    if (Array.isArray(v)) for (const x of v) walk(x);
    else out.push(v as Tok);
  };
  walk(d);
  return out;
}
