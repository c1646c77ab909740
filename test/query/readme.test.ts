/**
 * The README's query examples run here, so they never go stale: each `$ netsnap query ...` line of a
 * console block is run through the CLI (in-process: main() with captured streams, which is what
 * bin/netsnap.js calls), and what it prints (standard output, then standard error) must be the lines
 * that follow it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { queryKinds } from '../../src/query/fields.js';
import { ROOT } from '../helpers.js';
import { runInProcess } from './in-process.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** Split a command line the way a POSIX shell would for these examples: quotes and backslashes. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let started = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unterminated ' in ${line}`);
      word += line.slice(i + 1, end);
      started = true;
      i = end;
    } else if (c === '"') {
      i++;
      for (; i < line.length && line[i] !== '"'; i++) {
        if (line[i] === '\\' && /["\\$`]/.test(line[i + 1] ?? '')) i++;
        word += line[i];
      }
      started = true;
    } else if (c === '\\') {
      word += line[++i] ?? '';
      started = true;
    } else if (/\s/.test(c)) {
      if (started) words.push(word);
      word = '';
      started = false;
    } else {
      word += c;
      started = true;
    }
  }
  if (started) words.push(word);
  return words;
}

interface Example {
  command: string;
  output: string;
}

/** The `netsnap query` section. */
function querySection(): string {
  const start = readme.indexOf('### `netsnap query');
  return readme.slice(start, readme.indexOf('\n### ', start + 1));
}

/** The examples of the `netsnap query` section. */
function examples(): Example[] {
  const out: Example[] = [];
  for (const block of querySection().matchAll(/```console\n([\s\S]*?)```/g)) {
    let current: Example | null = null;
    for (const line of block[1]!.split('\n').slice(0, -1)) {
      if (line.startsWith('$ ')) {
        current = { command: line.slice(2), output: '' };
        out.push(current);
      } else if (current !== null) {
        current.output += `${line}\n`;
      }
    }
  }
  return out;
}

describe('README query options', () => {
  it('list the record kinds --kind takes, as --help does', () => {
    const row = querySection()
      .split('\n')
      .find((l) => l.startsWith('| `-k, --kind'));
    expect([...row!.matchAll(/`([a-z]+)`/g)].map((m) => m[1])).toEqual(queryKinds());
  });
});

describe('README query examples', { timeout: 120_000 }, () => {
  it('splits command lines like a shell', () => {
    expect(shellWords(`netsnap query -w 'a = "b c"' "x\\"y" z\\ w`)).toEqual(['netsnap', 'query', '-w', 'a = "b c"', 'x"y', 'z w']);
  });

  const list = examples();
  it('has examples', () => {
    expect(list.length).toBeGreaterThanOrEqual(8);
  });
  for (const ex of list) {
    it(ex.command, async () => {
      const [program, ...args] = shellWords(ex.command);
      expect(program).toBe('netsnap');
      const r = await runInProcess(args);
      expect(r.status).toBe(0);
      expect(r.stdout + r.stderr).toBe(ex.output);
    });
  }
});
