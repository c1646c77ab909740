/**
 * Reading the inputs a command names: files, or standard input for none or "-". Diagnostics and
 * skipped lines go to standard error as they are found; a count per input at the end.
 */
import { stat } from 'node:fs/promises';
import { renderDiagnostic } from '../errors.js';
import { readFileChunks } from '../input/read.js';
import type { Encoding } from '../input/decode.js';
import { KNOWN_FORMATS } from '../parse/formats/index.js';
import { parseInput, type ParseOptions, type ParseSummary } from '../parse/parser.js';
import type { ParseSink } from '../parse/sections.js';
import type { NetRecord, Platform, SnapshotInfo } from '../types.js';
import type { CliIO } from './io.js';
import { counted, Progress, wantProgress } from './progress.js';

/** The line for an input with no netstat output at all, with what netsnap reads: the same from every command. */
export function noNetstatOutput(message = 'no netstat output found'): string {
  return `netsnap: ${message}; netsnap reads ${KNOWN_FORMATS}\n`;
}

/** Diagnostics shown in full per input; the rest are counted. */
export const MAX_SHOWN_DIAGNOSTICS = 50;

export interface ReadOptions {
  files: readonly string[];
  encoding: Encoding;
  /** --platform: only the formats that can produce this platform's records (ParseOptions.platform). */
  platform?: string | undefined;
  quiet: boolean;
  io: CliIO;
  onRecord(record: NetRecord): void;
  onSnapshot?(snapshot: SnapshotInfo): void;
  /** Awaited after each chunk (backpressure). */
  afterChunk?: () => Promise<void> | void;
}

export interface ReadResult {
  summaries: ParseSummary[];
  unparsed: number;
  snapshots: number;
}

/** Parse every input in turn, streaming records to onRecord. */
export async function readInputs(options: ReadOptions): Promise<ReadResult> {
  const { io } = options;
  const names = options.files.length === 0 ? ['-'] : options.files;
  const summaries: ParseSummary[] = [];
  const progress = wantProgress(io.stderr, options.quiet, io.env) ? new Progress(io.stderr) : null;
  for (const name of names) {
    let shown = 0;
    let hidden = 0;
    const skipped: number[] = [];
    const onRecord = options.onRecord;
    const sink: ParseSink = {
      record: progress === null ? onRecord : (r) => {
        progress.record();
        onRecord(r);
      },
      diagnostic: (d) => {
        if (options.quiet) return;
        progress?.clear();
        if (shown++ < MAX_SHOWN_DIAGNOSTICS) io.stderr.write(renderDiagnostic(d) + '\n');
        else hidden++;
      },
      skipped: (line) => {
        if (skipped.length < 10_000) skipped.push(line);
      },
    };
    if (options.onSnapshot) sink.snapshot = options.onSnapshot;
    let input = name === '-' ? options.io.stdin : readFileChunks(name);
    if (progress !== null) {
      progress.start(name, name === '-' ? null : await fileSize(name));
      input = counted(input, progress);
    }
    const parseOptions: ParseOptions = { source: name, encoding: options.encoding, ...(options.afterChunk ? { afterChunk: options.afterChunk } : {}) };
    if (options.platform !== undefined) parseOptions.platform = options.platform as Platform;
    let summary: ParseSummary;
    try {
      summary = await parseInput(input, sink, parseOptions);
    } finally {
      progress?.clear();
    }
    summaries.push(summary);
    if (!options.quiet) {
      if (hidden > 0) io.stderr.write(`netsnap: ${name}: ${hidden} more unparsed lines not shown\n`);
      if (summary.stats.skipped > 0) {
        io.stderr.write(
          `netsnap: ${name}: skipped ${plural(summary.stats.skipped, 'line')} that ${summary.stats.skipped === 1 ? 'is' : 'are'} not netstat output: ${ranges(skipped)}\n`,
        );
      }
    }
  }
  return {
    summaries,
    unparsed: summaries.reduce((n, s) => n + s.stats.unparsed, 0),
    snapshots: summaries.reduce((n, s) => n + s.snapshots, 0),
  };
}

/** Size of a file for the progress line; null when it cannot be known. */
export async function fileSize(path: string): Promise<number | null> {
  try {
    return (await stat(path)).size;
  } catch {
    return null;
  }
}

/** Each input's line counts on standard error, named when there is more than one input. */
export function writeCounts(summaries: readonly ParseSummary[], io: CliIO): void {
  for (const s of summaries) io.stderr.write(`netsnap: ${summaries.length > 1 ? `${s.source}: ` : ''}${countLine(s)}\n`);
}

/** "198 lines: 194 records, 4 structural, 0 skipped, 0 unparsed" */
export function countLine(s: ParseSummary): string {
  const t = s.stats;
  return `${plural(t.lines, 'line')}: ${t.records} records, ${t.structural} structural, ${t.skipped} skipped, ${t.unparsed} unparsed`;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "1-2, 40, 51-60" from sorted line numbers. */
export function ranges(lines: readonly number[]): string {
  const out: string[] = [];
  for (let i = 0; i < lines.length; ) {
    let j = i;
    while (j + 1 < lines.length && lines[j + 1] === lines[j]! + 1) j++;
    out.push(i === j ? String(lines[i]) : `${lines[i]}-${lines[j]}`);
    i = j + 1;
  }
  const shown = out.slice(0, 20).join(', ');
  return out.length > 20 ? `${shown}, ...` : shown;
}
