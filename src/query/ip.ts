/**
 * IP literals and CIDR blocks, for `foreign_address in 10.0.0.0/8` and the computed inet fields.
 *
 * An address is an IP literal or it is not: a host name ("localhost", "web1.example") never matches a
 * CIDR block. IPv4-mapped IPv6 addresses (::ffff:10.1.2.3) match their IPv4 block, and an IPv4 address
 * matches an IPv6 block inside ::ffff:0:0/96.
 */

export type IpAddress = { version: 4; value: number } | { version: 6; value: bigint };

export interface CidrBlock {
  version: 4 | 6;
  /** Network address with the host bits cleared. */
  network: bigint;
  prefix: number;
  /** The block as written. */
  text: string;
}

const MAPPED_PREFIX = 0xffffn;

function isHex(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** Dotted IPv4 in text[start, end) as a number, or -1. Decimal octets 0-255, no leading zeros. */
function v4Value(t: string, start: number, end: number): number {
  let value = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = start; i < end; i++) {
    const c = t.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (digits > 0 && octet === 0) return -1; // "01": no octal-looking octets
      octet = octet * 10 + (c - 48);
      if (++digits > 3 || octet > 255) return -1;
    } else if (c === 46 /* . */) {
      if (digits === 0 || ++dots > 3) return -1;
      value = value * 256 + octet;
      octet = 0;
      digits = 0;
    } else {
      return -1;
    }
  }
  return dots === 3 && digits > 0 ? value * 256 + octet : -1;
}

/** IPv6 in text[0, end) as a bigint, or null: groups of 1-4 hex digits, one "::", a dotted IPv4 tail. */
function v6Value(t: string, end: number): bigint | null {
  if (end < 2 || end > 45) return null;
  const head: number[] = [];
  const tail: number[] = [];
  let cur = head;
  let gap = false;
  let i = 0;
  if (t.charCodeAt(0) === 58 /* : */) {
    if (t.charCodeAt(1) !== 58) return null;
    gap = true;
    cur = tail;
    i = 2;
  }
  while (i < end) {
    let j = i;
    let v = 0;
    for (let h = isHex(t.charCodeAt(j)); j < end && h >= 0 && j - i < 5; h = isHex(t.charCodeAt(++j))) v = v * 16 + h;
    if (j < end && t.charCodeAt(j) === 46 /* . */) {
      const v4 = v4Value(t, i, end);
      if (v4 < 0) return null;
      cur.push(Math.floor(v4 / 65536), v4 % 65536);
      break;
    }
    if (j === i || j - i > 4) return null;
    cur.push(v);
    if (j === end) break;
    if (t.charCodeAt(j) !== 58) return null;
    if (t.charCodeAt(j + 1) === 58) {
      if (gap) return null;
      gap = true;
      cur = tail;
      i = j + 2;
    } else {
      if (j + 1 === end) return null;
      i = j + 1;
    }
  }
  const count = head.length + tail.length;
  if (gap ? count > 7 : count !== 8) return null;
  let value = 0n;
  for (const w of head) value = (value << 16n) | BigInt(w);
  value <<= BigInt(16 * (8 - head.length));
  let low = 0n;
  for (const w of tail) low = (low << 16n) | BigInt(w);
  return value | low;
}

/**
 * The value of an IP literal without allocating an object: a number for IPv4, a bigint for IPv6,
 * null for anything else. Brackets and an IPv6 zone ("%eth0") are ignored.
 */
export function ipValue(text: string): number | bigint | null {
  const n = text.length;
  if (n === 0 || n > 64) return null;
  const c = text.charCodeAt(0);
  if (c >= 48 && c <= 57 && n <= 15) {
    const v4 = v4Value(text, 0, n);
    if (v4 >= 0) return v4;
  }
  let t = text;
  if (c === 91 /* [ */) {
    if (!t.endsWith(']')) return null;
    t = t.slice(1, -1);
  }
  const zone = t.indexOf('%');
  const end = zone >= 0 ? zone : t.length;
  for (let i = 0; i < end; i++) if (t.charCodeAt(i) === 58) return v6Value(t, end);
  return null;
}

/**
 * An IP literal: "10.0.0.1", "::1", "fe80::1%eth0" (the zone is ignored), "[::1]". Null for anything
 * else, host names included.
 */
export function parseIp(text: string): IpAddress | null {
  const v = ipValue(text);
  if (v === null) return null;
  return typeof v === 'number' ? { version: 4, value: v } : { version: 6, value: v };
}

