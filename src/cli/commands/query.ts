/**
 * `netsnap query [FILE..]`: filter, group, aggregate, sort and select records. The command only maps
 * flags to a QuerySpec; the library (src/query/) does the work.
 */
import type { Argv } from 'yargs';
import { UsageError } from '../../errors.js';
import { createWriter, type RowWriter } from '../../output/writer.js';
import { compileQuery, type CompiledQuery, type QuerySpec } from '../../query/query.js';
import { QueryError, renderQueryError } from '../../query/errors.js';
import { queryKinds } from '../../query/fields.js';
import { QueryRun } from '../../query/query.js';
import { enableRegexFallback } from '../../query/regex.js';
import type { SnapshotChoice } from '../../query/verbs/snapshot.js';
import { BufferedOut, wantColor, type CliIO } from '../io.js';
import { noNetstatOutput, readInputs, writeCounts } from '../inputs.js';
import { COUNT_OPTIONS, defaultFormat, withFormat, withInputs, type CommonArgs } from '../options.js';
import type { CommandModule } from './index.js';

interface QueryArgs extends CommonArgs {
  where?: string | string[];
  kind?: string;
  'group-by'?: string | string[];
  agg?: string | string[];
  sort?: string | string[];
  /** One value: main() refuses an option of one value given twice before any command runs. */
  limit?: string;
  select?: string | string[];
  snapshot?: string;
  strict: boolean;
  stats: boolean;
}

/** The examples of --help (and of the README, which a test runs). */
export const QUERY_EXAMPLES: readonly (readonly [string, string])[] = [
  ['$0 query --where "state = ESTABLISHED and foreign_address in 10.0.0.0/8" netstat-anp.txt', 'established connections to 10.0.0.0/8'],
  ['$0 query --group-by state --sort=-count netstat-an.txt', 'sockets per state, most first (netstat -an | awk | sort | uniq -c)'],
  ['$0 query --group-by program_name --agg count,sum(recv_q) --sort=-sum_recv_q netstat-anp.txt', 'which program has data waiting'],
  ['$0 query --where "is_listening and not is_loopback" --select proto,local_ip,local_port,program_name netstat-tulpn.txt', 'what listens beyond loopback'],
  ['$0 query --where \'program_name ~ "^java" and local_port in 1024..65535\' -f csv netstat-anp.txt', 'a regular expression and a port range, as CSV'],
  ['$0 query --kind unix --where "path ~ docker" netstat-ax.txt', 'unix sockets'],
  ['$0 query --snapshot last --group-by snapshot,state netstat-c.txt', 'the last run of netstat -c, per state'],
];

function joined(v: string | string[] | undefined): string | undefined {
  if (v === undefined) return undefined;
  return Array.isArray(v) ? v.join(',') : v;
}

function snapshotOf(text: string | undefined): SnapshotChoice {
  if (text === undefined) return 'all';
  const t = text.trim().toLowerCase();
  if (t === 'all' || t === 'first' || t === 'last') return t;
  if (/^\d+$/.test(t)) return Number(t);
  throw new QueryError('NETSNAP_QUERY_BAD_OPTION', `"${text}" is not a snapshot: use a number from 0, first, last or all`, { option: '--snapshot' });
}

/**
 * --limit is read from its text here, not by yargs as a number: yargs turns "abc" into NaN (which an
 * error can only show as NaN or null, not as typed), "" into 0 and "0x10" into 16.
 */
function limitOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  if (!/^\d+$/.test(t)) throw new QueryError('NETSNAP_QUERY_BAD_OPTION', `"${text}" is not a limit: use a whole number from 0`, { option: '--limit' });
  return Number(t);
}

/** The query the flags describe. */
export function specFromArgs(args: QueryArgs): QuerySpec {
  const spec: QuerySpec = { snapshot: snapshotOf(args.snapshot) };
  if (args.where !== undefined) {
    const w = Array.isArray(args.where) ? args.where.map((x) => `(${x})`).join(' and ') : args.where;
    spec.where = w;
  }
  if (args.kind !== undefined) spec.kind = args.kind;
  const groupBy = joined(args['group-by']);
  if (groupBy !== undefined) spec.groupBy = groupBy;
  const agg = joined(args.agg);
  if (agg !== undefined) spec.aggregates = agg;
  const sort = joined(args.sort);
  if (sort !== undefined) spec.sort = sort;
  const select = joined(args.select);
  if (select !== undefined) spec.select = select;
  const limit = limitOf(args.limit);
  if (limit !== undefined) spec.limit = limit;
  return spec;
}

