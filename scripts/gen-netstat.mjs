#!/usr/bin/env node
// Generates realistic `netstat -anp` output (Linux net-tools 2.10 layout) for benchmarks.
// Deterministic: the same --seed and --lines give the same bytes.
//
//   node scripts/gen-netstat.mjs --lines 1000000 [--seed 42] [--share-from 7 --share 0.9] > out.txt
//
// With --share-from S --share F, a fraction F of the sockets are the ones seed S would generate,
// and the rest new: two such files model "before" and "after" with F of their sockets in common.

import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    lines: { type: 'string', default: '100000' },
    seed: { type: 'string', default: '42' },
    'share-from': { type: 'string' },
    share: { type: 'string', default: '0.9' },
  },
});

/** mulberry32: small, fast, seeded. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PROGRAMS = ['nginx', 'java', 'postgres', 'redis-server', 'sshd', 'python3', 'node', 'envoy', 'haproxy',
  'sshd: root@pts/0', 'dns: resolver', 'very-long-daemon-name'];
const STATES = [
  ['ESTABLISHED', 50], ['TIME_WAIT', 25], ['CLOSE_WAIT', 6], ['FIN_WAIT2', 4], ['SYN_SENT', 2],
  ['SYN_RECV', 2], ['LAST_ACK', 1], ['FIN_WAIT1', 1], ['CLOSING', 1], ['LISTEN', 3],
];
const totalWeight = STATES.reduce((s, [, w]) => s + w, 0);

function pad(s, n) {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}
function lpad(s, n) {
  return s.length >= n ? s : ' '.repeat(n - s.length) + s;
}

/** One socket row for socket number `i` of the stream `r`. */
function row(r) {
  const v6 = r() < 0.2;
  const udp = r() < 0.08;
  const proto = (udp ? 'udp' : 'tcp') + (v6 ? '6' : '');
  const ip = () => (v6 ? `2001:db8::${Math.floor(r() * 65535).toString(16)}` : `10.${Math.floor(r() * 256)}.${Math.floor(r() * 256)}.${1 + Math.floor(r() * 254)}`);
  const port = () => String(1024 + Math.floor(r() * 64000));
  let state;
  let x = r() * totalWeight;
  for (const [name, w] of STATES) {
    if ((x -= w) < 0) {
      state = name;
      break;
    }
  }
  if (udp) state = r() < 0.7 ? '' : 'ESTABLISHED';
  const listen = state === 'LISTEN';
  const local = `${ip()}:${listen ? String([80, 443, 22, 5432, 6379, 8080][Math.floor(r() * 6)]) : port()}`;
  const foreign = listen || state === '' ? (v6 ? ':::*' : '0.0.0.0:*') : `${ip()}:${port()}`;
  const recvQ = r() < 0.9 ? 0 : Math.floor(r() * (r() < 0.1 ? 5_000_000 : 2000));
  const sendQ = r() < 0.9 ? 0 : Math.floor(r() * 3000);
  const program = state === 'TIME_WAIT' ? '-' : `${1 + Math.floor(r() * 99999)}/${PROGRAMS[Math.floor(r() * PROGRAMS.length)]}`.slice(0, 19);
  return `${pad(proto, 5)} ${lpad(String(recvQ), 6)} ${lpad(String(sendQ), 6)} ${pad(local, 23)} ${pad(foreign, 23)} ${pad(state, 11)} ${program}`;
}

const lines = Number(values.lines);
const seed = Number(values.seed);
const shareFrom = values['share-from'] === undefined ? null : Number(values['share-from']);
const share = Number(values.share);

const mine = rng(seed);
const theirs = shareFrom === null ? null : rng(shareFrom);
const pick = rng(seed ^ 0x5bd1e995);

const out = [];
let size = 0;
const flush = () => {
  process.stdout.write(out.join(''));
  out.length = 0;
  size = 0;
};
out.push('Active Internet connections (servers and established)\n');
out.push('Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name    \n');
for (let i = 2; i < lines; i++) {
  let line;
  if (theirs !== null) {
    // Both streams advance every line, so shared rows line up with the other file's.
    const a = row(theirs);
    const b = row(mine);
    line = pick() < share ? a : b;
  } else {
    line = row(mine);
  }
  out.push(line + '\n');
  size += line.length;
  if (size > 1 << 20) flush();
}
flush();
