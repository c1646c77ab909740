/** The README documents the fields only Windows records have, in the order records have them. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXTRA_COLUMNS } from '../src/output/columns.js';
import { ROOT } from './helpers.js';

const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');

/** Field names of the table that follows "Windows records have ..." under the kind's heading. */
function windowsFields(kind: string): string[] {
  const at = readme.indexOf(`### \`${kind}\``);
  expect(at, `README has ### \`${kind}\``).toBeGreaterThanOrEqual(0);
  const next = readme.indexOf('\n### ', at + 1);
  const section = readme.slice(at, next < 0 ? undefined : next);
  const intro = section.indexOf('Windows records have');
  expect(intro, `README says which fields Windows ${kind} records add`).toBeGreaterThanOrEqual(0);
  const lines = section.slice(intro).split('\n');
  const start = lines.findIndex((l) => l.startsWith('| field'));
  const fields: string[] = [];
  for (const l of lines.slice(start + 2)) {
    if (!l.startsWith('|')) break;
    fields.push(l.split('|')[1]!.trim().replace(/`/g, ''));
  }
  return fields;
}

describe('README schema for Windows', () => {
  for (const [kind, extras] of Object.entries(EXTRA_COLUMNS.windows ?? {})) {
    it(`lists the Windows fields of ${kind} records`, () => {
      expect(windowsFields(kind)).toEqual([...extras]);
    });
  }
  it('lists windows among the platforms', () => {
    expect(readme).toMatch(/\| `platform` \| string \| [^\n]*`windows`/);
  });
});
