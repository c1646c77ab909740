/**
 * The diff of two snapshots as a report: the record diff (the `diff` verb), plus what the records
 * add up to: sockets per (protocol, state) and per program, the counters of each interface with
 * per-second rates, and the counters of netstat -s. A pure data structure; src/diff/render.ts
 * writes it as tables, JSON, NDJSON, CSV or markdown.
 */
import {
  INTERFACE_COUNTERS,
  KeyedDiff,
  type Spec,
  type SpecBook,
  type DiffOptions,
  type DiffRecord,
  type DuplicateKey,
  type FieldChange,
  type KeyInfo,
  type PairedRecord,
} from '../query/verbs/diff.js';
import type { PackedBatch } from './encode.js';
import type { Int, NetRecord, SnapshotInfo } from '../types.js';
import { counterDelta, perSecond, secondsBetween, valueDelta } from './rates.js';
import { summaryText } from './summary.js';

/** Kinds that hold sockets (counted per state and program). */
export const SOCKET_KINDS: readonly string[] = ['inet', 'unix'];

/** Sockets of one (proto, state) in each snapshot. */
export interface StateCount {
  proto: string;
  state: string | null;
  before: number;
  after: number;
  delta: number;
}

/** Sockets of one (program, proto, state) in each snapshot. */
export interface ProgramCount extends StateCount {
  program_name: string;
}

export interface CounterDelta {
  counter: string;
  before: Int | null;
  after: Int | null;
  /** after - before; null when the counter went down (reset) or a side has no value. */
  delta: Int | null;
  /** Per second, when both snapshots have a timestamp. */
  rate: number | null;
  /** The counter went down: reset (reboot, driver reload) or wrapped. */
  reset: boolean;
}

export interface InterfaceDelta {
  iface: string;
  /** BSD/macOS: one interface has a row per address; these tell them apart (null elsewhere). */
  network: string | null;
  address: string | null;
  status: 'present' | 'appeared' | 'disappeared';
  line_before: number | null;
  line_after: number | null;
  /** Every counter either side has (for an interface on both sides). */
  counters: CounterDelta[];
  /** Other fields that changed: MTU, flags, addresses. */
  changes: FieldChange[];
}

export interface StatDelta {
  section: string;
  counter: string;
  before: Int | number | null;
  after: Int | number | null;
  delta: Int | number | null;
  rate: number | null;
  /** Why a side has no value, or that a value went down. */
  note: string | null;
}

export interface KindCounts {
  added: number;
  removed: number;
  changed: number;
  unchanged: number;
}

export interface SnapshotDiff {
  /** The two snapshots (null for records given without their snapshot's description). */
  before: SnapshotInfo | null;
  after: SnapshotInfo | null;
  /** Seconds between their timestamps, when both have one. */
  seconds: number | null;
  /** Anything at all differs (records, counters). */
  differs: boolean;
  /** One line: "+6 -3 ~3 sockets (34 unchanged); CLOSE_WAIT +5; eth0 RX-ERR +40". */
  summary: string;
  /** Added, removed, changed and unchanged records per kind. */
  counts: { [kind: string]: KindCounts };
  /** Records of every kind but interfaces and statistics (those are in `interfaces` and `stats`). */
  added: DiffRecord[];
  removed: DiffRecord[];
  changed: PairedRecord[];
  unchanged: number;
  duplicates: DuplicateKey[];
  keys: KeyInfo[];
  states: StateCount[];
  /** Per program, when both snapshots show programs (netstat -p). */
  programs: ProgramCount[];
  interfaces: InterfaceDelta[];
  /** netstat -s counters that changed (or appeared or disappeared). */
  stats: StatDelta[];
  stats_unchanged: number;
  notes: string[];
}

/** A (proto, state) pair and its sockets: one object per pair, so programs can be counted by it. */
interface Pair {
  readonly proto: string;
  readonly state: string;
  n: number;
}

/** A Tally as plain data (to pass between threads). */
export interface TallyData {
  states: [string[], number][];
  programs: [string[], number][];
  programsShown: boolean;
  sockets: number;
  sections: string[];
}

/**
 * What one side adds up to, counted as its records pass: sockets per (proto, state) and per
 * (program, proto, state), in nested maps (no key string is built per record). A string key costs
 * a hash of the string at each lookup, so a record's proto and state are looked up once: programs
 * are counted per Pair object, which hashes by identity.
 */
export class Tally {
  /** Proto, then state, each in first-seen order. */
  private readonly states = new Map<string, Map<string, Pair>>();
  /** Program, then the Pair of its sockets (first-seen order). */
  private readonly programs = new Map<string, Map<Pair, { n: number }>>();
  programsShown = false;
  sockets = 0;
  readonly sections = new Set<string>();

