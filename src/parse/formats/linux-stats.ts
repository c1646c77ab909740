/**
 * Linux net-tools `netstat -s` (and -st, -su, -sw, -s -6): one `stat` record per counter.
 *
 *   Tcp:                                          section "Tcp"
 *       34 segments retransmitted                 counter segments_retransmitted = 34
 *       Quick ack mode was activated 17 times     counter quick_ack_mode_was_activated_times = 17
 *       TCPLostRetransmit: 24                     counter TCPLostRetransmit = 24 (the kernel's name, as printed)
 *   Icmp:
 *       ICMP input histogram:                     a sub-heading (translated in some locales)
 *           destination unreachable: 1            counter input_destination_unreachable = 1
 *
 * Counter names are stable: a sentence gives its words in lower case joined by "_", without the
 * number; a kernel counter name ("Name: N", one word) is kept as printed; a sentence under an ICMP
 * histogram heading is prefixed with "input_" or "output_" (the same sentence appears under both).
 * Kernel names printed under a heading (IcmpMsg "InType3", "Icmp6InType1") keep their name alone:
 * net-tools prints them wherever the last heading left the indentation, so the heading above them
 * says nothing about them.
 *
 * Schema: StatRecord in src/types.ts.
 */
import statsGrammar from '../generated/stats.js';
import type { StatRecord } from '../../types.js';
import { TokenBuffer } from '../lexer.js';
import { scanStatsLine } from '../stats-lexer.js';
import {
  RECORD,
  rowParser,
  STRUCTURAL,
  syntaxDiagnostic,
  type Emit,
  type FormatPlugin,
  type LineContext,
  type LineOutcome,
  type Opened,
  type RawFields,
  type Section,
} from '../format.js';
import { FieldError, toInt } from '../normalize.js';
import { histogramHeading } from '../l10n.js';

/** The section names net-tools prints for Linux's /proc/net/snmp, netstat, snmp6 and sctp/snmp. */
const KNOWN_SECTIONS =
  /^(?:Ip|Icmp|IcmpMsg|Tcp|Udp|UdpLite|TcpExt|IpExt|MPTcpExt|Sctp|Ip6|Icmp6|Udp6|UdpLite6|Tcp6|TcpExt6):\s*$/;
/** Inside a -s section, any unindented "Name:" starts the next section (kernels add new ones). */
const SECTION_NAME = /^[A-Z][A-Za-z0-9]{1,40}:\s*$/;
const KERNEL_NAME = /^[A-Za-z][A-Za-z0-9_]*:$/;

const rows = rowParser(statsGrammar);
const tokens = new TokenBuffer();

/** "segments retransmitted" -> "segments_retransmitted"; "SYNs to LISTEN" -> "syns_to_listen". */
export function counterName(words: string): string {
  return words
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_/, '')
    .replace(/_$/, '');
}

class StatsSection implements Section {
  readonly label = 'netstat statistics';
  private section: string;
  private histogram: 'input' | 'output' | null = null;
  private readonly seen = new Set<string>();

  constructor(
    readonly plugin: FormatPlugin,
    first: string,
  ) {
    this.section = first;
    this.seen.add(first);
  }

  line(ctx: LineContext, emit: Emit): LineOutcome {
    const text = ctx.text;
    const indented = /^\s/.test(text);
    if (!indented && SECTION_NAME.test(text)) {
      const name = text.trim().slice(0, -1);
      // The same section again: another netstat -s run (the segmenter starts a new snapshot).
      if (this.seen.has(name)) return { diagnostic: null };
      this.seen.add(name);
      this.section = name;
      this.histogram = null;
      return STRUCTURAL;
    }
    scanStatsLine(text, tokens);
    if (tokens.length === 0) return { diagnostic: null };
    const result = rows.parse('stat_line', tokens);
    if (!result.ok) {
      return { diagnostic: indented ? syntaxDiagnostic(ctx, tokens, result.at, result.expected, this.label) : null };
    }
    const raw: RawFields = {};
    for (const [field, first, last] of result.spans) raw[field] = tokens.span(first, last);
    if (raw.value === undefined) {
      const heading = histogramHeading(text);
      if (heading !== null) {
        this.histogram = heading;
        return STRUCTURAL;
      }
      return { diagnostic: indented ? notACounter(ctx, this.label) : null };
    }
    let counter: string;
    if (raw.label !== undefined && raw.words === undefined && KERNEL_NAME.test(raw.label)) {
      counter = raw.label.slice(0, -1);
    } else {
      const words = [raw.words, raw.label, raw.tail].filter((w) => w !== undefined).join(' ');
      counter = counterName(words);
      if (raw.label !== undefined && this.histogram !== null) counter = `${this.histogram}_${counter}`;
    }
    let value;
    try {
      value = toInt(raw.value, 'value');
    } catch (err) {
      if (!(err instanceof FieldError)) throw err;
      return { diagnostic: notACounter(ctx, this.label) };
    }
    const record: StatRecord = {
      kind: 'stat',
      snapshot: ctx.snapshot,
      source: ctx.source,
      line: ctx.line,
      platform: 'linux',
      section: this.section,
      counter,
      value,
      text: text.trim(),
    };
    emit.record(record);
    return RECORD;
  }

  end(): void {}
}

function notACounter(ctx: LineContext, section: string) {
  const start = ctx.text.length - ctx.text.trimStart().length;
  return {
    code: 'NETSNAP_PARSE_UNEXPECTED_TOKEN',
    severity: 'error' as const,
    source: ctx.source,
    line: ctx.line,
    column: start + 1,
    length: Math.max(1, ctx.text.trim().length),
    message: `no counter in ${section}`,
    expected: ['a number'],
    text: ctx.text,
    section,
  };
}

export const linuxStats: FormatPlugin = {
  id: 'linux-stats',
  platform: 'linux',
  kinds: ['stat'],
  open(line: string): Opened | null {
    if (!KNOWN_SECTIONS.test(line)) return null;
    return { section: new StatsSection(this, line.trim().slice(0, -1)), consumed: 'header' };
  },
};
