/**
 * The --where language: text -> condition (nearley, grammar/query.ne) -> predicate, compiled once per
 * query and record kind. What a literal means depends on its field's type (src/query/fields.ts):
 * `recv_q > 5` compares numbers exactly, `foreign_address in 10.0.0.0/8` matches a CIDR block,
 * `state = listen` ignores case.
 *
 * Null: a comparison with a null field is false, and a negated operator is the exact negation of
 * its positive (`state != LISTEN` is `not (state = LISTEN)`, so it includes sockets with no state).
 */
import nearley from 'nearley';
import { InternalError } from '../errors.js';
import grammarRules from '../parse/generated/query.js';
import { expectedAt, TokenReplay } from '../parse/nearley-replay.js';
import type { CompareOp, Condition, Literal, Range, Span } from './ast.js';
import { QueryError } from './errors.js';
import { fieldsOf, unknownFieldError, type FieldDef, type FieldType } from './fields.js';
import { blockMatcher, compareIpValues, ipValue, parseCidr, type CidrBlock } from './ip.js';
import { tokenizeQuery, type QueryToken } from './lexer.js';
import { compilePattern, type Pattern, type RegexProblem } from './regex.js';
import { compareNum, compareText, isNum, parseNum, textOf, type Num } from './values.js';

/** A compiled condition: does this record match? */
export type Predicate = (record: object) => boolean;

export interface WhereOptions {
  /** The option the text came from, for error messages (default "--where"). */
  option?: string;
  /** The text the condition was parsed from (for carets under mistakes). */
  text?: string;
}

// ---------------------------------------------------------------- parsing

const GRAMMAR = nearley.Grammar.fromCompiled(grammarRules as unknown as nearley.CompiledRules);

function quoteTok(t: QueryToken): string {
  return t.type === 'string' ? t.text : `"${t.text}"`;
}

/** Words for what the parser would have accepted, given the token before. */
function describeExpected(expected: Set<string>, prev: QueryToken | undefined): string {
  const has = (t: string): boolean => expected.has(t);
  if (prev?.type === 'kw_in' && has('lparen')) return 'a list in parentheses, a CIDR block, a range or a value';
  if (prev?.type === 'kw_is') return '"null" or "not null"';
  if (prev?.type === 'dotdot') return 'a number';
  if (has('kw_in') && !has('cmp') && !has('lparen')) return '"in"';
  if (has('cmp') || has('match')) return 'an operator (= != < <= > >= ~ !~ in is)';
  if (has('lparen') && has('word') && has('kw_not')) return 'a condition';
  if (has('word') || has('string') || has('number')) return 'a value';
  if (has('comma') && has('rparen')) return '"," or ")"';
  const words: string[] = [];
  if (has('kw_and')) words.push('"and"');
  if (has('kw_or')) words.push('"or"');
  if (has('rparen')) words.push('")"');
  if (words.length === 0) return 'the end of the expression';
  if (!has('rparen')) words.push('the end of the expression');
  return words.length === 1 ? words[0]! : `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}`;
}

function syntaxError(message: string, text: string, at: number, length: number, option: string): QueryError {
  return new QueryError('NETSNAP_QUERY_SYNTAX', message, { option, text, column: at + 1, length });
}

function failAt(text: string, tokens: QueryToken[], at: number, expected: Set<string>, option: string): QueryError {
  const prev = at > 0 ? tokens[at - 1] : undefined;
  const found = tokens[at];
  // An unclosed parenthesis at the end: point at it.
  if (found === undefined && expected.has('rparen') && !expected.has('comma')) {
    let depth = 0;
    let open: QueryToken | undefined;
    for (let k = tokens.length - 1; k >= 0; k--) {
      const t = tokens[k]!;
      if (t.type === 'rparen') depth++;
      else if (t.type === 'lparen' && depth-- === 0) {
        open = t;
        break;
      }
    }
    if (open !== undefined && prev !== undefined) {
      return syntaxError(`expected ")" to close the "(" at column ${open.offset + 1}`, text, endColumn(text, prev), 1, option);
    }
  }
  const what = describeExpected(expected, prev);
  const after = prev !== undefined ? ` after ${quoteTok(prev)}` : '';
  if (found !== undefined) {
    return syntaxError(`expected ${what}${after}, found ${quoteTok(found)}`, text, found.offset, found.text.length, option);
  }
  return syntaxError(`expected ${what}${after}`, text, endColumn(text, prev!), 1, option);
}

