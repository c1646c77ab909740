/**
 * Writing snapshot diffs: a readable report (terminal table or markdown: the summary first, then a
 * table per section), JSON (the SnapshotDiff objects), and CSV / NDJSON (the same flat rows: one
 * per added or removed record, per changed field, per count, per counter, per note).
 */
// writer.js first: it and the table writers import each other, and must load from writer.js.
import { createWriter, type Out, type OutputFormat } from '../output/writer.js';
import { escapeControl } from '../errors.js';
import { markdownCell } from '../output/markdown.js';
import { jsonValue } from '../output/values.js';
import type { DiffRecord, PairedRecord } from '../query/verbs/diff.js';
import type { SnapshotInfo } from '../types.js';
import type { SnapshotDiff } from './snapshot-diff.js';
import { counterLabel } from './summary.js';

/** The columns of the flat rows (CSV and NDJSON), in order. */
export const DIFF_ROW_COLUMNS = [
  'from', 'to', 'section', 'change', 'kind', 'key', 'field', 'before', 'after', 'delta', 'rate', 'note', 'line_before', 'line_after',
] as const;

export type DiffRow = { [C in (typeof DIFF_ROW_COLUMNS)[number]]: unknown };

/** "before.txt#0": a snapshot by its source and index. */
export function snapshotRef(s: SnapshotInfo | null): string | null {
  return s === null ? null : `${s.source}#${s.index}`;
}

function hostPort(address: unknown, port: unknown): string {
  const a = address === null || address === undefined ? '' : String(address);
  const host = a.includes(':') ? `[${a}]` : a;
  return port === null || port === undefined ? host : `${host}:${String(port)}`;
}

/** A record's key as text: "tcp 127.0.0.1:80 10.0.0.9:51514", "unix 24606 /run/x.sock", "eth0". */
export function keyText(kind: string, key: { [field: string]: unknown }, values?: { [field: string]: unknown }): string {
  if (kind === 'inet') return `${String(key.proto)} ${hostPort(key.local_address, key.local_port)} ${hostPort(key.foreign_address, key.foreign_port)}`;
  const parts = Object.values(key).filter((v) => v !== null && v !== undefined).map((v) => String(v));
  if (kind === 'unix' && 'inode' in key && Object.keys(key).length === 1) {
    parts.unshift('unix');
    if (values?.path) parts.push(String(values.path));
  }
  return parts.join(' ');
}

/** The fields of a record that are not its key (for added and removed rows): "state=LISTEN pid=12". */
function detail(r: DiffRecord, keyFields: readonly string[]): string {
  return Object.entries(r)
    .filter(([f, v]) => f !== 'kind' && f !== 'line' && !keyFields.includes(f) && v !== null && v !== undefined)
    .map(([f, v]) => `${f}=${typeof v === 'object' ? jsonValue(v) : String(v)}`)
    .join(' ');
}

/** The key fields of a kind, as the diff used them (from its key list). */
function keyFieldsOf(d: SnapshotDiff, r: DiffRecord): string[] {
  const candidates = d.keys.filter((k) => k.kind === r.kind);
  const k = candidates.find((c) => c.when === null || (r[c.when] !== null && r[c.when] !== undefined)) ?? candidates[candidates.length - 1];
  return k?.key ?? [];
}

function keyOf(r: DiffRecord, fields: readonly string[]): { [field: string]: unknown } {
  const out: { [field: string]: unknown } = {};
  for (const f of fields) out[f] = r[f];
  return out;
}

