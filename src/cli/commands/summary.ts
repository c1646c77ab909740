/**
 * `netsnap summary [FILE..]` (also `netsnap FILE..` with no command): per snapshot, what is
 * listening, who talks to whom, queues, interface errors, the netstat -s counters that matter,
 * and findings with their evidence; with several snapshots, what grew from the first to the last.
 */
import type { Argv } from 'yargs';
import { fileInput } from '../../snapshots.js';
import { SummaryBuilder } from '../../summary/index.js';
import { withEvidenceText } from '../../summary/evidence.js';
import { renderSummary, SUMMARY_FORMATS, type SummaryFormat } from '../../summary/render.js';
import { parseThresholds, THRESHOLD_INFO } from '../../summary/thresholds.js';
import { BufferedOut, wantColor, type CliIO } from '../io.js';
import { noNetstatOutput, readInputs, writeCounts } from '../inputs.js';
import { COUNT_OPTIONS, withInputs, type CommonArgs } from '../options.js';
import type { CommandModule } from './index.js';

interface SummaryArgs extends Omit<CommonArgs, 'format'> {
  format?: SummaryFormat;
  threshold: string[];
  strict: boolean;
  stats: boolean;
  /** Set by main when summary runs as the default command (no command named). */
  implicit?: boolean;
}

const thresholdHelp = THRESHOLD_INFO.map((t) => `${t.name}=${t.default ?? 'auto'}`).join(', ');

export const summary: CommandModule<SummaryArgs> = {
  name: 'summary',
  command: 'summary [files..]',
  describe: 'Summarise netstat output: listeners, peers, queues, errors, and findings with their evidence (the default command)',
  builder: (y: Argv) =>
    withInputs(y)
      .option('format', {
        alias: 'f',
        describe: 'output format (default: table)',
        choices: SUMMARY_FORMATS as SummaryFormat[],
      })
      .option('threshold', {
        alias: 't',
        describe: `set a finding's threshold, name=value (repeatable; "off" turns a finding off). Defaults: ${thresholdHelp}`,
        type: 'string',
        array: true,
        nargs: 1,
        default: [] as string[],
      })
      .options(COUNT_OPTIONS)
      .example('$0 summary netstat-anp.txt', 'what is listening, who is connected, and what looks wrong')
      .example('$0 netstat-anp.txt', 'the same: summary is the default command')
      .example('$0 summary -f markdown before.txt after.txt', 'a report to paste into an issue, with what grew between the two')
      .example('$0 summary -t close_wait=50 -t listen_all=off netstat.txt', 'adjust thresholds'),
  run,
};

async function run(args: SummaryArgs, io: CliIO): Promise<number> {
  if (args.implicit && args.files.length === 0 && io.stdin.isTTY) {
    io.stderr.write('netsnap: name a file or pipe netstat output in (netsnap --help lists the commands)\n');
    return 2;
  }
  const thresholds = parseThresholds(args.threshold);
  const format = args.format ?? 'table';
  const builder = new SummaryBuilder(thresholds);
  const result = await readInputs({
    files: args.files,
    encoding: args.encoding,
    platform: args.platform,
    quiet: args.quiet,
    io,
    onRecord: (r) => builder.record(r),
    onSnapshot: (s) => builder.snapshot(s),
  });
  // Standard input was read once and is gone: its findings keep their file:line references alone.
  const files = args.files.filter((name) => name !== '-').map((name) => fileInput(name));
  const summary = await withEvidenceText(builder.finish(), files, {
    encoding: args.encoding,
    onError: (source, err) => {
      if (!args.quiet) io.stderr.write(`netsnap: ${source}: the lines of the evidence are not shown: ${err instanceof Error ? err.message : String(err)}\n`);
    },
  });
  const out = new BufferedOut(io.stdout);
  renderSummary(summary, format, out, { color: wantColor(io) });
  await out.end();

  if (!args.quiet || args.stats) {
    writeCounts(result.summaries, io);
  }
  if (result.snapshots === 0) {
    io.stderr.write(noNetstatOutput());
    return 1;
  }
  if (args.strict && result.unparsed > 0) return 1;
  return 0;
}
