/**
 * BSD-family routing tables (netstat -r, -rn, -rnl, -rW): macOS, FreeBSD, OpenBSD, NetBSD.
 *
 *   Routing tables
 *
 *   Internet:
 *   Destination        Gateway            Flags        Refs      Use    Mtu   Netif Expire
 *   default            192.168.1.254      UGSc           83       24   1500     en0
 *
 *   Internet6:
 *   ...
 *
 * One section reads the whole report: the "Internet:" / "Internet6:" line sets ip_version for the
 * rows that follow, each sub-table's header sets its columns. Schema: RouteRecord (src/types.ts),
 * with rt_ifa on macOS (-l), nhop on FreeBSD (-W) and prio on OpenBSD.
 */
import routeGrammar from '../generated/bsd-route.js';
import type { Int, NetRecord, Platform, RouteRecord } from '../../types.js';
import { scanBsdRow, T_BSD_NUMBER } from '../bsd-lexer.js';
import {
  RECORD,
  rowParser,
  squash,
  STRUCTURAL,
  type Emit,
  type Layout,
  type LineContext,
  type LineOutcome,
  type Opened,
  type RawFields,
  type Section,
  type TableFormat,
} from '../format.js';
import { FieldError, toIntOrNull } from '../normalize.js';
import { fieldDiagnostic, readRow, type BsdPlatform } from './bsd-common.js';

type NumericColumn = 'route_refs' | 'use' | 'mtu' | 'prio' | 'nhop';

const NUMERIC: { readonly [column: string]: NumericColumn } = {
  Refs: 'route_refs',
  Use: 'use',
  Mtu: 'mtu',
  Prio: 'prio',
  'Nhop#': 'nhop',
};

export interface BsdRouteLayout extends Layout {
  /** Null when the header alone cannot tell macOS from FreeBSD (see routePlatform). */
  platform: BsdPlatform | null;
  numeric: NumericColumn[];
  /** From the "Internet:" / "Internet6:" line; null when the table had none (then per row). */
  family: 4 | 6 | null;
}

