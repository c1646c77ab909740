/**
 * Reading a diff's two inputs at once: the second in a worker thread (src/diff/after-worker.ts),
 * which packs the chosen snapshot's records into keys and values while the main thread reads and
 * indexes the first. Once the first is indexed, the packed records are matched against it as they
 * come. On a machine with a second core this takes the second parse off the critical path.
 *
 * Asked for with `parallel` (CLI: --parallel), and used when the second input is a file of 8 MB or
 * more (below that, starting a worker costs more than it saves) and the compiled worker is there
 * (it is in the package; it is not when the sources run under a test runner). Not the default: on
 * the shared 2-core machine it was measured no faster (the other core was busy) and it holds the
 * second file's packed records while the first is indexed (peak RSS 1.03 GB against 0.71 GB for two
 * 1M-line files).
 */
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { InputError, NetsnapError, UsageError } from '../errors.js';
import type { Encoding } from '../input/decode.js';
import type { Spec, SpecDef } from '../query/verbs/diff.js';
import type { Diagnostic, SnapshotInfo } from '../types.js';
import type { SnapshotDiffer, TallyData } from './snapshot-diff.js';

/** What the worker is asked to read. */
export interface AfterJob {
  path: string;
  source: string;
  index: number;
  encoding?: Encoding;
  maxLineLength?: number;
  key?: readonly string[];
  ignore?: readonly string[];
}

export type AfterMessage =
  | {
      type: 'batch';
      /** Specs the worker resolved since its last batch (their ids follow on from the last). */
      specs: SpecDef[];
      ids: Uint8Array;
      lines: Int32Array;
      keyLengths: Int32Array;
      keys: string;
      valueLengths: Int32Array;
      values: string;
    }
  | { type: 'diagnostic'; diagnostic: Diagnostic }
  | { type: 'skipped'; line: number; text: string }
  | { type: 'done'; info: SnapshotInfo | null; count: number; tally: TallyData; seen: { id: number; count: number; seen: boolean[] }[] }
  | { type: 'error'; name: string; code: string | null; message: string; stack: string | null };

const WORKER = new URL('./after-worker.js', import.meta.url);

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

export interface AfterHooks {
  onDiagnostic?(diagnostic: Diagnostic): void;
  onSkipped?(line: number, text: string, source: string): void;
}

/** The second input of a diff, being read by a worker. */
export class AfterReader {
  private readonly worker: Worker;
  private readonly queue: AfterMessage[] = [];
  private differ: SnapshotDiffer | null = null;
  /** Worker spec id -> the main thread's spec. */
  private readonly specs: Spec[] = [];
  private settle: { resolve(info: SnapshotInfo | null, count: number): void; reject(err: Error): void } | null = null;
  private finished = false;
  /** The worker's last message ('done' or 'error') has come: its exit is expected. */
  private received = false;
  /** An error that came before feed() was called. */
  private error: Error | null = null;

  constructor(
    private readonly job: AfterJob,
    private readonly hooks: AfterHooks,
  ) {
    this.worker = new Worker(WORKER, { workerData: job });
    this.worker.on('message', (m: AfterMessage) => this.receive(m));
    this.worker.on('error', (err) => this.fail(err));
    this.worker.on('exit', (code) => {
      if (!this.received) this.fail(new Error(`the worker reading ${job.source} stopped (exit ${code})`));
    });
  }

  /** Match the records read so far, and the rest as they come, against `differ`'s first snapshot. */
  feed(differ: SnapshotDiffer): Promise<{ info: SnapshotInfo | null; count: number }> {
    return new Promise((resolve, reject) => {
      if (this.error !== null) {
        reject(this.error);
        return;
      }
      this.settle = { resolve: (info, count) => resolve({ info, count }), reject };
      this.differ = differ;
      for (const m of this.queue.splice(0)) this.apply(m);
    });
  }

  /** Stop reading (the first input failed). */
  stop(): void {
    this.finished = true;
    void this.worker.terminate();
  }

  private receive(m: AfterMessage): void {
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
        if (this.differ === null) this.queue.push(m);
        else this.apply(m);
    }
  }

  private apply(m: AfterMessage): void {
    const differ = this.differ!;
    if (m.type === 'batch') {
      for (const def of m.specs) this.specs.push(differ.specs.fromDef(def));
      let k = 0;
      let v = 0;
      for (let i = 0; i < m.ids.length; i++) {
        const key = m.keys.slice(k, (k += m.keyLengths[i]!));
        const values = m.values.slice(v, (v += m.valueLengths[i]!));
        differ.afterPacked(this.specs[m.ids[i]!]!, key, values, m.lines[i]!);
      }
    } else if (m.type === 'done') {
      for (const s of m.seen) this.specs[s.id]!.mergeAfter(s.count, s.seen);
      differ.afterTally(m.tally);
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
