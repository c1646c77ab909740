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
 * Memory: the before side is held as one entry per record with its key and compared fields packed
 * into short strings (src/diff/encode.ts), never the records or their lines; the after side streams
 * past it, and only what differs is kept.
 */
import { decodeFields, decodeValue, fieldEncoder, SEP, splitFields, type FieldEncoder } from '../../diff/encode.js';
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

/** The key and compared fields of one kind (or one variant of a kind), resolved against the options. */
class Spec {
  /** Every key of this spec starts with it (and SEP): records of other kinds never share a key. */
  readonly prefix: string;
  /** Compared fields that have had a value on each side. */
  readonly seenBefore: boolean[];
  readonly seenAfter: boolean[];
  /** Indexes of compared fields not seen yet on each side (checked until there are none). */
  private unseenBefore: number[];
  private unseenAfter: number[];
  readonly encodeKey: FieldEncoder;
  readonly encodeValues: FieldEncoder;

  constructor(
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
    this.unseenBefore = compare.map((_, i) => i);
    this.unseenAfter = compare.map((_, i) => i);
    this.encodeKey = fieldEncoder(key, this.prefix);
    this.encodeValues = fieldEncoder(compare);
  }

  countBefore = 0;
  countAfter = 0;

  see(record: object, after: boolean): void {
    if (after) this.countAfter++;
    else this.countBefore++;
    const unseen = after ? this.unseenAfter : this.unseenBefore;
    if (unseen.length === 0) return;
    const seen = after ? this.seenAfter : this.seenBefore;
    const r = record as { [field: string]: unknown };
    let kept = 0;
    for (const i of unseen) {
      if (r[this.compare[i]!] != null) seen[i] = true;
      else unseen[kept++] = i;
    }
    unseen.length = kept;
  }

  /** Compared fields that only one side ever had (when both sides have records of this spec). */
  notCompared(): boolean[] {
    const both = this.countBefore > 0 && this.countAfter > 0;
    return this.compare.map((_, i) => both && this.seenBefore[i] !== this.seenAfter[i]);
  }

  decodeKey(key: string): { [field: string]: unknown } {
    return decodeFields(key.slice(this.prefix.length + 1), this.key);
  }
}

/** A before record: where it was, its compared fields packed, and whether an after record took it. */
class Entry {
  paired = false;
  constructor(
    readonly spec: Spec,
    readonly line: number,
    readonly values: string,
  ) {}
}

/** An after record not (yet) matched to an equal before record. */
class Pending {
  constructor(
    readonly spec: Spec,
    readonly key: string,
    readonly line: number,
    readonly values: string,
  ) {}
}

/**
 * The diff as it is built: `addBefore` every record of the first snapshot, then `addAfter` every
 * record of the second, then `finish`. The verb `diff` below does the same over two iterables.
 */
export class KeyedDiff {
  private readonly specs = new Map<string, Spec[]>();
  private readonly index = new Map<string, Entry | Entry[]>();
  private readonly added: Pending[] = [];
  private readonly pending: Pending[] = [];
  private readonly kept: { spec: Spec; key: string; before: number; after: number; values: string }[] = [];
  private unchanged = 0;
  private readonly unchangedByKind = new Map<string, number>();
  private readonly ignore: ReadonlySet<string>;
  private readonly keep: ReadonlySet<string>;

  constructor(private readonly options: DiffOptions = {}) {
    this.ignore = new Set(options.ignore ?? []);
    this.keep = new Set(options.keepUnchanged ?? []);
  }

  /** Index a record of the first snapshot. */
  addBefore(record: NetRecord): void {
    const spec = this.specOf(record);
    spec.see(record, false);
    const key = spec.encodeKey(record);
    const entry = new Entry(spec, record.line, spec.encodeValues(record));
    const slot = this.index.get(key);
    if (slot === undefined) this.index.set(key, entry);
    else if (Array.isArray(slot)) slot.push(entry);
    else this.index.set(key, [slot, entry]);
  }

  /** Match a record of the second snapshot against the first. */
  addAfter(record: NetRecord): void {
    const spec = this.specOf(record);
    spec.see(record, true);
    const key = spec.encodeKey(record);
    const values = spec.encodeValues(record);
    const slot = this.index.get(key);
    if (slot === undefined) {
      // Anti-join after ▷ before: no record of the first snapshot has this key.
      this.added.push(new Pending(spec, key, record.line, values));
      return;
    }
    // Keyed join, equal records first: an identical record under the key pairs at once.
    const entries = Array.isArray(slot) ? slot : [slot];
    for (const e of entries) {
      if (!e.paired && e.values === values) {
        e.paired = true;
        this.countUnchanged(spec);
        if (spec.keep) this.kept.push({ spec, key, before: e.line, after: record.line, values });
        return;
      }
    }
    this.pending.push(new Pending(spec, key, record.line, values));
  }

