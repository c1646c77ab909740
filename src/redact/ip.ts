/**
 * IP address literals as netstat prints them: parsing (IPv4, IPv6 with "::", an embedded IPv4
 * tail and a "%zone"), formatting (RFC 5952 for IPv6, the dotted tail kept for IPv4-mapped
 * addresses), and the ranges that tell what an address is (wildcard, loopback, link-local,
 * private, multicast, ...). Used by the summary (bind scope) and by redaction.
 */

export type AddressClass =
  | 'wildcard'
  | 'loopback'
  | 'link-local'
  | 'private'
  | 'shared'
  | 'documentation'
  | 'multicast'
  | 'reserved'
  | 'public';

export interface ParsedIp {
  version: 4 | 6;
  /** The address as an unsigned integer of 32 or 128 bits. */
  value: bigint;
  /** "%eth0" when the text had a zone, else "". */
  zone: string;
  /** IPv6 written with a dotted IPv4 tail ("::ffff:10.0.0.1"). */
  dottedTail: boolean;
}

const V4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** An IPv4 literal as a number, or null. */
export function parseIpv4(text: string): number | null {
  const m = V4.exec(text);
  if (m === null) return null;
  let n = 0;
  for (let i = 1; i <= 4; i++) {
    const part = m[i]!;
    if (part.length > 1 && part.startsWith('0')) return null;
    const v = Number(part);
    if (v > 255) return null;
    n = n * 256 + v;
  }
  return n;
}

export function formatIpv4(n: number): string {
  return `${(n >>> 24) & 255}.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`;
}

