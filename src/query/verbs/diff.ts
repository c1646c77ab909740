/**
 * diff: what changed between two sets of records (two snapshots), as two anti-joins and a keyed join
 * over a stated key.
 *
 *   keyed join   before ⋈ after on key   -> pairs: unchanged, or changed (with the fields that differ)
 *   anti-join    after ▷ before          -> added
 *   anti-join    before ▷ after          -> removed
 *
 * The key of each kind is stated in DEFAULT_KEYS (and can be overridden); the other fields the diff
 * compares are listed with it. A key seen more than once on a side (two sockets with the same
 * addresses) is matched as a multiset: equal records pair first, then the rest in order, and the
 * result lists such keys under `duplicates`.
 *
 * Memory: the before side is held as each record's key and compared fields packed into strings
 * (src/diff/encode.ts) in a compact index (src/diff/key-index.ts), never the records or their
 * lines; the after side streams past it, and only what differs is kept.
 */
import { BatchPacker, decodeFields, decodeValue, fieldMarker, fieldPacker, recordDecoder, type FieldMarker, type RecordDecoder, PackBuffer, SEP, splitFields, type FieldPacker, type PackedBatch } from '../../diff/encode.js';
import { asBuffer, KeyIndex } from '../../diff/key-index.js';
import type { NetRecord } from '../../types.js';

/** Fields that say where a record was read; never in a key, never compared. */
export const POSITION_FIELDS: readonly string[] = ['kind', 'snapshot', 'source', 'line', 'platform'];

/** How records of a kind are matched: the key, and the fields compared once matched. */
export interface KeySpec {
  key: readonly string[];
  compare: readonly string[];
  /** This spec applies when this field is not null; otherwise the kind's next spec does. */
  requires?: string;
}

/** Interface counters (they only grow, unless the counter was reset or wrapped). */
export const INTERFACE_COUNTERS: readonly string[] = [
  'rx_ok', 'rx_err', 'rx_drp', 'rx_ovr', 'tx_ok', 'tx_err', 'tx_drp', 'tx_ovr',
  'rx_bytes', 'tx_bytes', 'rx_frame', 'tx_carrier', 'tx_collisions',
];

/**
 * The default key of each kind. Kinds not listed here (added later) are matched on every field but
 * the position fields, so such a record is either unchanged or removed and added; `key` in the
 * options gives them a key, and then every other field is compared.
 */
export const DEFAULT_KEYS: { readonly [kind: string]: readonly KeySpec[] } = {
  inet: [
    {
      key: ['proto', 'local_address', 'local_port', 'foreign_address', 'foreign_port'],
      compare: ['state', 'recv_q', 'send_q', 'user', 'inode', 'pid', 'program_name', 'timer_name', 'timer_retransmits', 'timer_probes'],
    },
  ],
  unix: [
    { key: ['inode'], requires: 'inode', compare: ['proto', 'refcnt', 'flags', 'type', 'state', 'pid', 'program_name', 'path'] },
    { key: ['proto', 'type', 'path', 'state'], compare: ['refcnt', 'flags', 'pid', 'program_name'] },
  ],
  interface: [
    {
      key: ['iface', 'network', 'address'],
      compare: [
        ...INTERFACE_COUNTERS, 'mtu', 'met', 'flg', 'ipv4_addr', 'ipv4_mask', 'ipv4_bcast', 'ipv6', 'mac_addr', 'type', 'txqueuelen',
      ],
    },
  ],
  route: [
    {
      key: ['ip_version', 'destination', 'prefix_length', 'gateway', 'iface'],
      compare: ['genmask', 'route_flags', 'metric', 'route_refs', 'use', 'mss', 'window', 'irtt', 'mtu', 'expire'],
    },
  ],
  stat: [{ key: ['section', 'counter'], compare: ['value'] }],
  group: [{ key: ['iface', 'group'], compare: ['refcnt'] }],
  // The socket kinds of iproute2 ss (as its reader names their fields).
  netlink: [{ key: ['proto', 'nl_protocol', 'port', 'peer'], compare: ['state', 'recv_q', 'send_q', 'pid', 'program_name', 'groups'] }],
  packet: [
    { key: ['inode'], requires: 'inode', compare: ['proto', 'state', 'recv_q', 'send_q', 'type', 'protocol', 'iface', 'pid', 'program_name', 'uid'] },
    { key: ['proto', 'type', 'protocol', 'iface'], compare: ['state', 'recv_q', 'send_q', 'pid', 'program_name', 'uid'] },
  ],
  vsock: [{ key: ['proto', 'local_cid', 'local_port', 'peer_cid', 'peer_port'], compare: ['state', 'type', 'recv_q', 'send_q', 'pid', 'program_name'] }],
  tipc: [{ key: ['proto', 'local_node', 'local_ref', 'peer_node', 'peer_ref'], compare: ['state', 'type', 'recv_q', 'send_q', 'pid', 'program_name', 'uid', 'inode'] }],
};