/** Where something missing after the last token goes: one space after it. */
function endColumn(text: string, last: QueryToken): number {
  const end = last.offset + last.text.length;
  return /\s/.test(text[end] ?? '') ? end + 1 : end;
}

/** Parse a --where expression into a condition. Throws a QueryError (NETSNAP_QUERY_SYNTAX) pointing at the mistake. */
export function parseWhere(text: string, option = '--where'): Condition {
  const tokens = tokenizeQuery(text);
  for (const t of tokens) {
    if (t.type === 'unterminated') throw syntaxError(`unterminated string: no closing ${t.text[0]}`, text, t.offset, 1, option);
    if (t.type === 'error') throw syntaxError(`unexpected character "${t.text[0]}"`, text, t.offset, 1, option);
  }
  if (tokens.length === 0) {
    throw syntaxError('the expression is empty; expected a condition', text, 0, 1, option);
  }
  const parser = new nearley.Parser(GRAMMAR, { lexer: new TokenReplay(tokens).lexer });
  try {
    parser.feed('');
  } catch (err) {
    const at = (err as { offset?: number }).offset ?? 0;
    throw failAt(text, tokens, at, new Set(expectedAt(parser)), option);
  }
  const results = parser.results as Condition[];
  if (results.length === 0) throw failAt(text, tokens, tokens.length, new Set(expectedAt(parser)), option);
  if (results.length > 1) throw new InternalError(`ambiguous query grammar: ${results.length} parses of ${JSON.stringify(text)}`);
  return results[0]!;
}

// ---------------------------------------------------------------- fields used

/** The field names a condition uses, each with where it is written (for errors). */
export function conditionFields(c: Condition): { name: string; span: Span | undefined }[] {
  const out: { name: string; span: Span | undefined }[] = [];
  const walk = (n: Condition): void => {
    if ('and' in n) n.and.forEach(walk);
    else if ('or' in n) n.or.forEach(walk);
    else if ('not' in n) walk(n.not);
    else out.push({ name: n.field, span: n.loc?.field });
  };
  walk(c);
  return out;
}

// ---------------------------------------------------------------- compiling

interface Ctx {
  kind: string;
  option: string;
  text: string | undefined;
}

/** An error pointing at a span of the expression (when the condition came from text). */
function errorAt(ctx: Ctx, code: ConstructorParameters<typeof QueryError>[0], message: string, span: Span | undefined, notes?: string[]): QueryError {
  const details: ConstructorParameters<typeof QueryError>[2] = { option: ctx.option };
  if (ctx.text !== undefined && span !== undefined) {
    details.text = ctx.text;
    details.column = span.at + 1;
    details.length = span.len;
  }
  if (notes) details.notes = notes;
  return new QueryError(code, message, details);
}

function resolveField(ctx: Ctx, name: string, span: Span | undefined): FieldDef {
  const field = fieldsOf(ctx.kind).get(name);
  if (field === undefined) throw unknownFieldError(name, ctx.kind, ctx.option, ctx.text, span);
  return field;
}

const TYPE_WORDS: { [T in FieldType]: string } = {
  int: 'a number',
  number: 'a number',
  string: 'text',
  port: 'a port',
  address: 'an address',
  bool: 'true or false',
  list: 'a list',
  any: 'a value',
};

function show(lit: Literal): string {
  return lit === null ? 'null' : typeof lit === 'string' ? JSON.stringify(lit) : String(lit);
}

function textOfLit(lit: Literal): string {
  return typeof lit === 'string' ? lit : String(lit);
}

function numOfLit(lit: Literal): Num | null {
  if (typeof lit === 'number') return Number.isNaN(lit) ? null : lit;
  if (typeof lit === 'bigint') return lit;
  if (typeof lit === 'string') return parseNum(lit.trim());
  return null;
}

const TRUE_WORDS = new Set(['true', 'yes', '1']);
const FALSE_WORDS = new Set(['false', 'no', '0']);

function boolOfLit(lit: Literal): boolean | null {
  if (typeof lit === 'boolean') return lit;
  if (lit === null) return null;
  const t = textOfLit(lit).toLowerCase();
  return TRUE_WORDS.has(t) ? true : FALSE_WORDS.has(t) ? false : null;
}

function isNullValue(v: unknown): boolean {
  return v === null || v === undefined || (Array.isArray(v) && v.length === 0);
}