  add(record: NetRecord): void {
    if (record.kind === 'inet' || record.kind === 'unix') {
      this.sockets++;
      const pair = this.countState(record.proto, record.state ?? '', 1);
      if (record.program_name !== null) {
        this.programsShown = true;
        this.countProgram(record.program_name, pair, 1);
      }
    } else if (record.kind === 'stat') {
      this.sections.add(record.section);
    }
  }

  private countState(proto: string, state: string, n: number): Pair {
    let byState = this.states.get(proto);
    if (byState === undefined) this.states.set(proto, (byState = new Map()));
    let pair = byState.get(state);
    if (pair === undefined) byState.set(state, (pair = { proto, state, n: 0 }));
    pair.n += n;
    return pair;
  }

  private countProgram(program: string, pair: Pair, n: number): void {
    let byPair = this.programs.get(program);
    if (byPair === undefined) this.programs.set(program, (byPair = new Map()));
    const count = byPair.get(pair);
    if (count === undefined) byPair.set(pair, { n });
    else count.n += n;
  }

  /** [proto, state] and the count of each, in first-seen order (protos, then each one's states). */
  stateCounts(): [string[], number][] {
    const out: [string[], number][] = [];
    for (const byState of this.states.values()) {
      for (const p of byState.values()) out.push([[p.proto, p.state], p.n]);
    }
    return out;
  }

  /**
   * [program, proto, state] and the count of each, in first-seen order at each level: a program's
   * pairs are grouped by proto (in the order the protos first came), each group in first-seen order.
   */
  programCounts(): [string[], number][] {
    const out: [string[], number][] = [];
    for (const [program, byPair] of this.programs) {
      const byProto = new Map<string, [string[], number][]>();
      for (const [p, count] of byPair) {
        let rows = byProto.get(p.proto);
        if (rows === undefined) byProto.set(p.proto, (rows = []));
        rows.push([[program, p.proto, p.state], count.n]);
      }
      for (const rows of byProto.values()) out.push(...rows);
    }
    return out;
  }

  get data(): TallyData {
    return {
      states: this.stateCounts(),
      programs: this.programCounts(),
      programsShown: this.programsShown,
      sockets: this.sockets,
      sections: [...this.sections],
    };
  }

  /** The Tally of data from `data` (each program's pair is among the states, as `data` writes it). */
  static fromData(data: TallyData): Tally {
    const t = new Tally();
    for (const [[proto, state], n] of data.states) t.countState(proto!, state!, n);
    for (const [[program, proto, state], n] of data.programs) t.countProgram(program!, t.countState(proto!, state!, 0), n);
    t.programsShown = data.programsShown;
    t.sockets = data.sockets;
    for (const s of data.sections) t.sections.add(s);
    return t;
  }
}

/**
 * Builds the diff of two snapshots: `before(record)` for each record of the first, then
 * `after(record)` for each of the second, then `finish`.
 */
export class SnapshotDiffer {
  private records: KeyedDiff;
  private tallyBefore = new Tally();
  private tallyAfter = new Tally();
  private readonly options: DiffOptions;

  constructor(options: DiffOptions = {}) {
    const { key, ignore, keepUnchanged } = options;
    this.options = { keepUnchanged: [...(keepUnchanged ?? []), 'interface'] };
    if (key !== undefined) this.options.key = key;
    if (ignore !== undefined) this.options.ignore = ignore;
    this.records = new KeyedDiff(this.options);
  }

  /** Forget every record given so far (to index another snapshot as the first). */
  reset(): void {
    this.records = new KeyedDiff(this.options);
    this.tallyBefore = new Tally();
    this.tallyAfter = new Tally();
  }

  before(record: NetRecord): void {
    this.tallyBefore.add(record);
    this.records.addBefore(record);
  }

  after(record: NetRecord): void {
    this.tallyAfter.add(record);
    this.records.addAfter(record);
  }

  /** The specs records are matched by (to map those another thread resolved). */
  get specs(): SpecBook {
    return this.records.specs;
  }

  /** Records of a snapshot packed by another thread; their tally comes with tally(). */
  batch(side: 'before' | 'after', batch: PackedBatch, specs: readonly Spec[]): void {
    if (side === 'before') this.records.addBeforeBatch(batch, specs);
    else this.records.addAfterBatch(batch, specs);
  }

  /** What a snapshot's records added up to, counted by the thread that read them. */
  tally(side: 'before' | 'after', data: TallyData): void {
    if (side === 'before') this.tallyBefore = Tally.fromData(data);
    else this.tallyAfter = Tally.fromData(data);
  }