/** The flat rows of one diff (CSV, NDJSON). */
export function* diffRows(d: SnapshotDiff): Generator<DiffRow> {
  const base = { from: snapshotRef(d.before), to: snapshotRef(d.after) };
  const row = (r: Partial<DiffRow>): DiffRow => {
    const out = {} as DiffRow;
    for (const c of DIFF_ROW_COLUMNS) out[c] = r[c] ?? null;
    out.from = base.from;
    out.to = base.to;
    return out;
  };
  // The summary row: the timestamps, the seconds between them, and the summary line.
  yield row({
    section: 'summary', change: d.differs ? 'differs' : 'same', before: d.before?.timestamp ?? null, after: d.after?.timestamp ?? null,
    delta: d.seconds, note: d.summary,
  });
  for (const r of d.added) {
    const kf = keyFieldsOf(d, r);
    yield row({ section: 'records', change: 'added', kind: r.kind, key: keyText(r.kind, keyOf(r, kf), r), after: detail(r, kf), line_after: r.line });
  }
  for (const r of d.removed) {
    const kf = keyFieldsOf(d, r);
    yield row({ section: 'records', change: 'removed', kind: r.kind, key: keyText(r.kind, keyOf(r, kf), r), before: detail(r, kf), line_before: r.line });
  }
  for (const p of d.changed) {
    for (const c of p.changes) {
      yield row({
        section: 'records', change: 'changed', kind: p.kind, key: keyText(p.kind, p.key, p.after), field: c.field,
        before: c.before, after: c.after, line_before: p.line_before, line_after: p.line_after,
      });
    }
  }
  for (const s of d.states) {
    yield row({ section: 'states', change: 'count', key: `${s.proto} ${s.state ?? ''}`.trim(), before: s.before, after: s.after, delta: s.delta });
  }
  for (const s of d.programs) {
    yield row({ section: 'programs', change: 'count', key: `${s.program_name} ${s.proto} ${s.state ?? ''}`.trim(), before: s.before, after: s.after, delta: s.delta });
  }
  for (const i of d.interfaces) {
    const key = [i.iface, i.network, i.address].filter((x) => x !== null).join(' ');
    if (i.status !== 'present') {
      yield row({ section: 'interfaces', change: i.status, kind: 'interface', key, line_before: i.line_before, line_after: i.line_after });
      continue;
    }
    for (const c of i.counters) {
      yield row({
        section: 'interfaces', change: 'counter', kind: 'interface', key, field: c.counter, before: c.before, after: c.after,
        delta: c.delta, rate: c.rate, note: c.reset ? 'reset or wrapped' : null, line_before: i.line_before, line_after: i.line_after,
      });
    }
    for (const c of i.changes) {
      yield row({
        section: 'interfaces', change: 'changed', kind: 'interface', key, field: c.field, before: c.before, after: c.after,
        line_before: i.line_before, line_after: i.line_after,
      });
    }
  }
  for (const s of d.stats) {
    yield row({ section: 'stats', change: 'counter', kind: 'stat', key: s.section, field: s.counter, before: s.before, after: s.after, delta: s.delta, rate: s.rate, note: s.note });
  }
  for (const x of d.duplicates) {
    yield row({ section: 'duplicates', change: 'duplicate', kind: x.kind, key: keyText(x.kind, x.key), before: x.before, after: x.after });
  }
  for (const n of d.notes) yield row({ section: 'notes', change: 'note', note: n });
}

/** JSON for a diff: its fields one per line, and each element of its lists on a line of its own. */
export function diffJson(d: SnapshotDiff): string {
  const lines = Object.entries(d).map(([k, v]) => {
    const key = JSON.stringify(k);
    if (Array.isArray(v) && v.length > 0) return `    ${key}: [\n${v.map((e) => `      ${jsonValue(e)}`).join(',\n')}\n    ]`;
    return `    ${key}: ${jsonValue(v)}`;
  });
  return `  {\n${lines.join(',\n')}\n  }`;
}

/** Writes diffs one after another, as they are made: one JSON array, one CSV table, one report. */
export class DiffWriter {
  private count = 0;
  private readonly rows;

  constructor(
    private readonly format: OutputFormat,
    private readonly out: Out,
    /** Colour the tables (states bold or coloured, as other tables on a terminal). */
    private readonly color = false,
  ) {
    this.rows = format === 'csv' || format === 'ndjson' ? createWriter(format, out, { columns: DIFF_ROW_COLUMNS }) : null;
  }

