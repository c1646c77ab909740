/**
 * Running nearley over tokens we already have: a lexer that replays them, and the token types the
 * parser could have taken where it stopped. Shared by the row parser (src/parse/row-parser.ts) and
 * the --where parser (src/query/where.ts).
 */
import type nearley from 'nearley';

/** A lexer for nearley that replays tokens already made; `tokens` may be replaced between parses. */
export class TokenReplay<T> {
  private pos = 0;
  constructor(public tokens: T[] = []) {}
  reset(): void {
    this.pos = 0;
  }
  next(): T | undefined {
    return this.tokens[this.pos++];
  }
  save(): object {
    return {};
  }
  formatError(): string {
    return '';
  }
  has(): boolean {
    return true;
  }
  /** As nearley's option type wants it. */
  get lexer(): nearley.Lexer {
    return this as unknown as nearley.Lexer;
  }
}

/** The parts of nearley's Parser that its type declarations leave out. */
export type NearleyParser = nearley.Parser & {
  table: { states: { rule: { symbols: unknown[] }; dot: number }[] }[];
  restore(column: unknown): void;
};

/** The token types nearley could have scanned at the point where the parse stopped. */
export function expectedAt(parser: nearley.Parser): string[] {
  const table = (parser as NearleyParser).table;
  // After a failed token nearley has pushed an empty column; the last live one is before it.
  let column = table[table.length - 1];
  if (column !== undefined && column.states.length === 0) column = table[table.length - 2];
  const found = new Set<string>();
  for (const state of column?.states ?? []) {
    const sym = state.rule.symbols[state.dot] as { type?: string } | string | undefined;
    if (sym !== undefined && typeof sym === 'object' && typeof sym.type === 'string') found.add(sym.type);
  }
  return [...found];
}
