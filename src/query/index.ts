/**
 * The query engine's public face (re-exported from src/index.ts): the query as data, the verbs as
 * functions over iterables, the --where language, fields and errors.
 */
export { compileQuery, CompiledQuery, query, QueryRun, runQuery, type KindPlan, type QueryEvents, type QueryResult, type QuerySpec } from './query.js';
export { fromRecords, QueryBuilder } from './chain.js';
export { filter, filterStep } from './verbs/filter.js';
export { select, selectStep, gettersFor, type Getter, type Row } from './verbs/select.js';
export { groupBy, GroupIndex, type Grouped } from './verbs/group-by.js';
export { rollup, rollupStep } from './verbs/rollup.js';
export { orderBy, orderByStep, parseSortKeys, type CompiledSortKey, type SortKey } from './verbs/order-by.js';
export { limit, limitStep } from './verbs/limit.js';
export { pickSnapshot, snapshotStep, type SnapshotChoice } from './verbs/snapshot.js';
export {
  AGGREGATE_FNS,
  aggregateName,
  compileAggregate,
  parseAggregates,
  type Aggregate,
  type AggregateFn,
  type CompiledAggregate,
} from './aggregates.js';
export type { CompareOp, Condition, Literal, Range } from './ast.js';
export { compileWhere, parseWhere, type Predicate, type WhereOptions } from './where.js';
export { computedFields, fieldNames, fieldOf, fieldsOf, queryKinds, type FieldDef, type FieldType } from './fields.js';
export { QueryError, renderQueryError, type QueryErrorCode } from './errors.js';
export { compareValues } from './values.js';
export { ipInBlock, parseCidr, parseIp, type CidrBlock, type IpAddress } from './ip.js';
export { collect, compose, through, type AnyIterable, type Sink, type Step } from './stream.js';
