/**
 * What the BSD-family formats (macOS, FreeBSD, OpenBSD, NetBSD) share: address splitting in
 * host.port form, kernel addresses, and the extra record fields only these platforms print.
 */
import type { Diagnostic, InetRecord, Int, RouteRecord, StatRecord, UnixRecord } from '../../types.js';
import { syntaxDiagnostic, type LineContext, type RawFields, type Rejection } from '../format.js';
import { TokenBuffer } from '../lexer.js';
import { FieldError, portNumber, toInt, type HostPort } from '../normalize.js';
import type { RowParser } from '../row-parser.js';

export type BsdPlatform = 'darwin' | 'freebsd' | 'openbsd' | 'netbsd';

/**
 * Split "host.port" as BSD netstat prints it: the port follows the LAST dot. "192.168.1.5.443",
 * "*.*", "fe80::1%lo0.123", "localhost.ssh", and truncated names ("fe80::aede:48ff:.49617",
 * "93.87.236.35.bc..sunpr") as printed. Text without a dot is all host.
 */
export function splitDotPort(text: string): HostPort {
  const dot = text.lastIndexOf('.');
  if (dot < 0) return { address: text, port: null, port_num: null };
  const port = text.slice(dot + 1);
  return { address: text.slice(0, dot), port, port_num: portNumber(port) };
}

/** A kernel address column ("fffff80003ab6200", OpenBSD "0xffff8000..."); 0 (no pointer) is null. */
export function kernelAddress(text: string | undefined): string | null {
  if (text === undefined || /^(?:0x)?0+$/i.test(text)) return null;
  return text;
}

/** A signed integer column (macOS usecnt, rtncnt): "12", "-1". */
export function toSignedInt(text: string | undefined, field: string): Int | null {
  if (text === undefined) return null;
  if (text.startsWith('-')) {
    const n = toInt(text.slice(1), field);
    return typeof n === 'bigint' ? -n : -n;
  }
  if (!/^\d+$/.test(text)) throw new FieldError(field, text, `"${text}" is not a whole number`);
  return toInt(text, field);
}

/** A decimal such as "5079.93" (FreeBSD -x timers), or null when absent. */
export function toDecimalOrNull(text: string | undefined, field: string): number | null {
  if (text === undefined) return null;
  if (!/^\d+(?:\.\d+)?$/.test(text)) throw new FieldError(field, text, `"${text}" is not a number`);
  return Number(text);
}

/** "name:pid" of macOS 26 -v: the pid follows the LAST colon; the name may hold spaces and colons. */
export function splitProcessPid(text: string): { program_name: string | null; pid: number } {
  const colon = text.lastIndexOf(':');
  const pidText = text.slice(colon + 1);
  const pid = toInt(pidText, 'pid');
  if (typeof pid === 'bigint') throw new FieldError('pid', pidText, `"${pidText}" is too large for pid`);
  const name = text.slice(0, colon).trim();
  return { program_name: name === '' ? null : name, pid };
}

/** "tcp4" -> "tcp", "icm6" -> "icmp", "sct4" -> "sctp", "div4" -> "divert", "tcp46" -> "tcp". */
export function bsdTransport(proto: string): string {
  const base = proto.replace(/(?:46|4|6)$/, '');
  return TRANSPORT_NAMES[base] ?? base;
}

const TRANSPORT_NAMES: { readonly [short: string]: string } = {
  icm: 'icmp',
  sct: 'sctp',
  div: 'divert',
  igm: 'igmp',
  ip: 'raw',
};

/**
 * ip_version of a BSD socket: "6" and "46" (dual-stack, an IPv6 socket that also takes IPv4) are
 * 6, "4" is 4; OpenBSD and NetBSD print "tcp"/"tcp6", so a name without a digit is 4 unless the
 * address is an IPv6 one.
 */
export function bsdIpVersion(proto: string, local: string): 4 | 6 {
  if (proto.endsWith('6')) return 6;
  if (proto.endsWith('4')) return 4;
  return local.includes(':') ? 6 : 4;
}

// ---------------------------------------------------------------------------------------------
// Platform-only fields (EXTRA_COLUMNS in src/output/columns.ts; README schema)

/** macOS socket fields (-A, -b, -v) shared by inet and unix records. */
export interface DarwinSocketExtras {
  rxbytes: Int | null;
  txbytes: Int | null;
  rhiwat: Int | null;
  shiwat: Int | null;
  epid: number | null;
  /** so_state, so_options, so_gencnt, so_flags, so_flags1, the filter flags: hex as printed. */
  so_state: string | null;
  options: string | null;
  gencnt: string | null;
  so_flags: string | null;
  so_flags1: string | null;
  usecnt: Int | null;
  rtncnt: Int | null;
  fltrs: string | null;
}

export const DARWIN_SOCKET_FIELDS = [
  'rxbytes', 'txbytes', 'rhiwat', 'shiwat', 'epid', 'so_state', 'options', 'gencnt', 'so_flags', 'so_flags1',
  'usecnt', 'rtncnt', 'fltrs',
] as const;

export interface DarwinInetExtras extends DarwinSocketExtras {
  /** -A: the socket's PCB address and its flow hash (hex). */
  socket: string | null;
  flowhash: string | null;
}

export const DARWIN_INET_FIELDS = ['socket', 'flowhash', ...DARWIN_SOCKET_FIELDS] as const;