export interface DiffOptions {
  /** Key fields for every kind that has them all (the others keep their default key). */
  key?: readonly string[];
  /** Fields never compared. */
  ignore?: readonly string[];
  /** Kinds whose unchanged pairs are kept in the result (interfaces and counters, to report every value). */
  keepUnchanged?: readonly string[];
}

/** A record as the diff keeps it: its kind, line, key fields and compared fields. */
export interface DiffRecord {
  kind: string;
  line: number;
  [field: string]: unknown;
}

export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

/** A record on both sides: its key, both lines, the compared fields on each side, what differs. */
export interface PairedRecord {
  kind: string;
  key: { [field: string]: unknown };
  line_before: number;
  line_after: number;
  before: { [field: string]: unknown };
  after: { [field: string]: unknown };
  /** Empty for an unchanged pair. */
  changes: FieldChange[];
}

/** A key that more than one record had on a side: matched as a multiset. */
export interface DuplicateKey {
  kind: string;
  key: { [field: string]: unknown };
  before: number;
  after: number;
}

/** The key a kind was matched on, and the fields compared. */
export interface KeyInfo {
  kind: string;
  /** When a kind has several keys: the field whose presence chose this one. */
  when: string | null;
  key: string[];
  compared: string[];
  /** Fields one side never had (a column only one run printed): not compared. */
  not_compared: string[];
}

export interface RecordDiff {
  added: DiffRecord[];
  removed: DiffRecord[];
  changed: PairedRecord[];
  unchanged: number;
  unchanged_by_kind: { [kind: string]: number };
  /** Unchanged pairs of the `keepUnchanged` kinds. */
  unchanged_records: PairedRecord[];
  duplicates: DuplicateKey[];
  keys: KeyInfo[];
}

/** A spec as plain data (to pass between threads). */
export interface SpecDef {
  kind: string;
  variant: number;
  key: readonly string[];
  compare: readonly string[];
  requires: string | null;
}

/** The key and compared fields of one kind (or one variant of a kind), resolved against the options. */
export class Spec {
  /** Every key of this spec starts with it (and SEP): records of other kinds never share a key. */
  readonly prefix: string;
  /** Compared fields that have had a value on each side. */
  readonly seenBefore: boolean[];
  readonly seenAfter: boolean[];
  /** Marks in a `seen` list the compared fields a record has. */
  private readonly mark: FieldMarker;
  /** Write a record's key (after the prefix) and its compared fields as bytes (encode.ts). */
  readonly packKey: FieldPacker;
  readonly packValues: FieldPacker;
  /** A record of this spec read back from its packed key and values. */
  readonly decode: RecordDecoder;

  constructor(
    readonly id: number,
    readonly kind: string,
    readonly variant: number,
    readonly key: readonly string[],
    readonly compare: readonly string[],
    readonly requires: string | null,
    readonly keep: boolean,
  ) {
    this.prefix = `${kind}${SEP}${variant}`;
    this.seenBefore = compare.map(() => false);
    this.seenAfter = compare.map(() => false);
    this.mark = fieldMarker(compare);
    this.packKey = fieldPacker(key, this.prefix);
    this.packValues = fieldPacker(compare);
    this.decode = recordDecoder(kind, this.prefix, key, compare);
  }

