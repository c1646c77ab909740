/**
 * rollup: aggregates per group (after groupBy), or over all records (one row). Holds one entry per
 * group: its key values and the aggregates' running state. Rows come out at the end, one per group
 * in order of first appearance: the key fields, then the aggregates (count, sum_recv_q, ...).
 *
 * Without groups the result is always one row, even for no records (count 0, sums null).
 */
import { compileAggregate, parseAggregates, type Accumulator, type Aggregate, type CompiledAggregate } from '../aggregates.js';
import { through, type AnyIterable, type Step } from '../stream.js';
import { GroupIndex, isGrouped, type Grouped } from './group-by.js';
import type { Getter, Row } from './select.js';

export function rollupStep(keys: readonly Getter[], aggregates: readonly CompiledAggregate[]): Step<object, Row> {
  return (down) => {
    const index = new GroupIndex<Accumulator[]>(keys, () => aggregates.map((a) => a.create()));
    const one = aggregates.length === 1;
    return {
      push(r) {
        const accs = index.find(r);
        if (one) accs[0]!.add(r);
        else for (let i = 0; i < accs.length; i++) accs[i]!.add(r);
        return true;
      },
      end() {
        if (keys.length === 0 && index.size === 0) index.find({});
        for (const { values, entry } of index.entries) {
          const row: Row = {};
          keys.forEach((k, i) => {
            row[k.name] = values[i];
          });
          aggregates.forEach((a, i) => {
            row[a.name] = entry[i]!.result();
          });
          if (!down.push(row)) break;
        }
        down.end();
      },
    };
  };
}

/**
 * Aggregate records (grouped or not). Aggregates are written as in --agg (`'sum(recv_q)'`) or as
 * data; fields are resolved for `kind` (default: the grouping's kind, else inet).
 */
export function rollup(input: Iterable<object> | Grouped<object>, aggregates: readonly (string | Aggregate)[], kind?: string): Iterable<Row>;
export function rollup(input: AsyncIterable<object> | Grouped<object>, aggregates: readonly (string | Aggregate)[], kind?: string): AsyncIterable<Row>;
export function rollup(input: AnyIterable<object> | Grouped<object>, aggregates: readonly (string | Aggregate)[], kind?: string): AnyIterable<Row>;
export function rollup(input: AnyIterable<object> | Grouped<object>, aggregates: readonly (string | Aggregate)[], kind?: string): AnyIterable<Row> {
  const grouped = isGrouped(input) ? input : null;
  const k = kind ?? grouped?.kind ?? 'inet';
  const compiled = aggregates.flatMap((a) => (typeof a === 'string' ? parseAggregates(a) : [a])).map((a) => compileAggregate(a, k));
  return through(grouped ? grouped.records : (input as AnyIterable<object>), rollupStep(grouped ? grouped.keys : [], compiled));
}
