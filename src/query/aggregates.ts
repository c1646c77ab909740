/**
 * Aggregates for rollup: count, count(field), sum, min, max, avg and count_distinct. Sums are exact
 * (bigint past 2^53); nulls are skipped, as in SQL; avg is exact when it is a whole number, else the
 * nearest JavaScript number.
 */
import { QueryError } from './errors.js';
import { fieldsOf, nearest, unknownFieldError, type FieldDef } from './fields.js';
import { canonical, compareValues, isNum, textOf, type Num } from './values.js';

export type AggregateFn = 'count' | 'sum' | 'min' | 'max' | 'avg' | 'count_distinct';
export const AGGREGATE_FNS: readonly AggregateFn[] = ['count', 'sum', 'min', 'max', 'avg', 'count_distinct'];

/** An aggregate as data: `{ fn: 'sum', field: 'recv_q' }` is written `sum(recv_q)` and named `sum_recv_q`. */
export interface Aggregate {
  fn: AggregateFn;
  /** The field (required except for count). */
  field?: string;
  /** Output column name (default: fn, or fn_field). */
  as?: string;
}

/** Where an aggregate was written in an option's text (for errors). */
interface Written {
  text: string;
  at: number;
  len: number;
}

/** The output name of an aggregate: count, count_pid, sum_recv_q, ... */
export function aggregateName(a: Aggregate): string {
  return a.as ?? (a.field === undefined ? a.fn : `${a.fn}_${a.field}`);
}

/** The aggregate as written: count, sum(recv_q). */
export function aggregateText(a: Aggregate): string {
  return a.field === undefined ? a.fn : `${a.fn}(${a.field})`;
}

const AGG_HELP = 'aggregates: count, count(FIELD), sum(FIELD), min(FIELD), max(FIELD), avg(FIELD), count_distinct(FIELD); "sum(recv_q) as backlog" names the column';

function aggError(message: string, option: string, w: Written | undefined, notes: string[] = [AGG_HELP]): QueryError {
  const details: ConstructorParameters<typeof QueryError>[2] = { option, notes };
  if (w !== undefined) {
    details.text = w.text;
    details.column = w.at + 1;
    details.length = w.len;
  }
  return new QueryError('NETSNAP_QUERY_BAD_AGGREGATE', message, details);
}

/** Split a comma list at top level (commas inside parentheses stay), with each item's offset. */
export function splitList(text: string): { item: string; at: number }[] {
  const out: { item: string; at: number }[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth = Math.max(0, depth - 1);
    if (i === text.length || (c === ',' && depth === 0)) {
      const raw = text.slice(start, i);
      const lead = raw.length - raw.trimStart().length;
      out.push({ item: raw.trim(), at: start + lead });
      start = i + 1;
    }
  }
  return out;
}

// Matched against the item with its whitespace collapsed, so that no two parts of the pattern can
// take the same spaces (linear on any input).
const AGG_SYNTAX = /^([A-Za-z_]\w*) ?(?:\( ?([A-Za-z_]\w*)? ?\))?(?: as ([A-Za-z_]\w*))?$/i;

/** Parse `count,sum(recv_q),max(send_q) as peak` into aggregates. */
export function parseAggregates(text: string, option = '--agg'): (Aggregate & { written: Written })[] {
  const out: (Aggregate & { written: Written })[] = [];
  for (const { item, at } of splitList(text)) {
    const written = { text, at, len: Math.max(1, item.length) };
    if (item === '') throw aggError('expected an aggregate (an empty item in the list)', option, written);
    const m = AGG_SYNTAX.exec(item.trim().replace(/\s+/g, ' '));
    if (m === null) throw aggError(`cannot read the aggregate "${item}"`, option, written);
    const fn = m[1]!.toLowerCase();
    if (!(AGGREGATE_FNS as readonly string[]).includes(fn)) {
      const near = nearest(fn, AGGREGATE_FNS);
      throw aggError(`unknown aggregate "${m[1]}"${near ? `; did you mean "${near}"?` : ''}`, option, { text, at, len: m[1]!.length });
    }
    const a: Aggregate & { written: Written } = { fn: fn as AggregateFn, written };
    if (m[2] !== undefined) a.field = m[2];
    if (m[3] !== undefined) a.as = m[3];
    out.push(a);
  }
  return out;
}

/** The running state of one aggregate in one group. */
export interface Accumulator {
  add(record: object): void;
  result(): unknown;
}

/** An aggregate ready to run: its output name and a factory for per-group state. */
export interface CompiledAggregate {
  name: string;
  aggregate: Aggregate;
  create(): Accumulator;
}

const NUMERIC = new Set(['int', 'number', 'any']);

