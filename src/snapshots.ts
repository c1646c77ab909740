/**
 * Snapshots of an input, and diffs between them: the library behind `netsnap snapshots` and
 * `netsnap diff`.
 *
 * Inputs are streamed: listing holds one description per snapshot; a diff holds the first
 * snapshot's records as compact keys and values (src/query/verbs/diff.ts) while the second streams
 * past, and stops reading an input once the snapshot it needs is complete.
 */
import { NetsnapError, UsageError } from './errors.js';
import { readFileChunks, type ByteSource } from './input/read.js';
import { parseInput, type ParseOptions, type ParseSummary } from './parse/parser.js';
import type { ParseSink } from './parse/sections.js';
import { SnapshotDiffer, type SnapshotDiff } from './diff/snapshot-diff.js';
import { SideReader, sideOf, worthParallel, type SideJob } from './diff/parallel.js';
import type { DiffOptions } from './query/verbs/diff.js';
import type { Diagnostic, NetRecord, SnapshotInfo } from './types.js';

/** An input that can be read (and, for files, read again). */
export interface InputRef {
  /** Name for records and messages: the file name, or "-". */
  source: string;
  /** The file's path, when it is a file. */
  path?: string;
  open(): ByteSource | string;
  /** Whether open() may be called more than once (a file; not standard input). */
  reopenable: boolean;
}

/** A file as an input. */
export function fileInput(path: string): InputRef {
  return { source: path, path, open: () => readFileChunks(path), reopenable: true };
}

/** Text held in memory as an input. */
export function textInput(text: string, source = '-'): InputRef {
  return { source, open: () => text, reopenable: true };
}

/** A stream as an input (read once). */
export function streamInput(stream: ByteSource, source = '-'): InputRef {
  let used = false;
  return {
    source,
    open: () => {
      if (used) throw new UsageError(`${source} can only be read once`);
      used = true;
      return stream;
    },
    reopenable: false,
  };
}

/** Which snapshot: an index from 0, negative from the end (-1 is the last), or 'first' / 'last'. */
export type SnapshotSelector = number | 'first' | 'last';

/** What the parser reports beside records, for callers that show it (the CLI does). */
export interface ReadHooks {
  onDiagnostic?(diagnostic: Diagnostic): void;
  onSkipped?(line: number, text: string, source: string): void;
  /** Each input's line counts, once it has been read (not called for an input read only in part). */
  onSummary?(summary: ParseSummary): void;
}

export type ReadOptions = Pick<ParseOptions, 'encoding' | 'maxLineLength' | 'formats' | 'platform'> & ReadHooks;

/** The snapshots of an input, and its line counts. */
export async function listSnapshots(input: InputRef, options: ReadOptions = {}): Promise<{ snapshots: SnapshotInfo[]; summary: ParseSummary }> {
  const snapshots: SnapshotInfo[] = [];
  const summary = await read(input, options, {
    record: () => {},
    snapshot: (s) => snapshots.push(s),
  });
  return { snapshots, summary: summary! };
}

/** Stop reading an input: the snapshot needed is complete. */
class Enough extends Error {}

/** Read an input through a sink (plus the hooks); null when the sink stopped early. */
async function read(input: InputRef, options: ReadOptions, sink: Omit<ParseSink, 'diagnostic'>): Promise<ParseSummary | null> {
  const full: ParseSink = {
    ...sink,
    diagnostic: (d) => options.onDiagnostic?.(d),
    skipped: (line, text) => options.onSkipped?.(line, text, input.source),
  };
  const parseOptions: ParseOptions = { source: input.source };
  if (options.encoding !== undefined) parseOptions.encoding = options.encoding;
  if (options.maxLineLength !== undefined) parseOptions.maxLineLength = options.maxLineLength;
  if (options.formats !== undefined) parseOptions.formats = options.formats;
  if (options.platform !== undefined) parseOptions.platform = options.platform;
  try {
    const summary = await parseInput(input.open(), full, parseOptions);
    options.onSummary?.(summary);
    return summary;
  } catch (err) {
    if (err instanceof Enough) return null;
    throw err;
  }
}

export interface DiffInputOptions extends DiffOptions, ReadOptions {
  /** The snapshot of the first input (default: its last; within one input, see diffWithin). */
  from?: SnapshotSelector;
  /** The snapshot of the second input (default: its first). */
  to?: SnapshotSelector;
  /**
   * Read each input in a worker thread, both at once: faster with a second core, at the cost of
   * memory (the second file's packed records wait while the first is indexed). Done for an input
   * that is a file of 8 MB or more whose snapshot is counted from the start or is the last; 'always'
   * does it for smaller files too. Default false (the CLI turns it on when there is a second core).
   * The result is the same either way.
   */
  parallel?: boolean | 'always';
}

/**
 * Diff two inputs: a snapshot of `before` (its last by default) with a snapshot of `after` (its
 * first by default): "the state before the incident" and "the state after".
 */
