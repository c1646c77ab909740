/**
 * The queryable fields of each record kind: the kind's columns (src/output/columns.ts), the extra
 * columns any platform adds to it (EXTRA_COLUMNS), and fields computed from the record (for inet:
 * local_ip, foreign_ip, is_listening, is_loopback, scope). This is the single list the query language,
 * --group-by, --sort, --select and the error messages work from, so a kind or column added to
 * columns.ts is queryable without a change here.
 *
 * A field's type decides how a literal is read (`recv_q > 5` needs a number) and which operators make
 * sense. Fields this file does not know get type `any`: compared by the type of the value at hand.
 */
import { BASE_COLUMNS, COLUMNS, EXTRA_COLUMNS } from '../output/columns.js';
import type { Span } from './ast.js';
import { QueryError } from './errors.js';
import { ipValue, isLoopbackAddress, isWildcardAddress } from './ip.js';

/**
 * - `int`, `number`: exact integers (number or bigint) and decimals
 * - `string`: text
 * - `port`: a port as printed ("22", "ssh", "*"): compared as a number when the literal is one
 * - `address`: a host part: IP literals compare as addresses and match CIDR blocks; names as text
 * - `bool`: true or false
 * - `list`: a list (flag names, IPv6 addresses); matches when any item does
 * - `any`: not declared; compared by the value's own type
 */
export type FieldType = 'int' | 'number' | 'string' | 'port' | 'address' | 'bool' | 'list' | 'any';

export interface FieldDef {
  name: string;
  type: FieldType;
  /** Compared ignoring case (states, protocol names, and other fixed vocabularies). */
  caseless: boolean;
  /** Computed from the record, not one of its columns. */
  computed: boolean;
  /** The value of this field in a record. */
  get(record: object): unknown;
}

const INT_FIELDS = [
  'snapshot', 'line', 'ip_version', 'recv_q', 'send_q', 'local_port_num', 'foreign_port_num', 'inode', 'pid',
  'timer_retransmits', 'timer_probes', 'refcnt', 'mtu', 'met', 'rx_ok', 'rx_err', 'rx_drp', 'rx_ovr', 'tx_ok',
  'tx_err', 'tx_drp', 'tx_ovr', 'rx_bytes', 'tx_bytes', 'rx_frame', 'tx_carrier', 'tx_collisions', 'txqueuelen',
  'prefix_length', 'metric', 'route_refs', 'use', 'mss', 'window', 'irtt',
];
const NUMBER_FIELDS = ['timer_expires', 'value'];
const PORT_FIELDS = ['local_port', 'foreign_port'];
const ADDRESS_FIELDS = [
  'local_address', 'foreign_address', 'local_ip', 'foreign_ip', 'ipv4_addr', 'ipv4_mask', 'ipv4_bcast',
  'destination', 'gateway', 'genmask', 'group', 'address',
];
const BOOL_FIELDS = ['is_listening', 'is_loopback'];
const LIST_FIELDS = ['flag_names', 'route_flags_pretty', 'ipv6'];
const STRING_FIELDS = [
  'kind', 'source', 'platform', 'proto', 'transport_protocol', 'network_protocol', 'state', 'user', 'program_name',
  'timer', 'timer_name', 'flags', 'type', 'path', 'path_type', 'iface', 'flg', 'mac_addr', 'network', 'route_flags',
  'expire', 'section', 'counter', 'text', 'scope', 'netid',
];

/** Declared types by field name (the same name has the same type in every kind). */
export const FIELD_TYPES: ReadonlyMap<string, FieldType> = new Map<string, FieldType>([
  ...INT_FIELDS.map((f) => [f, 'int'] as const),
  ...NUMBER_FIELDS.map((f) => [f, 'number'] as const),
  ...PORT_FIELDS.map((f) => [f, 'port'] as const),
  ...ADDRESS_FIELDS.map((f) => [f, 'address'] as const),
  ...BOOL_FIELDS.map((f) => [f, 'bool'] as const),
  ...LIST_FIELDS.map((f) => [f, 'list'] as const),
  ...STRING_FIELDS.map((f) => [f, 'string'] as const),
]);

/** Fields whose values are a fixed vocabulary, compared ignoring case: `state = listen` matches LISTEN. */
export const CASELESS_FIELDS: ReadonlySet<string> = new Set([
  'kind', 'platform', 'proto', 'transport_protocol', 'network_protocol', 'state', 'timer_name', 'path_type', 'type',
  'scope', 'netid',
]);

interface Computed {
  name: string;
  type: FieldType;
  /** One line for --help and the README. */
  describe: string;
  get(record: object): unknown;
}

