/**
 * One nearley parse per row, cached by the row's sequence of token types.
 *
 * The grammars' postprocessors only place tokens into fields, so the parse of
 * `proto number number word word tcp_state` is the same for every line with those token types: we
 * parse the first such line with nearley and keep, per field, which tokens hold its text. Every later
 * line with the same types reuses that template without running nearley. A line that does not parse
 * is cached the same way, with the token where it failed and what would have been accepted there.
 */
import nearley from 'nearley';
import type { Tok, TokenBuffer } from './lexer.js';
import type { Placed } from './grammar-runtime.js';
import { InternalError } from '../errors.js';
import { expectedAt, TokenReplay, type NearleyParser } from './nearley-replay.js';

/** The compiled form nearleyc writes. */
export interface CompiledGrammar {
  Lexer: unknown;
  ParserRules: unknown[];
  ParserStart: string;
}

/** Field name, first token index, last token index. */
export type FieldSpan = readonly [field: string, first: number, last: number];

export interface RowMatch {
  ok: true;
  spans: readonly FieldSpan[];
  /**
   * The placed fields' text for a line with this token-type sequence. Generated once per sequence:
   * an object literal with fixed keys is several times faster to build than one filled field by
   * field (a keyed store per field).
   */
  fields(tokens: TokenBuffer): { [field: string]: string };
}

export interface RowFailure {
  ok: false;
  /** Index of the token that could not be accepted; tokens.length for a line that ended early. */
  at: number;
  /** Token types that would have been accepted there. */
  expected: readonly string[];
}

export type RowResult = RowMatch | RowFailure;

interface StartParser {
  parser: NearleyParser;
  initial: unknown;
}

const CACHE_LIMIT = 50_000;

/** The cache: a trie over token type ids, one per start symbol. */
interface CacheNode {
  next: (CacheNode | undefined)[];
  result: RowResult | undefined;
}

function cacheNode(): CacheNode {
  return { next: [], result: undefined };
}

export class RowParser {
  private readonly replay = new TokenReplay<Tok>();
  private readonly parsers = new Map<string, StartParser>();
  private roots = new Map<string, CacheNode>();
  private size = 0;

  constructor(readonly grammar: CompiledGrammar) {}

  /** Parse a line's tokens from the given start symbol. */
  parse(start: string, tokens: TokenBuffer): RowResult {
    let node: CacheNode | undefined = this.roots.get(start);
    if (node === undefined) {
      node = cacheNode();
      this.roots.set(start, node);
    }
    const types = tokens.types;
    for (let k = 0; k < tokens.length; k++) {
      const t = types[k]!;
      let child: CacheNode | undefined = node.next[t];
      if (child === undefined) {
        child = cacheNode();
        node.next[t] = child;
      }
      node = child;
    }
    let result = node.result;
    if (result === undefined) {
      result = this.parseWithNearley(start, tokens.toToks());
      if (++this.size > CACHE_LIMIT) {
        // Pathological input (every line a new shape): start over rather than grow without bound.
        this.roots = new Map();
        this.size = 0;
      } else {
        node.result = result;
      }
    }
    return result;
  }

  /** Number of distinct token-type sequences parsed with nearley (for tests and benchmarks). */
  get cacheSize(): number {
    return this.size;
  }

  private startParser(start: string): StartParser {
    let sp = this.parsers.get(start);
    if (sp === undefined) {
      const grammar = nearley.Grammar.fromCompiled(this.grammar as unknown as nearley.CompiledRules);
      if (!grammar.byName[start]) throw new InternalError(`grammar has no start symbol ${start}`);
      grammar.start = start;
      const parser = new nearley.Parser(grammar, { lexer: this.replay.lexer }) as NearleyParser;
      sp = { parser, initial: parser.save() };
      this.parsers.set(start, sp);
    }
    return sp;
  }

  private parseWithNearley(start: string, tokens: Tok[]): RowResult {
    const { parser, initial } = this.startParser(start);
    parser.restore(initial);
    this.replay.tokens = tokens;
    try {
      parser.feed('');
    } catch (err) {
      const at = (err as { offset?: number }).offset ?? 0;
      return { ok: false, at, expected: expectedAt(parser) };
    } finally {
      this.replay.tokens = [];
    }
    const results = parser.results as Placed[];
    if (results.length === 0) {
      return { ok: false, at: tokens.length, expected: expectedAt(parser) };
    }
    if (results.length > 1) {
      throw new InternalError(
        `ambiguous grammar: ${results.length} parses of "${start}" for token types ` +
          tokens.map((t) => t.type).join(' '),
      );
    }
    const spans = toSpans(results[0]!);
    return { ok: true, spans, fields: compileFields(spans) };
  }
}

/** Turn a parse result into field spans over token indices. */
function toSpans(placed: Placed): FieldSpan[] {
  const spans: FieldSpan[] = [];
  for (const field of Object.keys(placed)) {
    const toks: Tok[] = [];
    collect(placed[field], toks);
    if (toks.length > 0) spans.push([field, toks[0]!.i, toks[toks.length - 1]!.i]);
  }
  return spans;
}

function collect(v: unknown, out: Tok[]): void {
  if (v === null || v === undefined) return;
  if (Array.isArray(v)) for (const x of v) collect(x, out);
  else out.push(v as Tok);
}

/** An extractor for {@link RowMatch.fields}. Field names only appear JSON.stringify'd in the code. */
function compileFields(spans: readonly FieldSpan[]): RowMatch['fields'] {
  const body = spans.map(([field, first, last]) => `${JSON.stringify(field)}: t.span(${first}, ${last})`).join(', ');
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  return new Function('t', `return { ${body} };`) as RowMatch['fields'];
}
