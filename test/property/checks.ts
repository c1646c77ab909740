/**
 * What must hold for any input, however broken: shared by the property tests, the regression
 * replay and `npm run fuzz`. Each check throws an Error that says what went wrong.
 */
import { parse as parseCsv } from 'csv-parse/sync';
import { InputError, renderDiagnostic } from '../../src/errors.js';
import { parseInput, type ParseSummary } from '../../src/parse/parser.js';
import { recordColumns, tableColumnsOf } from '../../src/output/columns.js';
import { cellText } from '../../src/output/values.js';
import type { OutputFormat } from '../../src/output/writer.js';
import type { Diagnostic, NetRecord } from '../../src/types.js';
import { checkDiff, checkQuery, checkSummary } from './record-checks.js';
import { writeRows } from '../helpers.js';

/** Everything one parse produced, line by line. */
export interface Observed {
  summary: ParseSummary;
  records: NetRecord[];
  diagnostics: Diagnostic[];
  /** What each line was: "record", "structural:<kind>", "skipped" or "unparsed". */
  lineKinds: Map<number, string[]>;
}

async function* chunked(bytes: Uint8Array, cuts: readonly number[]): AsyncGenerator<Uint8Array> {
  let from = 0;
  for (const c of cuts) {
    if (c <= from || c >= bytes.length) continue;
    yield bytes.subarray(from, c);
    from = c;
  }
  if (from < bytes.length || bytes.length === 0) yield bytes.subarray(from);
}

/** Parse bytes cut into chunks at `cuts`, recording what every line became. */
export async function observe(bytes: Uint8Array, cuts: readonly number[] = []): Promise<Observed> {
  const records: NetRecord[] = [];
  const diagnostics: Diagnostic[] = [];
  const lineKinds = new Map<number, string[]>();
  const mark = (line: number, kind: string): void => {
    const list = lineKinds.get(line);
    if (list === undefined) lineKinds.set(line, [kind]);
    else list.push(kind);
  };
  const summary = await parseInput(chunked(bytes, cuts), {
    record: (r) => {
      records.push(r);
      // A line may hold several records (ss -s, a Windows -s ICMP line): it is one record line.
      if (!lineKinds.get(r.line)?.includes('record')) mark(r.line, 'record');
    },
    diagnostic: (d) => {
      diagnostics.push(d);
      if (d.severity === 'error') mark(d.line, 'unparsed');
    },
    structural: (kind, line) => mark(line, `structural:${kind}`),
    skipped: (line) => mark(line, 'skipped'),
  });
  return { summary, records, diagnostics, lineKinds };
}

function fail(message: string): never {
  throw new Error(message);
}

/** Every line is exactly one of record, structural, skipped or unparsed, and the counts add up. */
export function checkAccounting(o: Observed, expectedLines: number | null): void {
  const s = o.summary.stats;
  if (s.lines !== s.records + s.structural + s.skipped + s.unparsed) {
    fail(`counts do not add up: ${JSON.stringify(s)}`);
  }
  if (expectedLines !== null && s.lines !== expectedLines) fail(`read ${s.lines} lines, the input has ${expectedLines}`);
  // stats.records counts the lines that hold records (see README: a line may hold two records).
  let recordLines = 0;
  for (const kinds of o.lineKinds.values()) if (kinds.includes('record')) recordLines++;
  if (s.records !== recordLines) fail(`stats say ${s.records} record lines, records came from ${recordLines} lines`);
  const errors = o.diagnostics.filter((d) => d.severity === 'error');
  if (s.unparsed !== errors.length) fail(`stats say ${s.unparsed} unparsed, ${errors.length} error diagnostics`);
  for (let line = 1; line <= s.lines; line++) {
    const kinds = o.lineKinds.get(line);
    if (kinds === undefined) fail(`line ${line} is not accounted for`);
    if (kinds.length !== 1) fail(`line ${line} is counted ${kinds.length} times: ${kinds.join(', ')}`);
  }
  for (const line of o.lineKinds.keys()) {
    if (line < 1 || line > s.lines) fail(`line ${line} is outside 1..${s.lines}`);
  }
}

// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

