/**
 * A thin chainable wrapper over QuerySpec, for code that reads better as a pipeline:
 *
 *     const { rows } = await fromRecords(readRecords(stream))
 *       .where('state = ESTABLISHED')
 *       .groupBy('program_name')
 *       .rollup('count', 'sum(recv_q)')
 *       .orderBy('-count')
 *       .limit(5)
 *       .collect();
 *
 * Each call returns a new builder; nothing runs until rows() is iterated or collect() is awaited.
 */
import type { NetRecord } from '../types.js';
import type { Aggregate } from './aggregates.js';
import type { Condition } from './ast.js';
import { compileQuery, query, runQuery, type QueryResult, type QuerySpec } from './query.js';
import type { AnyIterable } from './stream.js';
import type { SortKey } from './verbs/order-by.js';
import type { Row } from './verbs/select.js';
import type { SnapshotChoice } from './verbs/snapshot.js';
import { parseWhere } from './where.js';

function more<T>(list: string | readonly T[] | undefined, add: readonly T[]): T[] {
  const had = list === undefined ? [] : typeof list === 'string' ? [list as unknown as T] : [...list];
  return [...had, ...add];
}

export class QueryBuilder {
  constructor(
    private readonly records: AnyIterable<NetRecord>,
    private readonly spec: QuerySpec = {},
  ) {}

  private with(change: Partial<QuerySpec>): QueryBuilder {
    return new QueryBuilder(this.records, { ...this.spec, ...change });
  }

  kind(kind: string): QueryBuilder {
    return this.with({ kind });
  }

  /** A condition; a second call combines with the first by "and". */
  where(condition: string | Condition): QueryBuilder {
    const before = this.spec.where;
    if (before === undefined) return this.with({ where: condition });
    if (typeof before === 'string' && typeof condition === 'string') return this.with({ where: `(${before}) and (${condition})` });
    const asCondition = (c: string | Condition): Condition => (typeof c === 'string' ? parseWhere(c) : c);
    return this.with({ where: { and: [asCondition(before), asCondition(condition)] } });
  }

  snapshot(which: SnapshotChoice): QueryBuilder {
    return this.with({ snapshot: which });
  }

  groupBy(...fields: string[]): QueryBuilder {
    return this.with({ groupBy: more(this.spec.groupBy, fields) });
  }

  rollup(...aggregates: (string | Aggregate)[]): QueryBuilder {
    return this.with({ aggregates: more(this.spec.aggregates, aggregates) });
  }

  orderBy(...keys: (string | SortKey)[]): QueryBuilder {
    return this.with({ sort: more(this.spec.sort, keys) });
  }

  limit(n: number): QueryBuilder {
    return this.with({ limit: n });
  }

  select(...fields: string[]): QueryBuilder {
    return this.with({ select: more(this.spec.select, fields) });
  }

  /** The query as data. */
  toSpec(): QuerySpec {
    return { ...this.spec };
  }

  /** Check the query now (throws a QueryError) rather than when it runs. */
  check(): this {
    compileQuery(this.spec);
    return this;
  }

  /** The rows, streamed. */
  rows(): AnyIterable<Row> {
    return runQuery(this.records, this.spec);
  }

  /** Run and collect the rows, with the kind queried and what was left out. */
  collect(): Promise<QueryResult> {
    return query(this.records, this.spec);
  }
}

/** Start a query over records (sync or async iterable). */
export function fromRecords(records: AnyIterable<NetRecord>): QueryBuilder {
  return new QueryBuilder(records);
}
