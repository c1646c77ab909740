/**
 * Reading a diff's inputs in worker threads (src/diff/side-worker.ts): each worker parses one file
 * and packs the chosen snapshot's records into keys and values, with the keys' hashes. The first
 * input's batches are taken whole into the main thread's index (key-index.ts: no string is made per
 * record); the second's wait until the first is indexed, then are matched against it. With two
 * cores both files are parsed at once, and the main thread only indexes, matches and writes.
 *
 * Asked for with `parallel` (the CLI's default on a machine with more than one core), and used for
 * an input that is a file of 8 MB or more (below that, starting a worker costs more than it saves;
 * 'always' uses one anyway) when the compiled worker is there (it is in the package; it is not when
 * the sources run under a test runner).
 */
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InputError, NetsnapError, UsageError } from '../errors.js';
import type { Encoding } from '../input/decode.js';
import type { Spec, SpecBook, SpecDef } from '../query/verbs/diff.js';
import type { PackedBatch } from './encode.js';
import type { Diagnostic, SnapshotInfo } from '../types.js';
import type { SnapshotDiffer, TallyData } from './snapshot-diff.js';

/** What a worker is asked to read: snapshot `index` of a file ('last': each in turn, the last remains). */
export interface SideJob {
  side: 'before' | 'after';
  path: string;
  source: string;
  index: number | 'last';
  encoding?: Encoding;
  maxLineLength?: number;
  key?: readonly string[];
  ignore?: readonly string[];
}

/** Packed records as a worker sends them. */
export interface Batch extends PackedBatch {
  type: 'batch';
  /** Specs the worker resolved since its last batch (their ids follow on from the last). */
  specs: SpecDef[];
}

export type SideMessage =
  | Batch
  | { type: 'reset' }
  | { type: 'diagnostic'; diagnostic: Diagnostic }
  | { type: 'skipped'; line: number; text: string }
  | { type: 'done'; info: SnapshotInfo | null; count: number; tally: TallyData; seen: { id: number; count: number; seen: boolean[] }[] }
  | { type: 'error'; name: string; code: string | null; message: string; stack: string | null };

const WORKER = new URL('./side-worker.js', import.meta.url);

/** The young generation of a worker's heap, in MB. */
const YOUNG_MB = 48;

/** Below this size, starting a worker costs more than it saves. */
const MIN_SIZE = 8 << 20;

/**
 * Whether to read `path` in a worker: the compiled worker is there, and the file is large enough to
 * be worth it (or `always`).
 */
export function worthParallel(path: string, always = false): boolean {
  try {
    return WORKER.protocol === 'file:' && existsSync(fileURLToPath(WORKER)) && (always || statSync(path).size >= MIN_SIZE);
  } catch {
    return false;
  }
}

export interface SideHooks {
  onDiagnostic?(diagnostic: Diagnostic): void;
  onSkipped?(line: number, text: string, source: string): void;
}

/** Where a worker's records go: one side of a differ. */
export interface SideSink {
  /** The specs records are matched by (new after a reset). */
  readonly specs: SpecBook;
  /** A batch, with the main thread's spec for each of the worker's spec ids. */
  batch(batch: PackedBatch, specs: readonly Spec[]): void;
  tally(data: TallyData): void;
  /** Forget the records given so far: a later snapshot is the one wanted. */
  reset(): void;
}

/** One side of a differ as a sink. */
export function sideOf(differ: SnapshotDiffer, side: 'before' | 'after'): SideSink {
  return {
    get specs() {
      return differ.specs;
    },
    batch: (batch, specs) => differ.batch(side, batch, specs),
    tally: (data) => differ.tally(side, data),
    reset: () => differ.reset(),
  };
}

/** One input of a diff, being read by a worker. */
export class SideReader {
  private readonly worker: Worker;
  private readonly queue: SideMessage[] = [];
  private sink: SideSink | null = null;
  /** Worker spec id -> the main thread's spec. */
  private specs: Spec[] = [];
  private settle: { resolve(info: SnapshotInfo | null, count: number): void; reject(err: Error): void } | null = null;
  private finished = false;
  /** The worker's last message ('done' or 'error') has come: its exit is expected. */
  private received = false;
  /** An error that came before feed() was called. */
  private error: Error | null = null;

  constructor(
    private readonly job: SideJob,
    private readonly hooks: SideHooks,
  ) {
    // A larger young generation than the default: a worker makes a record per line and drops it
    // soon after, and fewer scavenges save about a tenth of the run (measured on two 1M-line files).
    this.worker = new Worker(WORKER, { workerData: job, resourceLimits: { maxYoungGenerationSizeMb: YOUNG_MB } });
    this.worker.on('message', (m: SideMessage) => this.receive(m));
    this.worker.on('error', (err) => this.fail(err));
    this.worker.on('exit', (code) => {
      if (!this.received) this.fail(new Error(`the worker reading ${job.source} stopped (exit ${code})`));
    });
  }

  /** Give the records read so far, and the rest as they come, to `sink`. */
  feed(sink: SideSink): Promise<{ info: SnapshotInfo | null; count: number }> {
    return new Promise((resolve, reject) => {
      if (this.error !== null) {
        reject(this.error);
        return;
      }
      this.settle = { resolve: (info, count) => resolve({ info, count }), reject };
      this.sink = sink;
      for (const m of this.queue.splice(0)) this.apply(m);
    });
  }

  /** Stop reading (the other input failed). */
  stop(): void {
    this.finished = true;
    void this.worker.terminate();
  }

  private receive(m: SideMessage): void {
    if (this.finished) return;
    if (m.type === 'done' || m.type === 'error') this.received = true;
    switch (m.type) {
      case 'diagnostic':
        this.hooks.onDiagnostic?.(m.diagnostic);
        return;
      case 'skipped':
        this.hooks.onSkipped?.(m.line, m.text, this.job.source);
        return;
      case 'error':
        this.fail(rebuild(m));
        return;
      default:
        if (this.sink === null) this.queue.push(m);
        else this.apply(m);
    }
  }

  private apply(m: SideMessage): void {
    const sink = this.sink!;
    if (m.type === 'batch') {
      for (const def of m.specs) this.specs.push(sink.specs.fromDef(def));
      sink.batch(m, this.specs);
    } else if (m.type === 'reset') {
      sink.reset();
      this.specs = [];
    } else if (m.type === 'done') {
      for (const s of m.seen) this.specs[s.id]!.merge(this.job.side === 'after', s.count, s.seen);
      sink.tally(m.tally);
      this.finished = true;
      void this.worker.terminate();
      this.settle!.resolve(m.info, m.count);
    }
  }

  private fail(err: Error): void {
    if (this.finished) return;
    this.finished = true;
    void this.worker.terminate();
    if (this.settle !== null) this.settle.reject(err);
    else this.error = err;
  }
}

/** The error the worker met, as the class the main thread would have thrown. */
function rebuild(m: { name: string; code: string | null; message: string }): Error {
  if (m.name === 'InputError') return new InputError(m.message);
  if (m.name === 'UsageError') return new UsageError(m.message, m.code ?? undefined);
  if (m.code !== null && m.code.startsWith('NETSNAP_')) return new NetsnapError(m.code, m.message);
  return new Error(m.message);
}
