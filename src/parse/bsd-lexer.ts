/**
 * The moo lexers for BSD-family netstat (macOS, FreeBSD, OpenBSD, NetBSD): one for table rows
 * (sockets, interfaces, routes) and one for `netstat -s` statistics lines.
 *
 * Whitespace is dropped here. Keywords (protocol names, TCP states, UNIX socket types) are token
 * types, so the grammars can say `%proto` instead of listing every protocol.
 */
import moo from 'moo';
import { typeId, type TokenBuffer } from './lexer.js';

/**
 * Protocol names as BSD netstat prints them. macOS and FreeBSD print the first three letters of
 * the protocol and the socket's families ("tcp4", "tcp6", "tcp46", "udp46", "icm6"); OpenBSD and
 * NetBSD print the name with "6" for IPv6 ("tcp", "tcp6").
 */
export const BSD_PROTOCOLS = [
  'tcp', 'tcp4', 'tcp6', 'tcp46', 'udp', 'udp4', 'udp6', 'udp46', 'icm4', 'icm6', 'icm46',
  'raw', 'raw4', 'raw6', 'raw46', 'ip', 'ip4', 'ip6', 'ip46', 'div4', 'div6', 'div46', 'igm4', 'igm6',
  'sct4', 'sct6', 'sct46', 'sctp', 'sctp4', 'sctp6', 'sctp46', 'icmp', 'icmp6',
  // FreeBSD: TCP offloaded to the NIC ("toe4") and the Sockets Direct Protocol ("sdp4")
  'toe4', 'toe6', 'toe46', 'sdp4', 'sdp6', 'sdp46',
] as const;

/** TCP states: BSD's names (tcp_fsm.h), macOS's MPTCP extras, and Linux's names for good measure. */
export const BSD_TCP_STATES = [
  'CLOSED', 'LISTEN', 'SYN_SENT', 'SYN_RCVD', 'ESTABLISHED', 'CLOSE_WAIT', 'FIN_WAIT_1', 'CLOSING',
  'LAST_ACK', 'FIN_WAIT_2', 'TIME_WAIT', 'TERMINATE', 'SYN_RECV', 'FIN_WAIT1', 'FIN_WAIT2', 'CLOSE',
] as const;

/** UNIX socket types as BSD netstat prints them (FreeBSD cuts "seqpacket" to six letters). */
export const BSD_UNIX_TYPES = ['stream', 'dgram', 'seqpac', 'seqpacket', 'rdm'] as const;

const ROW_KEYWORDS = moo.keywords({
  proto: [...BSD_PROTOCOLS],
  tcp_state: [...BSD_TCP_STATES],
  unix_type: [...BSD_UNIX_TYPES],
}) as (text: string) => string | undefined;

/** "x:123": a colon followed only by digits, at least one, to the end. */
function endsInColonDigits(text: string): boolean {
  let i = text.length - 1;
  while (i >= 0 && text.charCodeAt(i) >= 48 && text.charCodeAt(i) <= 57) i--;
  return i >= 0 && i < text.length - 1 && text.charCodeAt(i) === 58;
}

const rowRules: moo.Rules = {
  ws: { match: /\s+/, lineBreaks: true },
  // FreeBSD -x timers ("5079.93"); also short route destinations ("169.254")
  decimal: /\d+\.\d+(?=\s|$)/,
  number: /\d+(?=\s|$)/,
  dash: /-(?=\s|$)/,
  // FreeBSD marks a connection still owing a SYN or FIN with "*": "SYN_SENT*"
  tcp_state_mark: new RegExp(`(?:${BSD_TCP_STATES.join('|')})\\*(?=\\s|$)`),
  word: {
    match: /\S+/,
    type: (text: string): string => {
      const keyword = ROW_KEYWORDS(text);
      if (keyword !== undefined) return keyword;
      // text ending in ":digits": macOS's process:pid ("Code Helper (Plu:17120"), and also MAC and
      // IPv6 addresses that end in a number ("ac:de:48:00:11:22", "fe80::1"), which grammars accept as
      // text. Decided on the token, not by a lexer rule: a rule [^\s]*:\d+ backtracks.
      return endsInColonDigits(text) ? 'colnum' : 'word';
    },
  },
};

/** Lexer for BSD and macOS socket, interface and route rows. */
export const bsdRowLexer: moo.Lexer = moo.compile(rowRules);

const statRules: moo.Rules = {
  ws: { match: /\s+/, lineBreaks: true },
  // a count, a decimal or a percentage, ending at a space or a parenthesis
  number: /\d+(?:\.\d+)?%?(?=[\s()]|$)/,
  lparen: '(',
  rparen: ')',
  word: /[^\s()]+/,
};

/** Lexer for `netstat -s` lines ("\t\t100510 data packets (167602278 bytes)"). */
export const bsdStatLexer: moo.Lexer = moo.compile(statRules);

/** Token type ids, resolved once per type name. */
const ids = new Map<string, number>();
function idOf(type: string): number {
  let id = ids.get(type);
  if (id === undefined) {
    id = typeId(type);
    ids.set(type, id);
  }
  return id;
}

function scanWith(lexer: moo.Lexer, line: string, buf: TokenBuffer): void {
  buf.reset(line);
  lexer.reset(line);
  for (let t = lexer.next(); t !== undefined; t = lexer.next()) {
    if (t.type === 'ws') continue;
    buf.push(idOf(t.type!), t.offset, t.offset + t.text.length);
  }
}

/** A BSD table row's tokens into `buf` (whitespace dropped). */
export function scanBsdRow(line: string, buf: TokenBuffer): void {
  scanWith(bsdRowLexer, line, buf);
}

/** A `netstat -s` line's tokens into `buf`. */
export function scanBsdStat(line: string, buf: TokenBuffer): void {
  scanWith(bsdStatLexer, line, buf);
}

export const T_BSD_PROTO = idOf('proto');
export const T_BSD_NUMBER = idOf('number');
export const T_BSD_WORD = idOf('word');
export const T_BSD_DASH = idOf('dash');
export const T_BSD_UNIX_TYPE = idOf('unix_type');