  write(d: SnapshotDiff): void {
    const first = this.count++ === 0;
    switch (this.format) {
      case 'json':
        this.out.write(`${first ? '[\n' : ',\n'}${diffJson(d)}`);
        return;
      case 'csv':
      case 'ndjson':
        for (const r of diffRows(d)) this.rows!.row(r);
        return;
      case 'table':
      case 'markdown':
        if (!first) this.out.write('\n');
        writeReport(d, this.format, this.out, this.color);
    }
  }

  end(): void {
    if (this.format === 'json') this.out.write(this.count === 0 ? '[]\n' : '\n]\n');
    this.rows?.end();
  }
}

/** Write diffs in a format. */
export function writeDiffs(diffs: readonly SnapshotDiff[], format: OutputFormat, out: Out): void {
  const w = new DiffWriter(format, out);
  for (const d of diffs) w.write(d);
  w.end();
}

function describe(s: SnapshotInfo | null): string {
  if (s === null) return '(records)';
  const when = s.timestamp_text ?? null;
  return `${s.source} snapshot ${s.index}${when ? ` (${when})` : ''}`;
}

/** Where a report goes: its format, the output, and whether tables are coloured. */
interface Target {
  format: 'table' | 'markdown';
  out: Out;
  color: boolean;
}

/** A section of the report: a heading and a table, columns that are empty in every row left out. */
function section(
  { format, out, color }: Target,
  heading: string,
  rows: readonly object[],
  columns: readonly string[],
): void {
  if (rows.length === 0) return;
  // One pass over the rows, until every column has shown a value.
  const shown = columns.map(() => false);
  let left = columns.length;
  for (let i = 0; i < rows.length && left > 0; i++) {
    const r = rows[i] as { [col: string]: unknown };
    for (let c = 0; c < columns.length; c++) {
      if (shown[c]) continue;
      const v = r[columns[c]!];
      if (v !== null && v !== undefined && v !== '') {
        shown[c] = true;
        left--;
      }
    }
  }
  const used = columns.filter((_, c) => shown[c]);
  out.write('\n');
  const w = createWriter(format, out, { columns: used, heading: () => heading, color });
  for (const r of rows) w.row(r);
  w.end();
}

/** The fields of a kind worth a column in the added and removed tables, in order. */
const DISPLAY: { readonly [kind: string]: readonly string[] } = {
  inet: ['proto', 'recv_q', 'send_q', 'local', 'foreign', 'state', 'user', 'inode', 'pid', 'program_name', 'timer_name', 'timer_retransmits', 'timer_probes'],
  unix: ['proto', 'refcnt', 'flags', 'type', 'state', 'inode', 'pid', 'program_name', 'path'],
};

const KIND_WORDS: { readonly [kind: string]: string } = {
  inet: 'Internet sockets', unix: 'UNIX domain sockets', route: 'routes', group: 'multicast group memberships',
};

/** An Internet socket as its table shows it: the DISPLAY columns, address and port joined. */
function displayRecord(r: DiffRecord): { [col: string]: unknown } {
  if (r.kind !== 'inet') return r;
  return {
    kind: r.kind,
    proto: r.proto,
    recv_q: r.recv_q,
    send_q: r.send_q,
    local: hostPort(r.local_address, r.local_port),
    foreign: hostPort(r.foreign_address, r.foreign_port),
    state: r.state,
    user: r.user,
    inode: r.inode,
    pid: r.pid,
    program_name: r.program_name,
    timer_name: r.timer_name,
    timer_retransmits: r.timer_retransmits,
    timer_probes: r.timer_probes,
    line: r.line,
  };
}

/** A table per kind of the records, kinds in first-seen order. */
function recordTables(t: Target, title: string, records: readonly DiffRecord[]): void {
  // One pass: most diffs have records of one kind only.
  const byKind = new Map<string, { [col: string]: unknown }[]>();
  for (const r of records) {
    let rows = byKind.get(r.kind);
    if (rows === undefined) byKind.set(r.kind, (rows = []));
    rows.push(displayRecord(r));
  }
  for (const [kind, rows] of byKind) {
    const columns = [...(DISPLAY[kind] ?? Object.keys(rows[0]!).filter((c) => c !== 'kind' && c !== 'line')), 'line'];
    section(t, `${title}: ${KIND_WORDS[kind] ?? kind} (${rows.length})`, rows, columns);
  }
}

