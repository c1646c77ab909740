#!/usr/bin/env node
// `npm run bench`: throughput (lines/s) and peak memory (RSS) of netsnap on generated `netstat -anp`
// files of 100k and 1M lines, next to a baseline that only reads and splits the lines, and jc when
// it is on PATH. Each case runs in its own process so its peak RSS is its own.
//
//   npm run bench                 # 100k and 1M lines
//   npm run bench -- --sizes 100000
//
// Figures go into README.md's Performance section, with the date and the machine.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, openSync, statSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { sizes: { type: 'string', default: '100000,1000000' } } });
const sizes = values.sizes.split(',').map(Number);
const dir = join(tmpdir(), 'netsnap-bench');
mkdirSync(dir, { recursive: true });

/** Generate (once) a seeded netstat -anp file of n lines. */
function generate(n, seed = 42, extra = []) {
  const file = join(dir, `anp-${n}-${seed}${extra.length ? '-' + extra.join('') : ''}.txt`);
  if (!existsSync(file)) {
    const out = execFileSync(process.execPath, [join(root, 'scripts', 'gen-netstat.mjs'), '--lines', String(n), '--seed', String(seed), ...extra], {
      maxBuffer: 1 << 30,
    });
    writeFileSync(file, out);
  }
  return file;
}

/** Run one case in a fresh node process: { seconds, maxRssMb }. */
function runNode(mode, args) {
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'bench-case.mjs'), mode, ...args], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`${mode} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

/** Run an external command under /usr/bin/time (GNU time) when there is one. */
function runExternal(cmd, args, stdinFile) {
  const time = '/usr/bin/time';
  const t0 = performance.now();
  const stdin = stdinFile ? openSync(stdinFile) : 'ignore';
  const r = existsSync(time)
    ? spawnSync(time, ['-f', '%M', cmd, ...args], { stdio: [stdin, 'ignore', 'pipe'], encoding: 'utf8' })
    : spawnSync(cmd, args, { stdio: [stdin, 'ignore', 'ignore'] });
  const seconds = (performance.now() - t0) / 1000;
  const rssKb = existsSync(time) ? Number(String(r.stderr).trim().split('\n').pop()) : NaN;
  return { seconds, maxRssMb: rssKb / 1024 };
}


function onPath(cmd) {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

// Later cases (query, diff) go here: (n, file, report, runNode) => void.
const EXTRA_CASES = [];
// Query (issue 4): a group-by of the generated file; targets >= 400k lines/s, peak RSS <= 250 MB.
EXTRA_CASES.push((n, file, report, runNode) =>
  report('netsnap query -g state,program_name -a count,sum(recv_q)', n, runNode('cli', ['query', '-q', '-f', 'ndjson', '--group-by', 'state,program_name', '--agg', 'count,sum(recv_q)', file])),
);
EXTRA_CASES.push(// netsnap diff: two n-line snapshots sharing 90% of their sockets (seed 8 takes 90% of seed 7's
  // rows), the default table written to /dev/null. Lines counted: both files.
  (n, _file, report, run) => {
    const before = generate(n, 7);
    const after = generate(n, 8, ['--share-from', '7', '--share', '0.9']);
    report('netsnap diff (two files, 90% shared)', 2 * n, run('cli', ['diff', before, after]));
  });

const rows = [];
function report(name, lines, r) {
  const rate = lines / r.seconds;
  rows.push({ name, lines, seconds: r.seconds, rate, rss: r.maxRssMb });
  console.log(
    `${name.padEnd(44)} ${String(lines).padStart(8)} lines  ${r.seconds.toFixed(2).padStart(6)} s  ${(rate / 1000).toFixed(0).padStart(6)}k lines/s  ${r.maxRssMb.toFixed(0).padStart(5)} MB peak RSS`,
  );
}

console.log(`netsnap bench, ${new Date().toISOString().slice(0, 10)}, node ${process.version}, ${cpus().length} x ${cpus()[0]?.model}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB`);
for (const n of sizes) {
  const file = generate(n);
  const mb = (statSync(file).size / 1e6).toFixed(0);
  console.log(`\n${file} (${mb} MB)`);
  report('baseline: read and split lines', n, runNode('baseline', [file]));
  report('parse only (library, records counted)', n, runNode('parse', [file]));
  report('netsnap convert -f ndjson', n, runNode('convert', [file]));
  for (const c of EXTRA_CASES) c(n, file, report, runNode);
  if (onPath('jc')) report('jc --netstat', n, runExternal('jc', ['--netstat'], file));
  else console.log('jc --netstat'.padEnd(44), ' (jc is not on PATH: skipped)');
}
