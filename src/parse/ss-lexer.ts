/**
 * The moo lexers for iproute2 `ss` output: one for socket rows and their continuation lines (the
 * tab-indented `-i`/`-m` lines, `-e`/`-o`/`-p` items), one for the `ss -s` summary.
 *
 * Whitespace is dropped here. Keywords (netids, states, the words that introduce a rate) are token
 * types, so the grammars never look at a token's text and a parse can be reused for every line with
 * the same sequence of token types. ss tables are read far less often than netstat's, so there is no
 * hand-written scanner: the moo lexer is the only one.
 */
import moo from 'moo';
import { typeId, type TokenBuffer } from './lexer.js';

/** Netids ss prints in its first column (ss.c: sock_state_print and friends). */
export const SS_NETIDS = [
  'tcp', 'udp', 'raw', 'mptcp', 'sctp', 'dccp', 'icmp6', '???',
  'u_str', 'u_dgr', 'u_seq', 'nl', 'p_raw', 'p_dgr', 'v_str', 'v_dgr',
  'ti_st', 'ti_dg', 'ti_rd', 'ti_sq', 'xdp',
] as const;

/** Socket states as ss prints them (sstate_name), and the SCTP association states (sctp_sstate_name). */
export const SS_STATES = [
  'ESTAB', 'SYN-SENT', 'SYN-RECV', 'FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT', 'UNCONN', 'CLOSE-WAIT',
  'LAST-ACK', 'LISTEN', 'CLOSING', 'UNKNOWN',
  'CLOSED', 'COOKIE_WAIT', 'COOKIE_ECHOED', 'SHUTDOWN_PENDING', 'SHUTDOWN_SENT', 'SHUTDOWN_RECEIVED', 'ACK_SENT',
] as const;

/** Words ss prints before a rate: "send 17.8Gbps", "pacing_rate 35.6Mbps/40Mbps", "delivery_rate 790kbps". */
export const SS_RATE_WORDS = ['send', 'pacing_rate', 'delivery_rate'] as const;

const ssRules: moo.Rules = {
  // lines never hold a line break, so moo need not count them
  ws: /[^\S\n]+/,
  // -p: users:(("nginx",pid=1,fd=6),("nginx",pid=2,fd=6)); the name may hold spaces but never ")"
  // (ss reads it from /proc/PID/stat up to the first ")"). Old ss: users:(("sshd",1234,3)).
  users: /users:\(\([^)]*\)(?:,\([^)]*\))*\)(?=\s|$)/,
  // key:(...) without spaces: skmem:(r0,rb131072,...), timer:(keepalive,7.1sec,0), bbr:(bw:...)
  paren: /[A-Za-z_][\w-]*:\([^\s()]*\)(?=\s|$)/,
  // TLS ULP items print a space after the colon: "version: 1.2", "cipher: aes-gcm-128"
  tls: /(?:version|cipher|rxconf|txconf): \S+/,
  // unix -e: "peers:" and the inodes of the connections waiting on a listener
  peers: /peers:(?:[ \t]+\d+(?=\s|$))*/,
  // An SCTP association row under its endpoint: "`- ESTAB ..."
  child: /`-(?=\s|$)/,
  // -e: which directions are shut down: "<->", "-->", "<--", "---"
  shutdown: /[<-]-[->](?=\s|$)/,
  rate: /\d+(?:\.\d+)?[kMGT]?bps(?:\/\d+(?:\.\d+)?[kMGT]?bps)?(?=\s|$)/,
  number: /\d+(?=\s|$)/,
  star: /\*(?=\s|$)/,
  dash: /-(?=\s|$)/,
  qmark: /\?(?=\s|$)/,
  // Anything with a colon or "=": addresses ("127.0.0.1:22", "[::1]:53", "rtnl:kernel", "*:*") and
  // key:value items ("rtt:0.162/0.303", "ino:24079", "cgroup:/", "sk=ffff...").
  kv: /[^\s:=]*[:=]\S*/,
  word: {
    match: /\S+/,
    type: moo.keywords({
      netid: [...SS_NETIDS],
      state: [...SS_STATES],
      ratekw: [...SS_RATE_WORDS],
    }),
  },
};

export const ssLexer: moo.Lexer = moo.compile(ssRules);

const summaryRules: moo.Rules = {
  // lines never hold a line break, so moo need not count them
  ws: /[^\S\n]+/,
  number: /\d+/,
  lparen: '(',
  rparen: ')',
  comma: ',',
  slash: '/',
  colon: ':',
  dash: '-',
  star: '*',
  word: {
    match: /[A-Za-z_][A-Za-z0-9_]*/,
    type: moo.keywords({
      total: 'Total',
      tcp: 'TCP',
      transport: 'Transport',
      kernel: 'kernel',
      ports: 'ports',
      ip: 'IP',
      ipv6: 'IPv6',
    }),
  },
  other: /[^\sA-Za-z0-9_(),/:*-]+/,
};

/** Lexer for `ss -s`. */
export const ssSummaryLexer: moo.Lexer = moo.compile(summaryRules);

/** Token type ids of the ss lexer, for quick checks on a TokenBuffer. */
export const S_NETID = typeId('netid');
export const S_STATE = typeId('state');
export const S_CHILD = typeId('child');
export const S_NUMBER = typeId('number');
export const S_STAR = typeId('star');
export const S_KV = typeId('kv');

/** Tokenise a line with a moo lexer into `buf`, dropping whitespace. */
export function scanWith(lexer: moo.Lexer, line: string, buf: TokenBuffer): void {
  buf.reset(line);
  lexer.reset(line);
  for (let t = lexer.next(); t !== undefined; t = lexer.next()) {
    if (t.type === 'ws') continue;
    buf.push(typeId(t.type!), t.offset, t.offset + t.text.length);
  }
}

/** One line of ss socket output into `buf`. */
export function scanSsLine(line: string, buf: TokenBuffer): void {
  scanWith(ssLexer, line, buf);
}

/** One line of `ss -s` into `buf`. */
export function scanSsSummaryLine(line: string, buf: TokenBuffer): void {
  scanWith(ssSummaryLexer, line, buf);
}
