/**
 * Normalisation: turning the text a grammar placed into a field into typed values. The grammars
 * never do this, so their parses stay reusable across lines.
 */
import type { Int, InterfaceRecord, Platform, RecordBase } from '../types.js';

/** Raised by the strict number readers; the caller turns it into a diagnostic for the field. */
export class FieldError extends Error {
  constructor(
    readonly field: string,
    readonly text: string,
    message: string,
  ) {
    super(message);
  }
}

function allDigits(text: string): boolean {
  const n = text.length;
  if (n === 0) return false;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * The number the digits text[from..to) write, added up as they are checked (at most 15 of them, so
 * it is exact); -1 when one is not a digit.
 */
export function digitsValue(text: string, from = 0, to = text.length): number {
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return -1;
    v = v * 10 + (c - 48);
  }
  return v;
}

/** A non-negative integer, exactly: "12x" is an error, 2^64 stays 18446744073709551616n. */
export function toInt(text: string, field: string): Int {
  const n = text.length;
  if (n > 0 && n < 16) {
    const v = digitsValue(text);
    if (v < 0) throw new FieldError(field, text, `"${text}" is not a whole number`);
    return v;
  }
  if (!allDigits(text)) throw new FieldError(field, text, `"${text}" is not a whole number`);
  const big = BigInt(text);
  return big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
}

/** Like {@link toInt}, but "-" (and a missing value) gives null. */
export function toIntOrNull(text: string | undefined, field: string): Int | null {
  if (text === undefined || text === '-') return null;
  return toInt(text, field);
}

/** An integer that must be a safe JavaScript number (PIDs, ports). */
export function toSmallInt(text: string, field: string): number {
  const n = toInt(text, field);
  if (typeof n === 'bigint') throw new FieldError(field, text, `"${text}" is too large for ${field}`);
  return n;
}

/** A decimal such as "7152.92" or "-0.01". */
export function toDecimal(text: string, field: string): number {
  if (!/^-?\d+(?:\.\d+)?$/.test(text)) throw new FieldError(field, text, `"${text}" is not a number`);
  return Number(text);
}

export interface HostPort {
  address: string;
  port: string | null;
  port_num: number | null;
}

/**
 * Split "host:port" as netstat prints it: "127.0.0.1:22", ":::22" and "::1:631" (the port follows the
 * last colon), "[::]:ssh", "fe80::1%eth0:123", "0.0.0.0:*", "*:*". Brackets are removed.
 */
export function splitHostPort(text: string): HostPort {
  let address: string;
  let port: string | null;
  if (text.startsWith('[')) {
    const close = text.lastIndexOf(']');
    if (close > 0) {
      address = text.slice(1, close);
      port = text[close + 1] === ':' ? text.slice(close + 2) : null;
      return { address, port, port_num: portNumber(port) };
    }
  }
  const colon = text.lastIndexOf(':');
  if (colon < 0) {
    address = text;
    port = null;
  } else {
    address = text.slice(0, colon);
    port = text.slice(colon + 1);
  }
  return { address, port, port_num: portNumber(port) };
}

export function portNumber(port: string | null): number | null {
  if (port === null || port.length === 0 || port.length > 5) return null;
  const n = digitsValue(port);
  return n >= 0 && n <= 65535 ? n : null;
}

export interface PidProgram {
  pid: number | null;
  program_name: string | null;
}

/** "17431/very-long-dae" -> 17431 and "very-long-dae"; "-" -> nulls. */
export function splitPidProgram(text: string | undefined): PidProgram {
  if (text === undefined || text === '-') return { pid: null, program_name: null };
  const slash = text.indexOf('/');
  const pid = text.slice(0, slash);
  const name = text.slice(slash + 1);
  return { pid: toSmallInt(pid, 'pid'), program_name: name === '' ? null : name };
}

/** Expand flag letters with a table; letters not in the table are kept as they are. */
export function expandFlags(letters: string | null, table: { readonly [letter: string]: string }): string[] {
  if (letters === null) return [];
  const out: string[] = [];
  for (const ch of letters) out.push(table[ch] ?? ch);
  return out;
}

/**
 * An interface record with nothing read yet: every field null, flag_names and ipv6 empty (new arrays
 * on every call). Spread it first and set what the format read after it: the spread fixes the key
 * order, the order of InterfaceRecord, which JSON output and COLUMNS follow.
 */
export function emptyInterface<P extends Platform>(
  at: Pick<RecordBase, 'snapshot' | 'source' | 'line'>,
  platform: P,
  iface: string,
): InterfaceRecord & { platform: P } {
  return {
    kind: 'interface',
    snapshot: at.snapshot,
    source: at.source,
    line: at.line,
    platform,
    iface,
    mtu: null,
    met: null,
    rx_ok: null,
    rx_err: null,
    rx_drp: null,
    rx_ovr: null,
    tx_ok: null,
    tx_err: null,
    tx_drp: null,
    tx_ovr: null,
    flg: null,
    flag_names: [],
    rx_bytes: null,
    tx_bytes: null,
    rx_frame: null,
    tx_carrier: null,
    tx_collisions: null,
    ipv4_addr: null,
    ipv4_mask: null,
    ipv4_bcast: null,
    ipv6: [],
    mac_addr: null,
    type: null,
    txqueuelen: null,
    network: null,
    address: null,
  };
}

/** ip_version of a socket from its protocol name, falling back to the address form. */
export function ipVersion(proto: string, address: string): 4 | 6 {
  const last = proto.charCodeAt(proto.length - 1);
  if (last === 54 /* 6 */) return 6;
  if (last === 52 /* 4 */) return 4;
  return address.includes(':') ? 6 : 4;
}

const TRANSPORTS = new Map<string, string>();

/** "tcp6" -> "tcp", "udpl6" -> "udpl", "tcp46" -> "tcp". */
export function transportOf(proto: string): string {
  let t = TRANSPORTS.get(proto);
  if (t === undefined) {
    // Trailing 4s and 6s, without a regex (/[46]+$/ is quadratic on a long run of them).
    let end = proto.length;
    while (end > 0 && (proto.charCodeAt(end - 1) === 52 || proto.charCodeAt(end - 1) === 54)) end--;
    t = proto.slice(0, end);
    if (TRANSPORTS.size < 1000) TRANSPORTS.set(proto, t);
  }
  return t;
}