  finish(before: SnapshotInfo | null = null, after: SnapshotInfo | null = null): SnapshotDiff {
    const rd = this.records.finish();
    const seconds = secondsBetween(before?.timestamp ?? null, after?.timestamp ?? null);
    const notes: string[] = [];

    const isCounted = (k: string): boolean => k !== 'interface' && k !== 'stat';
    const counts: { [kind: string]: KindCounts } = {};
    const count = (kind: string, what: keyof KindCounts): void => {
      counts[kind] ??= { added: 0, removed: 0, changed: 0, unchanged: 0 };
      counts[kind][what]++;
    };
    for (const r of rd.added) count(r.kind, 'added');
    for (const r of rd.removed) count(r.kind, 'removed');
    for (const r of rd.changed) count(r.kind, 'changed');
    for (const [kind, n] of Object.entries(rd.unchanged_by_kind)) {
      counts[kind] ??= { added: 0, removed: 0, changed: 0, unchanged: 0 };
      counts[kind].unchanged += n;
    }

    const interfaces = interfaceDeltas(rd, seconds);
    const { stats, unchanged: zeroStats } = statDeltas(rd, seconds, this.tallyBefore.sections, this.tallyAfter.sections);
    const statsUnchanged = (rd.unchanged_by_kind.stat ?? 0) + zeroStats;
    const states = countRows(this.tallyBefore.stateCounts(), this.tallyAfter.stateCounts()).map(([[proto, state], b, a]) => {
      return { proto: proto!, state: state === '' ? null : state!, before: b, after: a, delta: a - b };
    });
    const showPrograms = this.tallyBefore.programsShown && this.tallyAfter.programsShown;
    const programs = !showPrograms
      ? []
      : countRows(this.tallyBefore.programCounts(), this.tallyAfter.programCounts()).map(([[program, proto, state], b, a]) => {
          return { program_name: program!, proto: proto!, state: state === '' ? null : state!, before: b, after: a, delta: a - b };
        });
    if (this.tallyBefore.programsShown !== this.tallyAfter.programsShown && this.tallyBefore.sockets > 0 && this.tallyAfter.sockets > 0) {
      notes.push(`only the ${this.tallyBefore.programsShown ? 'first' : 'second'} snapshot shows programs (netstat -p): no count per program`);
    }

    notes.push(...commandNotes(before, after));
    for (const k of rd.keys) {
      if (k.not_compared.length > 0) {
        notes.push(`${k.kind}: ${k.not_compared.join(', ')} only in one snapshot (a column the other run did not print): not compared`);
      }
    }
    if (rd.duplicates.length > 0) {
      notes.push(`${rd.duplicates.length} key${rd.duplicates.length === 1 ? '' : 's'} held by more than one record: matched as a multiset (see duplicates)`);
    }
    const hasCounters = interfaces.some((i) => i.status === 'present') || stats.length > 0;
    if (hasCounters && seconds === null) {
      notes.push(
        before?.timestamp && after?.timestamp
          ? 'the timestamps cannot be compared (one has a time zone, the other not): no per-second rates'
          : 'no timestamp on both snapshots: no per-second rates',
      );
    } else if (hasCounters && seconds !== null && seconds <= 0) {
      notes.push('the second snapshot is not later than the first: no per-second rates');
    }

    const result: SnapshotDiff = {
      before,
      after,
      seconds,
      differs: false,
      summary: '',
      counts,
      added: rd.added.filter((r) => isCounted(r.kind)),
      removed: rd.removed.filter((r) => isCounted(r.kind)),
      changed: rd.changed.filter((r) => isCounted(r.kind)),
      unchanged: Object.entries(counts).reduce((n, [k, c]) => n + (isCounted(k) ? c.unchanged : 0), 0),
      duplicates: rd.duplicates,
      keys: rd.keys,
      states,
      programs,
      interfaces,
      stats,
      stats_unchanged: statsUnchanged,
      notes,
    };
    result.differs =
      result.added.length > 0 ||
      result.removed.length > 0 ||
      result.changed.length > 0 ||
      stats.length > 0 ||
      interfaces.some((i) => i.status !== 'present' || i.changes.length > 0 || i.counters.some((c) => c.reset || (c.delta !== null && Number(c.delta) !== 0)));
    result.summary = summaryText(result);
    return result;
  }

}

/** Rows of a count table: path, before, after, in first-seen order (before's paths, then after's). */
function countRows(before: [string[], number][], after: [string[], number][]): [string[], number, number][] {
  const rows = new Map<string, [string[], number, number]>();
  for (const [path, n] of before) rows.set(path.join('\x1f'), [path, n, 0]);
  for (const [path, n] of after) {
    const id = path.join('\x1f');
    const row = rows.get(id);
    if (row === undefined) rows.set(id, [path, 0, n]);
    else row[2] = n;
  }
  return [...rows.values()];
}

