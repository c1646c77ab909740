/**
 * What redaction does to each field of a record: the policy, in one place. The redactor replaces
 * the same values in the text, so that the redacted text parses to exactly these values (a test
 * checks it on every sample).
 *
 * | fields | become |
 * |---|---|
 * | addresses and host names: inet `local_address`, `foreign_address`; interface `ipv4_addr`, `ipv4_bcast`, `address` (BSD -i); route `gateway`, `rt_ifa` (macOS); group `group`; any field of any kind named `*_address` or `*_addr` | `Pseudonymizer.address` (IP literals, BSD short forms, cut IPv6, MAC addresses, host names) |
 * | networks: route `destination`, interface `network` | mapped with the host bits kept zero (`Pseudonymizer.network`), the prefix length from the record or, when it has none, from the trailing zero bytes |
 * | `mac_addr` | `Pseudonymizer.mac`: the vendor half kept |
 * | netmasks: `genmask`, `ipv4_mask` | kept (a mask is not an address) |
 * | `user` | `Pseudonymizer.user` |
 * | `program_name` (also in ss's `users`) | with `maskArgs` everything after the first word masked; else the user of an sshd title replaced |
 * | `path` | with `maskPaths` every component but the first masked |
 * | `kind`, `source`, `platform` | kept |
 * | everything else (interface names, states, Windows route `iface`, ss `cgroup`, stat `text`, ...) | IP literals and MAC addresses in it replaced by their form, as in text netsnap does not read field by field |
 *
 * An "address" that is the record's own interface name (BSD prints `lo0` as the gateway of a
 * loopback route and as the Address of lo0's link row) is an interface name and is kept. Kernel
 * addresses (BSD unix `address`, `conn`, ...), ss socket cookies, vsock CIDs and ports, TIPC node
 * and port numbers and netlink port ids are not host addresses and are kept.
 */
import { parseIp } from './ip.js';
import { literalToken } from './line.js';
import { parseMac, type Pseudonymizer } from './pseudonym.js';

export interface FieldOptions {
  maskArgs?: boolean;
  maskPaths?: boolean;
}

type FieldClass = 'host' | 'network' | 'mac' | 'mask' | 'user' | 'program' | 'path' | 'keep' | 'text';

/** Fields that hold an address or a host name, by record kind (destination and network are networks). */
const HOST_FIELDS: { readonly [kind: string]: ReadonlySet<string> } = {
  inet: new Set(['local_address', 'foreign_address']),
  interface: new Set(['ipv4_addr', 'ipv4_bcast', 'network', 'address']),
  route: new Set(['destination', 'gateway', 'rt_ifa']),
  group: new Set(['group']),
};

const NETWORK_FIELDS = new Set(['destination', 'network']);
const MASK_FIELDS = new Set(['genmask', 'ipv4_mask']);
const KEEP_FIELDS = new Set(['kind', 'source', 'platform']);

const CLASS_CACHE = new Map<string, FieldClass>();

/** What kind of value a field of a record kind holds, for redaction. */
export function fieldClass(kind: string, field: string): FieldClass {
  const key = `${kind}\0${field}`;
  let cls = CLASS_CACHE.get(key);
  if (cls === undefined) {
    cls = classify(kind, field);
    if (CLASS_CACHE.size < 10_000) CLASS_CACHE.set(key, cls);
  }
  return cls;
}

function classify(kind: string, field: string): FieldClass {
  if (KEEP_FIELDS.has(field)) return 'keep';
  if (field === 'mac_addr') return 'mac';
  if (MASK_FIELDS.has(field)) return 'mask';
  if (field === 'user') return 'user';
  if (field === 'program_name') return 'program';
  if (field === 'path') return 'path';
  if (HOST_FIELDS[kind]?.has(field)) return NETWORK_FIELDS.has(field) ? 'network' : 'host';
  if (field.endsWith('_address') || field.endsWith('_addr')) return 'host';
  return 'text';
}

/** Is this field of this kind of record an address or host name (or a network)? */
export function isAddressField(field: string, kind = 'inet'): boolean {
  const cls = fieldClass(kind, field);
  return cls === 'host' || cls === 'network';
}

