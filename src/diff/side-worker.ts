/**
 * A worker thread that reads the second input of a diff while the main thread reads the first:
 * it parses the file, packs the records of the chosen snapshot into keys and values (as the diff
 * would) and posts them in batches, with the snapshot's tally and description at the end. See
 * src/diff/parallel.ts for the other side.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { readFileChunks } from '../input/read.js';
import { parseInput, type ParseOptions } from '../parse/parser.js';
import { SpecBook, type DiffOptions } from '../query/verbs/diff.js';
import type { SnapshotInfo } from '../types.js';
import type { AfterJob, AfterMessage } from './parallel.js';
import { Tally } from './snapshot-diff.js';

const BATCH = 4096;

class Enough extends Error {}

async function run(job: AfterJob): Promise<void> {
  const port = parentPort!;
  const post = (m: AfterMessage): void => port.postMessage(m);
  const options: DiffOptions = {};
  if (job.key !== undefined) options.key = job.key;
  if (job.ignore !== undefined) options.ignore = job.ignore;
  const specs = new SpecBook(options);
  const tally = new Tally();
  let sentSpecs = 0;
  let ids: number[] = [];
  let lines: number[] = [];
  let keys: string[] = [];
  let values: string[] = [];
  const flush = (): void => {
    const newSpecs = specs.list.slice(sentSpecs).map((s) => s.def);
    sentSpecs = specs.list.length;
    if (ids.length === 0 && newSpecs.length === 0) return;
    post({
      type: 'batch',
      specs: newSpecs,
      ids: Uint8Array.from(ids),
      lines: Int32Array.from(lines),
      // One string for the keys of the batch and one for the values (with their lengths): a few
      // large strings cross between threads and wait in the queue, not a million small ones.
      keyLengths: Int32Array.from(keys, (k) => k.length),
      keys: keys.join(''),
      valueLengths: Int32Array.from(values, (v) => v.length),
      values: values.join(''),
    });
    ids = [];
    lines = [];
    keys = [];
    values = [];
  };
  let info: SnapshotInfo | null = null;
  let count = 0;
  const parseOptions: ParseOptions = { source: job.source };
  if (job.encoding !== undefined) parseOptions.encoding = job.encoding;
  if (job.maxLineLength !== undefined) parseOptions.maxLineLength = job.maxLineLength;
  try {
    await parseInput(
      readFileChunks(job.path),
      {
        record: (r) => {
          if (r.snapshot !== job.index) return;
          tally.add(r);
          const spec = specs.of(r);
          spec.see(r, true);
          ids.push(spec.id);
          lines.push(r.line);
          keys.push(spec.encodeKey(r));
          values.push(spec.encodeValues(r));
          if (ids.length >= BATCH) flush();
        },
        diagnostic: (d) => post({ type: 'diagnostic', diagnostic: d }),
        skipped: (line, text) => post({ type: 'skipped', line, text }),
        snapshot: (s) => {
          count++;
          if (s.index === job.index) {
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
  flush();
  post({
    type: 'done',
    info,
    count,
    tally: tally.data,
    seen: specs.list.map((s) => ({ id: s.id, count: s.countAfter, seen: s.seenAfter })),
  });
}

run(workerData as AfterJob).catch((err: unknown) => {
  const e = err as { name?: string; code?: string; message?: string; stack?: string };
  parentPort!.postMessage({ type: 'error', name: e?.name ?? 'Error', code: e?.code ?? null, message: e?.message ?? String(err), stack: e?.stack ?? null });
});