function interfaceDeltas(rd: ReturnType<KeyedDiff['finish']>, seconds: number | null): InterfaceDelta[] {
  const out: InterfaceDelta[] = [];
  const base = (r: { [f: string]: unknown }): Pick<InterfaceDelta, 'iface' | 'network' | 'address'> => ({
    iface: String(r.iface),
    network: (r.network as string | null) ?? null,
    address: (r.address as string | null) ?? null,
  });
  for (const p of [...rd.changed, ...rd.unchanged_records]) {
    if (p.kind !== 'interface') continue;
    const counters: CounterDelta[] = [];
    for (const c of INTERFACE_COUNTERS) {
      const b = (p.before[c] ?? null) as Int | null;
      const a = (p.after[c] ?? null) as Int | null;
      if (b === null && a === null) continue;
      const { delta, reset } = counterDelta(b, a);
      counters.push({ counter: c, before: b, after: a, delta, rate: perSecond(delta, seconds), reset });
    }
    const changes = p.changes.filter((c) => !INTERFACE_COUNTERS.includes(c.field));
    out.push({ ...base(p.key), status: 'present', line_before: p.line_before, line_after: p.line_after, counters, changes });
  }
  for (const r of rd.added) {
    if (r.kind === 'interface') out.push({ ...base(r), status: 'appeared', line_before: null, line_after: r.line, counters: [], changes: [] });
  }
  for (const r of rd.removed) {
    if (r.kind === 'interface') out.push({ ...base(r), status: 'disappeared', line_before: r.line, line_after: null, counters: [], changes: [] });
  }
  // In the second snapshot's order; those that disappeared last, in the first snapshot's order.
  const rank = (i: InterfaceDelta): number => (i.line_after !== null ? i.line_after : 1e15 + i.line_before!);
  return out.sort((a, b) => rank(a) - rank(b));
}

/**
 * Counters of netstat -s that changed. netstat leaves some counters out while they are zero
 * (TcpExt, IpExt): one missing from a section the other snapshot has is read as 0.
 */
function statDeltas(
  rd: ReturnType<KeyedDiff['finish']>,
  seconds: number | null,
  sectionsBefore: ReadonlySet<string>,
  sectionsAfter: ReadonlySet<string>,
): { stats: StatDelta[]; unchanged: number } {
  const rows: (StatDelta & { order: number })[] = [];
  for (const p of rd.changed) {
    if (p.kind !== 'stat') continue;
    const b = p.before.value as Int | number;
    const a = p.after.value as Int | number;
    const delta = valueDelta(b, a);
    const down = delta !== null && delta < 0;
    rows.push({
      section: String(p.key.section),
      counter: String(p.key.counter),
      before: b,
      after: a,
      delta,
      rate: perSecond(delta, seconds),
      note: down ? 'went down (a gauge, or the counters were reset)' : null,
      order: p.line_after,
    });
  }
  for (const r of rd.added) {
    if (r.kind !== 'stat') continue;
    const section = String(r.section);
    const known = sectionsBefore.has(section);
    const a = r.value as Int | number;
    const delta = known ? valueDelta(0, a) : null;
    rows.push({
      section,
      counter: String(r.counter),
      before: known ? 0 : null,
      after: a,
      delta,
      rate: perSecond(delta, seconds),
      note: known ? 'not printed in the first snapshot (netstat leaves out zero counters): read as 0' : `no ${section} section in the first snapshot`,
      order: r.line,
    });
  }
  for (const r of rd.removed) {
    if (r.kind !== 'stat') continue;
    const section = String(r.section);
    const known = sectionsAfter.has(section);
    const b = r.value as Int | number;
    const delta = known ? valueDelta(b, 0) : null;
    rows.push({
      section,
      counter: String(r.counter),
      before: b,
      after: known ? 0 : null,
      delta,
      rate: perSecond(delta, seconds),
      note: known ? 'not printed in the second snapshot (netstat leaves out zero counters): read as 0' : `no ${section} section in the second snapshot`,
      order: 1e15 + r.line,
    });
  }
  const stats = rows
    .filter((r) => r.delta === null || Number(r.delta) !== 0)
    .sort((x, y) => x.order - y.order)
    .map(({ order: _o, ...rest }) => rest);
  const statUnchanged = rows.length - stats.length;
  return { stats, unchanged: statUnchanged };
}

/** Notes about the two runs' commands: different options, output cut by a pipe. */
function commandNotes(before: SnapshotInfo | null, after: SnapshotInfo | null): string[] {
  const notes: string[] = [];
  const b = before?.options ?? null;
  const a = after?.options ?? null;
  if (b !== null && a !== null && [...b].sort().join(' ') !== [...a].sort().join(' ')) {
    notes.push(`the runs had different options (${before!.command} / ${after!.command}): records only one of them prints show as added or removed`);
  }
  for (const [which, s] of [['first', before], ['second', after]] as const) {
    if (s?.command && /\|/.test(s.command)) notes.push(`the ${which} run was piped (${s.command}): it may show only part of what netstat printed`);
  }
  return notes;
}
