/**
 * Typing of what ss prints: addresses, states, users:((...)), timer:(...), skmem:(...), and the
 * key:value items of -e and -i. The grammar has only placed tokens; everything here turns their text
 * into typed fields (strict numbers, exact integers beyond 2^53).
 */
import type { Int, SsUser } from '../types.js';
import { FieldError, portNumber, toInt, toSmallInt } from './normalize.js';

// ---------------------------------------------------------------------------------------------
// States

/** ss's state words to net-tools' names for TCP-like sockets (tcp, mptcp, dccp, sctp, vsock, tipc). */
const INET_STATES: { readonly [ss: string]: string | null } = {
  ESTAB: 'ESTABLISHED',
  'SYN-SENT': 'SYN_SENT',
  'SYN-RECV': 'SYN_RECV',
  'FIN-WAIT-1': 'FIN_WAIT1',
  'FIN-WAIT-2': 'FIN_WAIT2',
  'TIME-WAIT': 'TIME_WAIT',
  'CLOSE-WAIT': 'CLOSE_WAIT',
  'LAST-ACK': 'LAST_ACK',
  LISTEN: 'LISTEN',
  CLOSING: 'CLOSING',
  UNKNOWN: 'UNKNOWN',
  // SCTP association states (ss prints them with underscores already)
  CLOSED: 'CLOSED',
  COOKIE_WAIT: 'COOKIE_WAIT',
  COOKIE_ECHOED: 'COOKIE_ECHOED',
  SHUTDOWN_PENDING: 'SHUTDOWN_PENDING',
  SHUTDOWN_SENT: 'SHUTDOWN_SENT',
  SHUTDOWN_RECEIVED: 'SHUTDOWN_RECEIVED',
  ACK_SENT: 'SHUTDOWN_ACK_SENT',
};

/** Transports whose UNCONN is TCP's CLOSE state (net-tools prints "CLOSE" for such sockets). */
const CLOSE_WHEN_UNCONN = new Set(['tcp', 'mptcp', 'dccp', 'sctp']);

/**
 * net-tools' name for an ss state on an IP socket. UNCONN is "CLOSE" for TCP-like transports (a
 * socket bound but neither listening nor connected) and null for the others, as netstat leaves the
 * State column empty for unconnected UDP and raw sockets.
 */
export function inetState(ssState: string | null, transport: string): string | null {
  if (ssState === null) return null;
  if (ssState === 'UNCONN') return CLOSE_WHEN_UNCONN.has(transport) ? 'CLOSE' : null;
  return INET_STATES[ssState] ?? ssState;
}

/** net-tools' unix socket states: LISTENING, CONNECTED, CONNECTING, DISCONNECTING; UNCONN is empty. */
const UNIX_STATES: { readonly [ss: string]: string | null } = {
  LISTEN: 'LISTENING',
  ESTAB: 'CONNECTED',
  'SYN-SENT': 'CONNECTING',
  CLOSING: 'DISCONNECTING',
  UNCONN: null,
};

export function unixState(ssState: string | null): string | null {
  if (ssState === null) return null;
  return ssState in UNIX_STATES ? UNIX_STATES[ssState]! : ssState;
}

/** States only TCP-like sockets have: a table without a Netid column that shows one is a TCP table. */
export const TCP_ONLY_STATES = new Set([
  'SYN-SENT', 'SYN-RECV', 'FIN-WAIT-1', 'FIN-WAIT-2', 'TIME-WAIT', 'CLOSE-WAIT', 'LAST-ACK', 'LISTEN', 'CLOSING',
]);

// ---------------------------------------------------------------------------------------------
// Addresses

export interface SsAddress {
  /** Host part as printed, brackets removed: "127.0.0.1", "::1", "*", "localhost". */
  address: string;
  /** The device a socket is bound to: "lo" in "127.0.0.53%lo:53". */
  iface: string | null;
  port: string | null;
  port_num: number | null;
  /** The address was written in brackets ("[::1]:53"), as ss has done since iproute2 4.x. */
  bracketed: boolean;
}

/**
 * Split an ss address: "127.0.0.1:22", "[::ffff:127.0.0.1]:80", "*:*", "0.0.0.0%lo:53",
 * "[fe80::1]%eth0:123", "*%lo:*", and older ss's unbracketed IPv6 ":::22", "::ffff:10.0.0.1:80" (the
 * port follows the last colon).
 */
