/**
 * The `netsnap` command: argv -> command -> library call -> exit code.
 *
 * Exit codes: 0 ok; 1 a data problem the user asked to be strict about, or no netstat data at all;
 * 2 usage or I/O error. Errors are one line; --debug adds the stack.
 */
import { readFileSync } from 'node:fs';
import yargs from 'yargs';
import { NetsnapError, UsageError, InputError } from '../errors.js';
import { COMMANDS } from './commands/index.js';
import { givenMoreThanOnce } from './options.js';
import type { CliIO } from './io.js';

export type { CliIO } from './io.js';

/** What `netsnap FILE..` runs when no command is named. */
export const DEFAULT_COMMAND = 'summary';

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** Options whose repeats add up (their values are joined); the files are a list too. */
const REPEATABLE = new Set(['files', 'where', 'group-by', 'agg', 'sort', 'select', 'key', 'ignore', 'threshold']);

/**
 * An option of one value given more than once (yargs then makes a list of them, which no command
 * reads): a usage error naming it, or null. One-letter aliases and the camelCase copies yargs makes
 * hold the same list as the long name, which is the one reported.
 */
function repeatedOption(parsed: { [k: string]: unknown }): string | null {
  for (const [k, v] of Object.entries(parsed)) {
    if (!Array.isArray(v) || k === '_' || k.length === 1 || k !== k.toLowerCase() || REPEATABLE.has(k)) continue;
    return givenMoreThanOnce(k, v);
  }
  return null;
}

export async function main(args: readonly string[], io: CliIO): Promise<number> {
  const debug = args.includes('--debug');
  let failure: string | null = null;
  let output = '';
  let parsed: { _: (string | number)[]; [k: string]: unknown } | undefined;
  try {
    const y = yargs([...args])
      .scriptName('netsnap')
      .usage('$0 [command] [options] [FILE..]\n\nRead saved netstat and ss output into records: filter, aggregate, diff, convert.\nWith no command, netsnap FILE.. summarises the files (netsnap summary).')
      .version(version())
      .help()
      .alias('h', 'help')
      .alias('V', 'version')
      .strict()
      .recommendCommands()
      .completion('completion', 'Print a shell completion script (bash or zsh): netsnap completion >> ~/.bashrc')
      .epilogue('Exit codes: 0 ok, 1 unreadable lines with --strict or no netstat data, 2 usage or I/O error.')
      .wrap(Math.min(100, (io.stdout as { columns?: number }).columns ?? 100))
      .exitProcess(false)
      // Worded to read as one line once joined (see oneLine): yargs puts each option on a line of its own.
      .updateStrings({ 'Invalid values:': 'invalid values:', 'Argument: %s, Given: %s, Choices: %s': 'argument %s, given %s, choices: %s' })
      .fail((msg, err) => {
        failure = withoutCamelCopies(oneLine(msg ?? err?.message ?? 'invalid arguments'));
        // The options' aliases (yargs has them, though its types do not say so).
        const options = (y as unknown as { getOptions?(): { alias?: { [name: string]: string[] } } }).getOptions?.();
        failure = missingValue(failure, options?.alias ?? {});
      });
    // With no command named, `netsnap FILE..` runs the default command (summary). It is the default
    // only then, so that its file arguments cannot swallow a command name such as `completion`.
    const first = args.find((a) => !a.startsWith('-'));
    const named = first !== undefined && (first === 'completion' || COMMANDS.some((c) => c.name === first));
    for (const c of COMMANDS) {
      y.command(!named && c.name === DEFAULT_COMMAND ? [c.command, '$0'] : c.command, c.describe, c.builder);
    }
    // yargs' own `completion` command passes strict mode only when a command is demanded.
    if (named) y.demandCommand(1, 'Name a command (netsnap --help lists them).');
    parsed = (await y.parseAsync([...args], {}, (_err, _argv, out) => {
      output = out;
    })) as typeof parsed;
  } catch (err) {
    failure = oneLine((err as Error).message);
  }
  if (failure !== null) {
    // The message only: what yargs printed before it failed is no part of it (`completion --bad`
    // made the completion script and then failed on the option).
    io.stderr.write(`netsnap: ${failure}\n`);
    return 2;
  }
  if (output) io.stdout.write(output.endsWith('\n') ? output : `${output}\n`);
  // --help, --version and completion print and stop.
  if (output || parsed === undefined || args.includes('--get-yargs-completions')) return 0;

  const twice = repeatedOption(parsed);
  if (twice !== null) {
    io.stderr.write(`netsnap: ${twice}\n`);
    return 2;
  }
  const name = String(parsed._[0] ?? '');
  if (name === 'completion') return 0; // handled by yargs itself
  const named = COMMANDS.find((c) => c.name === name);
  const command = named ?? COMMANDS.find((c) => c.name === DEFAULT_COMMAND);
  if (command === undefined) return 0;
  try {
    return await command.run((named ? parsed : { ...parsed, implicit: true }) as never, io);
  } catch (err) {
    return reportError(err, io, debug);
  }
}

/**
 * yargs' "Not enough arguments following: n" as "-n (--limit) needs a value": the option as typed,
 * and its long name when it was typed short.
 */
function missingValue(message: string, aliases: { [name: string]: string[] }): string {
  const prefix = 'Not enough arguments following: ';
  if (!message.startsWith(prefix)) return message;
  const key = message.slice(prefix.length);
  const typed = key.length === 1 ? `-${key}` : `--${key}`;
  const long = Object.keys(aliases).find((name) => name.length > 1 && aliases[name]!.includes(key));
  return `${typed}${long === undefined || key.length > 1 ? '' : ` (--${long})`} needs a value`;
}

/**
 * yargs names an unknown option twice, as typed and in camelCase ("Unknown arguments: help-me,
 * helpMe"): the copy is left out.
 */
function withoutCamelCopies(message: string): string {
  const colon = message.indexOf(': ');
  if (!message.startsWith('Unknown argument') || colon < 0) return message;
  const names = message.slice(colon + 2).split(', ');
  const camel = (n: string): string => n.split('-').filter((w) => w !== '').map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1))).join('');
  const copies = new Set(names.filter((n) => n.includes('-')).map(camel));
  const kept = names.filter((n) => !copies.has(n));
  return `Unknown argument${kept.length === 1 ? '' : 's'}: ${kept.join(', ')}`;
}

/**
 * A yargs message as one line: "invalid values:" then a line per option becomes
 * "invalid values: argument format, given ...; argument encoding, given ...".
 */
function oneLine(message: string): string {
  const [head = '', ...rest] = message
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  return rest.length === 0 ? head : `${head} ${rest.join('; ')}`;
}

/** One line for errors we expect; a stack only with --debug. */
function reportError(err: unknown, io: CliIO, debug: boolean): number {
  const e = err as Error;
  io.stderr.write(`netsnap: ${e?.message ?? String(err)}\n`);
  if (debug && e?.stack) io.stderr.write(`${e.stack}\n`);
  else if (!(err instanceof NetsnapError)) io.stderr.write('netsnap: this is a bug; run again with --debug and report it\n');
  if (err instanceof UsageError || err instanceof InputError) return 2;
  return 2;
}
