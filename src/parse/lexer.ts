/**
 * The moo lexers that turn one line of netstat output into tokens for the nearley grammars.
 *
 * Whitespace is dropped here, never matched by the grammar. Keywords (protocols, states, unix socket
 * types) are token types, so the grammar can say `%tcp_state` instead of spelling out every state.
 */
import moo from 'moo';
import { L10N_HEADS, L10N_WORDS } from './l10n.js';

/** One token as the grammars see it: moo's fields plus its index in the line's token list. */
export interface Tok {
  type: string;
  text: string;
  value: string;
  offset: number;
  /** Position in the line's token array (set by {@link tokenize}). */
  i: number;
}

export const INET_PROTOCOLS = [
  'tcp', 'tcp6', 'udp', 'udp6', 'udpl', 'udpl6', 'raw', 'raw6', 'sctp', 'sctp6',
] as const;

/** Every TCP state the Linux kernel's tcp_states.h names, as net-tools prints them. */
export const TCP_STATES = [
  'ESTABLISHED', 'SYN_SENT', 'SYN_RECV', 'FIN_WAIT1', 'FIN_WAIT2', 'TIME_WAIT', 'CLOSE',
  'CLOSE_WAIT', 'LAST_ACK', 'LISTEN', 'CLOSING', 'NEW_SYN_RECV', 'BOUND_INACTIVE',
] as const;

export const UNIX_STATES = ['FREE', 'LISTENING', 'CONNECTING', 'CONNECTED', 'DISCONNECTING'] as const;
export const UNIX_TYPES = ['STREAM', 'DGRAM', 'RAW', 'RDM', 'SEQPACKET', 'PACKET'] as const;

/**
 * net-tools keeps at most 19 characters of "PID/Program name" (PROGNAME_WIDTH - 1), so a word that
 * ends further right than that from the start of the PID cannot belong to the program name.
 */
export const PROGNAME_MAX = 19;

const ENGLISH_KEYWORDS = new Set<string>([...INET_PROTOCOLS, 'unix', ...TCP_STATES, ...UNIX_STATES, ...UNIX_TYPES, 'UNKNOWN']);
/** Translated state and type words (net-tools' catalogues), typed `l10n`; see src/parse/l10n.ts. */
const L10N_KEYWORDS = L10N_WORDS.filter((w) => !ENGLISH_KEYWORDS.has(w));
/** First words of translations with a space ("POSLEDNÍ" of "POSLEDNÍ ACK"), typed `l10n_head`. */
const L10N_HEAD_KEYWORDS = L10N_HEADS.filter((w) => !ENGLISH_KEYWORDS.has(w) && !L10N_KEYWORDS.includes(w));

const socketRules: moo.Rules = {
  ws: { match: /\s+/, lineBreaks: true },
  // unix socket flags: "[ ]", "[ ACC ]", "[ ACC W N ]"; never "[::]:22" (no colon allowed inside)
  flags: /\[[ A-Z]*\]/,
  // net-tools -o timer values: "(0.00/0/0)", "(7152.92/0/0)", "(-0.01/0/0)"
  timer: /\(-?\d+(?:\.\d+)?\/-?\d+\/-?\d+\)/,
  // "17431/very-long-dae": PID and the start of the program name
  pidprog: /\d+\/\S*/,
  dash: /-(?=\s|$)/,
  number: /\d+(?=\s|$)/,
  word: {
    match: /\S+/,
    type: moo.keywords({
      proto: [...INET_PROTOCOLS, 'unix'],
      tcp_state: [...TCP_STATES],
      unix_state: [...UNIX_STATES],
      unix_type: [...UNIX_TYPES],
      unknown: 'UNKNOWN',
      l10n: L10N_KEYWORDS,
      l10n_head: L10N_HEAD_KEYWORDS,
    }),
  },
};

/** Lexer for net-tools (and busybox) socket and interface tables. */
export const socketLexer: moo.Lexer = moo.compile(socketRules);

/** Token types as small integers, for the fast scanner and the parse cache. */
const TYPE_NAMES: string[] = [];
const TYPE_IDS = new Map<string, number>();

/** The id of a token type name, assigned on first use. */
export function typeId(name: string): number {
  let id = TYPE_IDS.get(name);
  if (id === undefined) {
    id = TYPE_NAMES.length;
    TYPE_NAMES.push(name);
    TYPE_IDS.set(name, id);
  }
  return id;
}

export function typeName(id: number): string {
  return TYPE_NAMES[id]!;
}

export const T_WORD = typeId('word');
export const T_NUMBER = typeId('number');
export const T_DASH = typeId('dash');
export const T_PIDPROG = typeId('pidprog');
export const T_PROGWORD = typeId('progword');
export const T_FLAGS = typeId('flags');
export const T_TIMER = typeId('timer');
export const T_PROTO = typeId('proto');

const KEYWORDS = new Map<string, number>();
for (const p of [...INET_PROTOCOLS, 'unix']) KEYWORDS.set(p, T_PROTO);
for (const s of TCP_STATES) KEYWORDS.set(s, typeId('tcp_state'));
for (const s of UNIX_STATES) KEYWORDS.set(s, typeId('unix_state'));
for (const t of UNIX_TYPES) KEYWORDS.set(t, typeId('unix_type'));
KEYWORDS.set('UNKNOWN', typeId('unknown'));
for (const w of L10N_KEYWORDS) KEYWORDS.set(w, typeId('l10n'));
for (const w of L10N_HEAD_KEYWORDS) KEYWORDS.set(w, typeId('l10n_head'));