export function splitSsAddress(text: string): SsAddress {
  let host: string;
  let rest: string;
  let bracketed = false;
  if (text.startsWith('[') && text.indexOf(']') > 0) {
    const close = text.indexOf(']');
    host = text.slice(1, close);
    rest = text.slice(close + 1);
    bracketed = true;
  } else {
    const colon = text.lastIndexOf(':');
    host = colon < 0 ? text : text.slice(0, colon);
    rest = colon < 0 ? '' : text.slice(colon);
  }
  let iface: string | null = null;
  if (bracketed) {
    // "%eth0:123" after the bracket
    const colon = rest.lastIndexOf(':');
    const scope = colon < 0 ? rest : rest.slice(0, colon);
    if (scope.startsWith('%') && scope.length > 1) iface = scope.slice(1);
    rest = colon < 0 ? '' : rest.slice(colon);
  } else {
    const pct = host.lastIndexOf('%');
    if (pct > 0) {
      iface = host.slice(pct + 1);
      host = host.slice(0, pct);
    }
  }
  const port = rest.startsWith(':') ? rest.slice(1) : null;
  return { address: host, iface, port, port_num: portNumber(port), bracketed };
}

/** Old ss wrote IPv6 addresses without brackets: a host part with a colon outside brackets. */
export function isUnbracketedV6(a: SsAddress): boolean {
  return !a.bracketed && a.address.includes(':');
}

// ---------------------------------------------------------------------------------------------
// users:(("name",pid=1,fd=2),...)

export interface SsUsers {
  users: SsUser[];
  proc_ctx: string | null;
  sock_ctx: string | null;
}

/**
 * One entry at `at`: ("name",pid=1,fd=2) and a comma after it. The name runs to the first '",'
 * (it may hold quotes and parentheses), the fields to the next ')'. Found with indexOf: linear.
 */
function userEntryAt(body: string, at: number): { name: string; fields: string; end: number } | null {
  if (!body.startsWith('("', at)) return null;
  const close = body.indexOf('",', at + 2);
  if (close < 0) return null;
  const paren = body.indexOf(')', close + 2);
  if (paren < 0) return null;
  const end = body.charCodeAt(paren + 1) === 44 /* , */ ? paren + 2 : paren + 1;
  return { name: body.slice(at + 2, close), fields: body.slice(close + 2, paren), end };
}

/**
 * users:(("nginx",pid=1,fd=6),("nginx",pid=2,fd=6)) as a list; older ss prints ("sshd",1234,3).
 * With -Z and -z each entry also has proc_ctx= and sock_ctx=; the first entry's are returned.
 */
export function parseUsers(text: string): SsUsers {
  const users: SsUser[] = [];
  let proc_ctx: string | null = null;
  let sock_ctx: string | null = null;
  const body = text.slice('users:('.length, -1);
  let consumed = 0;
  for (;;) {
    const m = userEntryAt(body, consumed);
    if (m === null) break;
    consumed = m.end;
    const parts = m.fields.split(',');
    let pid: number | null = null;
    let fd: number | null = null;
    let pctx: string | null = null;
    let sctx: string | null = null;
    parts.forEach((p, i) => {
      const eq = p.indexOf('=');
      const key = eq < 0 ? (i === 0 ? 'pid' : 'fd') : p.slice(0, eq);
      const value = eq < 0 ? p : p.slice(eq + 1);
      if (key === 'pid') pid = toSmallInt(value, 'pid');
      else if (key === 'fd') fd = toSmallInt(value, 'fd');
      else if (key === 'proc_ctx') pctx = value;
      else if (key === 'sock_ctx') sctx = value;
      else throw new FieldError('users', p, `"${p}" is not pid=, fd= or a security context`);
    });
    if (users.length === 0) {
      proc_ctx = pctx;
      sock_ctx = sctx;
    }
    users.push({ program_name: m.name, pid, fd });
  }
  if (consumed !== body.length || users.length === 0) {
    throw new FieldError('users', text, `"${text}" is not a users:((...)) list`);
  }
  return { users, proc_ctx, sock_ctx };
}

// ---------------------------------------------------------------------------------------------
// timer:(keepalive,7.1sec,0)

export interface SsTimer {
  timer: string;
  timer_name: string;
  timer_expires: number | null;
  timer_retransmits: number | null;
  timer_probes: number | null;
}

/** ss's timer names to net-tools' (persist is the zero-window probe timer, net-tools' "probe"). */
const TIMER_NAMES: { readonly [ss: string]: string } = { persist: 'probe' };

/**
 * timer:(name,expires,count). ss prints the time left as "7.1sec", "24sec", "536ms", "5.536ms" (5
 * seconds and 536 ms: ss writes the seconds, a dot, then the milliseconds), "1min", "2min30sec",
 * "12min" (whole minutes only past 9). The count is the retransmissions for the retransmit timer
 * ("on") and the probes sent for the others.
 */
