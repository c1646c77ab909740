/**
 * The moo lexers for Windows netstat: one for the connection table, its `-b` owner lines, `-e`,
 * `-s` and the route tables of `-r`; one for the lines of `-r`'s Interface List, whose MAC bytes
 * ("f0 2f 74") would otherwise be read as numbers and words.
 *
 * Whitespace is dropped here. Keywords are token types: the protocols (TCP, UDP, TCPv6, UDPv6) and
 * the TCP states Windows prints, in English and in the translations seen in real captures. A word
 * in capitals that is not a known state is typed `upper`, so the grammar can still take it as a
 * state (a translation we have not seen) without confusing it with the mixed-case words of the
 * offload column ("InHost").
 */
import moo from 'moo';
import { TokenBuffer, typeId, type Tok } from '../lexer.js';

export const WINDOWS_PROTOCOLS = ['TCP', 'UDP', 'TCPv6', 'UDPv6'] as const;

/**
 * TCP states as Windows prints them, and the name netsnap normalises each to (Linux's names, so a
 * query for LISTEN works on every platform). English names are those of netstat.exe (MIB_TCP_STATE);
 * the German ones are from real captures: ABHÖREN, HERGESTELLT, WARTEND, SCHLIESSEN_WARTEN,
 * FIN_WARTEN_2, SYN_GESENDET and SCHLIESSEND. "ABH™REN" is ABHÖREN written by cmd.exe in CP850 and
 * read back as Windows-1252 (byte 0x99), a damage pasted text carries.
 */
export const WINDOWS_STATES: { readonly [printed: string]: string } = {
  LISTENING: 'LISTEN',
  ESTABLISHED: 'ESTABLISHED',
  SYN_SENT: 'SYN_SENT',
  SYN_RECEIVED: 'SYN_RECV',
  FIN_WAIT_1: 'FIN_WAIT1',
  FIN_WAIT_2: 'FIN_WAIT2',
  CLOSE_WAIT: 'CLOSE_WAIT',
  CLOSING: 'CLOSING',
  LAST_ACK: 'LAST_ACK',
  TIME_WAIT: 'TIME_WAIT',
  CLOSED: 'CLOSE',
  DELETE_TCB: 'DELETE_TCB',
  BOUND: 'BOUND',
  ABHÖREN: 'LISTEN',
  'ABH™REN': 'LISTEN',
  HERGESTELLT: 'ESTABLISHED',
  WARTEND: 'TIME_WAIT',
  SCHLIESSEN_WARTEN: 'CLOSE_WAIT',
  FIN_WARTEN_1: 'FIN_WAIT1',
  FIN_WARTEN_2: 'FIN_WAIT2',
  SYN_GESENDET: 'SYN_SENT',
  SCHLIESSEND: 'CLOSING',
};

const windowsRules: moo.Rules = {
  ws: { match: /\s+/, lineBreaks: true },
  // -b: " [svchost.exe]", " [NVIDIA Web Helper.exe]": the rest of the line
  bracket: /\[[^\]\n]*\](?=\s*$)/,
  // anything with a colon: "0.0.0.0:135", "[::]:135", "*:*", "orion:0", "fe80::/64", "fe80::1"
  // (no colon before the first one: one way to match, so no backtracking)
  endpoint: /[^\s:]*:[^\s]*/,
  dotted: /\d{1,3}(?:\.\d{1,3}){3}(?=\s|$)/,
  number: /\d+(?=\s|$)/,
  eq: /=(?=\s|$)/,
  word: {
    match: /\S+/,
    type: moo.keywords({ proto: [...WINDOWS_PROTOCOLS], win_state: Object.keys(WINDOWS_STATES) }),
  },
};

/** Lexer for every Windows table but the Interface List. */
export const windowsLexer: moo.Lexer = moo.compile(windowsRules);

/**
 * "  8...", " 10 ...", "0x2 ..." (Windows XP): the interface index and the dots after it, the first
 * token of an Interface List line. Only there: "47 ......" later in the line is the last byte of the
 * address and the filler, so the scanner takes the index itself and leaves the rest to moo.
 */
const IFINDEX = /^\s*((?:0x[0-9a-fA-F]+|\d+) ?\.\.\.)/;

const ifListRules: moo.Rules = {
  ws: { match: /\s+/, lineBreaks: true },
  // one byte of the hardware address, "f0 "
  hexbyte: /[0-9a-fA-F]{2}(?=\s)/,
  // the dots between the address (or the index) and the description
  filler: /\.{2,}/,
  number: /\d+(?=\s|$)/,
  word: /\S+/,
};

/** Lexer for the lines of the Interface List of `netstat -r` / `route print`. */
export const windowsIfListLexer: moo.Lexer = moo.compile(ifListRules);

const T_WORD = typeId('word');
const T_UPPER = typeId('upper');

/** A word in capitals (at least one letter, no lower-case letter): a state we do not know by name. */
function isCapitals(text: string): boolean {
  return text !== text.toLowerCase() && text === text.toUpperCase();
}

const T_IFINDEX = typeId('ifindex');

function scanWith(lexer: moo.Lexer, line: string, buf: TokenBuffer, capitals: boolean, from = 0): void {
  lexer.reset(line.slice(from));
  for (let t = lexer.next(); t !== undefined; t = lexer.next()) {
    if (t.type === 'ws') continue;
    let type = typeId(t.type!);
    if (capitals && type === T_WORD && isCapitals(t.text)) type = T_UPPER;
    buf.push(type, from + t.offset, from + t.offset + t.text.length);
  }
}

/** Tokens of a line of a Windows connection, statistics or route table, whitespace dropped. */
export function scanWindowsLine(line: string, buf: TokenBuffer): void {
  buf.reset(line);
  scanWith(windowsLexer, line, buf, true);
}

/** Tokens of a line of the Interface List: the index (see {@link IFINDEX}), then moo's tokens. */
export function scanIfListLine(line: string, buf: TokenBuffer): void {
  buf.reset(line);
  const m = IFINDEX.exec(line);
  if (m === null) return scanWith(windowsIfListLexer, line, buf, false);
  const end = m[0].length;
  buf.push(T_IFINDEX, end - m[1]!.length, end);
  scanWith(windowsIfListLexer, line, buf, false, end);
}

/** {@link scanWindowsLine} as moo-style token objects (for tests and nearley). */
export function tokenizeWindowsLine(line: string): Tok[] {
  const buf = new TokenBuffer();
  scanWindowsLine(line, buf);
  return buf.toToks();
}

/** {@link scanIfListLine} as moo-style token objects. */
export function tokenizeIfListLine(line: string): Tok[] {
  const buf = new TokenBuffer();
  scanIfListLine(line, buf);
  return buf.toToks();
}