/** Each word of `text` with the IP literals and MAC addresses found by their form replaced. */
export function replaceLiterals(text: string, p: Pseudonymizer): string {
  let out = '';
  let pos = 0;
  const n = text.length;
  while (pos < n) {
    let start = pos;
    while (start < n && isSpace(text.charCodeAt(start))) start++;
    let end = start;
    while (end < n && !isSpace(text.charCodeAt(end))) end++;
    out += text.slice(pos, start);
    if (end > start) out += literalToken(text.slice(start, end), p);
    pos = end;
  }
  return out;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12;
}

/** sshd names its processes after the user it serves: "sshd: alice@pts/0", "sshd: alice [priv]". */
export function sshdUser(program: string): string | null {
  if (!program.startsWith('sshd:')) return null;
  let i = 5;
  while (i < program.length && isSpace(program.charCodeAt(i))) i++;
  if (i === 5) return null;
  const first = program[i];
  if (first === undefined || first === '/' || first === '@' || first === '[') return null;
  let end = i;
  while (end < program.length && !isSpace(program.charCodeAt(end)) && program[end] !== '@') end++;
  return program.slice(i, end);
}

/** Whether an address field's value is the record's interface name ("lo0" as a BSD gateway). */
function isOwnInterface(value: string, record: { readonly [k: string]: unknown }): boolean {
  return (value === record.iface || value === record.local_iface) && parseIp(value) === null && parseMac(value) === null;
}

/**
 * A network without a prefix length (a BSD -i Network column, cut to "192.168.71.0/"): the length
 * is taken from its trailing zero bytes, so "192.168.71.0" maps like 192.168.71.0/24.
 */
function guessNetwork(value: string, p: Pseudonymizer): string | null {
  const cut = value.endsWith('/');
  const text = cut ? value.slice(0, -1) : value;
  const ip = parseIp(text);
  if (ip === null) return null;
  const width = ip.version === 4 ? 32 : 128;
  let length = width;
  while (length > 0 && ((ip.value >> BigInt(width - length)) & 0xffn) === 0n) length -= 8;
  const mapped = p.network(text, length);
  return mapped === null ? null : mapped + (cut ? '/' : '');
}

function replaceString(cls: FieldClass, value: string, record: { readonly [k: string]: unknown }, p: Pseudonymizer, options: FieldOptions): string {
  switch (cls) {
    case 'keep':
    case 'mask':
      return value;
    case 'host':
      return isOwnInterface(value, record) ? value : p.address(value);
    case 'network': {
      if (isOwnInterface(value, record)) return value;
      const len = record.prefix_length;
      if (typeof len === 'number') {
        const net = p.network(value, len);
        if (net !== null) return net;
      }
      return guessNetwork(value, p) ?? p.address(value);
    }
    case 'mac':
      return parseMac(value) !== null ? p.mac(value) : replaceLiterals(value, p);
    case 'user':
      return p.user(value);
    case 'program': {
      if (options.maskArgs) return replaceLiterals(p.args(value), p);
      const user = sshdUser(value);
      return replaceLiterals(user === null ? value : value.replace(user, p.user(user)), p);
    }
    case 'path':
      return replaceLiterals(options.maskPaths ? p.path(value) : value, p);
    case 'text':
      return replaceLiterals(value, p);
  }
}

/** Objects inside a field (ss `users`, -ie `ipv6`, ss `info_other`): their fields by name. */
function replaceNested(value: unknown, record: { readonly [k: string]: unknown }, p: Pseudonymizer, options: FieldOptions): unknown {
  if (typeof value === 'string') return replaceLiterals(value, p);
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v: unknown) => replaceNested(v, record, p, options));
  const out: { [k: string]: unknown } = {};
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') out[k] = replaceNested(v, record, p, options);
    else if (k === 'addr') out[k] = p.address(v);
    else out[k] = replaceString(fieldClass('', k), v, record, p, options);
  }
  return out;
}

/**
 * What a record field becomes when its line is redacted (see the table at the top of this file).
 * The tests check that parsing redacted text gives exactly these values.
 */
export function fieldReplacement(
  field: string,
  value: unknown,
  record: { readonly [k: string]: unknown },
  p: Pseudonymizer,
  options: FieldOptions,
): unknown {
  if (typeof value === 'string') return replaceString(fieldClass(String(record.kind), field), value, record, p, options);
  return replaceNested(value, record, p, options);
}