const HEADER =
  /^Destination Gateway(?<ifa> RT_IFA)? Flags(?<nums>(?: [A-Z][a-z]+#?)*) (?<iface>Netif|Interface|Iface)(?<expire> Expire)?$/;

const FAMILY = /^(Internet6?):\s*$/;

/**
 * The platform of a route header (README, "BSD and macOS"): Prio: openbsd; an Interface column:
 * netbsd; Refs before Netif: darwin (FreeBSD 10 and later do not print it; FreeBSD 9 and older
 * did, and are read as darwin); other numeric columns (FreeBSD -W: Use Mtu, or Nhop# Mtu):
 * freebsd. "Flags Netif Expire" is printed by FreeBSD and by newer macOS: null, and the rows
 * decide (darwinRowEvidence).
 */
export function routePlatform(numeric: readonly string[], iface: string): BsdPlatform | null {
  if (numeric.includes('Prio')) return 'openbsd';
  if (iface === 'Interface') return 'netbsd';
  if (numeric.includes('Refs')) return 'darwin';
  if (numeric.length > 0) return 'freebsd';
  return null;
}

/** Parse a route header into its layout, or null when it is not one this reader knows. */
export function routeLayout(line: string, family: 4 | 6 | null): BsdRouteLayout | null {
  if (!line.startsWith('Destination')) return null;
  const m = HEADER.exec(squash(line));
  if (m === null) return null;
  const g = m.groups!;
  const names = g.nums!.trim() === '' ? [] : g.nums!.trim().split(' ');
  const numeric: NumericColumn[] = [];
  for (const n of names) {
    const field = NUMERIC[n];
    if (field === undefined || numeric.includes(field)) return null;
    numeric.push(field);
  }
  const platform = routePlatform(names, g.iface!);
  // macOS -l leaves Mtu blank when the route has none
  const blankMtu = platform === 'darwin' && numeric.length === 3 && numeric[2] === 'mtu';
  const start = `bsd_route_${g.ifa ? 'ifa_' : ''}${numeric.length}${blankMtu ? 'm' : ''}`;
  if (g.ifa && start !== 'bsd_route_ifa_0' && start !== 'bsd_route_ifa_3m') return null;
  if (!g.ifa && numeric.length > 4) return null;
  return { start, platform: g.ifa ? 'darwin' : platform, numeric, family };
}

/** Route flag letters and their names (jc's names where jc has the letter). */
const FLAGS_COMMON: { readonly [letter: string]: string } = {
  U: 'UP', G: 'GATEWAY', H: 'HOST', R: 'REJECT', D: 'DYNAMIC', M: 'MODIFIED', d: 'DONE', X: 'XRESOLVE',
  S: 'STATIC', '1': 'PROTO1', '2': 'PROTO2', '3': 'PROTO3', B: 'BLACKHOLE', b: 'BROADCAST', L: 'LLINFO',
};

export const ROUTE_FLAGS: { readonly [platform in BsdPlatform]: { readonly [letter: string]: string } } = {
  // macOS network_cmds netstat.tproj/route.c
  darwin: {
    ...FLAGS_COMMON, m: 'MULTICAST', C: 'CLONING', W: 'WASCLONED', c: 'PRCLONING', I: 'IFSCOPE', i: 'IFREF',
    Y: 'PROXY', r: 'ROUTER', g: 'GLOBAL',
  },
  // FreeBSD usr.bin/netstat/route.c
  freebsd: { ...FLAGS_COMMON },
  // OpenBSD usr.bin/netstat/show.c
  openbsd: {
    ...FLAGS_COMMON, C: 'CLONING', m: 'MULTICAST', c: 'CLONED', h: 'CACHED', P: 'MPATH', T: 'MPLS', l: 'LOCAL',
    F: 'BFD', n: 'CONNECTED',
  },
  // NetBSD usr.bin/netstat/route.c
  netbsd: { ...FLAGS_COMMON, C: 'CONNECTED', c: 'CLONED', l: 'LOCAL', p: 'ANNOUNCE' },
};

/** Letters only macOS prints (FreeBSD 10 and later have none of them), and its "!" Expire. */
const DARWIN_ONLY_FLAGS = /[mCWcIiYrg]/;

export function darwinRowEvidence(raw: RawFields): boolean {
  return DARWIN_ONLY_FLAGS.test(raw.flags ?? '') || raw.expire === '!';
}

const MAC = /^[0-9a-f]{1,2}(?::[0-9a-f]{1,2}){5}$/i;

/** ip_version of a row in a table without a family line: from the destination, else the gateway. */
export function routeIpVersion(destination: string, gateway: string): 4 | 6 {
  if (destination.includes(':')) return 6;
  if (gateway.includes(':') && !MAC.test(gateway)) return 6;
  return 4;
}

/**
 * The prefix length of a BSD destination: "default" is 0; "10/8", "fe80::%em0/64" give theirs;
 * host routes (flag H) are 32 or 128; a short IPv4 network without "/" ("127", "169.254",
 * "192.168.1") has its classful mask, as netstat leaves the mask out exactly when it is that
 * (8 below 128, 16 below 192, else 24); names without H and "&0x..." masks give null.
 */
export function prefixLength(destination: string, flags: string, version: 4 | 6): number | null {
  if (destination === 'default') return 0;
  const slash = /\/(\d{1,3})$/.exec(destination);
  if (slash !== null) return Number(slash[1]);
  if (destination.includes('&')) return null;
  if (flags.includes('H')) return version === 6 ? 128 : 32;
  const v4 = /^(\d{1,3})(?:\.\d{1,3}){0,3}$/.exec(destination);
  if (v4 === null || version === 6) return null;
  const first = Number(v4[1]);
  return first < 128 ? 8 : first < 192 ? 16 : 24;
}

const rows = rowParser(routeGrammar);

const looksLikeRow = (tokens: { length: number; types: number[] }): boolean =>
  tokens.length >= 4 && tokens.types[0] !== T_BSD_NUMBER;

export const bsdRoute: TableFormat<BsdRouteLayout> = {
  id: 'bsd-route',
  platform: 'darwin',
  platforms: ['darwin', 'freebsd', 'openbsd', 'netbsd'],
  kinds: ['route'],
  label: 'Routing tables',
  scan: scanBsdRow,
  rows,

  isTitle: (line) => /^Routing tables\s*$/.test(line),

  open(line: string): Opened | null {
    const family = FAMILY.exec(line);
    if (family !== null) {
      return { section: new BsdRouteSection(family[1] === 'Internet6' ? 6 : 4), consumed: 'header' };
    }
    const layout = routeLayout(line, null);
    if (layout === null) return null;
    return { section: new BsdRouteSection(null, layout), consumed: 'header' };
  },

  looksLikeRow,

  normalize(raw: RawFields, ctx: LineContext, layout: BsdRouteLayout): RouteRecord {
    return routeRecord(raw, ctx, layout, layout.platform ?? 'freebsd');
  },
};

function routeRecord(raw: RawFields, ctx: LineContext, layout: BsdRouteLayout, platform: BsdPlatform): RouteRecord {
  const destination = raw.destination!;
  const gateway = raw.gateway!;
  const flags = raw.flags!;
  const version = layout.family ?? routeIpVersion(destination, gateway);
  const numbers: { [F in NumericColumn]: Int | null } = { route_refs: null, use: null, mtu: null, prio: null, nhop: null };
  layout.numeric.forEach((field, i) => {
    numbers[field] = toIntOrNull(raw[`n${i + 1}`], field);
  });
  const table = ROUTE_FLAGS[platform];
  const record: RouteRecord = {
    kind: 'route',
    snapshot: ctx.snapshot,
    source: ctx.source,
    line: ctx.line,
    platform: platform as Platform,
    ip_version: version,
    destination,
    prefix_length: prefixLength(destination, flags, version),
    gateway: gateway === '-' ? null : gateway,
    genmask: null,
    route_flags: flags,
    route_flags_pretty: [...flags].map((f) => table[f] ?? f),
    metric: null,
    route_refs: numbers.route_refs,
    use: numbers.use,
    iface: raw.iface ?? null,
    mss: null,
    window: null,
    irtt: null,
    mtu: numbers.mtu,
    expire: raw.expire ?? null,
  };
  if (platform === 'darwin') return Object.assign(record, { rt_ifa: raw.rt_ifa ?? null });
  if (platform === 'openbsd') return Object.assign(record, { prio: numbers.prio });
  if (platform === 'freebsd') return Object.assign(record, { nhop: numbers.nhop });
  return record;
}

/**
 * The section for one routing report: family lines, sub-table headers and rows. When a header
 * cannot tell macOS from FreeBSD, rows are held until one shows a macOS-only flag or another
 * sub-table's header tells (then all are that platform) or the report ends (then all are
 * freebsd). Route tables are small.
 */
export class BsdRouteSection implements Section {
  readonly label = 'Routing tables';
  readonly plugin = bsdRoute;
  private table: BsdRouteLayout | null;
  /** Platform decided from rows for the whole report (when headers could not tell). */
  private decided: BsdPlatform | null = null;
  private held: { raw: RawFields; ctx: LineContext; layout: BsdRouteLayout }[] = [];

  constructor(
    private family: 4 | 6 | null,
    table: BsdRouteLayout | null = null,
  ) {
    this.table = table;
  }

  /** The current sub-table's layout (for the grammar test). */
  get layout(): BsdRouteLayout | undefined {
    return this.table ?? undefined;
  }

  line(ctx: LineContext, emit: Emit): LineOutcome {
    const text = ctx.text;
    const family = FAMILY.exec(text);
    if (family !== null) {
      this.family = family[1] === 'Internet6' ? 6 : 4;
      this.table = null;
      return STRUCTURAL;
    }
    const header = routeLayout(text, this.family);
    if (header !== null) {
      this.table = header;
      // a sub-table whose header tells the platform tells it for the whole report
      if (header.platform !== null && this.decided === null) {
        this.decided = header.platform;
        this.flush(emit, header.platform);
      }
      return STRUCTURAL;
    }
    const table = this.table;
    if (table === null) return { diagnostic: null };
    const read = readRow(scanBsdRow, rows, looksLikeRow, table.start, ctx, this.label);
    if (!read.ok) return read.rejection;
    const raw = read.raw;
    const rowCtx = { ...ctx };
    try {
      if (table.platform !== null) {
        emit.record(routeRecord(raw, rowCtx, table, table.platform));
        return RECORD;
      }
      if (this.decided === null && darwinRowEvidence(raw)) this.decided = 'darwin';
      if (this.decided !== null) {
        this.flush(emit, this.decided);
        emit.record(routeRecord(raw, rowCtx, table, this.decided));
        return RECORD;
      }
      // check the row's numbers now, so a bad one is reported on its own line
      routeRecord(raw, rowCtx, table, 'freebsd');
    } catch (err) {
      if (!(err instanceof FieldError)) throw err;
      return { diagnostic: fieldDiagnostic(ctx, err, this.label) };
    }
    this.held.push({ raw, ctx: rowCtx, layout: table });
    return RECORD;
  }

  end(emit: Emit): void {
    this.flush(emit, this.decided ?? 'freebsd');
  }

  private flush(emit: Emit, platform: BsdPlatform): void {
    const held = this.held;
    this.held = [];
    for (const h of held) emit.record(routeRecord(h.raw, h.ctx, h.layout, platform) as NetRecord);
  }
}
