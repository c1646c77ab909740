/**
 * Linux net-tools routing tables (netstat -r, -rn, -rne, -rnee, -A inet6 -r), in English or
 * translated. busybox prints the same IPv4 table; nothing in it tells the two apart, so its
 * records say `linux` (see the README).
 *
 * Schema: RouteRecord in src/types.ts.
 */
import routeGrammar from '../generated/route.js';
import type { RouteRecord } from '../../types.js';
import { scanSocketLine, T_NUMBER } from '../lexer.js';
import {
  rowParser,
  squash,
  TableSection,
  type FormatPlugin,
  type LineContext,
  type LineOutcome,
  type Layout,
  type Opened,
  type RawFields,
  type Section,
  type TableFormat,
} from '../format.js';
import { FieldError, toInt, toIntOrNull } from '../normalize.js';
import { alternation, startsWithTitle } from '../l10n.js';

type RouteColumns = 'mss' | 'e' | 'ee' | 'v6';

const FLAGS_LIKE = /^[U!][A-Za-z]{0,12}$/;

interface RouteLayout extends Layout {
  columns: RouteColumns;
}

const HEADERS: readonly [RegExp, RouteColumns][] = [
  [header('Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface\n'), 'mss'],
  [header('Destination     Gateway         Genmask         Flags Metric Ref    Use Iface\n'), 'e'],
  [header('Destination     Gateway         Genmask         Flags Metric Ref    Use Iface    MSS   Window irtt\n'), 'ee'],
  [
    header(
      'Destination                    Next Hop                   Flag Met Ref Use If\n',
      'Destination                                 Next Hop                                Flags Metric Ref    Use Iface\n',
    ),
    'v6',
  ],
];

function header(...msgids: string[]): RegExp {
  return new RegExp(`^${alternation(...msgids)}$`);
}

/** Route cache headers (netstat -rC): recognised, but kernels since 3.6 print no rows under them. */
const CACHE_HEADER = header(
  'Source          Destination     Gateway         Flags   MSS Window  irtt Iface\n',
  'Source          Destination     Gateway         Flags Metric Ref    Use Iface\n',
  'Source          Destination     Gateway         Flags Metric Ref    Use Iface    MSS   Window irtt  HH  Arp\n',
  'Source          Destination     Gateway         Flags Metric Ref    Use Iface    MSS   Window irtt  TOS HHRef HHUptod     SpecDst\n',
);

const START: { readonly [C in RouteColumns]: string } = {
  mss: 'route_row_mss',
  e: 'route_row_e',
  ee: 'route_row_ee',
  v6: 'route6_row',
};

/**
 * Route flags in net-tools' letters (lib/inet_gr.c, lib/inet6_gr.c), with jc's names where jc has
 * them (UP, HOST, GATEWAY, REINSTATE, DYNAMIC, MODIFIED, ADDRCONF, CACHE, REJECT) and the kernel's
 * RTF_ names otherwise. IPv4 prints "c" for both RTF_ADDRCONF and RTF_CACHE.
 */
export const ROUTE_FLAGS_V4: { readonly [letter: string]: string } = {
  U: 'UP', G: 'GATEWAY', '!': 'REJECT', H: 'HOST', R: 'REINSTATE', D: 'DYNAMIC', M: 'MODIFIED', d: 'DEFAULT',
  a: 'ALLONLINK', c: 'ADDRCONF_OR_CACHE', o: 'NONEXTHOP', e: 'EXPIRES', f: 'FLOW', p: 'POLICY', l: 'LOCAL',
  u: 'MTU', w: 'WINDOW', i: 'IRTT', n: 'NOTCACHED',
};
export const ROUTE_FLAGS_V6: { readonly [letter: string]: string } = {
  U: 'UP', '!': 'REJECT', G: 'GATEWAY', H: 'HOST', D: 'DEFAULT', A: 'ADDRCONF', C: 'CACHE', a: 'ALLONLINK',
  e: 'EXPIRES', m: 'MODIFIED', n: 'NONEXTHOP', f: 'FLOW',
};

/** Prefix length of a dotted netmask ("255.255.255.0" -> 24); null when it is not contiguous. */
export function maskPrefix(mask: string): number | null {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(mask);
  if (m === null) return null;
  let bits = 0;
  let ended = false;
  for (let k = 1; k <= 4; k++) {
    const octet = Number(m[k]);
    if (octet > 255) return null;
    for (let b = 7; b >= 0; b--) {
      const set = (octet >> b) & 1;
      if (set && ended) return null;
      if (set) bits++;
      else ended = true;
    }
  }
  return bits;
}