type Rec = { [field: string]: unknown };

function addressOf(r: Rec, field: string): string | null {
  const v = r[field];
  return typeof v === 'string' ? v : null;
}

/**
 * The address when it is an IP literal (as printed), else null. "*", the wildcard BSD, macOS, ss and
 * Windows print where Linux prints 0.0.0.0 or ::, is the wildcard of the record's IP version
 * (0.0.0.0 or ::), so that local_ip reads the same on every platform.
 */
function ipOf(r: Rec, field: string): string | null {
  const a = addressOf(r, field);
  if (a === '*') return r.ip_version === 4 ? '0.0.0.0' : r.ip_version === 6 ? '::' : null;
  return a !== null && ipValue(a) !== null ? a : null;
}

const LISTEN_STATES = new Set(['LISTEN', 'LISTENING']);

/**
 * A listening socket: TCP (and SCTP) in state LISTEN (LISTENING on Windows); for UDP, raw and other
 * connectionless sockets, one not connected to a peer (foreign address and port are wildcards, as
 * `netstat -l` selects them).
 */
function isListening(r: Rec): boolean {
  const state = typeof r.state === 'string' ? r.state.toUpperCase() : null;
  if (state !== null && LISTEN_STATES.has(state)) return true;
  const transport = typeof r.transport_protocol === 'string' ? r.transport_protocol.toLowerCase() : '';
  if (transport === 'tcp' || transport === 'sctp' || transport === 'mptcp') return false;
  if (state !== null && state !== 'UNCONN' && !/^\d+$/.test(state)) return false;
  const fa = addressOf(r, 'foreign_address');
  const fp = r.foreign_port;
  return fa !== null && isWildcardAddress(fa) && (fp === null || fp === undefined || fp === '*' || fp === '0');
}

/** loopback, all (the wildcard address) or address (one address), for listeners; null otherwise. */
function scopeOf(r: Rec): string | null {
  if (!isListening(r)) return null;
  const la = addressOf(r, 'local_address');
  if (la === null) return null;
  if (isWildcardAddress(la)) return 'all';
  if (isLoopbackAddress(la)) return 'loopback';
  return 'address';
}

const COMPUTED: { readonly [kind: string]: readonly Computed[] } = {
  inet: [
    { name: 'local_ip', type: 'address', describe: 'local_address when it is an IP literal ("*": 0.0.0.0 or ::), else null', get: (r) => ipOf(r as Rec, 'local_address') },
    { name: 'foreign_ip', type: 'address', describe: 'foreign_address when it is an IP literal ("*": 0.0.0.0 or ::), else null', get: (r) => ipOf(r as Rec, 'foreign_address') },
    {
      name: 'is_listening',
      type: 'bool',
      describe: 'TCP in LISTEN; UDP and raw sockets not connected to a peer',
      get: (r) => isListening(r as Rec),
    },
    {
      name: 'is_loopback',
      type: 'bool',
      describe: 'the local address is loopback: 127.0.0.0/8, ::1, ::ffff:127.0.0.0/104, localhost',
      get: (r) => {
        const a = addressOf(r as Rec, 'local_address');
        return a !== null && isLoopbackAddress(a);
      },
    },
    {
      name: 'scope',
      type: 'string',
      describe: 'for listeners: loopback, all (0.0.0.0, ::, *) or address (one address); null for other sockets',
      get: (r) => scopeOf(r as Rec),
    },
  ],
};

/** Descriptions of the computed fields (for the README and --help). */
export function computedFields(kind: string): readonly { name: string; type: FieldType; describe: string }[] {
  return COMPUTED[kind] ?? [];
}

/** Record kinds that can be queried: those of columns.ts, and any kind only EXTRA_COLUMNS names. */
export function queryKinds(): string[] {
  const kinds = Object.keys(COLUMNS);
  for (const byKind of Object.values(EXTRA_COLUMNS)) for (const k of Object.keys(byKind)) if (!kinds.includes(k)) kinds.push(k);
  return kinds;
}

const CACHE = new Map<string, ReadonlyMap<string, FieldDef>>();

function column(name: string): FieldDef {
  return {
    name,
    type: FIELD_TYPES.get(name) ?? 'any',
    caseless: CASELESS_FIELDS.has(name),
    computed: false,
    get: (r) => (r as Rec)[name] ?? null,
  };
}

