/**
 * The query engine's public face (re-exported from src/index.ts): the query as data, the verbs as
 * functions over iterables, the --where language, fields and errors.
 */
export { compileQuery, CompiledQuery, query, QueryRun, runQuery, type KindPlan, type QueryEvents, type QueryResult, type QuerySpec } from './query.js';
export { fromRecords, QueryBuilder } from './chain.js';
export { filter } from './verbs/filter.js';
export { select, type Getter, type Row } from './verbs/select.js';
export { groupBy, type Grouped } from './verbs/group-by.js';
export { rollup } from './verbs/rollup.js';
export { orderBy, type SortKey } from './verbs/order-by.js';
export { limit } from './verbs/limit.js';
export { pickSnapshot, type SnapshotChoice } from './verbs/snapshot.js';
export { AGGREGATE_FNS, aggregateName, parseAggregates, type Aggregate, type AggregateFn } from './aggregates.js';
export type { CompareOp, Condition, Literal as ConditionValue, Range as ConditionRange } from './ast.js';
export { compileWhere, parseWhere, type Predicate, type WhereOptions } from './where.js';
export { computedFields, fieldNames, fieldOf, fieldsOf, queryKinds, type FieldDef, type FieldType } from './fields.js';
export { QueryError, renderQueryError, type QueryErrorCode } from './errors.js';
export { parseCidr, parseIp, ipInBlock, type CidrBlock, type IpAddress } from './ip.js';
export type { AnyIterable } from './stream.js';
