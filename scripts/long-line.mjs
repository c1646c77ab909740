#!/usr/bin/env node
/**
 * Memory stays bounded on a line that never ends: streams LONG_LINE_BYTES (1 GiB by default) of text
 * without a newline into `netsnap convert -f ndjson -`, then a netstat table, and reports the
 * process's peak resident memory (VmHWM, polled from /proc) with what it printed.
 * `npm run check:long-line`; exits 1 if the table after the long line is not read, the long line
 * is not reported, or the peak passes LONG_LINE_MAX_MB (256 by default).
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const SIZE = Number(process.env.LONG_LINE_BYTES ?? 2 ** 30);
const MAX_MB = Number(process.env.LONG_LINE_MAX_MB ?? 256);
const TABLE = readFileSync(join(ROOT, 'samples', 'linux', 'netstat-tulpn.txt'));

const started = Date.now();
const child = spawn(process.execPath, [join(ROOT, 'bin', 'netsnap.js'), 'convert', '-f', 'ndjson', '-'], { stdio: ['pipe', 'pipe', 'pipe'] });
let peakKb = 0;
const poll = setInterval(() => {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
    if (m) peakKb = Math.max(peakKb, Number(m[1]));
  } catch {
    // the process has exited
  }
}, 25);
let stdout = 0;
let stderr = '';
child.stdout.on('data', (b) => {
  for (const c of b) if (c === 10) stdout++;
});
child.stderr.on('data', (b) => {
  stderr += b.toString();
});

const chunk = Buffer.alloc(1 << 20, 'x');
for (let sent = 0; sent < SIZE; sent += chunk.length) {
  const part = SIZE - sent >= chunk.length ? chunk : chunk.subarray(0, SIZE - sent);
  if (!child.stdin.write(part)) await new Promise((resolve) => child.stdin.once('drain', resolve));
}
child.stdin.end(Buffer.concat([Buffer.from('\n'), TABLE]));
const status = await new Promise((resolve) => child.on('close', resolve));
clearInterval(poll);

const peakMb = Math.round(peakKb / 1024);
const seconds = (Date.now() - started) / 1000;
const rows = TABLE.toString().split('\n').filter((l) => /^(tcp|udp)/.test(l)).length;
console.log(`${(SIZE / 2 ** 20).toFixed(0)} MiB without a newline, then netstat -tulpn: exit ${status}, ${seconds.toFixed(1)} s, peak RSS ${peakMb} MB`);
console.log(`records written: ${stdout} (the table has ${rows})`);
console.log(stderr.trimEnd());
const ok = status === 0 && stdout === rows && stderr.includes('netsnap: -:1:1: line is longer than 65536 characters; skipped') && peakMb <= MAX_MB;
console.log(ok ? 'PASS' : 'FAIL');
process.exitCode = ok ? 0 : 1;
