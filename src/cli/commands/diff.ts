/**
 * `netsnap diff BEFORE [AFTER]`: what changed between two netstat snapshots.
 *
 * Exit status as diff(1) and `git diff --exit-code`: 0 when the snapshots are the same (or always,
 * without --exit-code), 1 when they differ and --exit-code was given, 2 for trouble (usage, I/O, no
 * netstat output, no such snapshot).
 */
import { availableParallelism } from 'node:os';
import type { Argv } from 'yargs';
import { NetsnapError, UsageError } from '../../errors.js';
import { DiffWriter } from '../../diff/render.js';
import type { SnapshotDiff } from '../../diff/snapshot-diff.js';
import { COLUMNS } from '../../output/columns.js';
import { fileInput, diffInputs, diffWithin, streamInput, type DiffInputOptions, type InputRef, type SnapshotSelector } from '../../snapshots.js';
import { BufferedOut, wantColor, type CliIO } from '../io.js';
import { noNetstatOutput } from '../inputs.js';
import { givenMoreThanOnce, type CommonArgs } from '../options.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../../output/writer.js';
import { ENCODINGS, type Encoding } from '../../input/decode.js';
import { InputNotes } from './snapshots.js';
import type { CommandModule } from './index.js';

interface DiffArgs extends Omit<CommonArgs, 'files'> {
  before: string;
  after?: string;
  from?: SnapshotSelector;
  to?: SnapshotSelector;
  key?: string[];
  ignore?: string[];
  parallel?: boolean;
  'exit-code': boolean;
}

/** "3", "-1", "first", "last" -> a snapshot selector. */
export function parseSelector(text: unknown, option = 'from'): SnapshotSelector {
  // yargs hands a coerce function the list when an option is given twice.
  if (Array.isArray(text)) throw new UsageError(givenMoreThanOnce(option, text));
  const s = String(text).trim();
  if (s === 'first' || s === 'last') return s;
  if (/^-?\d{1,9}$/.test(s)) return Number(s);
  throw new UsageError(`not a snapshot: ${s} (give an index from 0, a negative index from the end, first or last)`);
}

/** "a,b" or repeated options -> field names, each checked against the record schema. */
export function parseFields(value: unknown, option: string): string[] {
  const list = (Array.isArray(value) ? value : [value]).flatMap((v) => String(v).split(',')).map((f) => f.trim()).filter(Boolean);
  const known = new Set(Object.values(COLUMNS).flat());
  for (const f of list) {
    if (!known.has(f)) {
      throw new UsageError(`--${option}: no record has a field "${f}" (fields are listed in the README's record schema)`, 'NETSNAP_QUERY_UNKNOWN_FIELD');
    }
  }
  if (list.length === 0) throw new UsageError(`--${option}: name at least one field`);
  return list;
}

export const diff: CommandModule<DiffArgs> = {
  name: 'diff',
  command: 'diff <before> [after]',
  describe: 'What changed between two netstat snapshots: sockets added, removed and changed, counts per state, interface counters',
  builder: (y: Argv) =>
    y
      .option('format', {
        alias: 'f',
        describe: 'output format (default: table, on a terminal or not)',
        choices: OUTPUT_FORMATS as OutputFormat[],
      })
      .positional('before', { describe: 'the first netstat output (file, or "-" for standard input)', type: 'string' })
      .positional('after', { describe: 'the second; without it, snapshots of BEFORE are compared with each other', type: 'string' })
      .option('from', { describe: 'snapshot of BEFORE: index from 0, negative from the end, first or last (default: last; one file: each pair)', type: 'string', coerce: (v: unknown) => parseSelector(v, 'from') })
      .option('to', { describe: 'snapshot of AFTER (default: its first; one file: the one after --from)', type: 'string', coerce: (v: unknown) => parseSelector(v, 'to') })
      .option('key', { describe: 'match records on these fields (comma-separated) instead of the default key of their kind', type: 'string', coerce: (v: unknown) => parseFields(v, 'key') })
      .option('ignore', { describe: 'fields not to compare (comma-separated), e.g. recv_q,send_q', type: 'string', coerce: (v: unknown) => parseFields(v, 'ignore') })
      .option('parallel', {
        describe: 'read the two files in worker threads, both at once (files of 8 MB or more; default: on when the machine has more than one core)',
        type: 'boolean',
      })
      .option('exit-code', { describe: 'exit 1 when the snapshots differ, 0 when they do not (as git diff --exit-code)', type: 'boolean', default: false })
      .option('encoding', { describe: 'input encoding (detected by default)', choices: ENCODINGS as Encoding[], default: 'auto' as Encoding })
      .option('quiet', { alias: 'q', describe: 'no warnings on standard error', type: 'boolean', default: false })
      .option('debug', { describe: 'show stack traces of unexpected errors', type: 'boolean', default: false })
      .example('$0 diff before.txt after.txt', 'the last snapshot of before.txt against the first of after.txt')
      .example('$0 diff net.log', 'each snapshot of a logged loop against the next')
      .example('$0 diff net.log --from 0 --to -1', 'the first snapshot of net.log against its last')
      .example('$0 diff -f json before.txt after.txt | jq ".[0].summary"', 'the diff as data')
      .example('$0 diff --exit-code --ignore recv_q,send_q a.txt b.txt', 'exit 1 if a socket came, went or changed state'),
  run,
};

async function run(args: DiffArgs, io: CliIO): Promise<number> {
  const format = args.format ?? 'table';
  const out = new BufferedOut(io.stdout);
  const writer = new DiffWriter(format, out, wantColor(io));
  const notes = new InputNotes(io, args.quiet);
  let differs = false;
  const onDiff = (d: SnapshotDiff): void => {
    differs ||= d.differs;
    writer.write(d);
  };
  const options: DiffInputOptions & { onDiff(d: SnapshotDiff): void } = { ...notes.hooks(), encoding: args.encoding, onDiff };
  if (args.from !== undefined) options.from = args.from;
  if (args.to !== undefined) options.to = args.to;
  if (args.key !== undefined) options.key = args.key;
  if (args.ignore !== undefined) options.ignore = args.ignore;
  if (args.parallel ?? availableParallelism() > 1) options.parallel = true;

  // yargs reads a lone "-" given for a named positional as "": it is standard input.
  const input = (name: string): InputRef => (name === '-' || name === '' ? streamInput(io.stdin, '-') : fileInput(name));
  if (args.after === '') args.after = '-';
  if (args.before === '') args.before = '-';
  if (args.before === '-' && args.after === '-') throw new UsageError('standard input can be only one of BEFORE and AFTER');
  try {
    if (args.after === undefined) await diffWithin(input(args.before), options);
    else onDiff(await diffInputs(input(args.before), input(args.after), options));
  } catch (err) {
    // Said as the other commands say it, with what netsnap reads; the exit code stays 2 (trouble, as for diff(1)).
    if (!(err instanceof NetsnapError && err.code === 'NETSNAP_NO_DATA')) throw err;
    io.stderr.write(noNetstatOutput(err.message));
    return 2;
  }
  writer.end();
  await out.end();
  notes.finish();
  return args['exit-code'] && differs ? 1 : 0;
}