/**
 * The port as a number: 22 for "22", null for "ssh" or "*". Any run of digits is a number (netlink
 * and ss "ports" go past 65535; damaged input may hold more digits than a number can), so that a
 * port always equals the number it prints.
 */
function portNum(v: unknown): Num | null {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.length > 0 && /^\d+$/.test(v)) return parseNum(v);
  return null;
}

/** The value of an IP literal (number for IPv4, bigint for IPv6), else null. */
function ipOf(v: unknown): number | bigint | null {
  return typeof v === 'string' ? ipValue(v) : null;
}

type Test = (v: unknown) => boolean;

function caselessEq(t: string): Test {
  const lower = t.toLowerCase();
  return (v) => {
    if (typeof v !== 'string') return v !== null && v !== undefined && textOf(v).toLowerCase() === lower;
    return v === t || (v.length === t.length && v.toLowerCase() === lower);
  };
}

/** Apply a test to each item of a list value (any item matches), or to the value itself. */
function overItems(test: Test): Test {
  return (v) => (Array.isArray(v) ? v.some((item) => test(item)) : test(v));
}

function itemText(item: unknown): unknown {
  if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
    const addr = (item as { addr?: unknown }).addr;
    if (typeof addr === 'string') return addr;
  }
  return item;
}

/** field = literal */
function eqTest(ctx: Ctx, field: FieldDef, op: string, lit: Literal, span: Span | undefined): Test {
  if (lit === null) return isNullValue;
  const mismatch = (needs: string): QueryError =>
    errorAt(ctx, 'NETSNAP_QUERY_TYPE_MISMATCH', `type mismatch: ${field.name} ${op} needs ${needs}, not ${show(lit)}`, span);
  const t = textOfLit(lit);
  switch (field.type) {
    case 'int':
    case 'number': {
      const n = numOfLit(lit);
      if (n === null) throw mismatch('a number');
      return (v) => isNum(v) && compareNum(v, n) === 0;
    }
    case 'port': {
      const n = numOfLit(lit);
      if (n !== null) {
        // A port that is no run of digits ("-5", "127." from damaged input) compares as text.
        const text = caselessEq(t);
        return (v) => {
          const p = portNum(v);
          return p !== null ? compareNum(p, n) === 0 : text(v);
        };
      }
      return caselessEq(t);
    }
    case 'address':
      return addressEq(t);
    case 'bool': {
      const b = boolOfLit(lit);
      if (b === null) throw mismatch('true or false');
      return (v) => v === b;
    }
    case 'list': {
      const eq = addressEq(t);
      return (v) => Array.isArray(v) && v.some((item) => eq(itemText(item)));
    }
    case 'string':
      if (field.caseless) return caselessEq(t);
      return (v) => (typeof v === 'string' ? v === t : v !== null && v !== undefined && textOf(v) === t);
    case 'any': {
      const n = numOfLit(lit);
      const lower = t.toLowerCase();
      return overItems((v) => {
        if (isNum(v)) return n !== null && compareNum(v, n) === 0;
        if (typeof v === 'string') return v === t;
        if (typeof v === 'boolean') return String(v) === lower;
        return v !== null && v !== undefined && textOf(itemText(v)) === t;
      });
    }
  }
}

/** Address equality: two IP literals compare as addresses (::1 = 0:0:0:0:0:0:0:1); names as text, ignoring case. */
function addressEq(t: string): Test {
  const ip = ipValue(t);
  const text = caselessEq(t);
  if (ip === null) return text;
  return (v) => {
    const vip = ipOf(v);
    return vip !== null ? compareIpValues(vip, ip) === 0 : text(v);
  };
}