  countBefore = 0;
  countAfter = 0;
  /** Records of this spec found unchanged. */
  unchanged = 0;

  see(record: object, after: boolean): void {
    if (after) this.countAfter++;
    else this.countBefore++;
    this.mark(record, after ? this.seenAfter : this.seenBefore);
  }

  /** Compared fields that only one side ever had (when both sides have records of this spec). */
  notCompared(): boolean[] {
    const both = this.countBefore > 0 && this.countAfter > 0;
    return this.compare.map((_, i) => both && this.seenBefore[i] !== this.seenAfter[i]);
  }

  decodeKey(key: string): { [field: string]: unknown } {
    return decodeFields(key.slice(this.prefix.length + 1), this.key);
  }

  get def(): SpecDef {
    return { kind: this.kind, variant: this.variant, key: this.key, compare: this.compare, requires: this.requires };
  }

  /** What another thread saw of a snapshot's records of this spec (the second one when `after`). */
  merge(after: boolean, count: number, seen: readonly boolean[]): void {
    if (after) this.countAfter += count;
    else this.countBefore += count;
    const mine = after ? this.seenAfter : this.seenBefore;
    seen.forEach((s, i) => {
      if (s) mine[i] = true;
    });
  }
}

/**
 * The specs of the kinds seen so far: each kind's list, resolved against the options when its first
 * record comes (every record of a kind has the same fields, so the result is the same in any thread).
 */
export class SpecBook {
  private readonly byKind = new Map<string, Spec[]>();
  /** Every spec, by id. */
  readonly list: Spec[] = [];
  private readonly ignore: ReadonlySet<string>;
  private readonly keep: ReadonlySet<string>;
  private lastKind: string | null = null;
  private lastList: Spec[] | undefined;

  constructor(private readonly options: DiffOptions = {}) {
    this.ignore = new Set(options.ignore ?? []);
    this.keep = new Set(options.keepUnchanged ?? []);
  }

  /** The spec for a record: its kind's first spec whose `requires` field it has. */
  of(record: NetRecord): Spec {
    let list = this.lastKind === record.kind ? this.lastList : this.byKind.get(record.kind);
    if (list === undefined) {
      list = this.resolve(record);
      this.byKind.set(record.kind, list);
    }
    // Records of a kind come in runs: the last kind's list is at hand.
    this.lastKind = record.kind;
    this.lastList = list;
    if (list.length === 1) return list[0]!;
    const r = record as unknown as { [field: string]: unknown };
    for (const s of list) if (s.requires === null || r[s.requires] != null) return s;
    return list[list.length - 1]!;
  }

  /** The spec another thread resolved (the same, for the same options), made here if it is new. */
  fromDef(def: SpecDef): Spec {
    let list = this.byKind.get(def.kind);
    if (list === undefined) this.byKind.set(def.kind, (list = []));
    const found = list.find((s) => s.variant === def.variant);
    if (found !== undefined) return found;
    const spec = this.make(def.kind, def.variant, def.key, def.compare, def.requires);
    list.push(spec);
    list.sort((a, b) => a.variant - b.variant);
    return spec;
  }

  private make(kind: string, variant: number, key: readonly string[], compare: readonly string[], requires: string | null): Spec {
    if (this.list.length >= 255) throw new Error('diff: too many record kinds');
    const spec = new Spec(this.list.length, kind, variant, key, compare, requires, this.keep.has(kind));
    this.list.push(spec);
    return spec;
  }

  private resolve(record: NetRecord): Spec[] {
    const kind = record.kind as string;
    const fields = Object.keys(record).filter((f) => !POSITION_FIELDS.includes(f));
    const override = this.options.key;
    const specs = DEFAULT_KEYS[kind];
    const notIgnored = (f: string): boolean => !this.ignore.has(f);
    if (override !== undefined && override.length > 0 && override.every((f) => fields.includes(f))) {
      const known = specs === undefined ? fields : unique(specs.flatMap((s) => [...s.key, ...s.compare]));
      const compare = known.filter((f) => !override.includes(f)).filter(notIgnored);
      return [this.make(kind, 0, override, compare, null)];
    }
    if (specs === undefined) return [this.make(kind, 0, fields, [], null)];
    return specs.map((s, i) => this.make(kind, i, s.key, s.compare.filter(notIgnored), s.requires ?? null));
  }
}

