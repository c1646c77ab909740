/**
 * fast-check generators of bad input: real samples, mutated the ways real files go wrong. Shared by
 * the property tests (a few hundred inputs) and `npm run fuzz` (a long campaign).
 */
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { readSample, sampleFiles, seededRandom } from '../helpers.js';

/** One generated input: its bytes, where a stream cuts them, and what the test may expect of it. */
export interface BadInput {
  /** What was done to the sample, for failure reports. */
  steps: string[];
  bytes: Uint8Array;
  /** Offsets where the byte stream is cut into chunks. */
  cuts: number[];
  /**
   * The number of lines a correct reader finds, when the mutations leave it known: the text had no
   * CR of its own and no random bytes were put in. null otherwise.
   */
  lines: number | null;
  /** The bytes decode the same whatever the chunks (no legacy code page guess involved). */
  stableDecode: boolean;
}

let seeds: string[] | null = null;

/** The sample texts mutations start from (every file under samples/). */
export function seedTexts(): string[] {
  seeds ??= sampleFiles().map((f) => readSample(f));
  return seeds;
}

/** Numbers at the edges: 2^53 and around it, 2^64 and beyond, and things that are not numbers. */
export const EDGE_NUMBERS = [
  '9007199254740991',
  '9007199254740992',
  '9007199254740993',
  '18446744073709551615',
  '18446744073709551616',
  '340282366920938463463374607431768211456',
  '1' + '0'.repeat(400),
  '0'.repeat(30) + '7',
  '-1',
  '-9007199254740993',
  '1e5',
  '0x10',
  '12x',
  '٣',
  '１２',
  '1.5',
  'NaN',
  'Infinity',
];

/** Characters of every Unicode category that trouble text tools, and a few escape sequences. */
export const HARD_CHARS = [
  '\0', '\x01', '\x07', '\b', '\t', '\x0b', '\f', '\x1b', '\x7f', '\x85', '\x9b', '\xa0', '\xad',
  '\u0301', '\u0488', '\u200b', '\u200d', '\u200e', '\u202e', '\u2028', '\u2029', '\u3000', '\ufeff',
  '\ufffd', '\uffff', '\ud800', '\udfff', '\ud83d\ude00', '\u{1f3f3}\u{fe0f}\u200d\u{1f308}', '\ue000',
  '\u{10ffff}', '漢', 'ß', 'İ', 'ﬀ', 'Ω', 'ǅ', '٣', '\u0660', '\u0915\u094d', '\u{1d7d8}',
  '\x1b[31m', '\x1b[2J', '\x1b]0;title\x07', '\x1b[?2004h', '\x9b1m', '\r', '\n', '\r\n',
  '=cmd|"/c calc"!A1', '+1', '-2', '@SUM(A1)', '"', ',', '|', '\\', '`', '<script>',
];

/** A small seeded generator (mulberry32), so that one fast-check seed gives one input. */
export class Rng {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = seededRandom(seed);
  }
  /** An integer from min to max, both included. */
  nextInt(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
}

type Mutation = (lines: string[], r: Rng) => string;

function pick<T>(r: Rng, list: readonly T[]): T {
  return list[r.nextInt(0, list.length - 1)]!;
}