export async function diffInputs(before: InputRef, after: InputRef, options: DiffInputOptions = {}): Promise<SnapshotDiff> {
  const differ = new SnapshotDiffer(options);
  const from = options.from ?? 'last';
  const to = options.to ?? 'first';
  const fromIndex = from === 'first' ? 0 : from === 'last' ? -1 : from;
  const toIndex = to === 'first' ? 0 : to === 'last' ? -1 : to;
  const beforeReader = sideReader('before', before, from === 'first' ? 0 : from, options);
  const afterReader = sideReader('after', after, toIndex, options);
  let beforeInfo: SnapshotInfo;
  try {
    if (beforeReader === null) {
      beforeInfo = await feedSide(before, from, options, (r) => differ.before(r), () => differ.reset());
    } else {
      const { info, count } = await beforeReader.feed(sideOf(differ, 'before'));
      beforeInfo = need(info, fromIndex, count, before.source);
    }
  } catch (err) {
    afterReader?.stop();
    throw err;
  }
  if (afterReader === null) return differ.finish(beforeInfo, await feedSide(after, to, options, (r) => differ.after(r)));
  const { info, count } = await afterReader.feed(sideOf(differ, 'after'));
  return differ.finish(beforeInfo, need(info, toIndex, count, after.source));
}

/**
 * A worker reading snapshot `index` of `input`, when `parallel` asks for one and it can: the input
 * is a file (large enough, unless 'always'), the snapshot is counted from the start or is the last,
 * and no formats are given as code (they cannot be handed to another thread, nor is a platform).
 */
function sideReader(side: 'before' | 'after', input: InputRef, index: number | 'last', options: DiffInputOptions): SideReader | null {
  const movable = options.formats === undefined && options.platform === undefined;
  if (options.parallel === undefined || options.parallel === false || !movable || input.path === undefined) return null;
  if (index !== 'last' && index < 0) return null;
  if (!worthParallel(input.path, options.parallel === 'always')) return null;
  const job: SideJob = { side, path: input.path, source: input.source, index };
  if (options.encoding !== undefined) job.encoding = options.encoding;
  if (options.maxLineLength !== undefined) job.maxLineLength = options.maxLineLength;
  if (options.key !== undefined) job.key = options.key;
  if (options.ignore !== undefined) job.ignore = options.ignore;
  return new SideReader(job, options);
}

/**
 * Diff snapshots of one input: each consecutive pair (0-1, 1-2, ...), or the pair `from`-`to` when
 * either is given (`from` alone: it and the next; `to` alone: the one before and it).
 * `onDiff` receives each diff as soon as it is complete; with it, the consecutive diffs are handed
 * over and not kept (a long log has many), and the list returned is empty.
 */
export async function diffWithin(input: InputRef, options: DiffInputOptions & { onDiff?(diff: SnapshotDiff): void } = {}): Promise<SnapshotDiff[]> {
  if (options.from === undefined && options.to === undefined) return diffConsecutive(input, options);
  let from = options.from;
  let to = options.to;
  let count: number | null = null;
  const needsCount = (s: SnapshotSelector | undefined): boolean => s === 'last' || (typeof s === 'number' && s < 0);
  if (needsCount(from) || needsCount(to) || from === undefined || to === undefined) {
    if (needsCount(from) || needsCount(to)) count = await countSnapshots(input, options);
    if (from === undefined) from = resolveIndex(to!, count, input.source) - 1;
    if (to === undefined) to = resolveIndex(from, count, input.source) + 1;
  }
  const f = resolveIndex(from, count, input.source);
  const t = resolveIndex(to, count, input.source);
  if (f < 0 || t < 0) throw new UsageError(`${input.source}: there is no snapshot ${f < 0 ? f : t}`, 'NETSNAP_NO_SNAPSHOT');
  let result: SnapshotDiff;
  if (f < t) {
    // One pass: snapshot f is indexed as it passes, then t streams against it.
    const differ = new SnapshotDiffer(options);
    const infos = new Map<number, SnapshotInfo>();
    await read(input, options, {
      record: (r) => {
        if (r.snapshot === f) differ.before(r);
        else if (r.snapshot === t) differ.after(r);
      },
      snapshot: (s) => {
        infos.set(s.index, s);
        if (s.index === t) throw new Enough();
      },
    });
    result = differ.finish(need(infos.get(f), f, infos.size, input.source), need(infos.get(t), t, infos.size, input.source));
  } else {
    if (!input.reopenable) throw new UsageError(`${input.source}: to compare snapshot ${f} with an earlier one, netsnap reads the input twice; give a file, not standard input`);
    const differ = new SnapshotDiffer(options);
    const beforeInfo = await feedSide(input, f, options, (r) => differ.before(r));
    const afterInfo = await feedSide(input, t, options, (r) => differ.after(r));
    result = differ.finish(beforeInfo, afterInfo);
  }
  options.onDiff?.(result);
  return [result];
}