/** Records of the first snapshot the index takes at a time (when read on this thread). */
const BATCH = 4096;

/** An after record not (yet) matched to an equal before record. */
class Pending {
  constructor(
    readonly spec: Spec,
    /** Its packed key, then its packed values (as a batch holds them). */
    readonly text: string,
    readonly keyLength: number,
    /** The key's hash (hashOf). */
    readonly hash: number,
    readonly line: number,
  ) {}

  get key(): string {
    return this.text.slice(0, this.keyLength);
  }

  get values(): string {
    return this.text.slice(this.keyLength);
  }
}

/**
 * The diff as it is built: `addBefore` every record of the first snapshot, then `addAfter` every
 * record of the second, then `finish`. The verb `diff` below does the same over two iterables.
 */
export class KeyedDiff {
  readonly specs: SpecBook;
  private readonly index = new KeyIndex();
  /** Records of the first snapshot not in the index yet: it takes them a batch at a time. */
  private building: BatchPacker | null = null;
  /** A record of the second snapshot, packed to be looked up. */
  private readonly one = new PackBuffer(256);
  private readonly added: Pending[] = [];
  private readonly pending: Pending[] = [];
  private readonly kept: { spec: Spec; after: Pending; before: number }[] = [];
  /** Specs with unchanged records, in the order of their first. */
  private readonly unchangedSpecs: Spec[] = [];

  constructor(options: DiffOptions = {}) {
    this.specs = new SpecBook(options);
  }

  /** Index a record of the first snapshot. */
  addBefore(record: NetRecord): void {
    const spec = this.specs.of(record);
    spec.see(record, false);
    this.building ??= new BatchPacker(BATCH);
    if (this.building.add(spec, record, record.line)) this.seal();
  }

  /** Match a record of the second snapshot against the first. */
  addAfter(record: NetRecord): void {
    this.seal();
    const spec = this.specs.of(record);
    spec.see(record, true);
    const one = this.one;
    one.pos = 0;
    spec.packKey(record, one);
    const keyLength = one.pos;
    const h = one.hash(0, keyLength);
    spec.packValues(record, one);
    this.match(spec, one.bytes, 0, keyLength, one.pos - keyLength, h, record.line);
  }

  /** Records of the first snapshot packed by another thread (`specs`: spec of each worker spec id). */
  addBeforeBatch(batch: PackedBatch, specs: readonly Spec[]): void {
    this.seal();
    const tags = new Uint8Array(batch.ids.length);
    for (let i = 0; i < tags.length; i++) tags[i] = specs[batch.ids[i]!]!.id;
    this.index.addBatch(batch, tags);
  }

  /** Records of the second snapshot packed by another thread, matched in turn. */
  addAfterBatch(batch: PackedBatch, specs: readonly Spec[]): void {
    this.seal();
    const data = asBuffer(batch.data);
    for (let i = 0, at = 0; i < batch.ids.length; i++) {
      const keyLength = batch.keyLengths[i]!;
      const valueLength = batch.valueLengths[i]!;
      this.match(specs[batch.ids[i]!]!, data, at, keyLength, valueLength, batch.hashes[i]!, batch.lines[i]!);
      at += keyLength + valueLength;
    }
  }

  /** The batch being filled goes into the index. */
  private seal(): void {
    if (this.building === null || this.building.size === 0) return;
    const batch = this.building.take();
    this.index.addBatch(batch, batch.ids);
  }