/** Exact sum: integers as number while safe, then bigint; any decimal makes it a decimal sum. */
class Sum {
  n = 0;
  big: bigint | null = null;
  float = false;
  count = 0;
  add(v: Num): void {
    this.count++;
    if (typeof v === 'number' && !Number.isInteger(v)) {
      if (!this.float) {
        this.float = true;
        if (this.big !== null) this.n = Number(this.big);
        this.big = null;
      }
      this.n += v;
      return;
    }
    if (this.float) {
      this.n += Number(v);
      return;
    }
    if (this.big !== null) {
      this.big += BigInt(v);
      return;
    }
    if (typeof v === 'number') {
      const t = this.n + v;
      if (Number.isSafeInteger(t)) {
        this.n = t;
        return;
      }
    }
    this.big = BigInt(this.n) + BigInt(v);
  }
  value(): Num | null {
    if (this.count === 0) return null;
    return this.big !== null ? canonical(this.big) : this.n;
  }
  /**
   * The mean from the exact sum. A whole mean is exact, a bigint past 2^53 (Number(sum) / count would
   * round it: 9007199254740993 averaged alone gave 9007199254740992); any other mean cannot be
   * written exactly anyway, so it is the nearest number.
   */
  average(): Num | null {
    if (this.count === 0) return null;
    // Within 2^53 the division is exact whenever the mean is whole: IEEE division rounds correctly.
    if (this.big === null) return this.n / this.count;
    const count = BigInt(this.count);
    return this.big % count === 0n ? canonical(this.big / count) : Number(this.big) / this.count;
  }
}

function distinctKey(v: unknown): unknown {
  if (typeof v === 'bigint') return canonical(v);
  if (typeof v === 'object' && v !== null) return textOf(v);
  return v;
}

/** Check an aggregate against a kind's fields and make it runnable. */
/** A value to aggregate: not null, and not an empty list (`is null` holds for both, and aggregates skip them). */
function hasValue(v: unknown): boolean {
  return v !== null && v !== undefined && !(Array.isArray(v) && v.length === 0);
}

export function compileAggregate(a: Aggregate & { written?: Written }, kind: string, option = '--agg'): CompiledAggregate {
  const w = a.written;
  let field: FieldDef | undefined;
  if (a.field !== undefined) {
    field = fieldsOf(kind).get(a.field);
    if (field === undefined) {
      const at = w === undefined ? undefined : { at: w.at + w.text.slice(w.at).indexOf(a.field, a.fn.length), len: a.field.length };
      throw unknownFieldError(a.field, kind, option, w?.text, at);
    }
  } else if (a.fn !== 'count') {
    throw aggError(`${a.fn} needs a field, as in ${a.fn}(recv_q)`, option, w);
  }
  if ((a.fn === 'sum' || a.fn === 'avg') && field !== undefined && !NUMERIC.has(field.type)) {
    const what = field.type === 'port' ? 'a port as printed (use local_port_num or foreign_port_num)' : field.type === 'string' ? 'text' : field.type === 'bool' ? 'true or false' : `${field.type === 'address' ? 'an address' : 'a list'}`;
    throw aggError(`${a.fn} needs a number field; ${field.name} is ${what}`, option, w, []);
  }
  const get = field?.get;
  const name = aggregateName(a);
  switch (a.fn) {
    case 'count':
      if (get === undefined) {
        return {
          name,
          aggregate: a,
          create: () => {
            let n = 0;
            return { add: () => void n++, result: () => n };
          },
        };
      }
      return {
        name,
        aggregate: a,
        create: () => {
          let n = 0;
          return {
            add: (r) => {
              if (hasValue(get(r))) n++;
            },
            result: () => n,
          };
        },
      };
    case 'sum':
    case 'avg':
      return {
        name,
        aggregate: a,
        create: () => {
          const s = new Sum();
          return {
            add: (r) => {
              const v = get!(r);
              if (isNum(v)) s.add(v);
            },
            result: () => (a.fn === 'sum' ? s.value() : s.average()),
          };
        },
      };
    case 'min':
    case 'max': {
      const sign = a.fn === 'min' ? -1 : 1;
      return {
        name,
        aggregate: a,
        create: () => {
          let best: unknown = null;
          return {
            add: (r) => {
              const v = get!(r);
              if (!hasValue(v)) return;
              if (best === null || Math.sign(compareValues(v, best)) === sign) best = v;
            },
            result: () => best,
          };
        },
      };
    }
    case 'count_distinct':
      return {
        name,
        aggregate: a,
        create: () => {
          const seen = new Set<unknown>();
          return {
            add: (r) => {
              const v = get!(r);
              if (hasValue(v)) seen.add(distinctKey(v));
            },
            result: () => seen.size,
          };
        },
      };
  }
}