/** Tokens of a line with their positions. */
function tokensOf(line: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  const re = /\S+/g;
  for (let m = re.exec(line); m !== null; m = re.exec(line)) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

function randomLine(lines: string[], r: Rng): number {
  return lines.length === 0 ? -1 : r.nextInt(0, lines.length - 1);
}

/** Each mutation changes `lines` in place and names what it did. */
const MUTATIONS: { [name: string]: Mutation } = {
  'delete column': (lines, r) => {
    const i = randomLine(lines, r);
    if (i < 0) return 'nothing';
    const toks = tokensOf(lines[i]!);
    if (toks.length === 0) return 'nothing';
    const t = pick(r, toks);
    lines[i] = lines[i]!.slice(0, t.start) + lines[i]!.slice(t.end);
    return `line ${i + 1}`;
  },
  'duplicate column': (lines, r) => {
    const i = randomLine(lines, r);
    if (i < 0) return 'nothing';
    const toks = tokensOf(lines[i]!);
    if (toks.length === 0) return 'nothing';
    const t = pick(r, toks);
    const tok = lines[i]!.slice(t.start, t.end);
    lines[i] = `${lines[i]!.slice(0, t.end)} ${tok}${lines[i]!.slice(t.end)}`;
    return `line ${i + 1}`;
  },
  'edge number': (lines, r) => {
    const i = randomLine(lines, r);
    if (i < 0) return 'nothing';
    const toks = tokensOf(lines[i]!).filter((t) => /^\d+$/.test(lines[i]!.slice(t.start, t.end)));
    const n = pick(r, EDGE_NUMBERS);
    if (toks.length === 0) return 'nothing';
    const t = pick(r, toks);
    lines[i] = lines[i]!.slice(0, t.start) + n + lines[i]!.slice(t.end);
    return `line ${i + 1}: ${n.slice(0, 20)}`;
  },
  'long token': (lines, r) => {
    const i = randomLine(lines, r);
    if (i < 0) return 'nothing';
    const len = pick(r, [300, 5000, 70_000]);
    const ch = pick(r, ['x', '9', '/', 'é', ' ', '[']);
    const at = r.nextInt(0, lines[i]!.length);
    lines[i] = lines[i]!.slice(0, at) + ch.repeat(len) + lines[i]!.slice(at);
    return `line ${i + 1}: ${len} × ${JSON.stringify(ch)}`;
  },
  'hard characters': (lines, r) => {
    const i = randomLine(lines, r);
    if (i < 0) return 'nothing';
    const s = pick(r, HARD_CHARS);
    const at = r.nextInt(0, lines[i]!.length);
    lines[i] = lines[i]!.slice(0, at) + s + lines[i]!.slice(at);
    return `line ${i + 1}: ${JSON.stringify(s)}`;
  },
  'random code points': (lines, r) => {
    const i = randomLine(lines, r);
    if (i < 0) return 'nothing';
    let s = '';
    for (let k = r.nextInt(1, 12); k > 0; k--) {
      const cp = r.nextInt(0, 0x10ffff);
      s += cp >= 0xd800 && cp <= 0xdfff ? String.fromCharCode(cp) : String.fromCodePoint(cp);
    }
    const at = r.nextInt(0, lines[i]!.length);
    lines[i] = lines[i]!.slice(0, at) + s + lines[i]!.slice(at);
    return `line ${i + 1}`;
  },
  'delete line': (lines, r) => {
    const i = randomLine(lines, r);
    if (i < 0) return 'nothing';
    lines.splice(i, 1);
    return `line ${i + 1}`;
  },
  'duplicate line': (lines, r) => {
    const i = randomLine(lines, r);
    if (i < 0) return 'nothing';
    lines.splice(i, 0, lines[i]!);
    return `line ${i + 1}`;
  },
  'swap sections': (lines, r) => {
    // Sections start at titles and headers; swapping blocks puts rows under the wrong header.
    const starts = lines.flatMap((l, i) => (/^(Active|Proto|Iface|Kernel)/.test(l) ? [i] : []));
    if (starts.length < 2) {
      const a = randomLine(lines, r);
      const b = randomLine(lines, r);
      if (a < 0) return 'nothing';
      [lines[a], lines[b]] = [lines[b]!, lines[a]!];
      return `lines ${a + 1} and ${b + 1}`;
    }
    const k = r.nextInt(0, starts.length - 2);
    const a = starts[k]!;
    const b = starts[k + 1]!;
    const end = starts[k + 2] ?? lines.length;
    const first = lines.slice(a, b);
    const second = lines.slice(b, end);
    lines.splice(a, end - a, ...second, ...first);
    return `blocks at ${a + 1} and ${b + 1}`;
  },
  'wrap at 80': (lines, r) => {
    const i = randomLine(lines, r);
    if (i < 0 || lines[i]!.length <= 80) return 'nothing';
    const w = pick(r, [72, 79, 80]);
    lines.splice(i, 1, lines[i]!.slice(0, w), lines[i]!.slice(w));
    return `line ${i + 1} at ${w}`;
  },
  'ansi colour': (lines, r) => {
    const i = randomLine(lines, r);
    if (i < 0) return 'nothing';
    lines[i] = `\x1b[1;3${r.nextInt(0, 7)}m${lines[i]}\x1b[0m`;
    return `line ${i + 1}`;
  },
  'trailing spaces and tabs': (lines, r) => {
    const i = randomLine(lines, r);
    if (i < 0) return 'nothing';
    lines[i] = lines[i]!.replace(/ {2,}/g, '\t') + ' '.repeat(r.nextInt(0, 40));
    return `line ${i + 1}`;
  },
  'truncate': (lines, r) => {
    const i = randomLine(lines, r);
    if (i < 0) return 'nothing';
    lines.splice(i + 1);
    lines[i] = lines[i]!.slice(0, r.nextInt(0, lines[i]!.length));
    return `at line ${i + 1}`;
  },
};

const MUTATION_NAMES = Object.keys(MUTATIONS);

export interface Encoded {
  bytes: Uint8Array;
  name: string;
  /** Decoding does not depend on where chunks are cut. */
  stable: boolean;
}

function encode(text: string, how: string): Encoded {
  switch (how) {
    case 'utf-16le':
      return { bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), name: how, stable: true };
    case 'utf-16be':
      return { bytes: Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()]), name: how, stable: true };
    case 'latin1':
      // Characters Latin-1 cannot hold become "?"; the result is valid Latin-1, often not UTF-8.
      return { bytes: Buffer.from(text.replace(/[^\0-\xff]/gu, '?'), 'latin1'), name: how, stable: false };
    case 'gzip':
      return { bytes: gzipSync(Buffer.from(text, 'utf8')), name: how, stable: true };
    default:
      return { bytes: Buffer.from(text, 'utf8'), name: 'utf-8', stable: true };
  }
}