/** Whether the text is an IP literal. */
export function isIpLiteral(text: string): boolean {
  return parseIp(text) !== null;
}

/** The IPv4 address inside an IPv4-mapped IPv6 address (::ffff:a.b.c.d), else null. */
export function mappedV4(ip: IpAddress): number | null {
  if (ip.version !== 6 || ip.value >> 32n !== MAPPED_PREFIX) return null;
  return Number(ip.value & 0xffffffffn);
}

/** A CIDR block: "10.0.0.0/8", "fe80::/10", "::ffff:10.0.0.0/104". Host bits are cleared. */
export function parseCidr(text: string): CidrBlock | { error: string } | null {
  const slash = text.lastIndexOf('/');
  if (slash <= 0) return null;
  const ip = parseIp(text.slice(0, slash));
  const len = text.slice(slash + 1);
  if (ip === null || !/^\d{1,3}$/.test(len)) return null;
  const prefix = Number(len);
  const bits = ip.version === 4 ? 32 : 128;
  if (prefix > bits) return { error: `prefix length /${prefix} is longer than the ${bits} bits of an IPv${ip.version} address` };
  const value = BigInt(ip.value);
  const host = bits - prefix;
  const network = (value >> BigInt(host)) << BigInt(host);
  return { version: ip.version, network, prefix, text };
}

/** A mapped IPv6 value (::ffff:a.b.c.d) as its IPv4 number; other values as they are. */
export function unmap(v: number | bigint): number | bigint {
  if (typeof v === 'bigint' && v >> 32n === MAPPED_PREFIX) return Number(v & 0xffffffffn);
  return v;
}

/**
 * A test for values (from {@link ipValue}) in a block, made once per block: IPv4 blocks compare
 * numbers with a mask, no bigint arithmetic per address.
 */
export function blockMatcher(block: CidrBlock): (v: number | bigint) => boolean {
  const prefix = block.prefix;
  if (block.version === 4) {
    const net = Number(block.network);
    const mask = prefix === 0 ? 0 : (~0 << (32 - prefix)) >>> 0;
    return (v) => {
      const x = typeof v === 'number' ? v : unmap(v);
      return typeof x === 'number' && ((x & mask) >>> 0) === net;
    };
  }
  const host = BigInt(128 - prefix);
  const net = block.network >> host;
  return (v) => {
    // An IPv4 address against an IPv6 block: as its mapped form, for blocks inside ::ffff:0:0/96.
    if (typeof v === 'number') return prefix >= 96 && ((MAPPED_PREFIX << 32n) | BigInt(v)) >> host === net;
    return v >> host === net;
  };
}

/** Whether an address is in a block (mapped addresses match their IPv4 block, and the reverse). */
export function ipInBlock(ip: IpAddress, block: CidrBlock): boolean {
  return blockMatcher(block)(ip.value);
}

/** Two addresses are the same address (a mapped address is the same as its IPv4 address). */
export function sameIp(a: IpAddress, b: IpAddress): boolean {
  return compareIpValues(a.value, b.value) === 0;
}

/** Order of addresses: IPv4 (and mapped) first, by value; then IPv6. */
export function compareIp(a: IpAddress, b: IpAddress): number {
  return compareIpValues(a.value, b.value);
}

/** {@link compareIp} on values from {@link ipValue}. */
export function compareIpValues(a: number | bigint, b: number | bigint): number {
  const x = unmap(a);
  const y = unmap(b);
  if (typeof x === 'number' && typeof y !== 'number') return -1;
  if (typeof x !== 'number' && typeof y === 'number') return 1;
  return x < y ? -1 : x > y ? 1 : 0;
}

const LOOPBACK_V6 = 1n;
const LOOPBACK_NAMES = new Set(['localhost', 'localhost6', 'ip6-localhost', 'ip6-loopback', 'localhost.localdomain']);

/** 127.0.0.0/8, ::1, ::ffff:127.x.x.x, or a name that always means loopback ("localhost"). */
export function isLoopbackAddress(text: string): boolean {
  const v = ipValue(text);
  if (v === null) return LOOPBACK_NAMES.has(text.toLowerCase());
  const x = unmap(v);
  return typeof x === 'number' ? x >>> 24 === 127 : x === LOOPBACK_V6;
}

/** The wildcard address: "0.0.0.0", "::", "*" (all interfaces). */
export function isWildcardAddress(text: string): boolean {
  if (text === '*' || text === '0.0.0.0' || text === '::') return true;
  const v = ipValue(text);
  return v === 0 || v === 0n;
}
