/** The CLI's I/O in-process, with chosen terminal flags (runCli cannot give a process a terminal). */
import { PassThrough } from 'node:stream';
import type { CliIO } from '../../src/cli/main.js';

/** In-process I/O with chosen terminal flags. */
export function fakeIO(opts: { stdinTTY?: boolean; stdoutTTY?: boolean; stderrTTY?: boolean; env?: { [k: string]: string }; input?: string[] }) {
  const stdout = new PassThrough() as PassThrough & { isTTY?: boolean };
  const stderr = new PassThrough() as PassThrough & { isTTY?: boolean };
  stdout.isTTY = opts.stdoutTTY;
  stderr.isTTY = opts.stderrTTY;
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const chunks = opts.input ?? [];
  const stdin = Object.assign((async function* () {
    for (const c of chunks) yield Buffer.from(c);
  })(), { isTTY: opts.stdinTTY });
  const io: CliIO = { stdin, stdout, stderr, env: opts.env ?? {} };
  return { io, out: () => out, err: () => err };
}