/** Lines a correct reader finds in LF text (CR-free). */
function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return text.length > 0 && !text.endsWith('\n') ? n + 1 : n;
}

/** A window of a real sample, mutated, encoded, maybe with random bytes, cut into chunks. */
export const badInput: fc.Arbitrary<BadInput> = fc
  .record({
    sample: fc.nat(),
    from: fc.nat(),
    size: fc.oneof(fc.integer({ min: 1, max: 40 }), fc.constant(100_000)),
    mutations: fc.array(fc.constantFrom(...MUTATION_NAMES), { maxLength: 6 }),
    eol: fc.constantFrom('\n', '\n', '\n', '\r\n', '\r'),
    finalNewline: fc.boolean(),
    encoding: fc.constantFrom('utf-8', 'utf-8', 'utf-8', 'utf-16le', 'utf-16be', 'latin1', 'gzip'),
    randomBytes: fc.oneof(
      { weight: 4, arbitrary: fc.constant(null) },
      { weight: 1, arbitrary: fc.record({ at: fc.nat(), bytes: fc.uint8Array({ minLength: 1, maxLength: 64 }) }) },
    ),
    cuts: fc.array(fc.nat(), { maxLength: 8 }),
    seed: fc.integer(),
  })
  .map((p) => {
      const texts = seedTexts();
      const text = texts[p.sample % texts.length]!;
      const all = text.split('\n');
      if (all[all.length - 1] === '') all.pop();
      const from = p.from % Math.max(1, all.length);
      const lines = all.slice(from, from + p.size);
      const r = new Rng(p.seed);
      const steps = [`sample ${p.sample % texts.length} lines ${from + 1}-${from + lines.length}`];
      for (const m of p.mutations) steps.push(`${m} ${MUTATIONS[m]!(lines, r)}`);
      const lf = lines.join('\n') + (p.finalNewline && lines.length > 0 ? '\n' : '');
      const knownLines = !lf.includes('\r');
      const withEol = p.eol === '\n' ? lf : lf.split('\n').join(p.eol);
      if (p.eol !== '\n') steps.push(`line breaks ${JSON.stringify(p.eol)}`);
      const enc = encode(withEol, p.encoding);
      steps.push(`encoded ${enc.name}`);
      let bytes = enc.bytes;
      let stable = enc.stable;
      if (p.randomBytes !== null) {
        const at = p.randomBytes.at % (bytes.length + 1);
        bytes = Buffer.concat([bytes.subarray(0, at), p.randomBytes.bytes, bytes.subarray(at)]);
        steps.push(`${p.randomBytes.bytes.length} random bytes at ${at}`);
        stable = false;
      }
      return {
        steps,
        bytes,
        cuts: p.cuts.map((c) => c % (bytes.length + 1)).sort((a, b) => a - b),
        lines: knownLines && p.randomBytes === null ? countLines(lf) : null,
        stableDecode: stable,
      };
    });