function changedRows(changed: readonly PairedRecord[]): { [col: string]: unknown }[] {
  const rows: { [col: string]: unknown }[] = [];
  for (const p of changed) {
    p.changes.forEach((c, i) => {
      rows.push({
        kind: i === 0 ? p.kind : '',
        key: i === 0 ? keyText(p.kind, p.key, p.after) : '',
        field: c.field,
        before: c.before,
        after: c.after,
        line_before: i === 0 ? p.line_before : null,
        line_after: i === 0 ? p.line_after : null,
      });
    });
  }
  return rows;
}

function writeReport(d: SnapshotDiff, format: 'table' | 'markdown', out: Out, color = false): void {
  const t: Target = { format, out, color };
  const span = d.seconds === null ? '' : `, ${d.seconds} s later`;
  const title = `${describe(d.before)} -> ${describe(d.after)}${span}`;
  if (format === 'markdown') {
    out.write(`## ${markdownCell(title)}\n\n**${markdownCell(d.summary)}**\n`);
  } else {
    out.write(`${escapeControl(title)}\n${escapeControl(d.summary)}\n`);
  }
  recordTables(t, 'Added', d.added);
  recordTables(t, 'Removed', d.removed);
  section(t, `Changed (${d.changed.length})`, changedRows(d.changed), ['kind', 'key', 'field', 'before', 'after', 'line_before', 'line_after']);
  const statesMoved = d.states.some((s) => s.delta !== 0);
  if (statesMoved) section(t, 'Sockets by state', d.states, ['proto', 'state', 'before', 'after', 'delta']);
  const programs = d.programs.filter((p) => p.delta !== 0);
  section(t, `Sockets by program (${programs.length} of ${d.programs.length} rows changed)`, programs, ['program_name', 'proto', 'state', 'before', 'after', 'delta']);
  const ifRows: { [col: string]: unknown }[] = [];
  for (const i of d.interfaces) {
    const name = [i.iface, i.network, i.address].filter((x) => x !== null).join(' ');
    if (i.status !== 'present') {
      ifRows.push({ iface: name, counter: '', note: i.status });
      continue;
    }
    const idle = i.changes.length === 0 && i.counters.every((c) => !c.reset && c.delta !== null && Number(c.delta) === 0);
    if (idle) {
      ifRows.push({ iface: name, counter: '', note: 'no counter changed' });
      continue;
    }
    i.counters.forEach((c, n) => {
      ifRows.push({
        iface: n === 0 ? name : '', counter: counterLabel(c.counter), before: c.before, after: c.after, delta: c.delta,
        'rate/s': c.rate, note: c.reset ? 'reset or wrapped' : '',
      });
    });
    for (const c of i.changes) ifRows.push({ iface: '', counter: c.field, before: c.before, after: c.after, note: 'changed' });
  }
  section(t, 'Interfaces', ifRows, ['iface', 'counter', 'before', 'after', 'delta', 'rate/s', 'note']);
  section(t, `Statistics (${d.stats.length} changed, ${d.stats_unchanged} unchanged)`, d.stats, ['section', 'counter', 'before', 'after', 'delta', 'rate', 'note']);
  section(
    t,
    'Keys held by more than one record (matched as a multiset)',
    d.duplicates.map((x) => ({ kind: x.kind, key: keyText(x.kind, x.key), before: x.before, after: x.after })),
    ['kind', 'key', 'before', 'after'],
  );
  if (d.notes.length > 0) {
    out.write('\n');
    for (const n of d.notes) out.write(format === 'markdown' ? `- ${markdownCell(n)}\n` : `note: ${escapeControl(n)}\n`);
  }
}
