#!/usr/bin/env node
// One benchmark case, run in its own process by scripts/bench.mjs. Prints {seconds, maxRssMb} as JSON.
import { createReadStream, createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';

const [mode, ...args] = process.argv.slice(2);
const lib = await import('../dist/index.js');
const { main } = await import('../dist/cli/main.js');

async function runCli(argv) {
  const devnull = createWriteStream('/dev/null');
  const stderr = { write() { return true; }, on() {}, once() {} };
  const code = await main(argv, { stdin: Readable.from([]), stdout: devnull, stderr, env: {} });
  await new Promise((r) => devnull.end(r));
  if (code !== 0) throw new Error(`exit ${code}`);
}

const t0 = performance.now();
switch (mode) {
  case 'baseline': {
    const dec = new TextDecoder();
    let rest = '';
    let n = 0;
    for await (const chunk of createReadStream(args[0], { highWaterMark: 1 << 20 })) {
      const parts = (rest + dec.decode(chunk, { stream: true })).split('\n');
      rest = parts.pop();
      n += parts.length;
    }
    if (n === 0) throw new Error('no lines');
    break;
  }
  case 'parse': {
    let n = 0;
    await lib.parseFile(args[0], { record: () => n++, diagnostic: () => {} });
    if (n === 0) throw new Error('no records');
    break;
  }
  case 'convert':
    await runCli(['convert', '-f', 'ndjson', args[0]]);
    break;
  case 'cli':
    await runCli(args);
    break;
  default:
    throw new Error(`unknown case ${mode}`);
}
const seconds = (performance.now() - t0) / 1000;
console.log(JSON.stringify({ seconds, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
