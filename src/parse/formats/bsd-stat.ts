/**
 * BSD-family `netstat -s`: per-protocol statistics, one section per protocol ("tcp:", "udp:",
 * "ip6:", "local (UNIX):", ...), each line a count and what it counts, indented with tabs to show
 * which line it details:
 *
 *   tcp:
 *   	226578 packets sent
 *   		100510 data packets (167602278 bytes)
 *   		40440 data packets (7010117 bytes) retransmitted
 *   	Output histogram:
 *   		echo reply: 1234
 *
 * Every line with a count is one `stat` record (StatRecord, src/types.ts, with sub_counter and
 * sub_value for a second count such as "(167602278 bytes)"). Labels ("Output histogram:") and
 * statements without a count are structural lines.
 *
 * Counter names are stable across runs: the line's words without its numbers, lower-cased, plural
 * endings removed (netstat writes "1 connection request" but "96 connection requests"), joined
 * with "_", under the name of the line they detail: "packet_sent.data_packet",
 * "packet_sent.data_packet_retransmitted", "output_histogram.echo_reply".
 */
import statGrammar from '../generated/bsd-stat.js';
import type { Int, NetRecord, Platform, StatRecord } from '../../types.js';
import { scanBsdStat } from '../bsd-lexer.js';
import { RECORD, rowParser, STRUCTURAL, type Emit, type LineContext, type LineOutcome, type Opened, type RawFields, type Section, type TableFormat, type Layout } from '../format.js';
import { FieldError, toInt } from '../normalize.js';
import { fieldDiagnostic, readRow, type BsdPlatform } from './bsd-common.js';

/** Section titles BSD netstat -s prints (protocol names, and macOS's "local (UNIX)"). */
const TITLE =
  /^(tcp|udp|ip|icmp|igmp|ipsec|ip6|icmp6|ipsec6|rip6|pfkey|arp|mptcp|sctp|carp|pfsync|divert|pim|pim6|ah|esp|ipcomp|ipip|gre|etherip|mobile|ipencap|ip4|kctl|kevt|route|unix|local \(UNIX\)|ddp|bpf|tcp6|udp6|vsock|routing|pfsync6|carp6|divert6):\s*$/;

/** Inside a report, any lower-case "name:" line is the next protocol's title ("ip4:", "carp:"). */
const ANY_TITLE = /^([a-z][a-z0-9]*(?: \([A-Za-z]+\))?):\s*$/;

/** What only macOS prints in netstat -s (the README documents the rule). */
const DARWIN_TITLES = new Set(['mptcp', 'local (UNIX)', 'kctl', 'kevt']);
const DARWIN_TEXT = /checksummed in software/;

const rows = rowParser(statGrammar);

const looksLikeRow = (tokens: { length: number }): boolean => tokens.length > 0;

export const bsdStat: TableFormat<Layout> = {
  id: 'bsd-stat',
  platform: 'darwin',
  // Records say darwin or freebsd (OpenBSD and NetBSD print what FreeBSD prints); --platform
  // openbsd or netbsd relabels them (the same columns).
  platforms: ['darwin', 'freebsd', 'openbsd', 'netbsd'],
  kinds: ['stat'],
  label: 'netstat -s statistics',
  scan: scanBsdStat,
  rows,

  open(line: string): Opened | null {
    const m = TITLE.exec(line);
    if (m === null) return null;
    return { section: new BsdStatSection(m[1]!), consumed: 'header' };
  },

  looksLikeRow,

  normalize(): NetRecord {
    throw new Error('bsd-stat lines are read by BsdStatSection');
  },
};

/** "packets" -> "packet", "entries" -> "entry", "matches" -> "match"; "process", "this" stay. */
export function singular(word: string): string {
  if (word.length > 4 && word.endsWith('ies')) return `${word.slice(0, -3)}y`;
  if (/(?:ch|sh|x|ss)es$/.test(word)) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !/(?:ss|us|is)$/.test(word)) return word.slice(0, -1);
  return word;
}

/** Words to a counter name: lower case, singular, [a-z0-9] joined with "_". */
export function slug(words: readonly string[]): string {
  const parts: string[] = [];
  for (const w of words) {
    for (const piece of w.toLowerCase().split(/[^a-z0-9]+/)) {
      if (piece !== '') parts.push(singular(piece));
    }
  }
  return parts.join('_');
}

const NUMBER = /^\d+(?:\.\d+)?%?$/;

/** A count as printed: "12" (exact), "12.5", "98%" (the number). */
export function statValue(text: string, field: string): Int | number {
  if (/^\d+$/.test(text)) return toInt(text, field);
  if (!NUMBER.test(text)) throw new FieldError(field, text, `"${text}" is not a number`);
  return Number(text.replace('%', ''));
}

interface Named {
  name: string;
  sub: { name: string; value: Int | number } | null;
}

/**
 * Split the words after a count into the counter's name and an optional second count: the first
 * parenthesised group holding a number gives it ("(167602278 bytes)" -> bytes), else the first
 * number outside parentheses; other numbers are left out of names.
 */