/** field < literal (and <=, >, >=): a comparator that gives null when the value has no order against the literal. */
function orderTest(ctx: Ctx, field: FieldDef, op: CompareOp, lit: Literal, span: Span | undefined, opSpan?: Span): Test {
  const mismatch = (message: string, at = span): QueryError => errorAt(ctx, 'NETSNAP_QUERY_TYPE_MISMATCH', message, at);
  const needs = (what: string): QueryError => mismatch(`type mismatch: ${field.name} ${op} needs ${what}, not ${show(lit)}`);
  let cmp: (v: unknown) => number | null;
  switch (field.type) {
    case 'int':
    case 'number':
    case 'port': {
      const n = numOfLit(lit);
      if (n === null) throw needs('a number');
      cmp = field.type === 'port' ? (v) => {
        const p = portNum(v);
        return p === null ? null : compareNum(p, n);
      } : (v) => (isNum(v) ? compareNum(v, n) : null);
      break;
    }
    case 'address': {
      const ip = lit === null ? null : ipValue(textOfLit(lit));
      if (ip === null) throw needs('an IP address');
      cmp = (v) => {
        const vip = ipOf(v);
        return vip === null ? null : compareIpValues(vip, ip);
      };
      break;
    }
    case 'bool':
    case 'list':
      throw mismatch(`type mismatch: ${field.name} is ${TYPE_WORDS[field.type]} and has no order; use = or !=`, opSpan ?? span);
    case 'string':
    case 'any': {
      if (lit === null) throw needs('a value');
      const t = textOfLit(lit);
      const n = numOfLit(lit);
      const lower = field.caseless ? t.toLowerCase() : t;
      cmp = (v) => {
        if (isNum(v)) return n === null ? null : compareNum(v, n);
        if (typeof v === 'string') return compareText(field.caseless ? v.toLowerCase() : v, lower);
        return null;
      };
      break;
    }
  }
  switch (op) {
    case '<':
      return (v) => {
        const c = cmp(v);
        return c !== null && c < 0;
      };
    case '<=':
      return (v) => {
        const c = cmp(v);
        return c !== null && c <= 0;
      };
    case '>':
      return (v) => {
        const c = cmp(v);
        return c !== null && c > 0;
      };
    default:
      return (v) => {
        const c = cmp(v);
        return c !== null && c >= 0;
      };
  }
}

/** field ~ pattern */
function regexTest(ctx: Ctx, field: FieldDef, op: string, lit: Literal, span: Span | undefined): Test {
  if (lit === null) throw errorAt(ctx, 'NETSNAP_QUERY_TYPE_MISMATCH', `type mismatch: ${field.name} ${op} needs a pattern, not null`, span);
  const pattern = textOfLit(lit);
  let re: Pattern;
  try {
    re = compilePattern(pattern, field.caseless);
  } catch (err) {
    const problem = err as RegexProblem;
    // Point into the pattern when it was written bare or quoted in the text.
    let at = span;
    if (span !== undefined && ctx.text !== undefined) {
      const written = ctx.text.slice(span.at, span.at + span.len);
      const offset = written.startsWith('"') || written.startsWith("'") ? 1 : 0;
      at = { at: span.at + offset + Math.min(problem.at, Math.max(0, span.len - offset - 1)), len: Math.max(1, Math.min(problem.length, span.len)) };
    }
    throw errorAt(ctx, 'NETSNAP_QUERY_BAD_REGEX', problem.message, at);
  }
  return overItems((v) => {
    if (v === null || v === undefined) return false;
    return re.test(typeof v === 'string' ? v : textOf(itemText(v)));
  });
}

function isRange(x: Literal | Range): x is Range {
  return x !== null && typeof x === 'object';
}

/** One item of `in`: a range, a CIDR block, or a value. */
function itemTest(ctx: Ctx, field: FieldDef, item: Literal | Range, span: Span | undefined): Test {
  const mismatch = (message: string): QueryError => errorAt(ctx, 'NETSNAP_QUERY_TYPE_MISMATCH', message, span);
  if (isRange(item)) {
    if (field.type === 'address' || field.type === 'bool' || field.type === 'list') {
      throw mismatch(`type mismatch: a range needs a number field; ${field.name} is ${TYPE_WORDS[field.type]}`);
    }
    const from = numOfLit(item.from);
    const to = numOfLit(item.to);
    if (from === null || to === null) throw mismatch(`type mismatch: a range needs numbers, not ${show(from === null ? item.from : item.to)}`);
    if (compareNum(from, to) > 0) throw errorAt(ctx, 'NETSNAP_QUERY_BAD_VALUE', `empty range: ${from} is greater than ${to}`, span);
    return (v) => {
      const n = isNum(v) ? v : field.type === 'port' ? portNum(v) : typeof v === 'string' ? parseNum(v) : null;
      return n !== null && compareNum(n, from) >= 0 && compareNum(n, to) <= 0;
    };
  }
  if (typeof item === 'string' && item.includes('/')) {
    const block = parseCidr(item);
    if (block !== null && 'error' in block) throw errorAt(ctx, 'NETSNAP_QUERY_BAD_VALUE', block.error, span);
    if (block !== null) {
      if (field.type === 'address' || field.type === 'any') return cidrTest(block);
      if (field.type === 'list') {
        const test = cidrTest(block);
        return (v) => Array.isArray(v) && v.some((x) => test(itemText(x)));
      }
      if (field.type !== 'string') throw mismatch(`type mismatch: a CIDR block matches addresses; ${field.name} is ${TYPE_WORDS[field.type]}`);
    }
  }
  return eqTest(ctx, field, 'in', item, span);
}

