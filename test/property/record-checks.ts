/**
 * What must hold when records, however odd, go through `netsnap query`, `netsnap diff` and
 * `netsnap summary` (the library calls the commands make). Used by PIPELINES in checks.ts, so every
 * property test and the fuzz campaign run them on every generated input. Each check throws an Error
 * that says what went wrong. Kept cheap: no --where text is parsed per record (one per kind), the
 * conditions are built as data.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { diffSnapshots } from '../../src/snapshots.js';
import { writeDiffs } from '../../src/diff/render.js';
import type { SnapshotDiff } from '../../src/diff/snapshot-diff.js';
import { createWriter, StringOut, type OutputFormat } from '../../src/output/writer.js';
import type { Condition, Literal } from '../../src/query/ast.js';
import { fieldsOf, type FieldDef } from '../../src/query/fields.js';
import { ipValue, parseCidr } from '../../src/query/ip.js';
import { runQuery } from '../../src/query/query.js';
import type { Row } from '../../src/query/verbs/select.js';
import { compileWhere } from '../../src/query/where.js';
import { summarize } from '../../src/summary/index.js';
import { renderSummary } from '../../src/summary/render.js';
import type { NetRecord } from '../../src/types.js';

function fail(message: string): never {
  throw new Error(message);
}

// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]/;

const show = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `${x}n` : x))?.slice(0, 120) ?? String(v);

function byKind(records: readonly NetRecord[]): Map<string, NetRecord[]> {
  const out = new Map<string, NetRecord[]>();
  for (const r of records) {
    const list = out.get(r.kind);
    if (list === undefined) out.set(r.kind, [r]);
    else list.push(r);
  }
  return out;
}

/** The literal that names this value in a condition, or undefined when the language has none for it. */
function literalFor(v: unknown): Literal | undefined {
  if (typeof v === 'string' || typeof v === 'boolean' || typeof v === 'bigint') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? v : undefined;
  if (Array.isArray(v)) return v.length > 0 ? literalFor(v[0]) : undefined;
  return undefined;
}

