/**
 * `netsnap redact [FILE..]`: the same netstat text with IP addresses pseudonymised (consistently,
 * prefix-preserving), host names and user names replaced, and unix paths and program arguments
 * masked on request. Lines netsnap does not read are left out and reported, or kept unchanged with
 * --keep-unknown.
 */
import { randomBytes } from 'node:crypto';
import { createWriteStream, openSync, readFileSync } from 'node:fs';
import { mkdir, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { Argv } from 'yargs';
import { InputError, UsageError } from '../../errors.js';
import { readFileChunks, describeIoError } from '../../input/read.js';
import { Pseudonymizer } from '../../redact/pseudonym.js';
import { redactInput, type RedactOptions, type RedactReport } from '../../redact/redactor.js';
import { BufferedOut, type CliIO } from '../io.js';
import { fileSize, noNetstatOutput, plural, ranges } from '../inputs.js';
import { counted, Progress, wantProgress } from '../progress.js';
import { withInputs, type CommonArgs } from '../options.js';
import type { Platform } from '../../types.js';
import type { CommandModule } from './index.js';

interface RedactArgs extends Omit<CommonArgs, 'format'> {
  key?: string;
  keyFile?: string;
  maskPaths: boolean;
  maskArgs: boolean;
  keepUnknown: boolean;
  outDir?: string;
}

export const redact: CommandModule<RedactArgs> = {
  name: 'redact',
  command: 'redact [files..]',
  describe: 'Write netstat text back with addresses, host names and user names pseudonymised, ready to share',
  builder: (y: Argv) =>
    withInputs(y)
      .option('key', {
        describe: 'secret key: the same key maps the same address to the same pseudonym in every file and run (default: a random key, or $NETSNAP_REDACT_KEY)',
        type: 'string',
      })
      .option('key-file', { describe: 'read the key from a file (keeps it out of shell history)', type: 'string' })
      .option('mask-paths', { describe: 'mask unix socket paths (every component but the first)', type: 'boolean', default: false })
      .option('mask-args', { describe: 'mask program arguments (everything after the first word of the program column)', type: 'boolean', default: false })
      .option('keep-unknown', { describe: 'keep lines netsnap does not read, unchanged (they are NOT redacted)', type: 'boolean', default: false })
      .option('out-dir', { alias: 'o', describe: 'write each input to DIR/its file name instead of standard output', type: 'string' })
      .example('$0 redact --key-file ~/.netsnap-key netstat-anp.txt > shareable.txt', 'the same addresses map the same way every time')
      .example('$0 redact --mask-paths --mask-args -o redacted/ before.txt after.txt', 'two files, consistently, into redacted/')
      .example('ssh web1 netstat -tanp | $0 redact', 'standard input to standard output'),
  run,
};

function keyOf(args: RedactArgs, io: CliIO): { key: string | Buffer; random: boolean } {
  if (args.key !== undefined && args.keyFile !== undefined) throw new UsageError('give --key or --key-file, not both');
  if (args.keyFile !== undefined) {
    let text: string;
    try {
      text = readFileSync(args.keyFile, 'utf8');
    } catch (err) {
      throw new InputError(`cannot read ${args.keyFile}: ${describeIoError(err)}`);
    }
    const key = text.replace(/\r?\n$/, '');
    if (key === '') throw new UsageError(`--key-file ${args.keyFile} is empty`);
    return { key, random: false };
  }
  const key = args.key ?? io.env.NETSNAP_REDACT_KEY;
  if (key !== undefined) {
    if (key === '') throw new UsageError('--key is empty');
    return { key, random: false };
  }
  return { key: randomBytes(32), random: true };
}

/** The output directory, made if missing (one level: a missing parent is an error). */
async function makeDir(dir: string): Promise<void> {
  try {
    if ((await stat(dir)).isDirectory()) return;
    throw new InputError(`cannot write to ${dir}: not a directory`);
  } catch (err) {
    if (err instanceof InputError) throw err;
  }
  try {
    await mkdir(dir);
  } catch (err) {
    throw new InputError(`cannot create ${dir}: ${describeIoError(err)}`);
  }
}

async function run(args: RedactArgs, io: CliIO): Promise<number> {
  const { key, random } = keyOf(args, io);
  const pseudonyms = new Pseudonymizer(key);
  const names = args.files.length === 0 ? ['-'] : args.files;
  if (args.outDir !== undefined) await makeDir(args.outDir);
  const reports: RedactReport[] = [];
  const progress = wantProgress(io.stderr, args.quiet, io.env) ? new Progress(io.stderr, { unit: 'lines' }) : null;
  for (const name of names) {
    let input = name === '-' ? io.stdin : readFileChunks(name);
    if (progress !== null) {
      progress.start(name, name === '-' ? null : await fileSize(name));
      input = counted(input, progress);
    }
    const options: RedactOptions = {
      key,
      source: name,
      encoding: args.encoding,
      maskPaths: args.maskPaths,
      maskArgs: args.maskArgs,
      keepUnknown: args.keepUnknown,
    };
    if (args.platform !== undefined) options.platform = args.platform as Platform;
    // Standard output, or (with --out-dir) a file of the input's name, closed once written.
    let out: BufferedOut;
    let close = async (): Promise<void> => {};
    if (args.outDir === undefined || name === '-') {
      out = new BufferedOut(io.stdout);
    } else {
      const target = join(args.outDir, basename(name).replace(/\.gz$/, ''));
      if (resolve(target) === resolve(name)) throw new UsageError(`--out-dir ${args.outDir} would overwrite ${name} with its redacted text; choose another directory`);
      let fd: number;
      try {
        fd = openSync(target, 'w');
      } catch (err) {
        throw new InputError(`cannot write ${target}: ${describeIoError(err)}`);
      }
      const file = createWriteStream('', { fd });
      out = new BufferedOut(file);
      close = () => new Promise<void>((resolve, reject) => file.end((err?: Error | null) => (err ? reject(new InputError(`cannot write ${target}: ${describeIoError(err)}`)) : resolve())));
    }
    reports.push(await redactInput(input, { ...options, afterChunk: () => out.drain() }, (line) => {
      progress?.record();
      out.write(`${line}\n`);
    }, pseudonyms));
    progress?.clear();
    await out.end();
    await close();
  }

  if (!args.quiet) {
    for (const r of reports) {
      const where = reports.length > 1 || r.source !== '-' ? `${r.source}: ` : '';
      let text = `netsnap: ${where}wrote ${plural(r.written, 'line')}, ${r.changed} changed`;
      if (r.shifted > 0) text += ` (${r.shifted} with later columns moved right to fit a longer value)`;
      io.stderr.write(`${text}\n`);
      if (r.tooLong.length > 0) {
        io.stderr.write(`netsnap: ${where}left out ${plural(r.tooLong.length, 'line')} too long to read: ${ranges(r.tooLong)}\n`);
      }
      if (r.unknownCount > 0) {
        io.stderr.write(
          args.keepUnknown
            ? `netsnap: ${where}kept ${plural(r.unknownCount, 'line')} netsnap does not read UNCHANGED, not redacted: ${ranges(r.unknown)}\n`
            : `netsnap: ${where}left out ${plural(r.unknownCount, 'line')} netsnap does not read: ${ranges(r.unknown)} (--keep-unknown keeps them, unredacted)\n`,
        );
      }
    }
    if (random) io.stderr.write('netsnap: used a random key: pseudonyms are consistent within this run only (--key or --key-file to reuse them)\n');
  }
  if (reports.every((r) => r.records === 0)) {
    io.stderr.write(noNetstatOutput());
    return 1;
  }
  return 0;
}
