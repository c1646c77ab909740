/**
 * snapshot: the records of one netstat run of each input (`--snapshot N|first|last|all`). Snapshot
 * indexes count from 0 per input, so `first` is snapshot 0 of every input and `last` is the last
 * snapshot of every input.
 *
 * `last` cannot know a snapshot is the last until the next one or the next input starts, so it holds
 * the current snapshot's records: only those `keep` accepts (the query's condition), never more
 * than one snapshot's worth. "Last" is the last snapshot that has records reaching this step.
 */
import { through, type AnyIterable, type Step } from '../stream.js';

export type SnapshotChoice = number | 'first' | 'last' | 'all';

interface Snapshotted {
  snapshot: number;
  source: string;
}

export function snapshotStep<R extends object>(which: SnapshotChoice, keep: (r: R) => boolean = () => true): Step<R, R> {
  if (which === 'all') return (down) => ({ push: (r) => (keep(r) ? down.push(r) : true), end: () => down.end() });
  if (which !== 'last') {
    const n = which === 'first' ? 0 : which;
    return (down) => ({
      push: (r) => ((r as unknown as Snapshotted).snapshot === n && keep(r) ? down.push(r) : true),
      end: () => down.end(),
    });
  }
  return (down) => {
    let source: string | null = null;
    let current = -1;
    let held: R[] = [];
    let open = true;
    const flush = (): void => {
      for (const r of held) {
        if (open && !down.push(r)) open = false;
      }
      held = [];
    };
    return {
      push(r) {
        const s = r as unknown as Snapshotted;
        if (s.source !== source || s.snapshot < current) {
          // A new input: what is held was the last snapshot of the one before.
          flush();
          source = s.source;
          current = s.snapshot;
        } else if (s.snapshot > current) {
          held = [];
          current = s.snapshot;
        }
        if (keep(r)) held.push(r);
        return true;
      },
      end() {
        flush();
        down.end();
      },
    };
  };
}

/** The records of one snapshot of each input. */
export function pickSnapshot<R extends object>(records: Iterable<R>, which: SnapshotChoice): Iterable<R>;
export function pickSnapshot<R extends object>(records: AsyncIterable<R>, which: SnapshotChoice): AsyncIterable<R>;
export function pickSnapshot<R extends object>(records: AnyIterable<R>, which: SnapshotChoice): AnyIterable<R>;
export function pickSnapshot<R extends object>(records: AnyIterable<R>, which: SnapshotChoice): AnyIterable<R> {
  return through(records, snapshotStep<R>(which));
}