/**
 * An address in a CIDR block; host names never are. A network written with its prefix length (a
 * route's destination "10.1.0.0/16", "fe80::/10") is in a block that holds all of it.
 */
function cidrTest(block: CidrBlock): Test {
  const inBlock = blockMatcher(block);
  return (v) => {
    const ip = ipOf(v);
    if (ip !== null) return inBlock(ip);
    if (typeof v !== 'string' || !v.includes('/')) return false;
    const net = parseCidr(v);
    if (net === null || 'error' in net) return false;
    // Prefix lengths in the block's family: an IPv4 network is the mapped ::ffff:a.b.c.d/(96+n).
    const prefix = net.version === block.version ? net.prefix : net.version === 4 ? net.prefix + 96 : net.prefix - 96;
    return prefix >= block.prefix && inBlock(net.version === 4 ? Number(net.network) : net.network);
  };
}

function compileNode(c: Condition, ctx: Ctx): Predicate {
  if ('and' in c) {
    const ps = c.and.map((x) => compileNode(x, ctx));
    if (ps.length === 2) {
      const [a, b] = ps as [Predicate, Predicate];
      return (r) => a(r) && b(r);
    }
    return (r) => ps.every((p) => p(r));
  }
  if ('or' in c) {
    const ps = c.or.map((x) => compileNode(x, ctx));
    if (ps.length === 2) {
      const [a, b] = ps as [Predicate, Predicate];
      return (r) => a(r) || b(r);
    }
    return (r) => ps.some((p) => p(r));
  }
  if ('not' in c) {
    const p = compileNode(c.not, ctx);
    return (r) => !p(r);
  }
  const field = resolveField(ctx, c.field, c.loc?.field);
  const get = field.get;
  const valueSpan = 'value' in c ? c.loc?.value : undefined;
  switch (c.op) {
    case undefined:
      if (field.type !== 'bool' && field.type !== 'any') {
        throw errorAt(
          ctx,
          'NETSNAP_QUERY_TYPE_MISMATCH',
          `type mismatch: ${field.name} is ${TYPE_WORDS[field.type]}, not true or false; compare it with a value (${field.name} = ...)`,
          c.loc?.field,
        );
      }
      return (r) => get(r) === true;
    case 'is null':
      return (r) => isNullValue(get(r));
    case 'is not null':
      return (r) => !isNullValue(get(r));
    case '=':
    case '!=': {
      const test = eqTest(ctx, field, c.op, c.value, valueSpan);
      return c.op === '=' ? (r) => test(get(r)) : (r) => !test(get(r));
    }
    case '~':
    case '!~': {
      const test = regexTest(ctx, field, c.op, c.value, valueSpan);
      return c.op === '~' ? (r) => test(get(r)) : (r) => !test(get(r));
    }
    case '<':
    case '<=':
    case '>':
    case '>=': {
      const test = orderTest(ctx, field, c.op, c.value, valueSpan, c.loc?.op);
      return (r) => test(get(r));
    }
    case 'in':
    case 'not in': {
      const spans = c.loc?.values;
      const tests = c.values.map((item, k) => itemTest(ctx, field, item, spans?.[k]));
      const any: Test = tests.length === 1 ? tests[0]! : (v) => tests.some((t) => t(v));
      return c.op === 'in' ? (r) => any(get(r)) : (r) => !any(get(r));
    }
    default:
      throw errorAt(ctx, 'NETSNAP_QUERY_SYNTAX', `unknown operator ${JSON.stringify((c as { op: unknown }).op)}`, (c as { loc?: { op?: Span } }).loc?.op);
  }
}

/**
 * Compile a condition (text in the --where language, or a Condition) for records of one kind.
 * Throws a QueryError for syntax errors, unknown fields, type mismatches and bad regexes.
 */
export function compileWhere(where: string | Condition, kind: string, options: WhereOptions = {}): Predicate {
  const option = options.option ?? '--where';
  const text = typeof where === 'string' ? where : options.text;
  const condition = typeof where === 'string' ? parseWhere(where, option) : where;
  return compileNode(condition, { kind, option, text });
}