/** A quoted string in the --where language: \" and \\ are escapes, other characters as they are. */
export function quoteWhere(s: string): string {
  return `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/** Whether `F < v` is a valid comparison for this field and literal (else it is a type mismatch). */
function ordered(f: FieldDef, lit: Literal): boolean {
  switch (f.type) {
    case 'int':
    case 'number':
    case 'string':
    case 'any':
      return typeof lit !== 'boolean'; // true/false have no order
    case 'port':
      return typeof lit === 'number' || typeof lit === 'bigint' || (typeof lit === 'string' && /^\d+$/.test(lit));
    case 'address':
      return typeof lit === 'string' && ipValue(lit) !== null;
    default:
      return false;
  }
}

/**
 * A record matches conditions built from its own values: `F = v`, `F in (v)`, `F <= v and F >= v`,
 * `F ~ "^v$"` (regex-escaped), `F is not null`; and `F is null` for fields without a value.
 */
function selfConditions(f: FieldDef, v: unknown): Condition[] {
  const lit = literalFor(v);
  if (v === null || v === undefined || (Array.isArray(v) && v.length === 0)) return [{ field: f.name, op: 'is null' }];
  const out: Condition[] = [{ field: f.name, op: 'is not null' }];
  if (lit === undefined) return out;
  if (f.type === 'bool' && typeof lit === 'boolean') out.push(lit ? { field: f.name } : { not: { field: f.name } });
  out.push({ field: f.name, op: '=', value: lit });
  // An item with a "/" is a CIDR block for `in` (a network value is in its own block: cidrTest in where.ts).
  const block = typeof lit === 'string' ? parseCidr(lit) : null;
  if (block === null || !('error' in block)) out.push({ field: f.name, op: 'in', values: [lit] });
  if (ordered(f, lit) && !Array.isArray(v)) {
    out.push({ and: [{ field: f.name, op: '<=', value: lit }, { field: f.name, op: '>=', value: lit }] });
  }
  if (typeof lit === 'string' && lit.length > 0 && lit.length <= 100) {
    out.push({ field: f.name, op: '~', value: `^${lit.replace(/[\\^$.*+?()[\]{}|/-]/g, (c) => `\\${c}`)}$` });
  }
  return out;
}

function describeCondition(c: Condition): string {
  return show(c);
}

/** The rows of a query as an array. */
function rowsOf(records: readonly NetRecord[], spec: Parameters<typeof runQuery>[1]): Row[] {
  return [...runQuery(records as NetRecord[], spec)] as Row[];
}

function writeRows(format: OutputFormat, rows: readonly Row[]): string {
  const out = new StringOut();
  const w = createWriter(format, out);
  for (const r of rows) w.row(r);
  w.end();
  return out.toString();
}

/** `netsnap query` on every kind the records have. */
export function checkQuery(records: NetRecord[]): void {
  let kindNo = 0;
  for (const [kind, list] of byKind(records)) {
    kindNo++;
    const fields = [...fieldsOf(kind).values()];
    if (fields.length === 0) fail(`kind ${kind} has no queryable fields`);
    const n = list.length;

    // Conditions from a record's own values hold for that record (first, middle and last record).
    for (const r of new Set([list[0]!, list[n >> 1]!, list[n - 1]!])) {
      for (const f of fields) {
        for (const c of selfConditions(f, f.get(r))) {
          let ok: boolean;
          try {
            ok = compileWhere(c, kind)(r);
          } catch (err) {
            fail(`query: ${kind} line ${r.line}: ${describeCondition(c)} does not compile: ${(err as Error).message}`);
          }
          if (!ok) fail(`query: ${kind} line ${r.line}: its own ${f.name} ${show(f.get(r))} does not match ${describeCondition(c)}`);
        }
      }
    }
    // One condition through the --where text, quoted as a user would write it.
    const f = fields[(kindNo * 7 + n) % fields.length]!;
    const v = f.get(list[0]!);
    if (typeof v === 'string' && f.type !== 'bool') {
      const text = `${f.name} = ${quoteWhere(v)}`;
      let ok: boolean;
      try {
        ok = compileWhere(text, kind)(list[0]!);
      } catch (err) {
        fail(`query: --where ${show(text)} does not compile: ${(err as Error).message}`);
      }
      if (!ok) fail(`query: ${kind} line ${list[0]!.line}: --where ${show(text)} does not match its own record`);
    }

    // Aggregates over all records: count(F) counts the records where F is not null.
    const aggregates = ['count', ...fields.flatMap((x) => [`count(${x.name})`, `min(${x.name})`, `max(${x.name})`, `count_distinct(${x.name})`])];
    for (const x of fields) if (x.type === 'int' || x.type === 'number') aggregates.push(`sum(${x.name})`, `avg(${x.name})`);
    const [total, ...extra] = rowsOf(list, { kind, aggregates });
    if (total === undefined || extra.length > 0) fail(`query: ${kind}: an aggregate over all records gave ${extra.length + (total ? 1 : 0)} rows`);
    if (total.count !== n) fail(`query: ${kind}: count is ${show(total.count)} for ${n} records`);
    for (const x of fields) {
      const notNull = compileWhere({ field: x.name, op: 'is not null' }, kind);
      const want = list.filter((r) => notNull(r)).length;
      if (total[`count_${x.name}`] !== want) fail(`query: ${kind}: count(${x.name}) is ${show(total[`count_${x.name}`])}, ${want} records have a value`);
    }

    // Groups partition the records.
    const groupBy = fields.filter((x) => !x.computed || kindNo % 2 === 0).slice(0, 12).map((x) => x.name);
    const groups = rowsOf(list, { kind, groupBy, aggregates: ['count'] });
    const grouped = groups.reduce((s, g) => s + (g.count as number), 0);
    if (grouped !== n) fail(`query: ${kind}: groups by ${groupBy.join(',')} count ${grouped} of ${n} records`);
    const table = writeRows('table', groups);
    if (RAW_CONTROL.test(table)) fail(`query: ${kind}: the grouped table has a raw control character`);

    // The best rows of a sort are the first rows of the whole sort (the top-N heap is the sort).
    const sort = [0, 1, 2].map((i) => fields[(kindNo + i * 5) % fields.length]!).map((x, i) => (i === 1 ? `-${x.name}` : x.name));
    const select = ['line', ...sort.map((s) => s.replace(/^-/, ''))].filter((x, i, a) => a.indexOf(x) === i);
    const all = rowsOf(list, { kind, sort, select });
    const best = rowsOf(list, { kind, sort, select, limit: 3 });
    if (all.length !== n) fail(`query: ${kind}: sorting ${n} records gave ${all.length} rows`);
    if (show(best) !== show(all.slice(0, 3))) fail(`query: ${kind}: --sort ${sort.join(',')} --limit 3 is not the first 3 of the sort`);
    const md = writeRows('markdown', best);
    if (RAW_CONTROL.test(md)) fail(`query: ${kind}: the markdown rows have a raw control character`);
  }
  // No --kind: the kind is decided from the input; the rows are its records, the rest is left out.
  const kinds = byKind(records);
  let chosen: string | null = null;
  const rows = [...runQuery(records, { groupBy: 'kind' }, { start: (k) => void (chosen = k) })] as Row[];
  if (records.length > 0) {
    if (chosen === null || !kinds.has(chosen)) fail(`query: the default kind is ${show(chosen)}, the records have ${[...kinds.keys()].join(', ')}`);
    if (kinds.has('inet') && chosen !== 'inet') fail(`query: the default kind is ${chosen} though there are inet records`);
    if (rows.length !== 1 || rows[0]!.count !== kinds.get(chosen)!.length) fail(`query: default kind ${chosen}: rows ${show(rows)}`);
  }
}

/** A diff's rendering in every format is readable and safe. */
function checkDiffOutput(d: SnapshotDiff): void {
  for (const format of ['json', 'ndjson', 'csv', 'markdown', 'table'] as const) {
    const out = new StringOut();
    writeDiffs([d], format, out);
    const text = out.toString();
    if (format === 'json') {
      JSON.parse(text);
    } else if (format === 'ndjson') {
      for (const line of text.split('\n')) if (line !== '') JSON.parse(line);
    } else if (format === 'csv') {
      parseCsv(text, { columns: true, relax_column_count: false });
    } else if (RAW_CONTROL.test(text)) {
      fail(`diff: ${format} output has a raw control character`);
    }
  }
}

/** `netsnap diff`: a snapshot against itself, and the first against the last. */
export function checkDiff(records: NetRecord[]): void {
  const same = diffSnapshots(records, records);
  if (same.differs || same.added.length + same.removed.length + same.changed.length > 0 || same.stats.length > 0) {
    fail(`diff: records against themselves differ: ${same.summary}`);
  }
  if (records.length === 0) return;
  const first = records[0]!.snapshot;
  const last = records[records.length - 1]!.snapshot;
  const a = records.filter((r) => r.snapshot === first);
  const b = records.filter((r) => r.snapshot === last);
  const d = diffSnapshots(a, b);
  for (const [kind, c] of Object.entries(d.counts)) {
    const before = a.filter((r) => r.kind === kind).length;
    const after = b.filter((r) => r.kind === kind).length;
    if (c.removed + c.changed + c.unchanged !== before || c.added + c.changed + c.unchanged !== after) {
      fail(`diff: ${kind} counts ${show(c)} do not add up to ${before} before and ${after} after`);
    }
  }
  checkDiffOutput(d);
}

/** `netsnap summary`: every record is counted in its snapshot, and every format renders. */
export function checkSummary(records: NetRecord[]): void {
  const s = summarize(records);
  const counted = s.snapshots.reduce((n, x) => n + x.records, 0);
  if (counted !== records.length) fail(`summary: snapshots count ${counted} of ${records.length} records`);
  for (const format of ['json', 'markdown', 'table'] as const) {
    const out = new StringOut();
    renderSummary(s, format, out);
    const text = out.toString();
    if (format === 'json') JSON.parse(text);
    else if (RAW_CONTROL.test(text)) fail(`summary: ${format} output has a raw control character`);
  }
}