  /**
   * Match a packed record of the second snapshot: data[at..] holds keyLength bytes of key (hash h),
   * then valueLength bytes of values. Keyed join, equal records first: an identical record under
   * the key pairs at once; the others wait for finish() as text.
   */
  private match(spec: Spec, data: Buffer, at: number, keyLength: number, valueLength: number, h: number, line: number): void {
    const taken = this.index.takeEqual(data, at, keyLength, valueLength, h);
    if (taken >= 0) {
      this.countUnchanged(spec);
      if (!spec.keep) return;
    }
    const p = new Pending(spec, data.toString('latin1', at, at + keyLength + valueLength), keyLength, h, line);
    if (taken >= 0) this.kept.push({ spec, after: p, before: this.index.lineOf(taken) });
    // Anti-join after ▷ before: no record of the first snapshot has this key.
    else if (taken === -2) this.added.push(p);
    else this.pending.push(p);
  }

  finish(): RecordDiff {
    this.seal();
    const index = this.index;
    const notCompared = new Map<Spec, boolean[]>();
    for (const s of this.specs.list) notCompared.set(s, s.notCompared());

    const changed: PairedRecord[] = [];
    const unchangedRecords: PairedRecord[] = this.kept.map((k) => paired(k.spec, k.after.key, k.before, k.after.line, k.after.values, k.after.values, []));
    const addedAfterJoin: Pending[] = [];

    // Keyed join of what is left: each after record takes a before record under its key, one that
    // is equal on the compared fields if there is one, else the first; none left means added.
    for (const p of this.pending) {
      const skip = notCompared.get(p.spec)!;
      const afterParts = splitFields(p.values, p.spec.compare.length);
      let partner = -1;
      let partnerChanges: number[] = [];
      for (let i = index.first(p.key, p.hash); i >= 0; i = index.after(i)) {
        if (index.isPaired(i)) continue;
        const diffs = differingFields(splitFields(index.valuesOf(i), p.spec.compare.length), afterParts, skip);
        if (partner < 0 || (diffs.length === 0 && partnerChanges.length > 0)) {
          partner = i;
          partnerChanges = diffs;
        }
        if (diffs.length === 0) break;
      }
      if (partner < 0) {
        addedAfterJoin.push(p);
        continue;
      }
      index.pair(partner);
      const record = paired(p.spec, p.key, index.lineOf(partner), p.line, index.valuesOf(partner), p.values, partnerChanges);
      if (partnerChanges.length === 0) {
        this.countUnchanged(p.spec);
        if (p.spec.keep) unchangedRecords.push(record);
      } else {
        changed.push(record);
      }
    }

    // Anti-join after ▷ before.
    const addedAll = this.added.concat(addedAfterJoin);
    const added = addedAll.map((p) => p.spec.decode(p.text, p.keyLength, p.line) as DiffRecord).sort(byLine);
    // Anti-join before ▷ after: before records no after record took.
    const removed: DiffRecord[] = [];
    for (let i = 0; i < index.size; i++) {
      if (!index.isPaired(i)) removed.push(this.specs.list[index.tagOf(i)]!.decode(index.textOf(i), index.keyLengthOf(i), index.lineOf(i)) as DiffRecord);
    }
    removed.sort(byLine);
    changed.sort((a, b) => a.line_after - b.line_after);

    return {
      added,
      removed,
      changed,
      unchanged: this.unchangedSpecs.reduce((n, s) => n + s.unchanged, 0),
      unchanged_by_kind: unchangedByKind(this.unchangedSpecs),
      unchanged_records: unchangedRecords,
      duplicates: this.duplicates(addedAfterJoin),
      keys: this.keyInfo(notCompared),
    };
  }

  private countUnchanged(spec: Spec): void {
    if (spec.unchanged++ === 0) this.unchangedSpecs.push(spec);
  }

