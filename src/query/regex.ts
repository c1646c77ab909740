/**
 * User regular expressions (`program_name ~ "^java"`), guarded against catastrophic backtracking as
 * far as we reasonably can: JavaScript has no regex timeout, and one bad pattern must not hang a
 * query over a million records. Two guards:
 *
 * 1. A static check refuses
 *    - patterns longer than {@link MAX_PATTERN} characters;
 *    - backreferences (\1, \k<name>) and lookarounds ((?=, (?!, (?<=, (?<!), which no linear-time
 *      engine can run (use !~ or `not` for a negative match);
 *    - a repeated group that itself repeats or alternates, the shapes behind exponential
 *      backtracking: (a+)+, (a*)*, (\w+\s?)*, (a|aa)+, (x+x+)+y. A group repeated a few times,
 *      (\d+\.){3}, or made optional, (ab+)?, is allowed.
 * 2. Patterns are compiled without flags (case-insensitive fields lower-case the value and the
 *    pattern instead of using `i`), so that V8's linear-time engine can take over a match that
 *    backtracks too much. The netsnap command turns that fallback on
 *    (`--enable-experimental-regexp-engine-on-excessive-backtracks`, see {@link enableRegexFallback});
 *    a program using the library can start node with that flag for the same guarantee.
 *
 * Without the fallback, polynomial patterns (a*a*a*b) stay possible; field values are single netstat
 * cells, which keeps them cheap in practice.
 */
import { setFlagsFromString } from 'node:v8';

export const MAX_PATTERN = 256;
/** A repeated group with inner repetition is allowed up to this many repeats ((\d+\.){3}). */
const MAX_FIXED_REPEAT = 4;

export interface RegexProblem {
  message: string;
  /** 0-based offset in the pattern of the offending part. */
  at: number;
  length: number;
}

interface Group {
  start: number;
  /** The group's content repeats without bound (an inner *, + or {n,}), or alternates. */
  risky: boolean;
}

/** A quantifier at position i: its length and whether it is unbounded (or how many repeats). */
function quantifierAt(p: string, i: number): { len: number; max: number } | null {
  const c = p[i];
  if (c === '*' || c === '+') return { len: p[i + 1] === '?' ? 2 : 1, max: Infinity };
  if (c === '?') return { len: p[i + 1] === '?' ? 2 : 1, max: 1 };
  if (c === '{') {
    const m = /^\{(\d+)(,(\d*))?\}\??/.exec(p.slice(i));
    if (m === null) return null;
    const max = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]);
    return { len: m[0].length, max };
  }
  return null;
}

/** What is wrong with a pattern, or null when it is accepted. */
export function checkPattern(p: string): RegexProblem | null {
  if (p.length > MAX_PATTERN) {
    return { message: `the pattern is ${p.length} characters long; at most ${MAX_PATTERN} are allowed`, at: MAX_PATTERN, length: p.length - MAX_PATTERN };
  }
  const stack: Group[] = [{ start: 0, risky: false }];
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i]!;
    if (c === '\\') {
      const next = p[i + 1] ?? '';
      if (!inClass && (/[1-9]/.test(next) || next === 'k')) {
        return { message: 'backreferences are not allowed (they can take exponential time)', at: i, length: 2 };
      }
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      continue;
    }
    if (c === '[') {
      inClass = true;
      if (p[i + 1] === ']') i++;
      continue;
    }
    const top = stack[stack.length - 1]!;
    if (c === '(') {
      stack.push({ start: i, risky: false });
      // Skip a group's prefix, (?: or (?<name>, so its "?" is not read as a quantifier.
      if (p[i + 1] === '?') {
        const look = /^\(\?<?[=!]/.exec(p.slice(i));
        if (look !== null) {
          return { message: 'lookahead and lookbehind are not allowed; use !~ or "not" for a negative match', at: i, length: look[0].length };
        }
        if (p[i + 2] === '<') {
          const close = p.indexOf('>', i);
          i = close < 0 ? i + 2 : close;
        } else {
          i += 2;
        }
      }
      continue;
    }
    if (c === '|') {
      top.risky = true;
      continue;
    }
    if (c === ')') {
      if (stack.length === 1) continue; // unbalanced: left to the RegExp constructor to report
      const group = stack.pop()!;
      const q = quantifierAt(p, i + 1);
      if (q !== null && group.risky && q.max > MAX_FIXED_REPEAT) {
        return {
          message: 'a repeated group that itself repeats or alternates can take exponential time; simplify the pattern',
          at: group.start,
          length: i + 1 + q.len - group.start,
        };
      }
      // The enclosing group repeats without bound if this group does, or if anything inside did.
      const parent = stack[stack.length - 1]!;
      if (group.risky || (q !== null && q.max === Infinity)) parent.risky = true;
      if (q !== null) i += q.len - 1;
      continue;
    }
    const q = quantifierAt(p, i);
    if (q !== null && i > 0) {
      if (q.max === Infinity) top.risky = true;
      i += q.len - 1;
    }
  }
  return null;
}

/**
 * Text in lower case for caseless matching: toLowerCase, with the final sigma (ς, which
 * toLowerCase gives for Σ at the end of a word) read as σ, so that a letter lowers the same in a
 * pattern, where it stands alone, as in a value.
 */
export function caselessText(text: string): string {
  const lower = text.toLowerCase();
  return lower.includes('ς') ? lower.replaceAll('ς', 'σ') : lower;
}

/**
 * The pattern with its letters in lower case (caselessText, a character at a time, those beyond
 * U+FFFF whole), escapes kept (\D stays \D), for matching lower-cased values: case-insensitive
 * matching without the `i` flag, which V8's linear-time engine lacks.
 */
export function lowerPattern(p: string): string {
  let out = '';
  for (let i = 0; i < p.length; ) {
    if (p[i] === '\\') {
      out += p.slice(i, i + 2);
      i += 2;
    } else {
      const c = String.fromCodePoint(p.codePointAt(i)!);
      out += caselessText(c);
      i += c.length;
    }
  }
  return out;
}

/** A compiled user pattern: test() a value (lower-cased first when the pattern ignores case). */
export interface Pattern {
  test(value: string): boolean;
}

/** Compile a checked pattern; throws a RegexProblem for invalid or risky patterns. */
export function compilePattern(p: string, ignoreCase: boolean): Pattern {
  const problem = checkPattern(p);
  if (problem !== null) throw problem;
  let re: RegExp;
  try {
    re = new RegExp(ignoreCase ? lowerPattern(p) : p);
  } catch (err) {
    const msg = (err as Error).message.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, '');
    throw { message: `invalid regular expression: ${msg}`, at: 0, length: p.length } satisfies RegexProblem;
  }
  return ignoreCase ? { test: (v) => re.test(caselessText(v)) } : re;
}

let fallbackOn = false;

/**
 * Let V8 switch a match that backtracks too much to its linear-time engine. Process-wide, so only
 * the command line calls it (the library never changes the process); idempotent.
 */
export function enableRegexFallback(): void {
  if (fallbackOn) return;
  setFlagsFromString('--enable-experimental-regexp-engine-on-excessive-backtracks');
  fallbackOn = true;
}
