/**
 * Keyed, consistent pseudonyms for what identifies a machine in netstat output.
 *
 * IP addresses are mapped prefix-preservingly, in the manner of Crypto-PAn (Xu, Fan, Ammar and
 * Moon, 2002): bit i of the result is bit i of the address XOR a pseudorandom bit computed from the
 * first i bits (here HMAC-SHA256 with the key, from node:crypto). Two addresses that share their
 * first n bits share the first n bits of their pseudonyms, so hosts in one subnet stay in one
 * subnet, and the same key gives the same mapping in every file and every run. The pseudorandom
 * bits come from one HMAC per byte-aligned prefix (see byteBits), not one per bit.
 *
 * What an address is stays recognisable: the bits that name its range are kept and only the bits
 * below are mapped (10.0.0.0/8 keeps "10.", 192.168.0.0/16 keeps "192.168.", fe80::/64 keeps
 * "fe80::" and maps the interface id, fc00::/7 and 2000::/3 keep their first bits). Wildcard,
 * loopback, multicast, broadcast, documentation and other reserved addresses are not secrets and
 * are kept as they are. A public IPv4 address keeps being public: its first octet is mapped by a
 * keyed permutation of the first octets that are public as a whole, and the first octets that are
 * only partly public (100, 169, 172, 192, 198, 203) are kept with the bits that decide it.
 *
 * Host names become host-XXXXXX, user names uXXXX of their own length (root and numeric ids stay), paths and
 * program arguments are masked character for character (so they keep their length), and MAC
 * addresses keep their vendor half.
 */
import { createHmac } from 'node:crypto';
import { formatIpv4, formatIpv6, parseIp, parseIpv4, parseIpv6, rangeOf } from './ip.js';

/** Ranges whose addresses are kept as they are. */
const KEEP_WHOLE = new Set(['wildcard', 'loopback', 'multicast', 'reserved', 'documentation']);

/** Public first octets that contain a special range: bits kept so the result stays public. */
const PARTIAL_OCTETS: { readonly [octet: number]: number } = { 100: 10, 169: 16, 172: 12, 192: 24, 198: 15, 203: 24 };

/** First octets that are public as a whole. */
const PUBLIC_OCTETS: readonly number[] = (() => {
  const out: number[] = [];
  for (let o = 1; o < 224; o++) if (o !== 10 && o !== 127 && PARTIAL_OCTETS[o] === undefined) out.push(o);
  return out;
})();

/** Names that say where a socket is without saying which machine it is on. */
const KEEP_NAMES = new Set([
  '*', 'localhost', 'localhost.localdomain', 'localhost6', 'localhost6.localdomain6', 'ip6-localhost', 'ip6-loopback',
  'ip6-allnodes', 'ip6-allrouters', 'ip6-mcastprefix', 'ip6-localnet', 'default', 'link-local', 'any', 'loopback',
  'broadcasthost', 'none', 'unknown', 'on-link',
]);

/** A name that says "this machine" (also when netstat cut it short: "localhost.localdoma"). */
function keepName(name: string): boolean {
  const lower = name.toLowerCase();
  return KEEP_NAMES.has(lower) || /^(?:localhost|ip6-localhost|ip6-loopback)(?:[.-]|$)/.test(lower);
}

const MASK_LETTERS = 'abcdefghijklmnop';

const HOSTNAME = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,252})$/;
const SHORT_V4 = /^(\d{1,3}(?:\.\d{1,3}){0,3})(\/\d{1,2})?$/;

/** A hardware address as printed: its bytes, separator, and whether it had leading zeros cut. */
export interface ParsedMac {
  bytes: number[];
  sep: string;
  /** macOS prints "0:1c:42:0:0:8": no leading zeros. */
  short: boolean;
  upper: boolean;
}

