/**
 * A whole query as data, and the plan that runs it: which records (kind, snapshot, condition), then
 * either groups with aggregates or a plain listing, then order, limit and columns.
 *
 *     const result = await query(readRecords(stream), {
 *       where: 'state = ESTABLISHED and foreign_address in 10.0.0.0/8',
 *       groupBy: ['program_name'],
 *       aggregates: ['count', 'sum(recv_q)'],
 *       sort: ['-count'],
 *       limit: 10,
 *     });
 *
 * The kind: `kind` when given; otherwise inet when the input has inet records and the query's fields
 * are inet fields, else the first kind in the input that has every field the query names. Until the
 * input shows inet records, results for another kind are held (at most its matching rows).
 */
import type { NetRecord } from '../types.js';
import { aggregateName, aggregateText, compileAggregate, parseAggregates, splitList, type Aggregate, type CompiledAggregate } from './aggregates.js';
import type { Condition, Span } from './ast.js';
import { QueryError } from './errors.js';
import { fieldsOf, nearest, queryKinds, unknownFieldError } from './fields.js';
import { compose, through, type AnyIterable, type Sink, type Step } from './stream.js';
import { limitStep } from './verbs/limit.js';
import { orderByStep, parseSortKeys, type CompiledSortKey, type SortKey } from './verbs/order-by.js';
import { rollupStep } from './verbs/rollup.js';
import { gettersFor, selectStep, type Getter, type Row } from './verbs/select.js';
import { snapshotStep, type SnapshotChoice } from './verbs/snapshot.js';
import { compileWhere, conditionFields, parseWhere, type Predicate } from './where.js';

export interface QuerySpec {
  /** Record kind: inet, unix, interface, ... (default: inet when present; see above). */
  kind?: string;
  /** Condition: text in the --where language, or a Condition. */
  where?: string | Condition;
  /** Which snapshot of each input (default all). */
  snapshot?: SnapshotChoice;
  /** Group by these fields ("state,program_name" or a list). */
  groupBy?: string | readonly string[];
  /** Aggregates ("count,sum(recv_q)" or a list of texts or Aggregates). Default with groupBy: count. */
  aggregates?: string | readonly (string | Aggregate)[];
  /** Order ("-count,local_port" or a list of texts or SortKeys); stable. */
  sort?: string | readonly (string | SortKey)[];
  /** At most this many rows. */
  limit?: number;
  /** Columns of the rows ("proto,local_ip,scope"); for grouped queries, some of the grouped columns. */
  select?: string | readonly string[];
}

/** A name written in an option, and where (for errors). */
interface Named {
  name: string;
  text?: string;
  span?: Span;
}

/** A list option as names with positions: "a, b" -> a at 0, b at 3. */
function namesOf(value: string | readonly string[] | undefined, option: string): Named[] {
  if (value === undefined) return [];
  const texts = typeof value === 'string' ? [value] : value;
  const out: Named[] = [];
  for (const text of texts) {
    for (const { item, at } of splitList(text)) {
      if (!/^[A-Za-z_]\w*$/.test(item)) {
        throw new QueryError('NETSNAP_QUERY_BAD_OPTION', item === '' ? 'expected a field name (an empty item in the list)' : `"${item}" is not a field name`, {
          option,
          text,
          column: at + 1,
          length: Math.max(1, item.length),
        });
      }
      out.push({ name: item, text, span: { at, len: item.length } });
    }
  }
  return out;
}

interface ParsedSpec {
  kind: string | undefined;
  where: Condition | undefined;
  whereText: string | undefined;
  snapshot: SnapshotChoice;
  groupBy: Named[];
  aggregates: (Aggregate & { written?: { text: string; at: number; len: number } })[];
  grouped: boolean;
  sort: (SortKey & { text?: string; span?: Span })[];
  limit: number | undefined;
  select: Named[];
}