export function parseTimer(text: string): SsTimer {
  const inner = text.slice(text.indexOf('(') + 1, -1);
  const parts = inner.split(',');
  if (parts.length !== 3) throw new FieldError('timer', text, `"${text}" is not timer:(name,time,count)`);
  const [name, time, count] = parts as [string, string, string];
  const n = count.startsWith('-') ? -toSmallInt(count.slice(1), 'timer') : toSmallInt(count, 'timer');
  return {
    timer: text,
    timer_name: TIMER_NAMES[name] ?? name,
    timer_expires: timerSeconds(time, text),
    timer_retransmits: name === 'on' ? n : null,
    timer_probes: name === 'on' ? null : n,
  };
}

const MIN_SEC = /^(\d+)min(?:(\d+)sec)?$/;
const SEC = /^(\d+(?:\.\d+)?)sec$/;
const SEC_MS = /^(\d+)\.(\d{3})ms$/;
const MS = /^(\d+)ms$/;

/** Seconds from ss's time-left text (see {@link parseTimer}); "" (nothing printed) is 0. */
export function timerSeconds(time: string, text: string): number {
  if (time === '') return 0;
  let m = SEC_MS.exec(time);
  // Decimal seconds are built as text and read once, so 5.536 stays 5.536.
  if (m !== null) return Number(`${m[1]}.${m[2]}`);
  if ((m = SEC.exec(time)) !== null) return Number(m[1]);
  // n / 1000 is correctly rounded, so it equals the decimal "0.n" read as a number.
  if ((m = MS.exec(time)) !== null) return Number(m[1]) / 1000;
  if ((m = MIN_SEC.exec(time)) !== null) return Number(m[1]) * 60 + (m[2] ? Number(m[2]) : 0);
  throw new FieldError('timer', text, `"${time}" is not a time ss prints`);
}

// ---------------------------------------------------------------------------------------------
// Numbers in -i and -m items

const DECIMAL = /^-?\d+(?:\.\d+)?(?:e[+-]?\d+)?$/;

/**
 * A decimal field's value must be exact: finite, and an integer only within 2^53 (these fields are
 * numbers, not bigints; ss never prints such a time or rate, so one is damaged input).
 */
function exactDecimal(n: number, text: string, field: string): number {
  if (!Number.isFinite(n) || (Number.isInteger(n) && !Number.isSafeInteger(n))) {
    throw new FieldError(field, text, `"${text}" is out of range`);
  }
  return n;
}

/** A decimal as ss prints it with %g: "0.162", "204", "2.88672", "1e+06". */
export function toSsDecimal(text: string, field: string): number {
  if (!DECIMAL.test(text)) throw new FieldError(field, text, `"${text}" is not a number`);
  return exactDecimal(Number(text), text, field);
}

const RATE = /^(\d+(?:\.\d+)?)([kMGT]?)bps$/;
const RATE_UNITS: { readonly [unit: string]: number } = { '': 1, k: 1e3, M: 1e6, G: 1e9, T: 1e12 };

/**
 * A rate in bits per second: "291031111111bps" (with -n) or "17.8Gbps" (without -n, where ss keeps
 * three significant digits, so the value is rounded as printed).
 */
export function rateBps(text: string, field: string): number {
  const m = RATE.exec(text);
  if (m === null) throw new FieldError(field, text, `"${text}" is not a rate`);
  const scale = RATE_UNITS[m[2]!]!;
  // Multiply as decimals: "17.8" * 1e9 must give 17800000000, not 17800000000.000002.
  const [whole, frac = ''] = m[1]!.split('.');
  const digits = Math.round(Math.log10(scale));
  if (frac.length <= digits) return exactDecimal(Number(whole! + frac.padEnd(digits, '0')), text, field);
  return exactDecimal(Number(m[1]) * scale, text, field);
}

/** "16ms" -> 16. */
export function msValue(text: string, field: string): number {
  if (!text.endsWith('ms')) throw new FieldError(field, text, `"${text}" is not a time in ms`);
  return toSsDecimal(text.slice(0, -2), field);
}

/** "r0,rb131072,t0,..." -> { r: 0, rb: 131072, ... } */
export function parseMem(text: string): { [part: string]: Int } {
  const inner = text.slice(text.indexOf('(') + 1, -1);
  const out: { [part: string]: Int } = {};
  for (const part of inner.split(',')) {
    const m = /^([a-z]+)(\d+)$/.exec(part);
    if (m === null) throw new FieldError('skmem', text, `"${part}" is not a memory counter`);
    out[m[1]!] = toInt(m[2]!, 'skmem');
  }
  return out;
}

