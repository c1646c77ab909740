/**
 * A worker thread that reads one input of a diff while the main thread does other work: it parses
 * the file, packs the records of the chosen snapshot into keys and values (as the diff would), with
 * each key's hash, and posts them in batches, with the snapshot's tally and description at the end.
 * For the last snapshot of an input ('last'), each snapshot is posted as it passes and a 'reset'
 * starts the next one. See src/diff/parallel.ts for the other side.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readFileChunks } from '../input/read.js';
import { parseInput, type ParseOptions } from '../parse/parser.js';
import { SpecBook, type DiffOptions } from '../query/verbs/diff.js';
import type { SnapshotInfo } from '../types.js';
import { BatchPacker } from './encode.js';
import type { Batch, SideJob, SideMessage } from './parallel.js';
import { Tally } from './snapshot-diff.js';

/** Records per batch: a batch of the first input becomes one chunk of the main thread's index. */
const BATCH = 4096;

class Enough extends Error {}

async function run(job: SideJob): Promise<void> {
  const port = parentPort!;
  const post = (m: SideMessage): void => port.postMessage(m);
  const options: DiffOptions = {};
  if (job.key !== undefined) options.key = job.key;
  if (job.ignore !== undefined) options.ignore = job.ignore;
  const after = job.side === 'after';
  let specs = new SpecBook(options);
  let tally = new Tally();
  let sentSpecs = 0;
  // The batch being filled: its records packed into bytes (no string per record), handed over whole.
  const packer = new BatchPacker(BATCH);
  const flush = (): void => {
    const newSpecs = specs.list.slice(sentSpecs).map((s) => s.def);
    sentSpecs = specs.list.length;
    if (packer.size === 0 && newSpecs.length === 0) return;
    const batch: Batch = { type: 'batch', specs: newSpecs, ...packer.take() };
    // Handed over, not copied.
    const moved = [batch.data, batch.keyLengths, batch.valueLengths, batch.hashes, batch.lines, batch.ids].map((a) => a.buffer as ArrayBuffer);
    port.postMessage(batch, moved);
  };
  /** The last snapshot is wanted: forget the one read so far, a later one is coming. */
  const reset = (): void => {
    packer.take();
    specs = new SpecBook(options);
    tally = new Tally();
    sentSpecs = 0;
    post({ type: 'reset' });
  };
  let info: SnapshotInfo | null = null;
  let count = 0;
  let current = -1;
  const parseOptions: ParseOptions = { source: job.source };
  if (job.encoding !== undefined) parseOptions.encoding = job.encoding;
  if (job.maxLineLength !== undefined) parseOptions.maxLineLength = job.maxLineLength;
  try {
    await parseInput(
      readFileChunks(job.path),
      {
        record: (r) => {
          if (job.index === 'last') {
            if (r.snapshot !== current) {
              if (current !== -1) reset();
              current = r.snapshot;
            }
          } else if (r.snapshot !== job.index) return;
          tally.add(r);
          const spec = specs.of(r);
          spec.see(r, after);
          if (packer.add(spec, r, r.line)) flush();
        },
        diagnostic: (d) => post({ type: 'diagnostic', diagnostic: d }),
        skipped: (line, text) => post({ type: 'skipped', line, text }),
        snapshot: (s) => {
          count++;
          if (job.index === 'last') info = s;
          else if (s.index === job.index) {
            info = s;
            throw new Enough();
          }
        },
      },
      parseOptions,
    );
  } catch (err) {
    if (!(err instanceof Enough)) throw err;
  }
  // The last snapshot had no records (only a header): it is empty, not the one before.
  if (job.index === 'last' && info !== null && (info as SnapshotInfo).index !== current && current !== -1) reset();
  flush();
  post({
    type: 'done',
    info,
    count,
    tally: tally.data,
    seen: specs.list.map((s) => ({ id: s.id, count: after ? s.countAfter : s.countBefore, seen: after ? s.seenAfter : s.seenBefore })),
  });
}

run(workerData as SideJob).catch((err: unknown) => {
  const e = err as { name?: string; code?: string; message?: string; stack?: string };
  parentPort!.postMessage({ type: 'error', name: e?.name ?? 'Error', code: e?.code ?? null, message: e?.message ?? String(err), stack: e?.stack ?? null });
});