  /**
   * Keys more than one record had on a side. `joined`: the added records whose key a before record
   * has (the others, this.added, have keys no before record has).
   */
  private duplicates(joined: readonly Pending[]): DuplicateKey[] {
    const index = this.index;
    // Of the added records whose key no before record has, only those whose key another one has
    // too can count: found by their hashes first, so the map below holds only those.
    const sorted = Int32Array.from(this.added, (p) => p.hash).sort();
    const shared = new Set<number>();
    for (let i = 1; i < sorted.length; i++) if (sorted[i] === sorted[i - 1]) shared.add(sorted[i]!);
    const added = shared.size === 0 ? joined : this.added.filter((p) => shared.has(p.hash)).concat(joined);
    // Added records per key (in the order their keys first came), with the spec of the key.
    const addedPerKey = new Map<string, { spec: Spec; n: number }>();
    for (const p of added) {
      const seen = addedPerKey.get(p.key);
      if (seen === undefined) addedPerKey.set(p.key, { spec: p.spec, n: 1 });
      else seen.n++;
    }
    const out: DuplicateKey[] = [];
    const report = (key: string, spec: Spec, before: number, after: number): void => {
      if (before > 1 || after > 1) out.push({ kind: spec.kind, key: spec.decodeKey(key), before, after });
    };
    const count = (head: number): [number, number] => {
      let n = 0;
      let pairedCount = 0;
      for (let i = head; i >= 0; i = index.after(i)) {
        n++;
        if (index.isPaired(i)) pairedCount++;
      }
      return [n, pairedCount];
    };
    // Keys several before records share (when any do).
    for (let head = 0; index.chained > 0 && head < index.size; head++) {
      if (!index.isFirst(head) || index.after(head) < 0) continue;
      const key = index.keyOf(head);
      const [n, pairedCount] = count(head);
      report(key, this.specs.list[index.tagOf(head)]!, n, pairedCount + (addedPerKey.get(key)?.n ?? 0));
    }
    // Keys of one before record that more than one after record had.
    for (const [key, more] of addedPerKey) {
      const head = index.first(key);
      if (head < 0 || index.after(head) >= 0) continue;
      const [n, pairedCount] = count(head);
      report(key, this.specs.list[index.tagOf(head)]!, n, pairedCount + more.n);
    }
    // Keys no before record had, that more than one after record had.
    for (const [key, more] of addedPerKey) if (more.n > 1 && index.first(key) < 0) report(key, more.spec, 0, more.n);
    return out;
  }

  private keyInfo(notCompared: Map<Spec, boolean[]>): KeyInfo[] {
    return this.specs.list.map((s) => {
      const skip = notCompared.get(s)!;
      return {
        kind: s.kind,
        when: s.requires,
        key: [...s.key],
        compared: s.compare.filter((_, i) => !skip[i]),
        not_compared: s.compare.filter((_, i) => skip[i]),
      };
    });
  }

}

/**
 * The diff of two sets of records (two snapshots): added, removed and changed records and the
 * count of unchanged ones. A pure function: the inputs are only read.
 */
export function diff(before: Iterable<NetRecord>, after: Iterable<NetRecord>, options: DiffOptions = {}): RecordDiff {
  const d = new KeyedDiff(options);
  for (const r of before) d.addBefore(r);
  for (const r of after) d.addAfter(r);
  return d.finish();
}

/** Unchanged records per kind, the kinds in the order of their first. */
function unchangedByKind(specs: readonly Spec[]): { [kind: string]: number } {
  const out: { [kind: string]: number } = {};
  for (const s of specs) out[s.kind] = (out[s.kind] ?? 0) + s.unchanged;
  return out;
}

/** Indexes of compared fields whose packed values differ, leaving out `skip`. */
function differingFields(before: readonly string[], after: readonly string[], skip: readonly boolean[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < skip.length; i++) if (!skip[i] && before[i] !== after[i]) out.push(i);
  return out;
}

function paired(spec: Spec, key: string, lineBefore: number, lineAfter: number, before: string, after: string, changes: number[]): PairedRecord {
  const b = splitFields(before, spec.compare.length);
  const a = splitFields(after, spec.compare.length);
  return {
    kind: spec.kind,
    key: spec.decodeKey(key),
    line_before: lineBefore,
    line_after: lineAfter,
    before: decodeFields(before, spec.compare),
    after: decodeFields(after, spec.compare),
    changes: changes.map((i) => ({ field: spec.compare[i]!, before: decodeValue(b[i] ?? ''), after: decodeValue(a[i] ?? '') })),
  };
}

function byLine(a: DiffRecord, b: DiffRecord): number {
  return a.line - b.line;
}

function unique(list: readonly string[]): string[] {
  return [...new Set(list)];
}
