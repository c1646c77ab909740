/**
 * group-by: records grouped by the values of some fields. As in arquero, grouping only marks the
 * records; the aggregates of each group are computed by rollup, which holds one entry per group
 * (the keys and the aggregate state), never the records.
 *
 *     rollup(groupBy(records, ['state', 'program_name'], 'inet'), ['count', 'sum(recv_q)'], 'inet')
 */
import type { AnyIterable } from '../stream.js';
import { gettersFor, type Getter } from './select.js';

/** Records with the fields to group them by (consumed by rollup). */
export interface Grouped<R = object> {
  readonly records: AnyIterable<R>;
  readonly keys: readonly Getter[];
  /** The kind the key fields were resolved for, if any. */
  readonly kind: string | undefined;
}

export function groupBy<R extends object>(records: AnyIterable<R>, keys: readonly (string | Getter)[], kind?: string): Grouped<R> {
  const getters = keys.map((k) => (typeof k === 'string' ? gettersFor([k], kind)[0]! : k));
  return { records, keys: getters, kind };
}

export function isGrouped<R>(x: AnyIterable<R> | Grouped<R>): x is Grouped<R> {
  return typeof x === 'object' && x !== null && 'keys' in x && 'records' in x;
}

/** A key value as a Map key: bigints that fit in 2^53 as numbers (one key per value), lists as text. */
function keyOf(v: unknown): unknown {
  if (v === undefined) return null;
  if (typeof v === 'bigint' && v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(v);
  if (typeof v === 'object' && v !== null) return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x));
  return v;
}

/**
 * One entry per distinct combination of key values, in order of first appearance. Nested maps (one
 * level per key) rather than a joined string key: no allocation per record once a group exists.
 */
export class GroupIndex<E> {
  private readonly root = new Map<unknown, unknown>();
  private single: { entry: E } | null = null;
  /** Entries in order of first appearance, with the key values of each. */
  readonly entries: { values: unknown[]; entry: E }[] = [];

  constructor(
    private readonly keys: readonly Getter[],
    private readonly create: () => E,
  ) {}

  /** The entry of a record's group, created on first sight. */
  find(record: object): E {
    const keys = this.keys;
    const n = keys.length;
    if (n === 0) {
      if (this.single === null) {
        this.single = { entry: this.create() };
        this.entries.push({ values: [], entry: this.single.entry });
      }
      return this.single.entry;
    }
    let map = this.root;
    for (let i = 0; i < n - 1; i++) {
      const v = keys[i]!.get(record);
      const k = typeof v === 'string' ? v : keyOf(v);
      let next = map.get(k) as Map<unknown, unknown> | undefined;
      if (next === undefined) {
        next = new Map();
        map.set(k, next);
      }
      map = next;
    }
    const v = keys[n - 1]!.get(record);
    const last = typeof v === 'string' ? v : keyOf(v);
    let entry = map.get(last) as E | undefined;
    if (entry === undefined) {
      entry = this.create();
      map.set(last, entry);
      this.entries.push({ values: keys.map((k) => normal(k.get(record))), entry });
    }
    return entry;
  }

  get size(): number {
    return this.entries.length;
  }
}

function normal(v: unknown): unknown {
  return v === undefined ? null : v;
}
