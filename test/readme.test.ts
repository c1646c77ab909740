/** The README's schema tables list exactly the fields records have, in order. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { COMMANDS } from '../src/cli/commands/index.js';
import { BASE_COLUMNS, COLUMNS } from '../src/output/columns.js';
import { ROOT } from './helpers.js';
import { runInProcess } from './query/in-process.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** Field names from the first column of the first table after `heading`. */
function tableFields(heading: string): string[] {
  const at = readme.indexOf(heading);
  expect(at, `README has ${heading}`).toBeGreaterThanOrEqual(0);
  const lines = readme.slice(at).split('\n');
  const start = lines.findIndex((l) => l.startsWith('| field'));
  const fields: string[] = [];
  for (const l of lines.slice(start + 2)) {
    if (!l.startsWith('|')) break;
    fields.push(l.split('|')[1]!.trim().replace(/`/g, ''));
  }
  return fields;
}

describe('README schema', () => {
  it('lists the fields every record has', () => {
    expect(tableFields('Every record has these fields first')).toEqual([...BASE_COLUMNS]);
  });
  for (const kind of Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]) {
    it(`lists the fields of ${kind} records`, () => {
      expect(tableFields(`### \`${kind}\``)).toEqual(COLUMNS[kind].slice(BASE_COLUMNS.length));
    });
  }
  it('starts with the two quick start commands', () => {
    const quick = readme.slice(readme.indexOf('## Quick start'));
    expect(quick).toMatch(/```sh\nnpm ci && npm start\nnpm cit\n```/);
  });
});

describe('README exit codes', { timeout: 60_000 }, () => {
  it('name each command by what it does with an input without netstat output: 1, or 2 for diff', async () => {
    const section = readme.slice(readme.indexOf('### Exit codes'));
    const row = (code: number) => section.split('\n').find((l) => l.startsWith(`| ${code} |`))!;
    const named = (code: number) => [...row(code).matchAll(/`([a-z]+)`/g)].map((m) => m[1]!).filter((n) => COMMANDS.some((c) => c.name === n));
    const byCode = new Map<number, string[]>();
    for (const c of COMMANDS) {
      const { status } = await runInProcess([c.name, 'package.json']);
      byCode.set(status, [...(byCode.get(status) ?? []), c.name]);
    }
    expect([...byCode.keys()].sort()).toEqual([1, 2]);
    expect(named(1).sort()).toEqual(byCode.get(1)!.sort());
    expect(named(2)).toEqual(byCode.get(2));
  });
});
