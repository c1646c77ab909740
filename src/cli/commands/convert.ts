/**
 * `netsnap convert [FILE..]`: netstat text to records, as a table, JSON, NDJSON, CSV or markdown.
 */
import type { Argv } from 'yargs';
import { createWriter } from '../../output/writer.js';
import type { NetRecord, RecordKind } from '../../types.js';
import { BufferedOut, wantColor, type CliIO } from '../io.js';
import { noNetstatOutput, readInputs, writeCounts } from '../inputs.js';
import { COUNT_OPTIONS, defaultFormat, withFormat, withInputs, type CommonArgs } from '../options.js';
import type { CommandModule } from './index.js';

export const RECORD_KINDS: readonly RecordKind[] = [
  'inet', 'unix', 'interface', 'route', 'stat', 'group',
  'netlink', 'packet', 'vsock', 'tipc',
];

interface ConvertArgs extends CommonArgs {
  kind?: string;
  strict: boolean;
  stats: boolean;
}

export const convert: CommandModule<ConvertArgs> = {
  name: 'convert',
  command: 'convert [files..]',
  describe: 'Read netstat output into records and write them as a table, JSON, NDJSON, CSV or markdown',
  builder: (y: Argv) =>
    withFormat(withInputs(y))
      .option('kind', {
        alias: 'k',
        describe: 'only records of this kind (CSV holds one kind: the first in the input by default)',
        type: 'string',
      })
      .options(COUNT_OPTIONS)
      .example('$0 convert netstat-anp.txt', 'a table of every socket (on a terminal)')
      .example('$0 convert -f csv --kind unix netstat-a.txt > unix.csv', 'unix sockets for a spreadsheet')
      .example('ssh web1 netstat -tanp | $0 convert -f ndjson', 'read standard input, one JSON object per line')
      .example('$0 convert --strict -f json before.txt.gz', 'fail (exit 1) if any line could not be read'),
  run,
};

async function run(args: ConvertArgs, io: CliIO): Promise<number> {
  const format = defaultFormat(args.format, io.stdout.isTTY);
  const out = new BufferedOut(io.stdout);
  const writer = createWriter(format, out, { color: wantColor(io) });
  let kind = args.kind ?? null;
  const left: { [kind: string]: number } = {};
  const onRecord = (r: NetRecord): void => {
    if (kind === null && format === 'csv') kind = r.kind;
    if (kind !== null && r.kind !== kind) {
      left[r.kind] = (left[r.kind] ?? 0) + 1;
      return;
    }
    writer.row(r);
  };
  const result = await readInputs({
    files: args.files,
    encoding: args.encoding,
    platform: args.platform,
    quiet: args.quiet,
    io,
    onRecord,
    afterChunk: () => out.drain(),
  });
  writer.end();
  await out.end();

  if (!args.quiet || args.stats) {
    writeCounts(result.summaries, io);
    const leftOut = Object.entries(left);
    if (leftOut.length > 0 && args.kind === undefined) {
      io.stderr.write(
        `netsnap: ${format} holds one record kind: wrote ${kind}, left out ${leftOut.map(([k, n]) => `${k} (${n})`).join(', ')}; choose with --kind\n`,
      );
    }
  }
  if (result.snapshots === 0) {
    io.stderr.write(noNetstatOutput());
    return 1;
  }
  if (args.strict && result.unparsed > 0) return 1;
  return 0;
}