async function diffConsecutive(input: InputRef, options: DiffInputOptions & { onDiff?(diff: SnapshotDiff): void }): Promise<SnapshotDiff[]> {
  const results: SnapshotDiff[] = [];
  // differs.get(k) compares snapshot k with k + 1.
  const differs = new Map<number, SnapshotDiffer>();
  const differ = (k: number): SnapshotDiffer => {
    let d = differs.get(k);
    if (d === undefined) {
      d = new SnapshotDiffer(options);
      differs.set(k, d);
    }
    return d;
  };
  let previous: SnapshotInfo | null = null;
  let count = 0;
  await read(input, options, {
    record: (r) => {
      if (r.snapshot > 0) differ(r.snapshot - 1).after(r);
      differ(r.snapshot).before(r);
    },
    snapshot: (s) => {
      count++;
      differ(s.index);
      if (previous !== null) {
        const result = differ(previous.index).finish(previous, s);
        differs.delete(previous.index);
        if (options.onDiff) options.onDiff(result);
        else results.push(result);
      }
      previous = s;
    },
  });
  if (count === 0) throw new NetsnapError('NETSNAP_NO_DATA', `${input.source}: no netstat output found`);
  if (count === 1) throw new UsageError(`${input.source} has one snapshot: nothing to compare it with (give a second file)`, 'NETSNAP_NO_SNAPSHOT');
  return results;
}

/** Feed the records of one snapshot of an input to `add`; its description. */
async function feedSide(
  input: InputRef,
  which: SnapshotSelector,
  options: ReadOptions,
  add: (r: NetRecord) => void,
  reset?: () => void,
): Promise<SnapshotInfo> {
  if (which === 'last' || which === -1) {
    if (reset !== undefined) {
      // Index every snapshot as it passes and start again at the next: the last one remains.
      let current = -1;
      const seen: { last: SnapshotInfo | null } = { last: null };
      await read(input, options, {
        record: (r) => {
          if (r.snapshot !== current) {
            if (current !== -1) reset();
            current = r.snapshot;
          }
          add(r);
        },
        snapshot: (s) => {
          seen.last = s;
        },
      });
      const last = seen.last;
      if (last === null) throw new NetsnapError('NETSNAP_NO_DATA', `${input.source}: no netstat output found`);
      // The last snapshot had no records (only a header): it is empty, not the one before.
      if (last.index !== current && current !== -1) reset();
      return last;
    }
  }
  let index: number;
  if (which === 'first') index = 0;
  else if (which === 'last' || which < 0) {
    if (!input.reopenable) throw new UsageError(`${input.source}: to find its last snapshots, netsnap reads the input twice; give a file, not standard input`);
    index = resolveIndex(which, await countSnapshots(input, options), input.source);
  } else index = which;
  let info: SnapshotInfo | null = null;
  let count = 0;
  await read(input, options, {
    record: (r) => {
      if (r.snapshot === index) add(r);
    },
    snapshot: (s) => {
      count++;
      if (s.index === index) {
        info = s;
        throw new Enough();
      }
    },
  });
  return need(info, index, count, input.source);
}

function need(info: SnapshotInfo | null | undefined, index: number, count: number, source: string): SnapshotInfo {
  if (info !== null && info !== undefined) return info;
  if (count === 0) throw new NetsnapError('NETSNAP_NO_DATA', `${source}: no netstat output found`);
  throw new UsageError(`${source} has ${count} snapshot${count === 1 ? '' : 's'} (0-${count - 1}): there is no snapshot ${index}`, 'NETSNAP_NO_SNAPSHOT');
}

async function countSnapshots(input: InputRef, options: ReadOptions): Promise<number> {
  let n = 0;
  await read(input, { ...options, onDiagnostic: () => {}, onSkipped: () => {}, onSummary: () => {} }, { record: () => {}, snapshot: () => n++ });
  if (n === 0) throw new NetsnapError('NETSNAP_NO_DATA', `${input.source}: no netstat output found`);
  return n;
}

function resolveIndex(which: SnapshotSelector, count: number | null, source: string): number {
  if (which === 'first') return 0;
  if (which === 'last') return count! - 1;
  if (which < 0) {
    const i = count! + which;
    if (i < 0) throw new UsageError(`${source} has ${count} snapshots: there is no snapshot ${which}`, 'NETSNAP_NO_SNAPSHOT');
    return i;
  }
  return which;
}

/**
 * Diff two snapshots given as records (held in memory): the report `netsnap diff` prints.
 * `before` and `after` describe the snapshots (timestamps give per-second rates).
 */
export function diffSnapshots(
  beforeRecords: Iterable<NetRecord>,
  afterRecords: Iterable<NetRecord>,
  options: DiffOptions & { before?: SnapshotInfo; after?: SnapshotInfo } = {},
): SnapshotDiff {
  const differ = new SnapshotDiffer(options);
  for (const r of beforeRecords) differ.before(r);
  for (const r of afterRecords) differ.after(r);
  return differ.finish(options.before ?? null, options.after ?? null);
}
