/**
 * The moo lexer for `netstat -s` lines. Whitespace is dropped; a word ending in a colon is a
 * `label` ("Tcp:", "TCPLostRetransmit:", "unreachable:"), a run of digits a `number`, anything
 * else a `word`.
 */
import moo from 'moo';
import { TokenBuffer, typeId } from './lexer.js';

export const statsLexer: moo.Lexer = moo.compile({
  ws: { match: /\s+/, lineBreaks: true },
  number: /\d+(?=\s|$)/,
  // text ending in a colon (each repetition ends at a colon: one way to match)
  label: /(?:[^\s:]*:)+(?=\s|$)/,
  word: /\S+/,
});

const TYPES = new Map<string, number>();
for (const name of ['number', 'label', 'word']) TYPES.set(name, typeId(name));

/** Tokenise one line into `buf` (the TokenBuffer the row parser reads). */
export function scanStatsLine(line: string, buf: TokenBuffer): void {
  buf.reset(line);
  statsLexer.reset(line);
  for (let t = statsLexer.next(); t !== undefined; t = statsLexer.next()) {
    if (t.type === 'ws') continue;
    buf.push(TYPES.get(t.type!)!, t.offset, t.offset + t.text.length);
  }
}

export function tokenizeStatsLine(line: string): ReturnType<TokenBuffer['toToks']> {
  const buf = new TokenBuffer();
  scanStatsLine(line, buf);
  return buf.toToks();
}