/** Diagnostics point into their line, render on one head line, and never carry raw control characters. */
export function checkDiagnostics(o: Observed): void {
  for (const d of o.diagnostics) {
    if (d.column < 1 || d.column > d.text.length + 1) fail(`diagnostic column ${d.column} outside its line (${d.text.length})`);
    if (d.length < 1) fail(`diagnostic length ${d.length}`);
    if (d.text.length > 70_000) fail(`diagnostic holds ${d.text.length} characters of text`);
    const shown = renderDiagnostic(d);
    const head = shown.split('\n')[0]!;
    if (!head.startsWith(`netsnap: ${d.source}:${d.line}:${d.column}: `)) fail(`diagnostic head is ${JSON.stringify(head.slice(0, 100))}`);
    if (RAW_CONTROL.test(shown.split('\n').slice(1).join('\n'))) fail(`rendered diagnostic has a raw control character: ${JSON.stringify(shown.slice(0, 300))}`);
  }
}

/** Records have their kind's columns, in order, and numbers that are exact. */
export function checkRecords(o: Observed): void {
  for (const r of o.records) {
    const want = recordColumns(r.kind, r.platform);
    const have = Object.keys(r);
    if (have.join(',') !== want.join(',')) fail(`record fields ${have.join(',')} are not ${want.join(',')}`);
    for (const [k, v] of Object.entries(r)) {
      if (typeof v === 'number' && (!Number.isFinite(v) || (Number.isInteger(v) && !Number.isSafeInteger(v)))) {
        fail(`${k} is ${v}: not exact`);
      }
      if (typeof v === 'bigint' && v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= BigInt(Number.MIN_SAFE_INTEGER)) {
        fail(`${k} is a bigint that fits a number: ${v}`);
      }
    }
  }
}

/**
 * Everything records go through after parsing, one line each: every property test and the fuzz
 * campaign run them on every generated input (query, diff and summary: test/property/record-checks.ts).
 */
export const PIPELINES: { name: string; run(records: NetRecord[]): void }[] = [
  ...(['json', 'ndjson', 'csv', 'markdown', 'table'] as OutputFormat[]).map((format) => ({
    name: `write ${format}`,
    run: (records: NetRecord[]) => checkOutput(format, records),
  })),
  { name: 'netsnap query', run: checkQuery },
  { name: 'netsnap diff', run: checkDiff },
  { name: 'netsnap summary', run: checkSummary },
];

/**
 * Digits of every bigint in the records (in `shown` columns only, when given): the output must hold
 * them exactly. Tables and markdown show a kind's main columns (tableColumnsOf), not every field.
 */
function bigints(records: readonly NetRecord[], shown?: (r: NetRecord) => readonly string[]): string[] {
  const out: string[] = [];
  for (const r of records) {
    const fields = shown === undefined ? Object.keys(r) : shown(r);
    for (const k of fields) {
      const v = (r as unknown as { [k: string]: unknown })[k];
      if (typeof v === 'bigint') out.push(v.toString());
    }
  }
  return out;
}

/** A writer's output for these records is what it should be. */
export function checkOutput(format: OutputFormat, records: NetRecord[]): void {
  switch (format) {
    case 'json': {
      const text = writeRows('json', records);
      const back = JSON.parse(text) as unknown[];
      if (back.length !== records.length) fail(`json has ${back.length} of ${records.length} records`);
      for (const digits of bigints(records)) if (!text.includes(`:${digits}`)) fail(`json lost the digits of ${digits}`);
      return;
    }
    case 'ndjson': {
      const text = writeRows('ndjson', records);
      const lines = text === '' ? [] : text.trimEnd().split('\n');
      if (lines.length !== records.length) fail(`ndjson has ${lines.length} lines for ${records.length} records`);
      for (const l of lines) JSON.parse(l);
      return;
    }
    case 'csv': {
      // One kind per file, as the CLI writes it.
      for (const kind of new Set(records.map((r) => r.kind))) {
        const rows = records.filter((r) => r.kind === kind);
        const text = writeRows('csv', rows);
        const back = parseCsv(text, { columns: true, relax_column_count: false }) as { [k: string]: string }[];
        if (back.length !== rows.length) fail(`csv has ${back.length} of ${rows.length} ${kind} rows`);
        back.forEach((cells, i) => {
          const r = rows[i] as unknown as { [k: string]: unknown };
          for (const [k, v] of Object.entries(cells)) {
            const want = cellText(r[k]);
            // Text, lists and objects are escaped when they start like a formula; numbers never are.
            const isText = typeof r[k] === 'string' || (typeof r[k] === 'object' && r[k] !== null);
            // csv-stringify escapes the full-width forms too (＝ ＋ － ＠), as spreadsheets read them alike.
            const escaped = isText && /^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/.test(want) ? `'${want}` : want;
            if (v !== escaped) fail(`csv cell ${k} of row ${i + 1} is ${JSON.stringify(v)}, not ${JSON.stringify(escaped)}`);
          }
        });
      }
      return;
    }
    case 'markdown':
    case 'table': {
      const text = writeRows(format, records);
      if (RAW_CONTROL.test(text) || /[\u2028\u2029]/.test(text)) fail(`${format} output has a raw control character`);
      for (const digits of bigints(records, (r) => tableColumnsOf(r.kind, r))) if (!text.includes(digits)) fail(`${format} lost the digits of ${digits}`);
      return;
    }
  }
}