export function nameAndSub(words: string[]): Named {
  const items = words.join(' ').match(/\([^()]*\)|[^\s()]+|[()]/g) ?? [];
  const name: string[] = [];
  let sub: Named['sub'] = null;
  for (const item of items) {
    if (item.startsWith('(') && item.endsWith(')') && item.length > 1) {
      const inner = item.slice(1, -1).trim().split(/\s+/).filter(Boolean);
      const at = inner.findIndex((w) => NUMBER.test(w));
      if (at >= 0 && sub === null) {
        sub = { name: slug(inner.filter((_, i) => i !== at && !NUMBER.test(inner[i]!))), value: statValue(inner[at]!, 'sub_value') };
      } else {
        name.push(...inner.filter((w) => !NUMBER.test(w)));
      }
    } else if (NUMBER.test(item)) {
      if (sub === null) sub = { name: '', value: statValue(item, 'sub_value') };
    } else if (item !== '(' && item !== ')') {
      name.push(item);
    }
  }
  return { name: slug(name), sub };
}

/** Indentation width, tabs to the next multiple of 8. */
function indentOf(text: string): number {
  let w = 0;
  for (const ch of text) {
    if (ch === '\t') w = (Math.floor(w / 8) + 1) * 8;
    else if (ch === ' ') w++;
    else break;
  }
  return w;
}

/**
 * One netstat -s report: every protocol section until a line that is not one of its lines. Records
 * are held until the report ends, because macOS and FreeBSD print the same first sections: the
 * report is darwin when it has a line or section only macOS prints (a "checksummed in software"
 * line, or an mptcp, kctl, kevt or "local (UNIX)" section), else freebsd.
 */
export class BsdStatSection implements Section {
  readonly label = 'netstat -s statistics';
  readonly plugin = bsdStat;
  private readonly seen = new Set<string>();
  private parents: { indent: number; name: string }[] = [];
  private held: StatRecord[] = [];
  private darwin = false;
  private left = false;

  constructor(private section: string) {
    this.seen.add(section);
    if (DARWIN_TITLES.has(section)) this.darwin = true;
  }

  line(ctx: LineContext): LineOutcome {
    const text = ctx.text;
    // after a line that is not part of the report, nothing more is (its lines are not this section's)
    if (this.left) return { diagnostic: null };
    const title = ANY_TITLE.exec(text);
    if (title !== null) {
      // the same section again is the next run: let the segmenter start a new snapshot
      if (this.seen.has(title[1]!)) return { diagnostic: null };
      this.section = title[1]!;
      this.seen.add(this.section);
      if (DARWIN_TITLES.has(this.section)) this.darwin = true;
      this.parents = [];
      return STRUCTURAL;
    }
    const indent = indentOf(text);
    if (indent === 0) {
      this.left = true;
      return { diagnostic: null };
    }
    const read = readRow(scanBsdStat, rows, looksLikeRow, 'bsd_stat', ctx, this.label);
    if (!read.ok) return read.rejection;
    if (DARWIN_TEXT.test(text)) this.darwin = true;
    while (this.parents.length > 0 && this.parents[this.parents.length - 1]!.indent >= indent) this.parents.pop();
    const parent = this.parents[this.parents.length - 1]?.name ?? null;
    const raw = read.raw;
    if (raw.value === undefined) {
      const name = slug(raw.label!.split(/\s+/));
      this.parents.push({ indent, name: parent === null ? name : `${parent}.${name}` });
      return STRUCTURAL;
    }
    let record: StatRecord;
    try {
      record = this.record(raw, ctx, parent);
    } catch (err) {
      if (!(err instanceof FieldError)) throw err;
      return { diagnostic: fieldDiagnostic(ctx, err, this.label) };
    }
    this.parents.push({ indent, name: record.counter });
    this.held.push(record);
    return RECORD;
  }

  end(emit: Emit): void {
    const platform: BsdPlatform = this.darwin ? 'darwin' : 'freebsd';
    const held = this.held;
    this.held = [];
    for (const r of held) {
      r.platform = platform as Platform;
      emit.record(r);
    }
  }

  private record(raw: RawFields, ctx: LineContext, parent: string | null): StatRecord {
    const value = statValue(raw.value!, 'value');
    const words = [...(raw.label?.split(/\s+/) ?? []), ...(raw.rest?.split(/\s+/) ?? [])];
    const named = nameAndSub(words);
    const own = named.name === '' ? 'value' : named.name;
    const counter = parent === null ? own : `${parent}.${own}`;
    const record: StatRecord & { sub_counter: string | null; sub_value: Int | number | null } = {
      kind: 'stat',
      snapshot: ctx.snapshot,
      source: ctx.source,
      line: ctx.line,
      platform: 'freebsd',
      section: this.section,
      counter,
      value,
      text: ctx.text.trim(),
      sub_counter: named.sub === null ? null : named.sub.name === '' ? `${counter}_2` : `${counter}_${named.sub.name}`,
      sub_value: named.sub?.value ?? null,
    };
    return record;
  }
}
