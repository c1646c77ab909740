/**
 * The moo lexer of the --where language. Whitespace is dropped (by {@link tokenizeQuery}), keywords
 * are token types (case-insensitive: `and`, `AND`), and everything that is not an operator, a
 * parenthesis, a comma, a quoted string or a number is a bare word: field names, `LISTEN`,
 * `10.0.0.0/8`, `/run/docker.sock`, `^java`.
 */
import moo from 'moo';

/** Keywords of the language, by their lower-case text. */
export const QUERY_KEYWORDS: ReadonlyMap<string, string> = new Map([
  ['and', 'kw_and'],
  ['or', 'kw_or'],
  ['not', 'kw_not'],
  ['in', 'kw_in'],
  ['is', 'kw_is'],
  ['null', 'kw_null'],
]);

/** Characters that end a bare word. */
const WORD = /[^\s(),'"=!<>~]+/;

export const queryLexer: moo.Lexer = moo.compile({
  ws: { match: /\s+/, lineBreaks: true },
  string: [
    { match: /"(?:\\[^]|[^"\\])*"/, lineBreaks: true },
    { match: /'(?:\\[^]|[^'\\])*'/, lineBreaks: true },
  ],
  unterminated: { match: /["'][^]*/, lineBreaks: true },
  lparen: '(',
  rparen: ')',
  comma: ',',
  cmp: ['!=', '<=', '>=', '==', '<>', '=', '<', '>'],
  match: ['!~', '~'],
  dotdot: '..',
  // A number ends where a word would, or at ".." (a range: 1024..65535). "10.0.0.1" is a word.
  number: /-?\d+(?:\.\d+)?(?=\.\.|[\s(),'"=!<>~]|$)/,
  word: { match: WORD, type: (text: string) => QUERY_KEYWORDS.get(text.toLowerCase()) ?? 'word' },
  error: moo.error,
});

/** One token of a query: type, text as written, and where it starts. */
export interface QueryToken {
  type: string;
  text: string;
  value: string;
  /** 0-based offset in the expression. */
  offset: number;
}

/** The tokens of an expression, whitespace dropped. */
export function tokenizeQuery(text: string): QueryToken[] {
  queryLexer.reset(text);
  const out: QueryToken[] = [];
  for (let t = queryLexer.next(); t !== undefined; t = queryLexer.next()) {
    if (t.type === 'ws') continue;
    out.push({ type: t.type ?? 'error', text: t.text, value: t.value, offset: t.offset });
  }
  return out;
}

/** The text of a quoted string without its quotes, escapes resolved (\" \' \\; others kept). */
export function unquote(text: string): string {
  return text.slice(1, -1).replace(/\\(["'\\])/g, '$1');
}
