/**
 * `netsnap snapshots FILE..`: the netstat runs in each input (a logged loop, `netstat -c`, a pasted
 * session): where each starts and ends, its timestamp and command, and its records by kind.
 */
import type { Argv } from 'yargs';
import { renderDiagnostic } from '../../errors.js';
import { createWriter } from '../../output/writer.js';
import { fileInput, listSnapshots, streamInput, type ReadHooks } from '../../snapshots.js';
import type { Platform, SnapshotInfo } from '../../types.js';
import { BufferedOut, type CliIO } from '../io.js';
import { MAX_SHOWN_DIAGNOSTICS, noNetstatOutput, plural, ranges } from '../inputs.js';
import { defaultFormat, withFormat, withInputs, type CommonArgs } from '../options.js';
import type { CommandModule } from './index.js';

/** The record kinds, in the order their counts are listed. */
const KINDS = ['inet', 'unix', 'interface', 'route', 'stat', 'group'];

/** Columns of a snapshot row: the description, then a count per record kind the inputs have. */
export const SNAPSHOT_COLUMNS = ['source', 'index', 'first_line', 'last_line', 'timestamp', 'timestamp_text', 'command', 'options', 'records'];

/** Diagnostics and skipped lines of the inputs a command reads, on standard error. */
export class InputNotes {
  private shown = new Map<string, number>();
  private hidden = new Map<string, number>();
  private skipped = new Map<string, number[]>();

  constructor(
    private readonly io: CliIO,
    private readonly quiet: boolean,
  ) {}

  hooks(): ReadHooks {
    return {
      onDiagnostic: (d) => {
        if (this.quiet) return;
        const n = this.shown.get(d.source) ?? 0;
        if (n < MAX_SHOWN_DIAGNOSTICS) {
          this.shown.set(d.source, n + 1);
          this.io.stderr.write(renderDiagnostic(d) + '\n');
        } else {
          this.hidden.set(d.source, (this.hidden.get(d.source) ?? 0) + 1);
        }
      },
      onSkipped: (line, _text, source) => {
        let list = this.skipped.get(source);
        if (list === undefined) this.skipped.set(source, (list = []));
        // An input read twice reports its lines twice: keep each once.
        if (list.length < 10_000 && (list.length === 0 || line > list[list.length - 1]!)) list.push(line);
      },
    };
  }

  finish(): void {
    if (this.quiet) return;
    for (const [source, n] of this.hidden) this.io.stderr.write(`netsnap: ${source}: ${n} more unparsed lines not shown\n`);
    for (const [source, lines] of this.skipped) {
      this.io.stderr.write(
        `netsnap: ${source}: skipped ${plural(lines.length, 'line')} that ${lines.length === 1 ? 'is' : 'are'} not netstat output: ${ranges(lines)}\n`,
      );
    }
  }
}

/** A snapshot as a flat row: its description and a count per record kind. */
export function snapshotRow(s: SnapshotInfo, kinds: readonly string[]): { [column: string]: unknown } {
  const row: { [column: string]: unknown } = {
    source: s.source,
    index: s.index,
    first_line: s.first_line,
    last_line: s.last_line,
    timestamp: s.timestamp,
    timestamp_text: s.timestamp_text,
    command: s.command,
    options: s.options,
    records: Object.values(s.records).reduce((a, b) => a + b, 0),
  };
  for (const k of kinds) row[k] = s.records[k] ?? 0;
  return row;
}

export const snapshots: CommandModule<CommonArgs> = {
  name: 'snapshots',
  command: 'snapshots [files..]',
  describe: 'List the netstat runs (snapshots) in each input: lines, timestamp, command, records by kind',
  builder: (y: Argv) =>
    withFormat(withInputs(y))
      .example('$0 snapshots net.log', 'the runs of a logged `date; netstat -an` loop')
      .example('$0 snapshots -f csv paste-*.txt > runs.csv', 'every run of several pastes, for a spreadsheet'),
  run,
};

async function run(args: CommonArgs, io: CliIO): Promise<number> {
  const format = defaultFormat(args.format, io.stdout.isTTY);
  const notes = new InputNotes(io, args.quiet);
  const names = args.files.length === 0 ? ['-'] : args.files;
  const all: SnapshotInfo[] = [];
  for (const name of names) {
    const input = name === '-' ? streamInput(io.stdin, '-') : fileInput(name);
    const { snapshots: list } = await listSnapshots(input, { ...notes.hooks(), encoding: args.encoding, ...(args.platform !== undefined ? { platform: args.platform as Platform } : {}) });
    all.push(...list);
  }
  const kinds = [...KINDS, ...new Set(all.flatMap((s) => Object.keys(s.records)).filter((k) => !KINDS.includes(k)))].filter((k) =>
    all.some((s) => (s.records[k] ?? 0) > 0),
  );
  let columns = [...SNAPSHOT_COLUMNS, ...kinds];
  const rows = all.map((s) => snapshotRow(s, kinds));
  if (format === 'table' || format === 'markdown') {
    // Columns with nothing in them are left out of a table, and timestamp_text, which says again
    // what timestamp says. Options stay: a command line ("date -R; netstat -tlnp", "ss -tan | grep
    // 80") does not show at a glance which of its words netsnap read as netstat's options.
    columns = columns.filter((c) => c !== 'timestamp_text' && rows.some((r) => r[c] !== null && r[c] !== undefined));
  }
  const out = new BufferedOut(io.stdout);
  const writer = createWriter(format, out, { columns, heading: () => null });
  for (const r of rows) writer.row(r);
  writer.end();
  await out.end();
  notes.finish();
  if (all.length === 0) {
    io.stderr.write(noNetstatOutput());
    return 1;
  }
  return 0;
}
