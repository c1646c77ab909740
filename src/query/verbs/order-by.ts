/**
 * order-by: rows sorted by keys (`-count` descending), stably: rows that tie keep their input order.
 * Holds every row it is given, or with a limit only the best `limit` rows so far (a bounded heap),
 * so `--sort -recv_q --limit 10` over a million records holds ten.
 *
 * Order of values: see compareValues (numbers exactly, text with digit runs as numbers); null (no
 * value) always sorts last, in either direction.
 */
import { QueryError } from '../errors.js';
import { through, type AnyIterable, type Step } from '../stream.js';
import { compareValues } from '../values.js';
import { gettersFor, type Getter } from './select.js';

export interface SortKey {
  field: string;
  /** Descending (written with a leading "-"). */
  desc?: boolean;
}

/** A sort key ready to run. */
export interface CompiledSortKey {
  get: Getter['get'];
  desc: boolean;
}

/** Parse `-count,local_port` into sort keys, each with its offset in the text. */
export function parseSortKeys(text: string, option = '--sort'): (SortKey & { at: number })[] {
  const out: (SortKey & { at: number })[] = [];
  let offset = 0;
  for (const raw of text.split(',')) {
    const lead = raw.length - raw.trimStart().length;
    const item = raw.trim();
    const at = offset + lead;
    offset += raw.length + 1;
    const m = /^([-+]?)\s*([A-Za-z_][\w]*(?:\([A-Za-z_]\w*\))?)$/.exec(item);
    if (m === null) {
      throw new QueryError('NETSNAP_QUERY_BAD_OPTION', item === '' ? 'expected a field name (an empty item in the list)' : `cannot read the sort key "${item}"`, {
        option,
        text,
        column: at + 1,
        length: Math.max(1, item.length),
        notes: ['sort keys are field names, "-" before one for descending order: -count,local_port'],
      });
    }
    out.push({ field: m[2]!, desc: m[1] === '-', at: at + m[1]!.length + (item.length - m[1]!.length - m[2]!.length) });
  }
  return out;
}

interface Entry<T> {
  item: T;
  keys: unknown[];
  seq: number;
}

function comparator<T>(keys: readonly CompiledSortKey[]): (a: Entry<T>, b: Entry<T>) => number {
  return (a, b) => {
    for (let i = 0; i < keys.length; i++) {
      const x = a.keys[i];
      const y = b.keys[i];
      const xNull = x === null || x === undefined;
      const yNull = y === null || y === undefined;
      if (xNull || yNull) {
        if (xNull !== yNull) return xNull ? 1 : -1;
        continue;
      }
      const c = compareValues(x, y);
      if (c !== 0) return keys[i]!.desc ? -c : c;
    }
    return a.seq - b.seq;
  };
}

/** A max-heap of the best `limit` entries: the worst kept entry on top, to be replaced by a better one. */
class BoundedHeap<T> {
  readonly items: Entry<T>[] = [];
  constructor(
    private readonly limit: number,
    private readonly cmp: (a: Entry<T>, b: Entry<T>) => number,
  ) {}

  offer(e: Entry<T>): void {
    const h = this.items;
    if (h.length < this.limit) {
      h.push(e);
      let i = h.length - 1;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (this.cmp(h[i]!, h[p]!) <= 0) break;
        [h[i], h[p]] = [h[p]!, h[i]!];
        i = p;
      }
      return;
    }
    if (this.limit === 0 || this.cmp(e, h[0]!) >= 0) return;
    h[0] = e;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.cmp(h[l]!, h[m]!) > 0) m = l;
      if (r < h.length && this.cmp(h[r]!, h[m]!) > 0) m = r;
      if (m === i) break;
      [h[i], h[m]] = [h[m]!, h[i]!];
      i = m;
    }
  }
}

export function orderByStep<T>(keys: readonly CompiledSortKey[], limit?: number): Step<T, T> {
  return (down) => {
    const cmp = comparator<T>(keys);
    const heap = limit !== undefined ? new BoundedHeap<T>(limit, cmp) : null;
    const all: Entry<T>[] = [];
    let seq = 0;
    return {
      push(item) {
        const e: Entry<T> = { item, keys: keys.map((k) => k.get(item as object)), seq: seq++ };
        if (heap !== null) heap.offer(e);
        else all.push(e);
        return true;
      },
      end() {
        const sorted = heap !== null ? heap.items.slice() : all;
        sorted.sort(cmp);
        for (const e of sorted) if (!down.push(e.item)) break;
        down.end();
      },
    };
  };
}

/**
 * Sort records or rows by fields (`'-count'` or `{ field: 'count', desc: true }`). For records of a
 * kind, computed fields work too. With `limit`, only the first `limit` rows are kept and returned.
 */
export function orderBy<T extends object>(rows: Iterable<T>, keys: readonly (string | SortKey)[], options?: { kind?: string; limit?: number }): Iterable<T>;
export function orderBy<T extends object>(rows: AsyncIterable<T>, keys: readonly (string | SortKey)[], options?: { kind?: string; limit?: number }): AsyncIterable<T>;
export function orderBy<T extends object>(rows: AnyIterable<T>, keys: readonly (string | SortKey)[], options?: { kind?: string; limit?: number }): AnyIterable<T>;
export function orderBy<T extends object>(rows: AnyIterable<T>, keys: readonly (string | SortKey)[], options: { kind?: string; limit?: number } = {}): AnyIterable<T> {
  const parsed = keys.flatMap((k) => (typeof k === 'string' ? parseSortKeys(k) : [k]));
  const getters = gettersFor(parsed.map((k) => k.field), options.kind);
  const compiled = parsed.map((k, i) => ({ get: getters[i]!.get, desc: k.desc === true }));
  return through(rows, orderByStep<T>(compiled, options.limit));
}
