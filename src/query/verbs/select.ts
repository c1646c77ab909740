/**
 * select: rows with only the named fields, in that order; computed fields (local_ip, scope, ...)
 * are resolved here. Holds nothing.
 *
 *     select(records, ['proto', 'local_ip', 'scope'], 'inet')
 */
import { fieldsOf } from '../fields.js';
import { through, type AnyIterable, type Step } from '../stream.js';

/** A row of a query result: a record, or an object with the selected or aggregated fields. */
export type Row = { [field: string]: unknown };

/** A named value of a row or record. */
export interface Getter {
  name: string;
  get(row: object): unknown;
}

/** Getters for field names: a kind's field definitions, or (no kind) looked up per record by its kind. */
export function gettersFor(names: readonly string[], kind?: string): Getter[] {
  return names.map((name) => {
    if (kind !== undefined) {
      const def = fieldsOf(kind).get(name);
      if (def !== undefined) return { name, get: def.get };
    }
    return {
      name,
      get: (r: object) => {
        const k = (r as Row).kind;
        const def = typeof k === 'string' ? fieldsOf(k).get(name) : undefined;
        return def !== undefined ? def.get(r) : ((r as Row)[name] ?? null);
      },
    };
  });
}

export function selectStep(getters: readonly Getter[]): Step<object, Row> {
  return (down) => ({
    push(r) {
      const row: Row = {};
      for (const g of getters) row[g.name] = g.get(r);
      return down.push(row);
    },
    end: () => down.end(),
  });
}

export function select(records: Iterable<object>, fields: readonly string[], kind?: string): Iterable<Row>;
export function select(records: AsyncIterable<object>, fields: readonly string[], kind?: string): AsyncIterable<Row>;
export function select(records: AnyIterable<object>, fields: readonly string[], kind?: string): AnyIterable<Row>;
export function select(records: AnyIterable<object>, fields: readonly string[], kind?: string): AnyIterable<Row> {
  return through(records, selectStep(gettersFor(fields, kind)));
}
