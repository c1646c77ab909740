/**
 * No regular expression in src/ backtracks catastrophically on user-controlled text.
 *
 * 1. Structural: every regex literal in src/ (found with the TypeScript parser, so a new one cannot
 *    be missed) is checked by recheck, a ReDoS checker that combines automata theory with fuzzing,
 *    and must be "safe" (linear or constant). A pattern that is only ever applied at a fixed
 *    position (moo's sticky lexer rules) is checked as sticky. Verdicts are cached by pattern.
 * 2. Behavioural: each function that applies patterns to input runs on adversarial lines of the
 *    longest length a line can have (64 KiB). At that size an exponential pattern would never
 *    finish and a quadratic one would take billions of steps: the test's time-out catches either,
 *    and a linear one takes milliseconds, so no time is asserted.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { check } from 'recheck';
import { describe, expect, it } from 'vitest';
import { escapeControl, renderDiagnostic } from '../../src/errors.js';
import { parseText } from '../../src/index.js';
import { cleanLine } from '../../src/input/lines.js';
import { squash } from '../../src/parse/format.js';
import { FORMATS } from '../../src/parse/formats/index.js';
import { tokenizeSocketLine } from '../../src/parse/lexer.js';
import { isNotice, matchPrompt, matchTimestamp } from '../../src/parse/markers.js';
import { splitHostPort, toDecimal, transportOf } from '../../src/parse/normalize.js';
// writer.js before markdown.js: the output modules import each other, and writer.js is their entry.
import { createWriter, StringOut } from '../../src/output/writer.js';
import { markdownCell } from '../../src/output/markdown.js';
import { Pseudonymizer } from '../../src/redact/pseudonym.js';
import { fieldReplacement, redactText } from '../../src/redact/redactor.js';
import { ROOT } from '../helpers.js';
import { regexesInSrc } from './regex-audit.js';

// The native checker when the platform has it (the recheck-linux-x64 package), else pure JavaScript.
process.env.RECHECK_BACKEND ??= 'auto';

/**
 * Files whose patterns are built at run time, and why each is linear. These are also run on the
 * adversarial lines of the behavioural test below (headers, titles and lexers of every format).
 */
const BUILT_AT_RUN_TIME: { [file: string]: string } = {
  'src/parse/bsd-lexer.ts': 'an alternation of fixed state names followed by a literal "*" (sticky lexer rule)',
  'src/parse/formats/linux-groups.ts': 'anchored alternations of escaped catalogue strings (l10n alternation())',
  'src/parse/formats/linux-net-tools.ts': 'anchored alternations of escaped catalogue strings and fixed optional groups',
  'src/parse/formats/linux-route.ts': 'anchored alternations of escaped catalogue strings',
  'src/parse/formats/windows-stat.ts': 'a fixed protocol name between two single-character lookarounds',
  'src/parse/l10n.ts': 'anchored escaped catalogue strings with \\d+ for %d',
  'src/query/regex.ts': "the user's --where pattern: checked by the query's own guard (src/query/regex.ts)",
};

/** Patterns that are only used sticky (moo compiles its rules with the y flag). */
const STICKY = new Set([
  'src/parse/lexer.ts',
  'src/parse/bsd-lexer.ts',
  'src/parse/ifconfig-lexer.ts',
  'src/parse/ss-lexer.ts',
  'src/parse/stats-lexer.ts',
  'src/parse/formats/windows-lexer.ts',
  'src/query/lexer.ts',
]);

describe('regular expressions in src/', () => {
  const { found, dynamic } = regexesInSrc();

  it('are all literals (a pattern built at run time could not be checked), or listed here with a reason', () => {
    expect(found.length).toBeGreaterThan(40);
    expect(dynamic.filter((d) => !(d.replace(/:\d+$/, '') in BUILT_AT_RUN_TIME))).toEqual([]);
  });

  it('are all linear according to recheck', async () => {
    // Each distinct pattern once. recheck's verdict depends only on the pattern, its flags and the
    // recheck version, so "safe" verdicts are kept in regex-verdicts.json (a few patterns take
    // recheck seconds); a pattern not there is checked now, and recorded with UPDATE_REGEX=1.
    const version = (JSON.parse(readFileSync(join(ROOT, 'node_modules', 'recheck', 'package.json'), 'utf8')) as { version: string }).version;
    const cacheFile = join(ROOT, 'test', 'property', 'regex-verdicts.json');
    const cache = JSON.parse(readFileSync(cacheFile, 'utf8')) as { recheck: string; safe: string[] };
    const known = new Set(cache.recheck === version ? cache.safe : []);
    const byPattern = new Map<string, string[]>();
    for (const r of found) {
      const flags = STICKY.has(r.file) && !r.flags.includes('y') ? `${r.flags}y` : r.flags;
      const key = `/${r.source}/${flags}`;
      byPattern.set(key, [...(byPattern.get(key) ?? []), `${r.file}:${r.line}`]);
    }
    const unchecked = [...byPattern.keys()].filter((k) => !known.has(k));
    const verdicts = await Promise.all(
      unchecked.map(async (key) => {
        const end = key.lastIndexOf('/');
        const result = await check(key.slice(1, end), key.slice(end + 1), { timeout: 30_000 });
        if (result.status === 'safe') return { key, unsafe: null };
        const why = result.status === 'vulnerable' ? `${result.complexity.type}, attack ${JSON.stringify(result.attack.pattern)}` : JSON.stringify(result.error);
        return { key, unsafe: `${byPattern.get(key)!.join(', ')} ${key}: ${result.status} (${why})` };
      }),
    );
    expect(verdicts.flatMap((v) => (v.unsafe === null ? [] : [v.unsafe]))).toEqual([]);
    if (process.env.UPDATE_REGEX) {
      const safe = [...byPattern.keys()].sort();
      writeFileSync(cacheFile, JSON.stringify({ recheck: version, safe }, null, 2) + '\n');
    } else {
      expect(unchecked, 'patterns checked now: record them with UPDATE_REGEX=1').toEqual([]);
    }
  }, 120_000);
});

