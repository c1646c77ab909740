#!/usr/bin/env node
// Compiles grammar/*.ne (all but common.ne, which the others include) with nearleyc into
// src/parse/generated/*.ts. The output is a build artefact: git-ignored, never edited by hand.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const nearleyc = join(dirname(require.resolve('nearley/package.json')), 'bin', 'nearleyc.js');
const out = join(root, 'src', 'parse', 'generated');
mkdirSync(out, { recursive: true });

const INCLUDED = new Set(['common.ne', 'bsd-common.ne']);
for (const file of readdirSync(join(root, 'grammar')).sort()) {
  if (!file.endsWith('.ne') || INCLUDED.has(file)) continue;
  const target = join(out, file.replace(/\.ne$/, '.ts'));
  execFileSync(process.execPath, [nearleyc, join(root, 'grammar', file), '-o', target], { stdio: 'inherit' });
  // nearleyc's TypeScript does not type-check under strict mode ({type} symbols); it is generated
  // code, checked by the grammar tests instead.
  const text = readFileSync(target, 'utf8');
  writeFileSync(target, `// @ts-nocheck\n// Generated from grammar/${file} by scripts/build-grammar.mjs. Do not edit.\n${text}`);
}