export const queryCommand: CommandModule<QueryArgs> = {
  name: 'query',
  command: 'query [files..]',
  describe: 'Filter, group, aggregate and sort records: --where, --group-by, --agg, --sort, --limit, --select',
  builder: (y: Argv) => {
    // `--sort -count`: let a value start with "-" (only an option netsnap does not know can be one).
    let b = withFormat(withInputs(y.parserConfiguration({ 'unknown-options-as-args': true })))
      .option('where', { alias: 'w', describe: 'condition: state = LISTEN and foreign_address in 10.0.0.0/8 (see the README)', type: 'string' })
      .option('kind', { alias: 'k', describe: `record kind: ${queryKinds().join(', ')} (default: inet when present)`, type: 'string' })
      .option('group-by', { alias: 'g', describe: 'group by fields: state,program_name', type: 'string' })
      .option('agg', { alias: 'a', describe: 'aggregates: count,sum(recv_q),max(send_q),min(F),avg(F),count_distinct(F) (default count)', type: 'string' })
      .option('sort', { alias: 's', describe: 'sort keys, "-" for descending: -count,local_port (stable)', type: 'string', nargs: 1 })
      .option('limit', { alias: 'n', describe: 'at most N rows (a whole number from 0)', type: 'string', nargs: 1 })
      .option('select', { describe: 'columns of a listing: proto,local_ip,scope (computed fields too)', type: 'string' })
      .option('snapshot', { describe: 'which netstat run of each input: N (from 0), first, last or all', type: 'string', default: 'all' })
      .options(COUNT_OPTIONS);
    for (const [cmd, what] of QUERY_EXAMPLES) b = b.example(cmd, what);
    return b;
  },
  run,
};

async function run(args: QueryArgs, io: CliIO): Promise<number> {
  // An unknown option reaches here as a file name (see the builder): report it as yargs would.
  const unknown = args.files.find((f) => f.length > 1 && f.startsWith('-'));
  if (unknown !== undefined) throw new UsageError(`Unknown argument: ${unknown.replace(/^-+/, '')}`);
  // User regexes: let V8 fall back to its linear-time engine rather than backtrack for ever.
  enableRegexFallback();
  let compiled: CompiledQuery;
  try {
    compiled = compileQuery(specFromArgs(args));
  } catch (err) {
    if (err instanceof QueryError) {
      io.stderr.write(renderQueryError(err) + '\n');
      return 2;
    }
    throw err;
  }
  const format = defaultFormat(args.format, io.stdout.isTTY);
  const out = new BufferedOut(io.stdout);
  const color = wantColor(io);
  let writer: RowWriter | null = null;
  const runner = new QueryRun(
    compiled,
    {
      push: (row) => {
        writer!.row(row);
        return true;
      },
      end: () => writer?.end(),
    },
    {
      start: (_kind, columns) => {
        writer = createWriter(format, out, columns === null ? { color } : { columns, color });
      },
    },
  );
  const result = await readInputs({
    files: args.files,
    encoding: args.encoding,
    platform: args.platform,
    quiet: args.quiet,
    io,
    onRecord: (r) => void runner.push(r),
    afterChunk: () => out.drain(),
  });
  runner.end();
  await out.end();

  if (!args.quiet || args.stats) {
    writeCounts(result.summaries, io);
  }
  if (!args.quiet && result.snapshots > 0) {
    const left = Object.entries(runner.leftOut());
    if ((runner.counts()[runner.kind ?? ''] ?? 0) === 0) {
      io.stderr.write(`netsnap: no ${runner.kind} records in the input${left.length > 0 ? ` (it has ${left.map(([k, n]) => `${k} (${n})`).join(', ')}); choose with --kind` : ''}\n`);
    } else if (left.length > 0 && args.kind === undefined) {
      io.stderr.write(`netsnap: queried ${runner.kind} records; left out ${left.map(([k, n]) => `${k} (${n})`).join(', ')}; choose with --kind\n`);
    }
  }
  if (result.snapshots === 0) {
    io.stderr.write(noNetstatOutput());
    return 1;
  }
  if (args.strict && result.unparsed > 0) return 1;
  return 0;
}

