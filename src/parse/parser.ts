/**
 * The parse pipeline: bytes -> text -> numbered lines -> segmenter -> records, a chunk at a time.
 * Memory holds one chunk and the current line, never the whole input.
 */
import type { Diagnostic, LineStats, NetRecord, Platform, SnapshotInfo } from '../types.js';
import { recordColumns } from '../output/columns.js';
import { formatsFor } from './formats/index.js';
import { Decoder, type Encoding } from '../input/decode.js';
import { DEFAULT_MAX_LINE, LineSplitter } from '../input/lines.js';
import { gunzipIfNeeded, readFileChunks, type ByteSource } from '../input/read.js';
import type { FormatPlugin } from './format.js';
import { Segmenter, type ParseSink } from './sections.js';

export interface ParseOptions {
  /** Name for records and diagnostics: the file name, or "-" (the default) for standard input. */
  source?: string;
  /** Input encoding; detected by default. */
  encoding?: Encoding;
  /** Longer lines are reported and skipped (default 64 KiB). */
  maxLineLength?: number;
  /** Formats to recognise (default: all; with `platform`, that platform's formats). */
  formats?: readonly FormatPlugin[];
  /**
   * What printed the text, when the caller knows (--platform): only the formats that can produce
   * records of this platform are tried (formatsFor). A record whose reader decided another platform
   * with the same fields (busybox for linux, openbsd for the freebsd label of BSD unix tables and
   * -s) takes this one; one whose fields are another platform's (a macOS socket table under
   * --platform freebsd) keeps its reader's platform, and a warning says so once per input.
   */
  platform?: Platform;
  /** Awaited after each chunk: lets a writer apply backpressure. */
  afterChunk?: () => Promise<void> | void;
}

export interface ParseSummary {
  source: string;
  stats: LineStats;
  /** The encoding that was used (detected or given). */
  encoding: Encoding;
  /** Number of snapshots (netstat runs) found. */
  snapshots: number;
}

/** Push-style parser for one input: feed it bytes or text, then end(). */
export class InputParser {
  private readonly decoder: Decoder;
  private readonly splitter: LineSplitter;
  private readonly segmenter: Segmenter;
  private snapshotCount = 0;

  constructor(sink: ParseSink, options: ParseOptions = {}) {
    const source = options.source ?? '-';
    this.decoder = new Decoder(options.encoding ?? 'auto');
    const counting: ParseSink = {
      ...bind(sink),
      snapshot: (s) => {
        this.snapshotCount++;
        sink.snapshot?.(s);
      },
    };
    const formats = options.formats ?? (options.platform !== undefined ? formatsFor(options.platform) : undefined);
    if (options.platform !== undefined) counting.record = this.asPlatform(options.platform, source, sink);
    this.segmenter = new Segmenter(source, counting, formats ? { formats } : {});
    // The line being read, for the warning of asPlatform.
    const segmenter = this.segmenter;
    const handler = {
      line: (text: string, no: number) => {
        this.lineText = text;
        this.lineNo = no;
        segmenter.line(text, no);
      },
      tooLong: (start: string, no: number, max: number) => segmenter.tooLong(start, no, max),
    };
    this.splitter = new LineSplitter(options.platform !== undefined ? handler : this.segmenter, options.maxLineLength ?? DEFAULT_MAX_LINE);
  }

  private lineText = '';
  private lineNo = 0;

  /** Records under --platform: the user's platform where the fields allow it (see ParseOptions.platform). */
  private asPlatform(platform: Platform, source: string, sink: ParseSink): (r: NetRecord) => void {
    const warned = new Set<string>();
    return (r) => {
      if (r.platform !== platform) {
        if (recordColumns(r.kind, r.platform).join(',') === recordColumns(r.kind, platform).join(',')) {
          (r as { platform: Platform }).platform = platform;
        } else if (!warned.has(`${r.kind} ${r.platform}`)) {
          warned.add(`${r.kind} ${r.platform}`);
          const text = r.line === this.lineNo ? this.lineText : '';
          sink.diagnostic({
            code: 'NETSNAP_PLATFORM_MISMATCH',
            severity: 'warning',
            source,
            line: r.line,
            column: 1,
            length: 1,
            message: `this ${r.kind} table has ${r.platform}'s columns, not ${platform}'s (--platform): its records keep platform "${r.platform}"`,
            expected: [],
            text,
            section: null,
          });
        }
      }
      sink.record(r);
    };
  }

