/**
 * The --where grammar, as a property: random conditions printed as text parse back to the same tree
 * (one parse each: an ambiguous parse throws), and random garbage gives a QueryError, never a crash.
 */
import { describe, expect, it } from 'vitest';
import type { Condition, Literal, Range } from '../../src/query/ast.js';
import { QueryError } from '../../src/query/errors.js';
import { compileWhere, parseWhere } from '../../src/query/where.js';
import { seededRandom } from '../helpers.js';

const FIELDS = ['state', 'recv_q', 'local_port', 'foreign_address', 'program_name', 'is_listening', 'pid'];
const WORDS = ['LISTEN', 'established', '10.0.0.0/8', '::1', 'fe80::/10', '/run/x.sock', '^java', 'a-b', '*', 'sshd:', 'x.y.z'];
const TEXTS = ['a b', 'say "hi"', "it's", 'back\\slash', '', 'and', 'null', '(x)', 'a,b'];
const NUMBERS = ['0', '42', '-7', '1.5', '18446744073709551615'];
const KEYWORDS = /^(and|or|not|in|is|null)$/i;

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)]!;
}

function literal(r: () => number): Literal {
  const k = r();
  if (k < 0.1) return null;
  if (k < 0.45) return pick(r, WORDS);
  if (k < 0.7) return pick(r, TEXTS);
  return pick(r, NUMBERS);
}

function condition(r: () => number, depth: number): Condition {
  const k = r();
  if (depth > 0 && k < 0.2) return { and: [condition(r, depth - 1), condition(r, depth - 1), ...(r() < 0.3 ? [condition(r, depth - 1)] : [])] };
  if (depth > 0 && k < 0.35) return { or: [condition(r, depth - 1), condition(r, depth - 1)] };
  if (depth > 0 && k < 0.45) return { not: condition(r, depth - 1) };
  const field = pick(r, FIELDS);
  const c = r();
  if (c < 0.5) return { field, op: pick(r, ['=', '!=', '<', '<=', '>', '>=', '~', '!~'] as const), value: literal(r) };
  if (c < 0.75) {
    const values: (Literal | Range)[] = [];
    const n = 1 + Math.floor(r() * 3);
    for (let i = 0; i < n; i++) values.push(r() < 0.3 ? { from: pick(r, ['1', '1024']), to: pick(r, ['65535', '2048']) } : literal(r));
    return { field, op: r() < 0.5 ? 'in' : 'not in', values };
  }
  if (c < 0.9) return { field, op: r() < 0.5 ? 'is null' : 'is not null' };
  return { field };
}

function printLiteral(v: Literal, r: () => number): string {
  if (v === null) return 'null';
  const t = String(v);
  const bare = /^[^\s(),'"=!<>~]+$/.test(t) && !KEYWORDS.test(t) && !t.includes('..') && !/^-?\d+(\.\d+)?\.$/.test(t);
  if (bare && r() < 0.5) return t;
  return `"${t.replace(/[\\"]/g, (m) => `\\${m}`)}"`;
}

function print(c: Condition, r: () => number): string {
  const child = (x: Condition): string => ('and' in x || 'or' in x || (r() < 0.2 && !('not' in x)) ? `(${print(x, r)})` : print(x, r));
  if ('and' in c) return c.and.map(child).join(pick(r, [' and ', ' AND ', ' And ']));
  if ('or' in c) return c.or.map(child).join(' or ');
  if ('not' in c) return `not ${child(c.not)}`;
  switch (c.op) {
    case undefined:
      return c.field;
    case 'is null':
      return `${c.field} is null`;
    case 'is not null':
      return `${c.field} IS NOT NULL`;
    case 'in':
    case 'not in': {
      const items = c.values.map((v) => (v !== null && typeof v === 'object' ? `${String(v.from)}..${String(v.to)}` : printLiteral(v, r)));
      return items.length === 1 && r() < 0.5 ? `${c.field} ${c.op} ${items[0]}` : `${c.field} ${c.op} (${items.join(r() < 0.5 ? ', ' : ',')})`;
    }
    default:
      return `${c.field}${r() < 0.5 ? ' ' : ''}${c.op}${r() < 0.5 ? ' ' : ''}${printLiteral(c.value, r)}`;
  }
}

/** Nested and-in-and / or-in-or flattened, positions dropped: the meaning, not the spelling. */
function normal(c: Condition): unknown {
  if ('and' in c) return { and: c.and.flatMap((x) => ('and' in x ? ((normal(x) as { and: unknown[] }).and) : [normal(x)])) };
  if ('or' in c) return { or: c.or.flatMap((x) => ('or' in x ? ((normal(x) as { or: unknown[] }).or) : [normal(x)])) };
  if ('not' in c) return { not: normal(c.not) };
  const { loc: _loc, ...rest } = c as Condition & { loc?: unknown };
  return rest;
}

describe('the --where grammar', () => {
  it('parses printed random conditions back to the same tree, exactly once', () => {
    const r = seededRandom(20261128);
    for (let i = 0; i < 400; i++) {
      const c = condition(r, 3);
      const text = print(c, r);
      let parsed: Condition;
      try {
        parsed = parseWhere(text);
      } catch (e) {
        throw new Error(`${text}: ${(e as Error).message}`);
      }
      expect(normal(parsed), text).toEqual(normal(c));
    }
  });

  it('never crashes on garbage: a parse or a QueryError', () => {
    const r = seededRandom(7);
    const pieces = ['state', '=', '!=', '~', '(', ')', ',', '"', "'", 'and', 'or', 'not', 'in', 'is', 'null', '..', '1', '10.0.0.0/8', ' ', '!', '<', '>=', '\\', '\u0000', 'é', '\n', 'recv_q', 'x'];
    for (let i = 0; i < 2000; i++) {
      let text = '';
      const n = Math.floor(r() * 12);
      for (let k = 0; k < n; k++) text += pick(r, pieces) + (r() < 0.5 ? ' ' : '');
      try {
        compileWhere(text, 'inet')({});
      } catch (e) {
        expect(e, JSON.stringify(text)).toBeInstanceOf(QueryError);
      }
    }
  });
});