/** All checks on one input. `chunkFree`: parse whole too and compare (decoding does not depend on cuts). */
export async function checkInput(
  bytes: Uint8Array,
  options: { cuts?: readonly number[]; lines?: number | null; stableDecode?: boolean } = {},
): Promise<Observed | null> {
  let o: Observed;
  try {
    o = await observe(bytes, options.cuts ?? []);
  } catch (err) {
    // Damaged gzip is the one input the library refuses, with an InputError (exit 2 in the CLI).
    if (isGzip(bytes) && err instanceof InputError && GZIP_ERROR.test(err.message)) return null;
    throw err;
  }
  checkAccounting(o, options.lines ?? null);
  checkDiagnostics(o);
  checkRecords(o);
  for (const p of PIPELINES) {
    try {
      p.run(o.records);
    } catch (err) {
      fail(`${p.name}: ${(err as Error).message}`);
    }
  }
  if (options.stableDecode && (options.cuts ?? []).length > 0) {
    const whole = await observe(bytes);
    if (JSON.stringify(whole.summary.stats) !== JSON.stringify(o.summary.stats)) {
      fail(`chunks change the counts: ${JSON.stringify(o.summary.stats)} vs ${JSON.stringify(whole.summary.stats)} whole`);
    }
    const a = whole.records.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)));
    const b = o.records.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)));
    if (a.join('\n') !== b.join('\n')) fail('chunks change the records');
  }
  return o;
}

/** Run the `netsnap` CLI in process (its real main(), with standard streams of our own). */
export async function runMain(args: string[], stdin: Uint8Array = new Uint8Array(0)): Promise<{ status: number; stdout: string; stderr: string }> {
  const { main } = await import('../../src/cli/main.js');
  const { Writable } = await import('node:stream');
  const sink = (): NodeJS.WritableStream & { text: string } => {
    const w = new Writable({
      write(chunk: Buffer | string, _enc, done) {
        (w as unknown as { text: string }).text += chunk.toString();
        done();
      },
    }) as unknown as NodeJS.WritableStream & { text: string };
    w.text = '';
    return w;
  };
  const stdout = sink();
  const stderr = sink();
  const status = await main(args, {
    stdin: (async function* () {
      yield stdin;
    })(),
    stdout,
    stderr,
    env: {},
  });
  return { status, stdout: stdout.text, stderr: stderr.text };
}

/** The CLI on this input: exit 0 or 1, and standard error only netsnap's own lines. */
export async function checkCli(bytes: Uint8Array, format: OutputFormat): Promise<{ status: number; stderr: string }> {
  const { status, stderr } = await runMain(['convert', '-f', format, '-'], bytes);
  const gzipError = isGzip(bytes) && status === 2 && GZIP_ERROR.test(stderr.split('\n').at(-2) ?? '');
  if (status !== 0 && status !== 1 && !gzipError) fail(`exit code ${status}: ${stderr.slice(0, 300)}`);
  if (/this is a bug|\n\s+at /.test(stderr)) fail(`the CLI crashed: ${stderr.slice(0, 500)}`);
  for (const line of stderr.split('\n')) {
    if (line === '' || line.startsWith('netsnap: ') || /^ {2}(\d+| +) \| /.test(line) || line.startsWith('  expected ')) continue;
    fail(`unexpected standard error line ${JSON.stringify(line.slice(0, 200))}`);
  }
  return { status, stderr };
}

/** The one-line errors for gzip data that cannot be read whole. */
const GZIP_ERROR = /^(?:netsnap: )?cannot read -: (?:damaged gzip data|gzip data ends early \(the file was cut short\))$/;

function isGzip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x1f && bytes[1] === 0x8b;
}