  push(chunk: Uint8Array | string): void {
    this.splitter.push(typeof chunk === 'string' ? chunk : this.decoder.push(chunk));
  }

  end(): ParseSummary {
    const tail = this.decoder.end();
    if (tail !== '') this.splitter.push(tail);
    this.splitter.end();
    this.segmenter.end();
    return {
      source: this.segmenter.source,
      stats: { ...this.segmenter.stats },
      encoding: this.decoder.encoding,
      snapshots: this.snapshotCount,
    };
  }
}

function bind(sink: ParseSink): ParseSink {
  const out: ParseSink = {
    record: (r) => sink.record(r),
    diagnostic: (d) => sink.diagnostic(d),
  };
  if (sink.structural) out.structural = (k, l, t) => sink.structural!(k, l, t);
  if (sink.skipped) out.skipped = (l, t) => sink.skipped!(l, t);
  return out;
}

/** Stream an input through the parser; the sink receives records and diagnostics as lines arrive. */
export async function parseInput(input: ByteSource | string, sink: ParseSink, options: ParseOptions = {}): Promise<ParseSummary> {
  const parser = new InputParser(sink, options);
  if (typeof input === 'string') {
    parser.push(input);
    return parser.end();
  }
  for await (const chunk of gunzipIfNeeded(input, options.source)) {
    parser.push(chunk);
    if (options.afterChunk) await options.afterChunk();
  }
  return parser.end();
}

/** Stream a file through the parser (gzip detected by its magic bytes). */
export function parseFile(path: string, sink: ParseSink, options: ParseOptions = {}): Promise<ParseSummary> {
  return parseInput(readFileChunks(path), sink, { source: path, ...options });
}

/** Everything about one input, held in memory: for small inputs, tests and scripts. */
export interface ParseResult extends ParseSummary {
  records: NetRecord[];
  diagnostics: Diagnostic[];
  snapshotInfo: SnapshotInfo[];
  /** Lines outside any table that are not netstat output. */
  skipped: { line: number; text: string }[];
}

function collector(): { sink: ParseSink; result: Omit<ParseResult, keyof ParseSummary> } {
  const result = { records: [] as NetRecord[], diagnostics: [] as Diagnostic[], snapshotInfo: [] as SnapshotInfo[], skipped: [] as { line: number; text: string }[] };
  const sink: ParseSink = {
    record: (r) => result.records.push(r),
    diagnostic: (d) => result.diagnostics.push(d),
    snapshot: (s) => result.snapshotInfo.push(s),
    skipped: (line, text) => result.skipped.push({ line, text }),
  };
  return { sink, result };
}

/** Parse text held in memory. */
export function parseText(text: string, options: ParseOptions = {}): ParseResult {
  const { sink, result } = collector();
  const parser = new InputParser(sink, options);
  parser.push(text);
  return { ...parser.end(), ...result };
}

/** Parse an input (bytes, text or a file's chunks) into memory. */
export async function parseAll(input: ByteSource | string, options: ParseOptions = {}): Promise<ParseResult> {
  const { sink, result } = collector();
  const summary = await parseInput(input, sink, options);
  return { ...summary, ...result };
}

/** The records of an input as an async iterable, read a chunk at a time. Diagnostics go to `onDiagnostic`. */
export async function* readRecords(
  input: ByteSource | string,
  options: ParseOptions & { onDiagnostic?: (d: Diagnostic) => void } = {},
): AsyncGenerator<NetRecord, ParseSummary> {
  let batch: NetRecord[] = [];
  const parser = new InputParser(
    { record: (r) => batch.push(r), diagnostic: (d) => options.onDiagnostic?.(d) },
    options,
  );
  if (typeof input === 'string') {
    parser.push(input);
  } else {
    for await (const chunk of gunzipIfNeeded(input, options.source)) {
      parser.push(chunk);
      const out = batch;
      batch = [];
      yield* out;
    }
  }
  const summary = parser.end();
  yield* batch;
  return summary;
}