function parseSpec(spec: QuerySpec): ParsedSpec {
  const snapshot = spec.snapshot ?? 'all';
  if (!(snapshot === 'all' || snapshot === 'first' || snapshot === 'last' || (typeof snapshot === 'number' && Number.isInteger(snapshot) && snapshot >= 0))) {
    throw new QueryError('NETSNAP_QUERY_BAD_OPTION', `${JSON.stringify(snapshot)} is not a snapshot: use a number from 0, first, last or all`, { option: '--snapshot' });
  }
  if (spec.limit !== undefined && !(Number.isInteger(spec.limit) && spec.limit >= 0)) {
    // String, not JSON.stringify: that would show NaN as null.
    throw new QueryError('NETSNAP_QUERY_BAD_OPTION', `${typeof spec.limit === 'number' ? String(spec.limit) : JSON.stringify(spec.limit)} is not a limit: use a whole number from 0`, { option: '--limit' });
  }
  const aggregates: ParsedSpec['aggregates'] = [];
  if (spec.aggregates !== undefined) {
    const list = typeof spec.aggregates === 'string' ? [spec.aggregates] : spec.aggregates;
    for (const a of list) aggregates.push(...(typeof a === 'string' ? parseAggregates(a) : [a]));
  }
  const groupBy = namesOf(spec.groupBy, '--group-by');
  const grouped = groupBy.length > 0 || aggregates.length > 0;
  if (grouped && aggregates.length === 0) aggregates.push({ fn: 'count' });
  const sort: ParsedSpec['sort'] = [];
  if (spec.sort !== undefined) {
    const list = typeof spec.sort === 'string' ? [spec.sort] : spec.sort;
    for (const s of list) {
      if (typeof s !== 'string') sort.push(s);
      else for (const k of parseSortKeys(s)) sort.push({ field: k.field, desc: k.desc === true, text: s, span: { at: k.at, len: k.field.length } });
    }
  }
  const where = spec.where === undefined ? undefined : typeof spec.where === 'string' ? parseWhere(spec.where) : spec.where;
  return {
    kind: spec.kind,
    where,
    whereText: typeof spec.where === 'string' ? spec.where : undefined,
    snapshot,
    groupBy,
    aggregates,
    grouped,
    sort,
    limit: spec.limit,
    select: namesOf(spec.select, '--select'),
  };
}

/** The fields of records a query names (not the columns of grouped rows), with where they are written. */
function recordFields(p: ParsedSpec): (Named & { option: string })[] {
  const out: (Named & { option: string })[] = [];
  if (p.where !== undefined) {
    for (const f of conditionFields(p.where)) {
      const n: Named & { option: string } = { name: f.name, option: '--where' };
      if (p.whereText !== undefined) n.text = p.whereText;
      if (f.span !== undefined) n.span = f.span;
      out.push(n);
    }
  }
  for (const g of p.groupBy) out.push({ ...g, option: '--group-by' });
  for (const a of p.aggregates) {
    if (a.field === undefined) continue;
    const n: Named & { option: string } = { name: a.field, option: '--agg' };
    if (a.written !== undefined) {
      n.text = a.written.text;
      n.span = { at: a.written.at + a.written.text.slice(a.written.at).indexOf(a.field, a.fn.length), len: a.field.length };
    }
    out.push(n);
  }
  if (!p.grouped) {
    for (const s of p.select) out.push({ ...s, option: '--select' });
    for (const s of p.sort) out.push({ name: s.field, ...(s.text !== undefined ? { text: s.text } : {}), ...(s.span ? { span: s.span } : {}), option: '--sort' });
  }
  return out;
}

/** How the records of one kind are queried. */
export interface KindPlan {
  kind: string;
  /** Columns of the result rows; null when the rows are whole records. */
  columns: readonly string[] | null;
  step: Step<NetRecord, Row>;
}

function columnError(name: Named, option: string, columns: readonly string[]): QueryError {
  const suggestion = nearest(name.name, columns);
  const details: ConstructorParameters<typeof QueryError>[2] = { option, notes: [`grouped rows have the columns: ${columns.join(', ')}`], suggestion };
  if (name.text !== undefined && name.span !== undefined) {
    details.text = name.text;
    details.column = name.span.at + 1;
    details.length = name.span.len;
  }
  return new QueryError('NETSNAP_QUERY_UNKNOWN_FIELD', `unknown column "${name.name}" in the grouped rows${suggestion ? `; did you mean "${suggestion}"?` : ''}`, details);
}