const MAX = 64 * 1024;

/** Lines that make backtracking patterns work hardest: long runs of what they repeat, then a mismatch. */
const ADVERSARIAL = [
  ' '.repeat(MAX) + 'x',
  '\t '.repeat(MAX / 2) + '(',
  '4'.repeat(MAX) + 'x',
  '1'.repeat(MAX) + '/',
  '1/'.repeat(MAX / 2),
  '-'.repeat(MAX),
  '='.repeat(MAX) + 'a',
  '[' + ' '.repeat(MAX) + 'a',
  '(' + '1/'.repeat(MAX / 2),
  '\x1b[' + '0'.repeat(MAX) + '\x1b]',
  '\x1b]' + 'x'.repeat(MAX),
  'PS C:' + '\\'.repeat(MAX),
  'a@' + 'b'.repeat(MAX) + ':' + 'c'.repeat(MAX / 2),
  '$ ' + ' ;'.repeat(MAX / 2) + 'x',
  '$ sudo ' + '-x '.repeat(MAX / 3) + 'netstat',
  '$ ' + 'a/'.repeat(MAX / 2) + 'netstat x',
  '2026-11-28 ' + '1'.repeat(MAX),
  'Sat Nov 28 ' + '00:00:00 '.repeat(MAX / 9),
  '_'.repeat(MAX) + 'a',
  'a_'.repeat(MAX / 2),
  'Active ' + 'Internet '.repeat(MAX / 9),
  'Proto Recv-Q Send-Q Local Address Foreign Address State' + ' User Inode'.repeat(MAX / 11),
  '(' + ' '.repeat(MAX) + 'w/o servers',
  'tcp 0 0 ' + ':'.repeat(MAX) + ' *:* LISTEN',
  '['.repeat(MAX),
  '"\\'.repeat(MAX / 2),
];

describe('pattern-bearing functions on adversarial 64 KiB lines', () => {
  it('line cleaning, lexing, markers, headers, normalisation', () => {
    for (const line of ADVERSARIAL) {
      cleanLine(line);
      squash(line);
      tokenizeSocketLine(line);
      matchPrompt(line);
      matchTimestamp(line);
      isNotice(line);
      for (const f of FORMATS) {
        f.isTitle?.(line);
        f.open(line);
      }
      splitHostPort(line);
      transportOf(line);
      try {
        toDecimal(line, 'x');
      } catch {
        // not a number: fine
      }
    }
  }, 60_000);

  it('redaction: lines, tokens, and every kind of field', () => {
    const p = new Pseudonymizer('k');
    const header = 'Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name    ';
    for (const line of ADVERSARIAL) {
      const r = redactText(`${line}\n${header}\n${line}\ntcp 0 0 ${line}:1 ${line}:2 ESTABLISHED 1/${line}\n`, { key: 'k', keepUnknown: true, maskArgs: true, maskPaths: true });
      expect(r.report.lines).toBe(4);
      p.address(line);
      p.mac(line);
      const record = { kind: 'route', prefix_length: 24, iface: 'eth0' };
      for (const field of ['destination', 'gateway', 'mac_addr', 'program_name', 'path', 'text', 'user']) fieldReplacement(field, line, record, p, { maskArgs: true });
    }
  }, 60_000);

  it('the whole parser (segmenter, titles, sections, rejoining) and the renderers', () => {
    for (const line of ADVERSARIAL) {
      const header = 'Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name    ';
      const r = parseText(`${line}\n${header}\n${line}\n${line}\n`);
      expect(r.stats.lines).toBe(4);
      for (const d of r.diagnostics) renderDiagnostic(d);
      escapeControl(line);
      markdownCell(line);
      for (const format of ['table', 'markdown', 'csv', 'json'] as const) {
        const w = createWriter(format, new StringOut());
        w.row({ kind: 'x', a: line, b: line.slice(0, 1000) });
        w.end();
      }
    }
  }, 60_000);
});