/** An IPv6 literal (no brackets; an optional "%zone") as a 128-bit integer, or null. */
export function parseIpv6(text: string): { value: bigint; zone: string; dottedTail: boolean } | null {
  let zone = '';
  const pct = text.indexOf('%');
  if (pct >= 0) {
    zone = text.slice(pct);
    text = text.slice(0, pct);
    if (zone.length < 2) return null;
  }
  if (!text.includes(':') || text.length > 45) return null;
  let dottedTail = false;
  let tail: [number, number] | null = null;
  const lastColon = text.lastIndexOf(':');
  const last = text.slice(lastColon + 1);
  if (last.includes('.')) {
    const v4 = parseIpv4(last);
    if (v4 === null) return null;
    tail = [v4 >>> 16, v4 & 0xffff];
    dottedTail = true;
    // Read the dotted tail as two placeholder groups, then put its value in.
    text = `${text.slice(0, lastColon + 1)}0:0`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return null;
  const groups = (s: string): number[] | null => {
    if (s === '') return [];
    const out: number[] = [];
    for (const g of s.split(':')) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = groups(halves[0]!);
  const rest = halves.length === 2 ? groups(halves[1]!) : [];
  if (head === null || rest === null) return null;
  const given = head.length + rest.length;
  let all: number[];
  if (halves.length === 2) {
    if (given > 7) return null;
    all = [...head, ...new Array<number>(8 - given).fill(0), ...rest];
  } else {
    if (given !== 8) return null;
    all = head;
  }
  if (tail !== null) {
    all[6] = tail[0];
    all[7] = tail[1];
  }
  let value = 0n;
  for (const g of all) value = (value << 16n) | BigInt(g);
  return { value, zone, dottedTail };
}

/** RFC 5952 text of a 128-bit address: lower case, the longest run of zero groups as "::". */
export function formatIpv6(value: bigint, dottedTail = false): string {
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((value >> BigInt(i * 16)) & 0xffffn));
  let tail = '';
  let count = 8;
  if (dottedTail) {
    tail = formatIpv4(Number(value & 0xffffffffn));
    count = 6;
  }
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < count; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < count && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (from: number, to: number): string[] => groups.slice(from, to).map((g) => g.toString(16));
  let text: string;
  if (bestStart < 0) {
    text = hex(0, count).join(':');
    if (tail) text += ':';
  } else {
    const left = hex(0, bestStart).join(':');
    const right = hex(bestStart + bestLen, count).join(':');
    text = `${left}::${right}`;
    if (tail && right !== '') text += ':';
  }
  return text + tail;
}

/** Parse an IPv4 or IPv6 literal (brackets allowed around IPv6). */
export function parseIp(text: string): ParsedIp | null {
  if (text.startsWith('[') && text.endsWith(']')) text = text.slice(1, -1);
  const v4 = parseIpv4(text);
  if (v4 !== null) return { version: 4, value: BigInt(v4), zone: '', dottedTail: false };
  const v6 = parseIpv6(text);
  if (v6 !== null) return { version: 6, ...v6 };
  return null;
}

interface Range {
  base: bigint;
  bits: number;
  cls: AddressClass;
}

function v4Range(cidr: string, cls: AddressClass): Range {
  const [addr, bits] = cidr.split('/') as [string, string];
  return { base: BigInt(parseIpv4(addr)!), bits: Number(bits), cls };
}

function v6Range(cidr: string, cls: AddressClass): Range {
  const [addr, bits] = cidr.split('/') as [string, string];
  return { base: parseIpv6(addr)!.value, bits: Number(bits), cls };
}

/** Special IPv4 ranges, most specific first. `bits` is how much of the address names the range. */
export const IPV4_RANGES: readonly Range[] = [
  v4Range('0.0.0.0/32', 'wildcard'),
  v4Range('255.255.255.255/32', 'reserved'),
  v4Range('0.0.0.0/8', 'reserved'),
  v4Range('127.0.0.0/8', 'loopback'),
  v4Range('10.0.0.0/8', 'private'),
  v4Range('172.16.0.0/12', 'private'),
  v4Range('192.168.0.0/16', 'private'),
  v4Range('169.254.0.0/16', 'link-local'),
  v4Range('100.64.0.0/10', 'shared'),
  v4Range('192.0.2.0/24', 'documentation'),
  v4Range('198.51.100.0/24', 'documentation'),
  v4Range('203.0.113.0/24', 'documentation'),
  v4Range('198.18.0.0/15', 'reserved'),
  v4Range('192.0.0.0/24', 'reserved'),
  v4Range('224.0.0.0/4', 'multicast'),
  v4Range('240.0.0.0/4', 'reserved'),
];

export const IPV6_RANGES: readonly Range[] = [
  v6Range('::/128', 'wildcard'),
  v6Range('::1/128', 'loopback'),
  v6Range('fe80::/10', 'link-local'),
  v6Range('fc00::/7', 'private'),
  v6Range('ff00::/8', 'multicast'),
  v6Range('2001:db8::/32', 'documentation'),
  v6Range('::/8', 'reserved'),
];

/** The special range an address is in, or null for a public address. */
export function rangeOf(version: 4 | 6, value: bigint): Range | null {
  const width = version === 4 ? 32 : 128;
  for (const r of version === 4 ? IPV4_RANGES : IPV6_RANGES) {
    const shift = BigInt(width - r.bits);
    if (value >> shift === r.base >> shift) return r;
  }
  return null;
}

const IPV4_MAPPED = 0xffffn << 32n;

/** What kind of address an IP literal is; IPv4-mapped IPv6 addresses are classed by their IPv4 part. */
export function classifyIp(ip: ParsedIp): AddressClass {
  if (ip.version === 6 && ip.value >> 32n === IPV4_MAPPED >> 32n) {
    return rangeOf(4, ip.value & 0xffffffffn)?.cls ?? 'public';
  }
  return rangeOf(ip.version, ip.value)?.cls ?? 'public';
}

/** Names netstat prints for the wildcard and loopback addresses when it resolves them. */
const WILDCARD_NAMES = new Set(['*', '0.0.0.0', '::', '[::]', '0', 'any', '*.*']);
const LOOPBACK_NAMES = new Set(['localhost', 'localhost.localdomain', 'ip6-localhost', 'ip6-loopback', 'localhost6']);

/**
 * How an address as printed in a record is bound: 'all' interfaces (wildcard), 'loopback' only, or
 * one 'address'. Host names other than localhost count as one address.
 */
export function bindScope(address: string): 'all' | 'loopback' | 'address' {
  const bare = stripZone(address);
  if (WILDCARD_NAMES.has(bare)) return 'all';
  if (LOOPBACK_NAMES.has(bare.toLowerCase())) return 'loopback';
  const ip = parseIp(bare);
  if (ip === null) return 'address';
  const cls = classifyIp(ip);
  return cls === 'wildcard' ? 'all' : cls === 'loopback' ? 'loopback' : 'address';
}

/** Is this printed address the wildcard ("*", "0.0.0.0", "::")? */
export function isWildcard(address: string | null | undefined): boolean {
  return address === null || address === undefined || address === '' || bindScope(address) === 'all';
}

function stripZone(address: string): string {
  let a = address;
  if (a.startsWith('[') && a.endsWith(']')) a = a.slice(1, -1);
  const pct = a.indexOf('%');
  return pct > 0 ? a.slice(0, pct) : a;
}