function plan(p: ParsedSpec, kind: string): KindPlan {
  const fields = fieldsOf(kind);
  for (const f of recordFields(p)) {
    if (!fields.has(f.name)) throw unknownFieldError(f.name, kind, f.option, f.text, f.span);
  }
  let where: Predicate | undefined;
  if (p.where !== undefined) {
    const options = p.whereText !== undefined ? { text: p.whereText } : {};
    where = compileWhere(p.where, kind, options);
  }
  const steps: Step<never, never>[] = [];
  if (p.snapshot !== 'all' || where !== undefined) steps.push(snapshotStep<NetRecord>(p.snapshot, where) as Step<never, never>);

  if (p.grouped) {
    const keys = gettersFor(p.groupBy.map((g) => g.name), kind);
    const aggs: CompiledAggregate[] = p.aggregates.map((a) => compileAggregate(a, kind));
    const columns = [...keys.map((k) => k.name), ...aggs.map((a) => a.name)];
    const dup = columns.find((c, i) => columns.indexOf(c) !== i);
    if (dup !== undefined) {
      throw new QueryError('NETSNAP_QUERY_BAD_AGGREGATE', `two columns are named "${dup}"; name one with "as", as in sum(recv_q) as backlog`, { option: '--agg' });
    }
    // Sort keys and selected columns are columns of the grouped rows; sum(recv_q) may be written for sum_recv_q.
    const byText = new Map(aggs.map((a) => [aggregateText(a.aggregate), a.name]));
    const column = (n: Named, option: string): string => {
      const name = columns.includes(n.name) ? n.name : byText.get(n.name);
      if (name === undefined) throw columnError(n, option, columns);
      return name;
    };
    steps.push(rollupStep(keys, aggs) as Step<never, never>);
    if (p.sort.length > 0) {
      const sortKeys: CompiledSortKey[] = p.sort.map((s) => {
        const name = column({ name: s.field, ...(s.text !== undefined ? { text: s.text } : {}), ...(s.span ? { span: s.span } : {}) }, '--sort');
        return { get: (r: object) => (r as Row)[name], desc: s.desc === true };
      });
      steps.push(orderByStep<Row>(sortKeys, p.limit) as Step<never, never>);
    }
    if (p.limit !== undefined) steps.push(limitStep<Row>(p.limit) as Step<never, never>);
    let out: readonly string[] = columns;
    if (p.select.length > 0) {
      out = p.select.map((s) => column(s, '--select'));
      steps.push(selectStep(out.map((name) => ({ name, get: (r: object) => (r as Row)[name] }))) as Step<never, never>);
    }
    return { kind, columns: out, step: compose(...(steps as Step<unknown, unknown>[])) as Step<NetRecord, Row> };
  }

  const select = p.select.map((s) => s.name);
  if (p.sort.length > 0) {
    let sortKeys: CompiledSortKey[];
    if (select.length > 0) {
      // Rows hold the selected fields and the sort fields (not written out): only what the sort needs.
      const names = [...select, ...p.sort.map((s) => s.field).filter((f) => !select.includes(f))];
      steps.push(selectStep(gettersFor(names, kind)) as Step<never, never>);
      sortKeys = p.sort.map((s) => ({ get: (r: object) => (r as Row)[s.field], desc: s.desc === true }));
    } else {
      const getters = gettersFor(p.sort.map((s) => s.field), kind);
      sortKeys = p.sort.map((s, i) => ({ get: getters[i]!.get, desc: s.desc === true }));
    }
    steps.push(orderByStep<object>(sortKeys, p.limit) as Step<never, never>);
    if (p.limit !== undefined) steps.push(limitStep<object>(p.limit) as Step<never, never>);
    // Drop the sort fields that were not selected.
    if (select.length > 0 && p.sort.some((s) => !select.includes(s.field))) {
      steps.push(selectStep(select.map((name) => ({ name, get: (r: object) => (r as Row)[name] }))) as Step<never, never>);
    }
  } else {
    if (p.limit !== undefined) steps.push(limitStep<object>(p.limit) as Step<never, never>);
    if (select.length > 0) steps.push(selectStep(gettersFor(select, kind)) as Step<never, never>);
  }
  return { kind, columns: select.length > 0 ? select : null, step: compose(...(steps as Step<unknown, unknown>[])) as Step<NetRecord, Row> };
}

