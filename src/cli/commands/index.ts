/**
 * The CLI's commands, listed explicitly. Each maps its arguments to options, calls the library and
 * returns the exit code; none does any work when imported.
 */
import type { Argv } from 'yargs';
import type { CliIO } from '../io.js';
import { convert } from './convert.js';
import { queryCommand } from './query.js';
import { redact } from './redact.js';
import { summary } from './summary.js';
import { diff } from './diff.js';
import { snapshots } from './snapshots.js';

export interface CommandModule<A = unknown> {
  name: string;
  /** yargs command string, e.g. "convert [files..]". */
  command: string;
  describe: string;
  builder: (y: Argv) => Argv<unknown>;
  run(args: A, io: CliIO): Promise<number>;
}

export const COMMANDS: readonly CommandModule<never>[] = [
  convert as CommandModule<never>,
  queryCommand as CommandModule<never>,
  summary as CommandModule<never>,
  redact as CommandModule<never>,
  snapshots as CommandModule<never>,
  diff as CommandModule<never>,
];