function hexDigit(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/**
 * A MAC address (6 bytes) or an EUI-64 (8 bytes, Windows prints tunnel adapters' so) as netstat
 * prints it: two hex digits a byte ("08:00:27:4e:66:a1", "00-15-5D-01-02-03", Windows route print's
 * "00 0c 29 9a e2 26"), or one or two (macOS: "0:1c:42:0:0:8"), one separator throughout. Null
 * for anything else. A scan, not a pattern: it is called on every address a record holds.
 */
export function parseMac(text: string): ParsedMac | null {
  const n = text.length;
  if (n < 11 || n > 23) return null;
  const bytes: number[] = [];
  let sep = '';
  let short = false;
  let upper = false;
  let i = 0;
  for (;;) {
    const a = hexDigit(text.charCodeAt(i));
    if (a < 0) return null;
    const b = i + 1 < n ? hexDigit(text.charCodeAt(i + 1)) : -1;
    const width = b < 0 ? 1 : 2;
    for (let k = i; k < i + width; k++) {
      const c = text.charCodeAt(k);
      if (c >= 65 && c <= 70) upper = true;
    }
    bytes.push(b < 0 ? a : a * 16 + b);
    if (width === 1) short = true;
    i += width;
    if (i === n) break;
    const s = text[i]!;
    if (sep === '') {
      if (s !== ':' && s !== '-' && s !== ' ') return null;
      sep = s;
    } else if (s !== sep) {
      return null;
    }
    i++;
    if (bytes.length === 8) return null;
  }
  if (bytes.length !== 6 && bytes.length !== 8) return null;
  // Only macOS drops leading zeros, and only with colons; a space-separated form has all digits.
  if (short && sep !== ':') return null;
  return { bytes, sep, short, upper };
}

export class Pseudonymizer {
  private readonly key: Buffer;
  private readonly bits = new Map<string, Buffer>();
  private readonly addresses = new Map<string, string>();
  private readonly names = new Map<string, string>();
  private octets: Map<number, number> | null = null;

  constructor(key: string | Uint8Array) {
    this.key = typeof key === 'string' ? Buffer.from(key, 'utf8') : Buffer.from(key);
  }

  private prf(label: string): Buffer {
    return createHmac('sha256', this.key).update(label).digest();
  }

  /**
   * The pseudorandom bits for the byte after a byte-aligned prefix: one HMAC gives 256 bits, one
   * for each of the 255 prefixes of 0 to 7 bits within that byte (bit j of the byte, after the j
   * bits before it, uses index 2^j - 1 + those bits). So each bit still depends on exactly the bits
   * before it, with one HMAC per byte instead of one per bit.
   */
  private byteBits(family: number, prefix: Uint8Array): Buffer {
    const label = `ip${family}/${Buffer.from(prefix.buffer, prefix.byteOffset, prefix.length).toString('hex')}`;
    let bits = this.bits.get(label);
    if (bits === undefined) {
      bits = this.prf(label);
      if (this.bits.size > 200_000) this.bits.clear();
      this.bits.set(label, bits);
    }
    return bits;
  }

  /** Crypto-PAn over the bits of `bytes` below the first `keep`. */
  private preserveBytes(bytes: Uint8Array, keep: number, family: number): Uint8Array {
    const out = Uint8Array.from(bytes);
    for (let byte = keep >> 3; byte < bytes.length; byte++) {
      const table = this.byteBits(family, bytes.subarray(0, byte));
      const b = bytes[byte]!;
      let flips = 0;
      for (let j = byte === keep >> 3 ? keep & 7 : 0; j < 8; j++) {
        const index = (1 << j) - 1 + (j === 0 ? 0 : b >> (8 - j));
        if ((table[index >> 3]! >> (index & 7)) & 1) flips |= 0x80 >> j;
      }
      out[byte] = b ^ flips;
    }
    return out;
  }

  private preserve(value: bigint, width: number, keep: number, family: number): bigint {
    if (width === 32) {
      const n = Number(value);
      const out = this.preserveBytes(Uint8Array.of(n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255), keep, family);
      return BigInt(((out[0]! << 24) | (out[1]! << 16) | (out[2]! << 8) | out[3]!) >>> 0);
    }
    const bytes = new Uint8Array(16);
    for (let i = 15, v = value; i >= 0; i--, v >>= 8n) bytes[i] = Number(v & 255n);
    const out = this.preserveBytes(bytes, keep, family);
    let r = 0n;
    for (const b of out) r = (r << 8n) | BigInt(b);
    return r;
  }

  private octet(first: number): number {
    if (this.octets === null) {
      const order = [...PUBLIC_OCTETS].sort((a, b) => this.prf(`octet/${a}`).compare(this.prf(`octet/${b}`)));
      this.octets = new Map(PUBLIC_OCTETS.map((o, i) => [o, order[i]!]));
    }
    return this.octets.get(first) ?? first;
  }

  /** The pseudonym of an IPv4 address (as a 32-bit number). */
  ipv4(n: number): number {
    const range = rangeOf(4, BigInt(n));
    if (range !== null) {
      if (KEEP_WHOLE.has(range.cls)) return n;
      return Number(this.preserve(BigInt(n), 32, range.bits, 4));
    }
    const first = n >>> 24;
    const keep = PARTIAL_OCTETS[first];
    if (keep !== undefined) return Number(this.preserve(BigInt(n), 32, keep, 4));
    const rest = Number(this.preserve(BigInt(n), 32, 8, 4)) & 0xffffff;
    return ((this.octet(first) << 24) | rest) >>> 0;
  }

  /** The pseudonym of an IPv6 address (as a 128-bit number). */
  ipv6(v: bigint): bigint {
    if (v >> 32n === 0xffffn) return (0xffffn << 32n) | BigInt(this.ipv4(Number(v & 0xffffffffn)));
    const range = rangeOf(6, v);
    if (range !== null) {
      if (KEEP_WHOLE.has(range.cls)) return v;
      // fe80::/10 is written fe80::/64 (the interface id is what identifies a host); fc00::/7 is
      // fc or fd as a whole first byte.
      return this.preserve(v, 128, range.cls === 'link-local' ? 64 : Math.max(range.bits, 8), 6);
    }
    return this.preserve(v, 128, v >> 125n === 1n ? 3 : 16, 6);
  }

  /** The pseudonym of an IP literal as text (brackets and a %zone kept), or null if it is not one. */
  ip(text: string): string | null {
    const bracket = text.startsWith('[') && text.endsWith(']');
    const ip = parseIp(text);
    if (ip === null) return null;
    const out = ip.version === 4 ? formatIpv4(this.ipv4(Number(ip.value))) : formatIpv6(this.ipv6(ip.value), ip.dottedTail) + ip.zone;
    return bracket ? `[${out}]` : out;
  }

  /**
   * The pseudonym of an address as a record holds it: an IP literal, a network with a "/len", the
   * BSD short forms ("192.168.1", "10/8"), a truncated IPv6 address, or a host name. Words that
   * name no machine ("*", "localhost", "default") are kept.
   */
  address(text: string): string {
    let out = this.addresses.get(text);
    if (out === undefined) {
      out = this.addressUncached(text);
      if (this.addresses.size > 100_000) this.addresses.clear();
      this.addresses.set(text, out);
    }
    return out;
  }

  private addressUncached(text: string): string {
    if (text === '' || keepName(text)) return text;
    const ip = this.ip(text);
    if (ip !== null) return ip;
    if (parseMac(text) !== null) return this.mac(text);
    const slash = /^([^/]+)\/(\d{1,3})$/.exec(text);
    if (slash !== null) {
      const mapped = this.network(slash[1]!, Number(slash[2]));
      if (mapped !== null) return `${mapped}/${slash[2]}`;
    }
    const short = SHORT_V4.exec(text);
    if (short !== null) {
      const parts = short[1]!.split('.');
      const full = parseIpv4([...parts, '0', '0', '0'].slice(0, 4).join('.'));
      if (full !== null) return formatIpv4(this.ipv4(full)).split('.').slice(0, parts.length).join('.') + (short[2] ?? '');
    }
    if (/^[0-9A-Fa-f:]+$/.test(text) && text.split(':').length >= 3) {
      // cut short by netstat's column width: map what is there, keep its length
      let end = text.length;
      while (end > 0 && text[end - 1] === ':') end--;
      const head = text.slice(0, end);
      const partial = parseIpv6(head.includes('::') ? head : `${head}::`);
      if (partial !== null) return formatIpv6(this.ipv6(partial.value)).slice(0, text.length);
    }
    if (HOSTNAME.test(text) && /[A-Za-z]/.test(text)) return this.host(text);
    return text;
  }

  /**
   * A network address: mapped like a host in it, with the bits below the prefix length kept zero,
   * so "192.168.1.0" with a /24 becomes "192.168.57.0" when 192.168.1.5 becomes 192.168.57.x.
   * Null when `text` is not an IP literal.
   */
  network(text: string, length: number): string | null {
    const ip = parseIp(text);
    if (ip === null) return null;
    const width = ip.version === 4 ? 32 : 128;
    if (length < 0 || length > width) return this.ip(text);
    const mask = ((1n << BigInt(width)) - 1n) ^ ((1n << BigInt(width - length)) - 1n);
    if (ip.version === 4) return formatIpv4(Number(BigInt(this.ipv4(Number(ip.value))) & mask));
    return formatIpv6(this.ipv6(ip.value) & mask, ip.dottedTail) + ip.zone;
  }

  /** host-XXXXXX for a host name (case does not matter). */
  host(name: string): string {
    if (keepName(name)) return name;
    return this.name('host', name.toLowerCase(), 6);
  }

  /**
   * "u" and keyed hex digits for a user name, as long as the name (at least 2 characters): net-tools
   * fits the program column to 19 characters, and sshd puts user names in it ("sshd: alice@pts/0").
   * root and numeric ids are kept.
   */
  user(name: string): string {
    if (name === 'root' || /^\d+$/.test(name) || name === '-') return name;
    return this.name('u', name, Math.max(1, name.length - 1), '');
  }

  private name(kind: string, text: string, digits: number, sep = '-'): string {
    const label = `${kind}/${text}`;
    let out = this.names.get(label);
    if (out === undefined) {
      let hex = '';
      for (let i = 0; hex.length < digits; i++) hex += this.prf(`${label}/${i}`).toString('hex');
      out = `${kind}${sep}${hex.slice(0, digits)}`;
      if (this.names.size > 1_000_000) this.names.clear();
      this.names.set(label, out);
    }
    return out;
  }

  /**
   * Letters and digits replaced by keyed letters a-p, punctuation kept: the same length. Letters
   * only, so a masked word never reads as a number or a PID/Program token, and a-p spell none of
   * the protocol keywords (tcp, udp, raw, unix, ...).
   */
  private mask(kind: string, text: string): string {
    if (text === '') return text;
    const bytes = this.prf(`${kind}/${text}`);
    let i = 0;
    return text.replace(/[A-Za-z0-9]/g, () => MASK_LETTERS[(bytes[i++ % bytes.length]! >> (i % 2 === 0 ? 0 : 4)) & 15]!);
  }

  /**
   * A unix socket path with every component but the first masked ("/run/user/1000/bus" ->
   * "/run/3f9a/81c2/e07"); "@" of an abstract name kept. The same length as the path.
   */
  path(path: string): string {
    const at = path.startsWith('@') ? '@' : '';
    const parts = path.slice(at.length).split('/');
    const firstReal = parts[0] === '' ? 1 : 0;
    return at + parts.map((p, i) => (i <= firstReal ? p : this.mask('path', p))).join('/');
  }

  /** A program name with its arguments masked: "sshd: alice@pts/0" -> "sshd: *****@***\/*". */
  args(program: string): string {
    const space = program.search(/\s/);
    if (space < 0) return program;
    return program.slice(0, space) + program.slice(space).replace(/[^\s:/@=.,-]/g, '*');
  }

  /**
   * A MAC address (or EUI-64) with its vendor half (the first three bytes) kept and the rest keyed,
   * in the form it was printed in (separator, case, leading zeros). Broadcast, all-zero and group
   * (multicast: 01:00:5e:..., 33:33:...) addresses name no machine and are kept; so is text that is
   * not a MAC address.
   */
  mac(text: string): string {
    const m = parseMac(text);
    if (m === null) return text;
    const { bytes } = m;
    if (bytes.every((b) => b === 0) || bytes.every((b) => b === 255) || (bytes[0]! & 1) === 1) return text;
    const canonical = bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
    const keyed = this.prf(`mac/${canonical}`);
    const out = bytes.map((b, i) => (i < 3 ? b : keyed[i - 3]!));
    const hex = out.map((b) => {
      const h = m.short ? b.toString(16) : b.toString(16).padStart(2, '0');
      return m.upper ? h.toUpperCase() : h;
    });
    return hex.join(m.sep);
  }
}
