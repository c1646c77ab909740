/**
 * `ss -s`: the socket summary, read into `stat` records (StatRecord in src/types.ts).
 *
 *   Total: 198                                           -> Total / sockets (and kernel, older ss)
 *   TCP:   141 (estab 61, closed 43, orphaned 0, timewait 43)
 *                                                        -> TCP / total, estab, closed, orphaned,
 *                                                           timewait (older ss: synrecv, timewait_slab, ports)
 *   Transport Total     IP        IPv6                   (header)
 *   RAW	  3         2         1                       -> Transport / raw_total, raw_ip, raw_ipv6
 *
 * Counter names are fixed words, so two summaries diff counter by counter.
 */
import summaryGrammar from '../generated/ss-summary.js';
import type { StatRecord } from '../../types.js';
import {
  RECORD,
  STRUCTURAL,
  syntaxDiagnostic,
  type Emit,
  type FormatPlugin,
  type LineContext,
  type LineOutcome,
  type Opened,
  type Section,
} from '../format.js';
import { TokenBuffer, typeId, typeName } from '../lexer.js';
import { FieldError, toInt } from '../normalize.js';
import { RowParser, type RowMatch } from '../row-parser.js';
import { scanSsSummaryLine } from '../ss-lexer.js';

/** The row parser for grammar/ss-summary.ne (exported for the grammar tests). */
export const ssSummaryRows = new RowParser(summaryGrammar);

const tokens = new TokenBuffer();

const T_TOTAL = typeId('total');
const T_TCP = typeId('tcp');
const T_TRANSPORT = typeId('transport');
const T_COLON = typeId('colon');

/** The start symbol for a line of the summary, from its first tokens. */
export function summaryStart(buf: TokenBuffer): string {
  const t0 = buf.types[0];
  if (t0 === T_TOTAL) return 'ss_total';
  if (t0 === T_TCP && buf.types[1] === T_COLON) return 'ss_tcp';
  if (t0 === T_TRANSPORT) return 'ss_transport_header';
  return 'ss_transport_row';
}

/** "Total: 198" or "Total: 1260 (kernel 1309)": the first line of ss -s. */
const TOTAL_LINE = /^Total: \d+(?: \(kernel \d+\))?\s*$/;
/** "TCP:   141 (estab 61, ...": ss -s's second line (a paste may start there). */
const TCP_LINE = /^TCP: +\d+ \(estab \d+, /;
const TRANSPORT_HEADER = /^Transport\s+Total\s+IP\s+IPv6\s*$/;

class SummarySection implements Section {
  readonly label = 'ss summary';
  constructor(readonly plugin: FormatPlugin) {}

  line(ctx: LineContext, emit: Emit): LineOutcome {
    scanSsSummaryLine(ctx.text, tokens);
    if (tokens.length === 0) return { diagnostic: null };
    const start = summaryStart(tokens);
    const result = ssSummaryRows.parse(start, tokens);
    if (!result.ok) {
      // Only a line that starts like a summary line is worth a diagnostic.
      if (start === 'ss_transport_row' && !/^(?:RAW|UDP|TCP|INET|FRAG|\*)\s/.test(ctx.text)) return { diagnostic: null };
      return { diagnostic: syntaxDiagnostic(ctx, tokens, result.at, result.expected, this.label) };
    }
    if (start === 'ss_transport_header') return STRUCTURAL;
    let records: StatRecord[];
    try {
      records = readSummaryLine(start, result, ctx);
    } catch (err) {
      if (!(err instanceof FieldError)) throw err;
      return {
        diagnostic: {
          code: 'NETSNAP_PARSE_BAD_NUMBER',
          severity: 'error',
          source: ctx.source,
          line: ctx.line,
          column: Math.max(1, ctx.text.indexOf(err.text) + 1),
          length: Math.max(1, err.text.length),
          message: `${err.message} (${err.field}) in ${this.label}`,
          expected: [],
          text: ctx.text,
          section: this.label,
        },
      };
    }
    for (const r of records) emit.record(r);
    return RECORD;
  }

  end(): void {}
}

function stat(ctx: LineContext, section: string, counter: string, value: string): StatRecord {
  return {
    kind: 'stat',
    snapshot: ctx.snapshot,
    source: ctx.source,
    line: ctx.line,
    platform: 'ss',
    section,
    counter,
    value: toInt(value, counter),
    text: ctx.text.trim(),
  };
}

function readSummaryLine(start: string, result: RowMatch, ctx: LineContext): StatRecord[] {
  const at: { [field: string]: [number, number] } = {};
  for (const [field, a, b] of result.spans) at[field] = [a, b];
  const text = (f: string): string | null => (at[f] ? tokens.span(at[f][0], at[f][1]) : null);
  const out: StatRecord[] = [];
  if (start === 'ss_total') {
    out.push(stat(ctx, 'Total', 'sockets', text('total')!));
    if (at.kernel) out.push(stat(ctx, 'Total', 'kernel', text('kernel')!));
  } else if (start === 'ss_tcp') {
    out.push(stat(ctx, 'TCP', 'total', text('total')!));
    // estab 61, closed 43, ..., timewait 1/0: word, number, and for timewait the slab count
    const [a, b] = at.pairs!;
    for (let k = a; k <= b; k++) {
      if (typeName(tokens.types[k]!) !== 'word') continue;
      const name = tokens.text(k);
      out.push(stat(ctx, 'TCP', name, tokens.text(k + 1)));
      if (k + 3 <= b && tokens.text(k + 2) === '/') out.push(stat(ctx, 'TCP', `${name}_slab`, tokens.text(k + 3)));
    }
    if (at.ports) out.push(stat(ctx, 'TCP', 'ports', text('ports')!));
  } else {
    const raw = text('name')!;
    const name = raw === '*' ? 'all' : raw.toLowerCase();
    for (const col of ['total', 'ip', 'ipv6'] as const) {
      const v = text(col)!;
      if (v !== '-') out.push(stat(ctx, 'Transport', `${name}_${col}`, v));
    }
  }
  return out;
}

export const ssSummary: FormatPlugin = {
  id: 'ss-summary',
  platform: 'ss',
  kinds: ['stat'],
  open(line: string): Opened | null {
    if (TRANSPORT_HEADER.test(line)) return { section: new SummarySection(this), consumed: 'header' };
    if (TOTAL_LINE.test(line) || TCP_LINE.test(line)) return { section: new SummarySection(this), consumed: 'row' };
    return null;
  },
};
