/** Options shared by several commands, declared once. */
import type { Argv } from 'yargs';
import { ENCODINGS, type Encoding } from '../input/decode.js';
import { OUTPUT_FORMATS, type OutputFormat } from '../output/writer.js';
import { PLATFORMS } from '../parse/formats/index.js';

export interface CommonArgs {
  files: string[];
  format?: OutputFormat;
  encoding: Encoding;
  /** Read the input as this platform's output only (detected per section by default). */
  platform?: string;
  quiet: boolean;
  debug: boolean;
}

export function withInputs<T>(y: Argv<T>) {
  return y
    .positional('files', {
      describe: 'netstat output files ("-" or none: standard input; gzip is read too)',
      type: 'string',
      array: true,
      default: [] as string[],
    })
    .option('encoding', {
      describe: 'input encoding (detected by default)',
      choices: ENCODINGS as Encoding[],
      default: 'auto' as Encoding,
    })
    .option('platform', {
      describe: 'read the input as the output of this program only (detected per section by default)',
      choices: PLATFORMS as string[],
      type: 'string',
    })
    .option('quiet', { alias: 'q', describe: 'no warnings or counts on standard error', type: 'boolean', default: false })
    .option('debug', { describe: 'show stack traces of unexpected errors', type: 'boolean', default: false });
}

export function withFormat<T>(y: Argv<T>, formats: readonly OutputFormat[] = OUTPUT_FORMATS) {
  return y.option('format', {
    alias: 'f',
    describe: 'output format (default: table on a terminal, json otherwise)',
    choices: formats as OutputFormat[],
  });
}

/** table on a terminal, JSON when piped or redirected. */
export function defaultFormat(format: OutputFormat | undefined, stdoutIsTTY: boolean | undefined): OutputFormat {
  return format ?? (stdoutIsTTY ? 'table' : 'json');
}

/** The usage error for an option of one value given more than once (yargs makes a list of them). */
export function givenMoreThanOnce(option: string, values: readonly unknown[]): string {
  return `--${option}: given ${values.length} times (${values.join(', ')}): give it once`;
}

/** --strict and --stats, for the commands that read records and count lines. */
export const COUNT_OPTIONS = {
  strict: { describe: 'exit 1 when a line could not be read', type: 'boolean', default: false },
  stats: { describe: 'print line counts even with --quiet', type: 'boolean', default: false },
} as const;
