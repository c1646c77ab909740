/** Shared test helpers: sample files, single-parse checks, running the real CLI. */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import nearley from 'nearley';
import { expect } from 'vitest';
import { Decoder } from '../src/input/decode.js';
import { TokenBuffer, tokenizeSocketLine, type Tok } from '../src/parse/lexer.js';
import type { CompiledGrammar } from '../src/parse/row-parser.js';
import { createWriter, StringOut, type OutputFormat, type Row, type WriterOptions } from '../src/output/writer.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SAMPLES = join(ROOT, 'samples');

/** Every sample file under samples/ (recursively), as paths relative to the project root. */
export function sampleFiles(under = ''): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(txt|out)$/.test(name)) out.push(relative(ROOT, p));
    }
  };
  walk(join(SAMPLES, under));
  return out;
}

/** A sample's text, decoded as netsnap decodes input (so Latin-1 captures read as they would). */
export function readSample(path: string): string {
  const decoder = new Decoder('auto');
  return decoder.push(readFileSync(join(ROOT, path))) + decoder.end();
}

/** nearley's Grammar object for a start symbol, built once (building it is most of a check's time). */
const grammars = new WeakMap<CompiledGrammar, Map<string, nearley.Grammar>>();
export function grammarFor(grammar: CompiledGrammar, start: string): nearley.Grammar {
  let byStart = grammars.get(grammar);
  if (byStart === undefined) {
    byStart = new Map();
    grammars.set(grammar, byStart);
  }
  let g = byStart.get(start);
  if (g === undefined) {
    g = nearley.Grammar.fromCompiled(grammar as unknown as nearley.CompiledRules);
    g.start = start;
    byStart.set(start, g);
  }
  return g;
}

/**
 * Parse one line from `start` with nearley directly (no cache) and assert exactly one parse. The
 * tokens are the Linux socket lexer's unless `tokenize` gives the format's own.
 */
export function expectSingleParse(
  grammar: CompiledGrammar,
  start: string,
  line: string,
  tokenize: (line: string) => Tok[] = tokenizeSocketLine,
): unknown {
  return expectSingleParseOf(grammar, start, tokenize(line), line);
}

/** As {@link expectSingleParse}, for tokens from any lexer. */
export function expectSingleParseOf(grammar: CompiledGrammar, start: string, tokens: Tok[], line: string): unknown {
  const g = grammarFor(grammar, start);
  let i = 0;
  const lexer = {
    reset: () => {
      i = 0;
    },
    next: () => tokens[i++],
    save: () => ({}),
    formatError: () => '',
    has: () => true,
  };
  const parser = new nearley.Parser(g, { lexer: lexer as unknown as nearley.Lexer });
  parser.feed('');
  // expect() costs more than the parse; call it only to report a failure
  if (parser.results.length !== 1) expect(parser.results, `parses of ${JSON.stringify(line)} from ${start}`).toHaveLength(1);
  return parser.results[0];
}

/** A format's scanner as a tokenizer for {@link expectSingleParse}. */
export function tokenizerOf(scan: (line: string, buf: TokenBuffer) => void): (line: string) => Tok[] {
  return (line) => {
    const buf = new TokenBuffer();
    scan(line, buf);
    return buf.toToks();
  };
}

export interface CliResult {
  status: number;
  stdout: string;
  stderr: string;
}

/** Run the real `netsnap` entry point (bin/netsnap.js) as a process. */
export function runCli(args: string[], input?: string | Buffer): CliResult {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'netsnap.js'), ...args], {
    cwd: ROOT,
    input,
    env: { ...process.env, NO_COLOR: '1' },
    maxBuffer: 64 << 20,
  });
  return { status: r.status ?? -1, stdout: r.stdout.toString(), stderr: r.stderr.toString() };
}

/** A seeded generator of numbers in [0, 1) (mulberry32): the same seed gives the same numbers. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Rows written by the writer of a format, as one string. */
export function writeRows(format: OutputFormat, rows: readonly Row[], options: WriterOptions = {}): string {
  const out = new StringOut();
  const w = createWriter(format, out, options);
  for (const r of rows) w.row(r);
  w.end();
  return out.toString();
}
