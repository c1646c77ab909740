/** Run the netsnap CLI in-process (main() with captured streams): the same code as bin/netsnap.js, without starting node. */
import { Readable, Writable } from 'node:stream';
import { main } from '../../src/cli/main.js';
import type { CliResult } from '../helpers.js';

function capture(): { stream: Writable; text: () => string } {
  const parts: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      parts.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
      done();
    },
  });
  return { stream, text: () => Buffer.concat(parts).toString('utf8') };
}

export async function runInProcess(args: string[], input = ''): Promise<CliResult> {
  const out = capture();
  const err = capture();
  const status = await main(args, { stdin: Readable.from([Buffer.from(input)]), stdout: out.stream, stderr: err.stream, env: { NO_COLOR: '1' } });
  return { status, stdout: out.text(), stderr: err.text() };
}