/** "-1" (an IPv6 reject route's metric) or a count. */
function signedInt(text: string, field: string): number | bigint {
  if (text.startsWith('-')) {
    const n = toInt(text.slice(1), field);
    return typeof n === 'bigint' ? -n : -n;
  }
  return toInt(text, field);
}

/** Gateway: null when there is none (on-link): "*", "0.0.0.0", "::" or "-". */
function gatewayOf(text: string): string | null {
  return text === '*' || text === '0.0.0.0' || text === '::' || text === '-' ? null : text;
}

export const linuxRoute: TableFormat<RouteLayout> = {
  id: 'linux-route',
  platform: 'linux',
  // busybox's routing tables cannot be told from net-tools': records say linux unless --platform busybox.
  platforms: ['linux', 'busybox'],
  kinds: ['route'],
  label: 'Kernel IP routing table',
  scan: scanSocketLine,
  rows: rowParser(routeGrammar),

  isTitle: (line) =>
    startsWithTitle(line, 'Kernel IP routing table\n') ||
    startsWithTitle(line, 'Kernel IPv6 routing table\n') ||
    startsWithTitle(line, 'Kernel IP routing cache\n'),

  open(line: string): Opened | null {
    const text = squash(line);
    if (!/\s/.test(text)) return null;
    for (const [re, columns] of HEADERS) {
      if (re.test(text)) {
        const layout: RouteLayout = { start: START[columns], columns };
        const label = columns === 'v6' ? 'Kernel IPv6 routing table' : 'Kernel IP routing table';
        return { section: new TableSection(this, layout, label), consumed: 'header' };
      }
    }
    if (CACHE_HEADER.test(text)) return { section: new RouteCacheSection(this), consumed: 'header' };
    return null;
  },

  looksLikeRow(tokens) {
    if (tokens.length < 6 || tokens.length > 12) return false;
    let numbers = 0;
    for (let k = 0; k < tokens.length; k++) if (tokens.types[k] === T_NUMBER) numbers++;
    // route flags start with U (up) or ! (reject): the third column (IPv6) or the fourth (IPv4)
    return numbers >= 2 && (FLAGS_LIKE.test(tokens.text(2)) || FLAGS_LIKE.test(tokens.text(3)));
  },

  normalize(raw: RawFields, ctx: LineContext, layout: RouteLayout): RouteRecord {
    const v6 = layout.columns === 'v6';
    const destination = raw.destination!;
    let prefix: number | null;
    if (v6) {
      const slash = destination.lastIndexOf('/');
      prefix = slash < 0 ? null : Number(toInt(destination.slice(slash + 1), 'prefix_length'));
      if (prefix !== null && prefix > 128) throw new FieldError('prefix_length', destination, `"${destination}" has no valid prefix length`);
    } else {
      prefix = maskPrefix(raw.genmask!);
    }
    const flags = raw.flags!;
    const table = v6 ? ROUTE_FLAGS_V6 : ROUTE_FLAGS_V4;
    const pretty: string[] = [];
    for (const ch of flags) pretty.push(table[ch] ?? ch);
    const iface = raw.iface === '-' ? null : raw.iface!;
    return {
      kind: 'route',
      snapshot: ctx.snapshot,
      source: ctx.source,
      line: ctx.line,
      platform: 'linux',
      ip_version: v6 ? 6 : 4,
      destination,
      prefix_length: prefix,
      gateway: gatewayOf(raw.gateway!),
      genmask: v6 ? null : raw.genmask!,
      route_flags: flags,
      route_flags_pretty: pretty,
      metric: raw.metric === undefined ? null : raw.metric === '-' ? null : signedInt(raw.metric, 'metric'),
      route_refs: toIntOrNull(raw.ref, 'route_refs'),
      use: toIntOrNull(raw.use, 'use'),
      iface,
      mss: toIntOrNull(raw.mss, 'mss'),
      window: toIntOrNull(raw.window, 'window'),
      irtt: toIntOrNull(raw.irtt, 'irtt'),
      mtu: null,
      expire: null,
    };
  },
};

/**
 * "Kernel IP routing cache" (netstat -rC): the header is read, the rows are not (the kernel has
 * printed none since Linux 3.6, and RouteRecord has no source column): they are reported as skipped.
 */
class RouteCacheSection implements Section {
  readonly label = 'Kernel IP routing cache';
  constructor(readonly plugin: FormatPlugin) {}
  line(): LineOutcome {
    return { diagnostic: null };
  }
  end(): void {}
}