const FLAGS_AT = /\[[ A-Z]*\]/y;
const TIMER_AT = /\(-?\d+(?:\.\d+)?\/-?\d+\/-?\d+\)/y;

/** JavaScript's \s, by character code. */
function isSpace(c: number): boolean {
  if (c < 128) return c === 32 || (c >= 9 && c <= 13);
  return (
    c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 ||
    c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff
  );
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * A line's tokens as parallel arrays, reused from line to line so that the hot path allocates no
 * token objects. {@link TokenBuffer.toToks} makes moo-style tokens when nearley needs them.
 */
export class TokenBuffer {
  line = '';
  length = 0;
  /** Token type ids (see {@link typeId}). */
  readonly types: number[] = [];
  readonly starts: number[] = [];
  readonly ends: number[] = [];

  reset(line: string): void {
    this.line = line;
    this.length = 0;
  }

  push(type: number, start: number, end: number): void {
    const k = this.length++;
    this.types[k] = type;
    this.starts[k] = start;
    this.ends[k] = end;
  }

  text(k: number): string {
    return this.line.slice(this.starts[k], this.ends[k]);
  }

  /** Text from token `first` to token `last`, with the line's own spacing between them. */
  span(first: number, last: number): string {
    return this.line.slice(this.starts[first], this.ends[last]);
  }

  toToks(): Tok[] {
    const out: Tok[] = [];
    for (let k = 0; k < this.length; k++) {
      const text = this.text(k);
      out.push({ type: typeName(this.types[k]!), text, value: text, offset: this.starts[k]!, i: k });
    }
    return out;
  }
}

/** Longest keyword; longer words are not looked up. */
const KEYWORD_MAX = Math.max(...[...KEYWORDS.keys()].map((k) => k.length));
/** Lowest first character of a keyword (a letter): words starting below it (addresses, paths) are not looked up. */
const KEYWORD_FIRST = Math.min(...[...KEYWORDS.keys()].map((k) => k.charCodeAt(0)));

/**
 * The socket lexer written out by hand: the same tokens as {@link socketLexer} (a test checks this on
 * every sample line and on random lines), several times faster. moo tries its rules in order at each
 * position and takes the first that matches; so does this.
 */
export function scanSocketLine(line: string, buf: TokenBuffer): void {
  buf.reset(line);
  const n = line.length;
  let p = 0;
  let progEnd = -1;
  while (p < n) {
    let c = line.charCodeAt(p);
    if (c === 32 || isSpace(c)) {
      p++;
      continue;
    }
    const start = p;
    let type = -1;
    if (c === 91 /* [ */) {
      FLAGS_AT.lastIndex = p;
      if (FLAGS_AT.test(line)) {
        type = T_FLAGS;
        p = FLAGS_AT.lastIndex;
      }
    } else if (c === 40 /* ( */) {
      TIMER_AT.lastIndex = p;
      if (TIMER_AT.test(line)) {
        type = T_TIMER;
        p = TIMER_AT.lastIndex;
      }
    } else if (isDigit(c)) {
      let q = p + 1;
      while (q < n && isDigit(line.charCodeAt(q))) q++;
      if (q < n && line.charCodeAt(q) === 47 /* / */) {
        type = T_PIDPROG;
        q++;
        while (q < n) {
          c = line.charCodeAt(q);
          if ((c > 32 && c < 127) || !isSpace(c)) q++;
          else break;
        }
        p = q;
      } else if (q === n || isSpace(line.charCodeAt(q))) {
        type = T_NUMBER;
        p = q;
      }
    } else if (c === 45 /* - */ && (p + 1 === n || isSpace(line.charCodeAt(p + 1)))) {
      type = T_DASH;
      p++;
    }
    if (type < 0) {
      p = start + 1;
      // Printable ASCII first: the common case, without a call.
      while (p < n) {
        c = line.charCodeAt(p);
        if ((c > 32 && c < 127) || !isSpace(c)) p++;
        else break;
      }
      type = (p - start <= KEYWORD_MAX && line.charCodeAt(start) >= KEYWORD_FIRST && KEYWORDS.get(line.slice(start, p))) || T_WORD;
    }
    if (type === T_PIDPROG) {
      progEnd = start + PROGNAME_MAX;
    } else if (progEnd >= 0) {
      if (p <= progEnd) type = T_PROGWORD;
      else progEnd = -1;
    }
    buf.push(type, start, p);
  }
}

/** {@link scanSocketLine} as moo-style token objects. */
export function tokenizeSocketLine(line: string): Tok[] {
  const buf = new TokenBuffer();
  scanSocketLine(line, buf);
  return buf.toToks();
}

/**
 * Tokenise one line with a moo lexer, dropping whitespace. Words that follow a PID/Program token
 * and still fit the 19-character program column are typed `progword`, so that a program name with
 * a space ("600/sshd: /usr/sbin") is told apart from the unix path that follows it.
 */
export function tokenize(lexer: moo.Lexer, line: string): Tok[] {
  lexer.reset(line);
  const out: Tok[] = [];
  let progEnd = -1;
  for (let t = lexer.next(); t !== undefined; t = lexer.next()) {
    if (t.type === 'ws') continue;
    const tok = t as unknown as Tok;
    if (tok.type === 'pidprog') {
      progEnd = tok.offset + PROGNAME_MAX;
    } else if (progEnd >= 0) {
      if (tok.offset + tok.text.length <= progEnd) tok.type = 'progword';
      else progEnd = -1;
    }
    tok.i = out.length;
    out.push(tok);
  }
  return out;
}