/** A checked query, with a plan for each kind it can run on. */
export class CompiledQuery {
  /** Kinds the query can run on, in order of preference (inet first). */
  readonly candidates: readonly string[];
  /** The kind asked for, or null when the input decides. */
  readonly kind: string | null;
  private readonly plans = new Map<string, KindPlan>();

  constructor(readonly spec: QuerySpec) {
    const p = parseSpec(spec);
    const kinds = queryKinds();
    if (p.kind !== undefined) {
      if (!kinds.includes(p.kind)) {
        const near = nearest(p.kind, kinds);
        throw new QueryError('NETSNAP_QUERY_UNKNOWN_KIND', `unknown record kind "${p.kind}"${near ? `; did you mean "${near}"?` : ''}`, {
          option: '--kind',
          notes: [`kinds: ${kinds.join(', ')}`],
          suggestion: near,
        });
      }
      this.kind = p.kind;
      this.candidates = [p.kind];
    } else {
      this.kind = null;
      const names = recordFields(p);
      const fit = kinds.filter((k) => names.every((n) => fieldsOf(k).has(n.name)));
      if (fit.length === 0) {
        // Report against inet, the default kind: the first name it lacks.
        const bad = names.find((n) => !fieldsOf('inet').has(n.name))!;
        throw unknownFieldError(bad.name, 'inet', bad.option, bad.text, bad.span);
      }
      this.candidates = fit;
    }
    // Plan every candidate now, so that every mistake is reported before any input is read.
    for (const k of this.candidates) this.plans.set(k, plan(p, k));
  }

  /** The plan for a kind the query can run on. */
  planFor(kind: string): KindPlan | undefined {
    return this.plans.get(kind);
  }
}

/** Check a query: throws a QueryError for any mistake in it. */
export function compileQuery(spec: QuerySpec | CompiledQuery): CompiledQuery {
  return spec instanceof CompiledQuery ? spec : new CompiledQuery(spec);
}

export interface QueryEvents {
  /** The kind is decided and rows follow: their columns (null when the rows are whole records). */
  start?(kind: string, columns: readonly string[] | null): void;
}

/** Rows held for a kind that may yet give way to inet. */
class Held implements Sink<Row> {
  rows: Row[] = [];
  target: Sink<Row> | null = null;
  ended = false;
  push(row: Row): boolean {
    if (this.target !== null) return this.target.push(row);
    this.rows.push(row);
    return true;
  }
  end(): void {
    if (this.target !== null) this.target.end();
    else this.ended = true;
  }
}

/**
 * Runs a compiled query, push style: give it records, get rows. Records of kinds the query does not
 * read are counted (`seen`) and dropped.
 */
export class QueryRun implements Sink<NetRecord> {
  /** Records of other kinds than the one queried (and all, before it is decided), by kind. */
  private readonly seen = new Map<string, number>();
  /** Records of the kind queried since it was decided. */
  private count = 0;
  /** The kind being queried, once decided. */
  kind: string | null;
  private main: Sink<NetRecord> | null = null;
  private standby: { kind: string; sink: Sink<NetRecord>; held: Held } | null = null;
  private readonly preferred: string | null;
  private done = false;

  constructor(
    private readonly query: CompiledQuery,
    private readonly out: Sink<Row>,
    private readonly events: QueryEvents = {},
  ) {
    this.kind = query.kind;
    this.preferred = query.kind ?? (query.candidates.includes('inet') ? 'inet' : null);
    if (query.kind !== null) this.begin(query.kind);
  }

  private begin(kind: string): void {
    this.kind = kind;
    const p = this.query.planFor(kind)!;
    this.events.start?.(kind, p.columns);
    this.main = p.step(this.out);
  }