export interface FreebsdInetExtras {
  /** -A: the TCP control block (the PCB for UDP), hex. */
  tcpcb: string | null;
  /** -T: retransmitted packets, out-of-order packets, zero-window probes. */
  rexmit: Int | null;
  ooorcv: Int | null;
  zero_win: Int | null;
  /** -x: socket buffer counters. */
  r_mbuf: Int | null;
  s_mbuf: Int | null;
  r_clus: Int | null;
  s_clus: Int | null;
  r_hiwa: Int | null;
  s_hiwa: Int | null;
  r_lowa: Int | null;
  s_lowa: Int | null;
  r_bcnt: Int | null;
  s_bcnt: Int | null;
  r_bmax: Int | null;
  s_bmax: Int | null;
  /** -x: TCP timers in seconds (jc: rexmt persist keep 2msl delack rcvtime). */
  rexmt: number | null;
  persist: number | null;
  keep: number | null;
  two_msl: number | null;
  delack: number | null;
  rcvtime: number | null;
  /** -P: the TCP log id, null for "-". */
  log_id: string | null;
  /** -R: the flow id (hex) and flow type. */
  flowid: string | null;
  ftype: number | null;
}

export const FREEBSD_INET_FIELDS = [
  'tcpcb', 'rexmit', 'ooorcv', 'zero_win', 'r_mbuf', 's_mbuf', 'r_clus', 's_clus', 'r_hiwa', 's_hiwa', 'r_lowa',
  's_lowa', 'r_bcnt', 's_bcnt', 'r_bmax', 's_bmax', 'rexmt', 'persist', 'keep', 'two_msl', 'delack', 'rcvtime',
  'log_id', 'flowid', 'ftype',
] as const;

/** The BSD UNIX table's own columns (every BSD platform). */
export interface BsdUnixExtras {
  /** The socket's kernel address (jc: address). */
  address: string;
  recv_q: Int;
  send_q: Int;
  /** Kernel addresses of the vnode, the connected socket, and the reference list; null for 0. */
  unix_inode: string | null;
  conn: string | null;
  refs: string | null;
  nextref: string | null;
}

export const BSD_UNIX_FIELDS = ['address', 'recv_q', 'send_q', 'unix_inode', 'conn', 'refs', 'nextref'] as const;

export interface BsdStatExtras {
  /** A second count on the line, usually in parentheses: "(167602278 bytes)" -> data_packet_byte. */
  sub_counter: string | null;
  sub_value: Int | number | null;
}

export const BSD_STAT_FIELDS = ['sub_counter', 'sub_value'] as const;

export interface DarwinRouteExtras {
  /** macOS -l (newer releases): RT_IFA, the interface address the route uses; null when empty. */
  rt_ifa: string | null;
}

export interface FreebsdRouteExtras {
  /** FreeBSD -W (13 and later): the next-hop index. */
  nhop: Int | null;
}

export interface OpenbsdRouteExtras {
  /** OpenBSD: the route's priority. */
  prio: Int | null;
}

export type DarwinInetRecord = InetRecord & DarwinInetExtras;
export type FreebsdInetRecord = InetRecord & FreebsdInetExtras;
export type BsdUnixRecord = UnixRecord & BsdUnixExtras & Partial<DarwinSocketExtras>;
export type BsdStatRecord = StatRecord & BsdStatExtras;
export type BsdRouteRecord = RouteRecord & Partial<DarwinRouteExtras & FreebsdRouteExtras & OpenbsdRouteExtras>;

/** An object with every listed field set to null, to spread before the known values. */
export function nulls<K extends string>(fields: readonly K[]): { [F in K]: null } {
  const out = {} as { [F in K]: null };
  for (const f of fields) out[f] = null;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Reading one row in sections that are not TableSections (routes, statistics)

const buffer = new TokenBuffer();

export type RowRead = { ok: true; raw: RawFields } | { ok: false; rejection: Rejection };

/**
 * Scan and parse one line from `start`; a line that does not parse is a diagnostic when it looks
 * like a row (`looksLikeRow`), else not the section's.
 */
export function readRow(
  scan: (line: string, buf: TokenBuffer) => void,
  rows: RowParser,
  looksLikeRow: (tokens: TokenBuffer) => boolean,
  start: string,
  ctx: LineContext,
  label: string,
): RowRead {
  scan(ctx.text, buffer);
  const result = rows.parse(start, buffer);
  if (!result.ok) {
    if (!looksLikeRow(buffer)) return { ok: false, rejection: { diagnostic: null } };
    return { ok: false, rejection: { diagnostic: syntaxDiagnostic(ctx, buffer, result.at, result.expected, label) } };
  }
  const raw: RawFields = {};
  for (const [field, first, last] of result.spans) raw[field] = buffer.span(first, last);
  return { ok: true, raw };
}

/** A diagnostic for a field that did not normalise (a number too large for its field, say). */
export function fieldDiagnostic(ctx: LineContext, err: FieldError, section: string): Diagnostic {
  const at = ctx.text.indexOf(err.text);
  return {
    code: 'NETSNAP_PARSE_BAD_NUMBER',
    severity: 'error',
    source: ctx.source,
    line: ctx.line,
    column: at < 0 ? 1 : at + 1,
    length: at < 0 ? 1 : Math.max(1, err.text.length),
    message: `${err.message} (${err.field}) in ${section}`,
    expected: [],
    text: ctx.text,
    section,
  };
}
