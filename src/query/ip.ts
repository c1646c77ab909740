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

const V4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;
const MAPPED_PREFIX = 0xffffn;

function parseV4(text: string): number | null {
  const m = V4.exec(text);
  if (m === null) return null;
  let value = 0;
  for (let i = 1; i <= 4; i++) {
    const part = m[i]!;
    if (part.length > 1 && part[0] === '0') return null; // no octal-looking octets
    const n = Number(part);
    if (n > 255) return null;
    value = value * 256 + n;
  }
  return value;
}

function parseV6(text: string): bigint | null {
  if (text.length < 2 || text.length > 45) return null;
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groups = (s: string): string[] | null => (s === '' ? [] : s.split(':'));
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (head === null || tail === null) return null;
  // A dotted IPv4 address may end the address (::ffff:10.0.0.1, 64:ff9b::1.2.3.4).
  const words: number[] = [];
  const all = [...head, ...(halves.length === 2 ? ['::'] : []), ...tail];
  let sawGap = false;
  const expanded: (number | '::')[] = [];
  for (let i = 0; i < all.length; i++) {
    const g = all[i]!;
    if (g === '::') {
      sawGap = true;
      expanded.push('::');
      continue;
    }
    if (i === all.length - 1 && g.includes('.')) {
      const v4 = parseV4(g);
      if (v4 === null) return null;
      expanded.push(Math.floor(v4 / 65536), v4 % 65536);
      continue;
    }
    if (!HEX_GROUP.test(g)) return null;
    expanded.push(parseInt(g, 16));
  }
  const count = expanded.filter((x) => x !== '::').length;
  if (sawGap ? count > 7 : count !== 8) return null;
  for (const x of expanded) {
    if (x === '::') for (let k = 0; k < 8 - count; k++) words.push(0);
    else words.push(x);
  }
  let value = 0n;
  for (const w of words) value = (value << 16n) | BigInt(w);
  return value;
}

/**
 * An IP literal: "10.0.0.1", "::1", "fe80::1%eth0" (the zone is ignored), "[::1]". Null for anything
 * else, host names included.
 */
export function parseIp(text: string): IpAddress | null {
  if (text.length === 0 || text.length > 64) return null;
  let t = text;
  if (t.charCodeAt(0) === 91 /* [ */ && t.endsWith(']')) t = t.slice(1, -1);
  const c = t.charCodeAt(0);
  if (t.includes(':')) {
    const zone = t.indexOf('%');
    const v6 = parseV6(zone >= 0 ? t.slice(0, zone) : t);
    return v6 === null ? null : { version: 6, value: v6 };
  }
  if (c < 48 || c > 57) return null;
  const v4 = parseV4(t);
  return v4 === null ? null : { version: 4, value: v4 };
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

function inBlock(value: bigint, bits: number, block: CidrBlock): boolean {
  const host = BigInt(bits - block.prefix);
  return value >> host === block.network >> host;
}

/** Whether an address is in a block (mapped addresses match their IPv4 block, and the reverse). */
export function ipInBlock(ip: IpAddress, block: CidrBlock): boolean {
  if (block.version === 4) {
    if (ip.version === 4) return inBlock(BigInt(ip.value), 32, block);
    const v4 = mappedV4(ip);
    return v4 !== null && inBlock(BigInt(v4), 32, block);
  }
  if (ip.version === 6) return inBlock(ip.value, 128, block);
  // An IPv4 address against an IPv6 block: as its mapped form, for blocks inside ::ffff:0:0/96.
  return block.prefix >= 96 && inBlock((MAPPED_PREFIX << 32n) | BigInt(ip.value), 128, block);
}

/** Two addresses are the same address (a mapped address is the same as its IPv4 address). */
export function sameIp(a: IpAddress, b: IpAddress): boolean {
  return compareIp(a, b) === 0;
}

/** Order of addresses: IPv4 (and mapped) first, by value; then IPv6. */
export function compareIp(a: IpAddress, b: IpAddress): number {
  const av = a.version === 4 ? a.value : mappedV4(a);
  const bv = b.version === 4 ? b.value : mappedV4(b);
  if (av !== null && bv !== null) return av < bv ? -1 : av > bv ? 1 : 0;
  if (av !== null) return -1;
  if (bv !== null) return 1;
  const x = a.value as bigint;
  const y = b.value as bigint;
  return x < y ? -1 : x > y ? 1 : 0;
}

const LOOPBACK_V6 = 1n;
const LOOPBACK_NAMES = new Set(['localhost', 'localhost6', 'ip6-localhost', 'ip6-loopback', 'localhost.localdomain']);

/** 127.0.0.0/8, ::1, ::ffff:127.x.x.x, or a name that always means loopback ("localhost"). */
export function isLoopbackAddress(text: string): boolean {
  if (LOOPBACK_NAMES.has(text.toLowerCase())) return true;
  const ip = parseIp(text);
  if (ip === null) return false;
  const v4 = ip.version === 4 ? ip.value : mappedV4(ip);
  if (v4 !== null) return v4 >>> 24 === 127;
  return ip.value === LOOPBACK_V6;
}

/** The wildcard address: "0.0.0.0", "::", "*" (all interfaces). */
export function isWildcardAddress(text: string): boolean {
  if (text === '*' || text === '0.0.0.0' || text === '::' || text === '[::]') return true;
  const ip = parseIp(text);
  return ip !== null && (ip.version === 4 ? ip.value === 0 : ip.value === 0n);
}
