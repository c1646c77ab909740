/** The guard on user regexes: the shapes of catastrophic backtracking are refused, common patterns pass. */
import { describe, expect, it } from 'vitest';
import { checkPattern, compilePattern, enableRegexFallback, lowerPattern, MAX_PATTERN } from '../../src/query/regex.js';

describe('regex guard', () => {
  it('accepts the patterns people write for netstat fields', () => {
    for (const p of ['^java', 'sshd$', 'nginx|envoy', '^(tcp|udp)6?$', '^10\\.', '(\\d+\\.){3}\\d+', '^[a-z]+-[0-9]+$', '.*\\.sock$', '(?:foo)?bar', '(?<name>ab)c', '[(+*]', 'a{2,3}', '(ab+)?c']) {
      expect(checkPattern(p), p).toBeNull();
      expect(() => compilePattern(p, false), p).not.toThrow();
    }
  });

  it('refuses nested and alternating repetition, backreferences, lookarounds and long patterns', () => {
    for (const p of ['(a+)+', '(a*)*b', '(\\w+\\s?)*$', '(a|aa)+', '(x+x+)+y', '((ab)*)+', '(a|b)*c', '(?:a+)+', '(a+){10}', '(a+){2,}']) {
      expect(checkPattern(p)?.message, p).toBe('a repeated group that itself repeats or alternates can take exponential time; simplify the pattern');
    }
    expect(checkPattern('(a)\\1')?.message).toBe('backreferences are not allowed (they can take exponential time)');
    expect(checkPattern('(?<x>a)\\k<x>')?.message).toBe('backreferences are not allowed (they can take exponential time)');
    for (const p of ['^(?!127\\.)', 'a(?=b)', '(?<=x)y', '(?<!x)y']) {
      expect(checkPattern(p)?.message, p).toBe('lookahead and lookbehind are not allowed; use !~ or "not" for a negative match');
    }
    expect(checkPattern('a'.repeat(MAX_PATTERN))).toBeNull();
    expect(checkPattern('a'.repeat(MAX_PATTERN + 1))?.message).toBe('the pattern is 257 characters long; at most 256 are allowed');
  });

  it('reports invalid patterns as a RegexProblem', () => {
    let problem: unknown;
    try {
      compilePattern('(abc', false);
    } catch (e) {
      problem = e;
    }
    expect(problem).toEqual({ message: 'invalid regular expression: Unterminated group', at: 0, length: 4 });
  });

  it('ignores case by lower-casing pattern and value, escapes kept', () => {
    expect(lowerPattern('^FIN_\\D+\\.X$')).toBe('^fin_\\D+\\.x$');
    const p = compilePattern('^Fin_Wait\\d$', true);
    expect(p.test('FIN_WAIT2')).toBe(true);
    expect(p.test('fin_wait2')).toBe(true);
    expect(p.test('FIN_WAITX')).toBe(false);
    expect(compilePattern('^\\S+$', true).test('LISTEN')).toBe(true);
  });

  it('ignores the case of letters beyond U+FFFF and of a final sigma, as in the values', () => {
    // An Osage capital (U+104C2) lowers to U+104EA: a pattern read a code unit at a time kept it.
    expect(compilePattern('^EST\u{104C2}ABLISHED$', true).test('EST\u{104C2}ABLISHED')).toBe(true);
    expect(compilePattern('^est\u{104EA}$', true).test('EST\u{104C2}')).toBe(true);
    // Σ lowers to ς at the end of a word in a value, to σ alone in a pattern: both are σ.
    expect(compilePattern('^ΟΔΟΣ$', true).test('ΟΔΟΣ')).toBe(true);
    expect(compilePattern('^οδος$', true).test('ΟΔΟΣ')).toBe(true);
    expect(compilePattern('^ΟΔΟΣ', true).test('ΟΔΟΣX')).toBe(true);
  });

  it('with the fallback on, even a polynomial pattern runs in linear time on hostile input', { timeout: 60_000 }, () => {
    enableRegexFallback();
    const hostile = 'a'.repeat(10_000) + '!';
    const t0 = Date.now();
    for (const [p, i] of [['a*a*a*b', false], ['^(a|b)?a*a*$', true], ['(\\d+\\.){3}\\d+$', false]] as const) {
      expect(compilePattern(p, i).test(hostile)).toBe(false);
    }
    // Generous bound (the machine may be busy): cubic backtracking over 10,000 characters takes hours.
    expect(Date.now() - t0).toBeLessThan(30_000);
  });
});