/** Every field of a kind, in order: base columns, the kind's columns, platform extras, computed fields. */
export function fieldsOf(kind: string): ReadonlyMap<string, FieldDef> {
  let fields = CACHE.get(kind);
  if (fields !== undefined) return fields;
  const map = new Map<string, FieldDef>();
  const known = (COLUMNS as { [k: string]: readonly string[] })[kind];
  for (const name of known ?? (queryKinds().includes(kind) ? BASE_COLUMNS : [])) map.set(name, column(name));
  for (const byKind of Object.values(EXTRA_COLUMNS)) {
    for (const name of byKind[kind] ?? []) if (!map.has(name)) map.set(name, column(name));
  }
  for (const c of COMPUTED[kind] ?? []) {
    if (map.has(c.name)) continue;
    map.set(c.name, { name: c.name, type: c.type, caseless: CASELESS_FIELDS.has(c.name), computed: true, get: c.get });
  }
  fields = map;
  if (map.size > 0) CACHE.set(kind, fields);
  return fields;
}

/** The field of a kind, or undefined. */
export function fieldOf(kind: string, name: string): FieldDef | undefined {
  return fieldsOf(kind).get(name);
}

/** Names of a kind's fields, in order. */
export function fieldNames(kind: string): string[] {
  return [...fieldsOf(kind).keys()];
}

/** The kinds that have a field. */
export function kindsWithField(name: string): string[] {
  return queryKinds().filter((k) => fieldsOf(k).has(name));
}

/** Edit distance (Damerau: a swap of two neighbours counts once), for "did you mean". */
export function editDistance(a: string, b: string): number {
  const m = a.length;
  const n = b.length;
  const d: number[][] = Array.from({ length: m + 1 }, (_, i) => Array.from({ length: n + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= m; i++) {
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  }
  return d[m]![n]!;
}

/**
 * The nearest name to a misspelt one: the closest by edit distance when it is close enough (at most
 * a third of the name's length, and at least 1), else a name that starts with it or contains it.
 */
export function nearest(name: string, candidates: readonly string[]): string | null {
  const lower = name.toLowerCase();
  let best: string | null = null;
  let bestD = Infinity;
  for (const c of candidates) {
    const dist = editDistance(lower, c.toLowerCase());
    if (dist < bestD) {
      best = c;
      bestD = dist;
    }
  }
  if (best !== null && bestD <= Math.max(1, Math.floor(Math.max(lower.length, 3) / 3))) return best;
  const prefix = candidates.find((c) => c.startsWith(lower)) ?? (lower.length >= 3 ? candidates.find((c) => c.includes(lower)) : undefined);
  return prefix ?? null;
}

/** Platform-only fields named in an error message before "and N more". */
const MAX_EXTRAS_SHOWN = 12;

/** The fields of a kind that only some platforms print (EXTRA_COLUMNS), in order. */
export function platformFields(kind: string): string[] {
  const base = new Set((COLUMNS as { [k: string]: readonly string[] })[kind] ?? BASE_COLUMNS);
  const out: string[] = [];
  for (const byKind of Object.values(EXTRA_COLUMNS)) {
    for (const name of byKind[kind] ?? []) if (!base.has(name) && !out.includes(name)) out.push(name);
  }
  return out;
}

/** The error for a field the kind does not have: the nearest name, and the valid ones. */
export function unknownFieldError(name: string, kind: string, option: string, text: string | undefined, span: Span | undefined): QueryError {
  const names = fieldNames(kind);
  const suggestion = nearest(name, names);
  const elsewhere = kindsWithField(name).filter((k) => k !== kind);
  let message = `unknown field "${name}" for ${kind} records`;
  if (elsewhere.length > 0) message = `${kind} records have no field "${name}" (${joinAnd(elsewhere)} records do: choose with --kind)`;
  else if (suggestion !== null) message += `; did you mean "${suggestion}"?`;
  const extras = platformFields(kind);
  const main = names.filter((n) => !extras.includes(n));
  const notes = [`${kind} fields: ${main.join(', ')}`];
  if (extras.length > 0) {
    const shown = extras.slice(0, MAX_EXTRAS_SHOWN).join(', ');
    notes.push(`also, from some platforms: ${shown}${extras.length > MAX_EXTRAS_SHOWN ? ` and ${extras.length - MAX_EXTRAS_SHOWN} more` : ''}`);
  }
  const details: ConstructorParameters<typeof QueryError>[2] = { option, notes, suggestion };
  if (text !== undefined && span !== undefined) {
    details.text = text;
    details.column = span.at + 1;
    details.length = span.len;
  }
  return new QueryError('NETSNAP_QUERY_UNKNOWN_FIELD', message, details);
}

/** "a", "a and b", "a, b and c". */
export function joinAnd(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}