  finish(): RecordDiff {
    const notCompared = new Map<Spec, boolean[]>();
    for (const list of this.specs.values()) for (const s of list) notCompared.set(s, s.notCompared());

    const changed: PairedRecord[] = [];
    const unchangedRecords: PairedRecord[] = this.kept.map((k) => paired(k.spec, k.key, k.before, k.after, k.values, k.values, []));
    const addedAfterJoin: Pending[] = [];

    // Keyed join of what is left: each after record takes a before record under its key, one that
    // is equal on the compared fields if there is one, else the first; none left means added.
    for (const p of this.pending) {
      const slot = this.index.get(p.key)!;
      const entries = Array.isArray(slot) ? slot : [slot];
      const skip = notCompared.get(p.spec)!;
      const afterParts = splitFields(p.values, p.spec.compare.length);
      let partner: Entry | null = null;
      let partnerChanges: number[] = [];
      for (const e of entries) {
        if (e.paired) continue;
        const diffs = differingFields(splitFields(e.values, p.spec.compare.length), afterParts, skip);
        if (partner === null || (diffs.length === 0 && partnerChanges.length > 0)) {
          partner = e;
          partnerChanges = diffs;
        }
        if (diffs.length === 0) break;
      }
      if (partner === null) {
        addedAfterJoin.push(p);
        continue;
      }
      partner.paired = true;
      const record = paired(p.spec, p.key, partner.line, p.line, partner.values, p.values, partnerChanges);
      if (partnerChanges.length === 0) {
        this.countUnchanged(p.spec);
        if (p.spec.keep) unchangedRecords.push(record);
      } else {
        changed.push(record);
      }
    }

    // Anti-join after ▷ before.
    const addedAll = this.added.concat(addedAfterJoin);
    const added = addedAll.map((p) => flat(p.spec, p.key, p.line, p.values)).sort(byLine);
    // Anti-join before ▷ after: before records no after record took.
    const removed: DiffRecord[] = [];
    for (const [key, slot] of this.index) {
      if (Array.isArray(slot)) {
        for (const e of slot) if (!e.paired) removed.push(flat(e.spec, key, e.line, e.values));
      } else if (!slot.paired) {
        removed.push(flat(slot.spec, key, slot.line, slot.values));
      }
    }
    removed.sort(byLine);
    changed.sort((a, b) => a.line_after - b.line_after);

    return {
      added,
      removed,
      changed,
      unchanged: this.unchanged,
      unchanged_by_kind: Object.fromEntries(this.unchangedByKind),
      unchanged_records: unchangedRecords,
      duplicates: this.duplicates(addedAll),
      keys: this.keyInfo(notCompared),
    };
  }

  private countUnchanged(spec: Spec): void {
    this.unchanged++;
    this.unchangedByKind.set(spec.kind, (this.unchangedByKind.get(spec.kind) ?? 0) + 1);
  }

  /** Keys more than one record had on a side. */
  private duplicates(added: readonly Pending[]): DuplicateKey[] {
    const addedPerKey = new Map<string, number>();
    for (const p of added) addedPerKey.set(p.key, (addedPerKey.get(p.key) ?? 0) + 1);
    const out: DuplicateKey[] = [];
    const report = (key: string, spec: Spec, before: number, after: number): void => {
      if (before > 1 || after > 1) out.push({ kind: spec.kind, key: spec.decodeKey(key), before, after });
    };
    for (const [key, slot] of this.index) {
      if (!Array.isArray(slot)) {
        // One before record: a duplicate only if more than one after record had the key.
        const more = addedPerKey.get(key);
        if (more !== undefined) report(key, slot.spec, 1, (slot.paired ? 1 : 0) + more);
        continue;
      }
      const pairedCount = slot.reduce((n, e) => n + (e.paired ? 1 : 0), 0);
      report(key, slot[0]!.spec, slot.length, pairedCount + (addedPerKey.get(key) ?? 0));
    }
    const seen = new Set<string>();
    for (const p of added) {
      if (this.index.has(p.key) || seen.has(p.key)) continue;
      seen.add(p.key);
      report(p.key, p.spec, 0, addedPerKey.get(p.key)!);
    }
    return out;
  }

  private keyInfo(notCompared: Map<Spec, boolean[]>): KeyInfo[] {
    const out: KeyInfo[] = [];
    for (const list of this.specs.values()) {
      for (const s of list) {
        const skip = notCompared.get(s)!;
        out.push({
          kind: s.kind,
          when: s.requires,
          key: [...s.key],
          compared: s.compare.filter((_, i) => !skip[i]),
          not_compared: s.compare.filter((_, i) => skip[i]),
        });
      }
    }
    return out;
  }

  /** The spec for a record: its kind's first spec whose `requires` field it has. */
  private specOf(record: NetRecord): Spec {
    let list = this.specs.get(record.kind);
    if (list === undefined) {
      list = this.resolve(record);
      this.specs.set(record.kind, list);
    }
    if (list.length === 1) return list[0]!;
    const r = record as unknown as { [field: string]: unknown };
    for (const s of list) if (s.requires === null || r[s.requires] != null) return s;
    return list[list.length - 1]!;
  }

  private resolve(record: NetRecord): Spec[] {
    const kind = record.kind as string;
    const fields = Object.keys(record).filter((f) => !POSITION_FIELDS.includes(f));
    const keep = this.keep.has(kind);
    const override = this.options.key;
    const specs = DEFAULT_KEYS[kind];
    const notIgnored = (f: string): boolean => !this.ignore.has(f);
    if (override !== undefined && override.length > 0 && override.every((f) => fields.includes(f))) {
      const known = specs === undefined ? fields : unique(specs.flatMap((s) => [...s.key, ...s.compare]));
      const compare = known.filter((f) => !override.includes(f)).filter(notIgnored);
      return [new Spec(kind, 0, override, compare, null, keep)];
    }
    if (specs === undefined) return [new Spec(kind, 0, fields, [], null, keep)];
    return specs.map((s, i) => new Spec(kind, i, s.key, s.compare.filter(notIgnored), s.requires ?? null, keep));
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

function flat(spec: Spec, key: string, line: number, values: string): DiffRecord {
  const out: DiffRecord = { kind: spec.kind, line };
  decodeFields(key.slice(spec.prefix.length + 1), spec.key, out);
  decodeFields(values, spec.compare, out);
  return out;
}

function byLine(a: DiffRecord, b: DiffRecord): number {
  return a.line - b.line;
}

function unique(list: readonly string[]): string[] {
  return [...new Set(list)];
}