  push(r: NetRecord): boolean {
    const k = r.kind;
    if (k === this.kind && this.main !== null) {
      // The common case: a record of the kind being queried.
      this.count++;
      if (this.done) return false;
      if (!this.main.push(r)) this.done = true;
      return !this.done;
    }
    this.seen.set(k, (this.seen.get(k) ?? 0) + 1);
    if (this.done) return false;
    if (this.main === null) this.decide(k);
    if (this.main !== null) {
      if (k !== this.kind) return true;
      // The record that decided the kind was counted in `seen`; move it to `count`.
      this.seen.set(k, this.seen.get(k)! - 1);
      this.count++;
      if (!this.main.push(r)) this.done = true;
      return !this.done;
    }
    if (this.standby !== null && this.standby.kind === k) this.standby.sink.push(r);
    return true;
  }

  /** Before the kind is decided: does this record decide it? */
  private decide(k: string): void {
    if (k === this.preferred) {
      this.standby = null; // inet after all: what was held for another kind is dropped
      this.begin(k);
    } else if (this.query.candidates.includes(k)) {
      if (this.preferred === null) this.begin(k);
      else if (this.standby === null) {
        const held = new Held();
        this.standby = { kind: k, sink: this.query.planFor(k)!.step(held), held };
      }
    }
  }

  end(): void {
    if (this.main === null) {
      const standby = this.standby;
      if (standby !== null) {
        this.kind = standby.kind;
        this.events.start?.(standby.kind, this.query.planFor(standby.kind)!.columns);
        for (const row of standby.held.rows) if (!this.out.push(row)) break;
        standby.held.rows = [];
        standby.held.target = this.out;
        this.main = standby.sink;
        if (standby.held.ended) {
          this.out.end();
          return;
        }
      } else {
        // No records of any kind the query reads: an empty result (one row for ungrouped aggregates).
        this.begin(this.preferred ?? this.query.candidates[0]!);
      }
    }
    this.main!.end();
  }

  /** Records read, by kind. */
  counts(): { [kind: string]: number } {
    const out: { [kind: string]: number } = {};
    for (const [k, n] of this.seen) if (n > 0) out[k] = n;
    if (this.kind !== null && this.count > 0) out[this.kind] = (out[this.kind] ?? 0) + this.count;
    return out;
  }

  /** Records of other kinds than the one queried, by kind. */
  leftOut(): { [kind: string]: number } {
    const out = this.counts();
    if (this.kind !== null) delete out[this.kind];
    return out;
  }
}

/** The rows of a query over records (sync in, sync out; async in, async out). */
export function runQuery(records: Iterable<NetRecord>, spec: QuerySpec | CompiledQuery, events?: QueryEvents): Iterable<Row>;
export function runQuery(records: AsyncIterable<NetRecord>, spec: QuerySpec | CompiledQuery, events?: QueryEvents): AsyncIterable<Row>;
export function runQuery(records: AnyIterable<NetRecord>, spec: QuerySpec | CompiledQuery, events?: QueryEvents): AnyIterable<Row>;
export function runQuery(records: AnyIterable<NetRecord>, spec: QuerySpec | CompiledQuery, events: QueryEvents = {}): AnyIterable<Row> {
  const q = compileQuery(spec);
  return through(records, (down: Sink<Row>) => new QueryRun(q, down, events));
}

export interface QueryResult {
  /** The kind queried (null only if the query could not decide, which cannot happen after a run). */
  kind: string;
  /** Columns of the rows; null when the rows are whole records. */
  columns: readonly string[] | null;
  rows: Row[];
  /** Records of other kinds that the query left out, by kind. */
  leftOut: { [kind: string]: number };
}

/** Run a query and collect the result (for results that fit in memory: grouped or limited queries). */
export async function query(records: AnyIterable<NetRecord>, spec: QuerySpec | CompiledQuery): Promise<QueryResult> {
  const q = compileQuery(spec);
  const rows: Row[] = [];
  let columns: readonly string[] | null = null;
  const run = new QueryRun(
    q,
    { push: (r) => (rows.push(r), true), end: () => {} },
    { start: (_k, c) => void (columns = c) },
  );
  if (Symbol.asyncIterator in records) {
    for await (const r of records as AsyncIterable<NetRecord>) if (!run.push(r)) break;
  } else {
    for (const r of records as Iterable<NetRecord>) if (!run.push(r)) break;
  }
  run.end();
  return { kind: run.kind!, columns, rows, leftOut: run.leftOut() };
}

export { aggregateName };
export type { Getter };
