/**
 * The text of the lines a summary's findings cite. While it reads, the summary keeps only
 * "file:line" (it holds no lines, so memory stays flat); a finding cites at most EVIDENCE_LIMIT
 * lines, so once the summary is made, each input that can be read again (a file, not standard
 * input) is read once more, up to the last line cited in it, and those lines' text is kept.
 */
import type { Encoding } from '../input/decode.js';
import { readLines } from '../input/line-reader.js';
import type { InputRef } from '../snapshots.js';
import { at, splitAt } from './collect.js';
import type { Finding, Summary } from './model.js';

/** A cited line's text is cut here: the reader takes lines up to 64 KiB, a netstat row is short. */
export const EVIDENCE_TEXT_MAX = 1000;

export interface EvidenceTextOptions {
  /** The encoding the inputs were read with (the same bytes must give the same lines). */
  encoding?: Encoding;
  maxLineLength?: number;
  /** An input that could not be read again (moved, deleted): its findings keep their references alone. */
  onError?(source: string, error: unknown): void;
}

/**
 * The summary with `line_texts` on the findings of each input in `inputs` that can be read again.
 * Each input is read once, as far as its last cited line; the findings of other inputs (standard
 * input, or one not given) are as they were.
 */
export async function withEvidenceText(summary: Summary, inputs: readonly InputRef[], options: EvidenceTextOptions = {}): Promise<Summary> {
  const wanted = new Map<string, Set<number>>();
  for (const f of findingsOf(summary)) {
    for (const ref of f.lines) {
      const { source, line } = splitAt(ref);
      let lines = wanted.get(source);
      if (lines === undefined) wanted.set(source, (lines = new Set()));
      lines.add(line);
    }
  }
  const texts = new Map<string, string>();
  const read = new Set<string>();
  const tried = new Set<string>();
  for (const input of inputs) {
    const lines = wanted.get(input.source);
    if (!input.reopenable || lines === undefined || tried.has(input.source)) continue;
    tried.add(input.source);
    try {
      await pickLines(input, lines, texts, options);
      read.add(input.source);
    } catch (err) {
      options.onError?.(input.source, err);
    }
  }
  if (read.size === 0) return summary;
  const add = (source: string) => (f: Finding): Finding =>
    read.has(source) ? { ...f, line_texts: f.lines.map((ref) => texts.get(ref) ?? null) } : f;
  return {
    ...summary,
    snapshots: summary.snapshots.map((s) => ({ ...s, findings: s.findings.map(add(s.source)) })),
    growth: summary.growth.map((g) => ({
      ...g,
      new_findings: g.new_findings.map(add(g.to.source)),
      resolved_findings: g.resolved_findings.map(add(g.from.source)),
    })),
  };
}

function* findingsOf(summary: Summary): Iterable<Finding> {
  for (const s of summary.snapshots) yield* s.findings;
  for (const g of summary.growth) {
    yield* g.new_findings;
    yield* g.resolved_findings;
  }
}

/** Read `input` up to the last of `lines`, keeping their text in `into` by "file:line". */
async function pickLines(input: InputRef, lines: ReadonlySet<number>, into: Map<string, string>, options: EvidenceTextOptions): Promise<void> {
  let last = 0;
  for (const n of lines) if (n > last) last = n;
  let seen = 0;
  const keep = (text: string, no: number): void => {
    seen = no;
    if (lines.has(no)) into.set(at({ source: input.source, line: no }), ownCopy(cut(text, EVIDENCE_TEXT_MAX)));
  };
  await readLines(input.open(), { line: keep, tooLong: keep }, {
    source: input.source,
    ...(options.encoding !== undefined ? { encoding: options.encoding } : {}),
    ...(options.maxLineLength !== undefined ? { maxLineLength: options.maxLineLength } : {}),
    stop: () => seen >= last,
  });
}

/** Text cut to `max` characters, the last one an ellipsis when something was cut. */
export function cut(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * A string that does not hold on to the chunk it was sliced from: V8 keeps a slice as a view of its
 * parent, and a line is a slice of a chunk of up to 1 MiB, so ten kept lines could keep ten chunks.
 */
function ownCopy(text: string): string {
  return Buffer.from(text, 'utf16le').toString('utf16le');
}
