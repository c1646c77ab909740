/**
 * BSD-family "Active Internet connections": macOS (darwin), FreeBSD, OpenBSD and NetBSD, in every
 * column layout their options give (-a -n -A -b -v -T -x -P), and the rows macOS prints under
 * "Active Multipath Internet connections".
 *
 * Schema: InetRecord (src/types.ts), with DarwinInetExtras / FreebsdInetExtras (bsd-common.ts).
 *
 * Which platform printed a table is decided from its header alone (see detectInetPlatform and the
 * README, "BSD and macOS"), because the title is the same words on every platform, Linux included.
 */
import inetGrammar from '../generated/bsd-inet.js';
import { linuxInet } from './linux-net-tools.js';
import type { InetRecord, Platform } from '../../types.js';
import { scanBsdRow, T_BSD_NUMBER, T_BSD_PROTO } from '../bsd-lexer.js';
import {
  rowParser,
  squash,
  STRUCTURAL,
  TableSection,
  type Emit,
  type Layout,
  type LineContext,
  type LineOutcome,
  type Opened,
  type RawFields,
  type Section,
  type TableFormat,
} from '../format.js';
import { toIntOrNull, toSmallInt } from '../normalize.js';
import {
  bsdIpVersion,
  bsdTransport,
  DARWIN_INET_FIELDS,
  FREEBSD_INET_FIELDS,
  nulls,
  splitDotPort,
  splitProcessPid,
  toDecimalOrNull,
  toSignedInt,
  type BsdPlatform,
} from './bsd-common.js';

export interface BsdInetLayout extends Layout {
  platform: BsdPlatform;
  /** "a1" (one kernel address column), "a2" (macOS Socket Flowhash) or "". */
  prefix: '' | 'a1' | 'a2';
}

/** Lines netstat prints inside a socket table when the kernel's list changed while it was read. */
export const BSD_SOCKET_NOTICE = /^Some \S+ sockets may have been (?:created|deleted)/;

const SUFFIXES: { readonly [columns: string]: string } = {
  '': '',
  ' rxbytes txbytes': 'b',
  ' rhiwat shiwat pid epid state options': 'v',
  ' rhiwat shiwat pid epid state options gencnt flags flags1 usecnt rtncnt fltrs': 'V',
  ' rxbytes txbytes rhiwat shiwat pid epid state options gencnt flags flags1 usecnt rtncnt fltrs': 'bV',
  ' rxbytes txbytes rhiwat shiwat process:pid state options gencnt flags flags1 usecnt rtncnt fltrs': 'bP',
};

const X_COLUMNS =
  ' R-MBUF S-MBUF R-CLUS S-CLUS R-HIWA S-HIWA R-LOWA S-LOWA R-BCNT S-BCNT R-BMAX S-BMAX rexmt persist keep 2msl delack rcvtime';

const HEADER =
  /^(?:(?<a2>Socket Flowhash) |(?<a1>Tcpcb|Socket) )?Proto (?:(?<q>Recv-Q Send-Q)|(?<t>Rexmit OOORcv 0-win)) Local Address Foreign Address(?: (?<state>\(state\)|\(State\)|State|TCP-State))?(?<rest>.*)$/;

/** The pieces of a BSD inet header, or null when it is not one. */
export interface InetHeader {
  start: string;
  prefix: '' | 'a1' | 'a2';
  core: 'q' | 't' | 'x' | 'p' | 'r';
  suffix: string;
  state: string | null;
  pcbColumn: string | null;
}

export function parseInetHeader(line: string): InetHeader | null {
  const m = HEADER.exec(squash(line));
  if (m === null) return null;
  const g = m.groups!;
  const prefix = g.a2 ? 'a2' : g.a1 ? 'a1' : '';
  const state = g.state ?? null;
  let core: InetHeader['core'] = g.t ? 't' : 'q';
  let suffix = SUFFIXES[g.rest!];
  if (g.t) {
    if (state !== null || g.rest !== '') return null;
  } else if (g.rest === ' Log ID' && state !== null) {
    core = 'p';
    suffix = '';
  } else if (g.rest === X_COLUMNS && state === null) {
    core = 'x';
    suffix = '';
  } else if (g.rest === ' flowid ftype' && state === null) {
    core = 'r';
    suffix = '';
  }
  if (suffix === undefined) return null;
  if (prefix === 'a1' && suffix !== '') return null;
  if (prefix === 'a2' && core !== 'q') return null;
  const start = ['bsd_inet', prefix, core, suffix].filter(Boolean).join('_');
  return { start, prefix, core, suffix, state, pcbColumn: g.a1 ?? null };
}

/**
 * The platform that printed an inet header (the README documents these rules):
 *  1. columns only macOS prints (Socket Flowhash, rxbytes, rhiwat, process:pid) or "(State)": darwin;
 *  2. columns only FreeBSD prints (Tcpcb, Rexmit OOORcv 0-win, R-MBUF..., Log ID, flowid): freebsd;
 *  3. "TCP-State", no state column at all, or "Proto" padded to 8 characters: openbsd;
 *  4. "State" without parentheses: netbsd (only when Send-Q is followed by two spaces, as NetBSD
 *     prints it; with one space the header is Linux's and is left to the Linux reader);
 *  5. "(state)": darwin when Send-Q is followed by two spaces (macOS), else freebsd.
 * Returns null for a header this reader leaves to others.
 */
export function detectInetPlatform(line: string, h: InetHeader): BsdPlatform | null {
  const wideLocal = /Send-Q {2,}Local/.test(line);
  if (h.prefix === 'a2' || h.suffix !== '' || h.state === '(State)') return 'darwin';
  if (h.prefix === 'a1' || h.core !== 'q') return 'freebsd';
  if (h.state === 'TCP-State' || h.state === null || /^\s*Proto {3,}\S/.test(line)) return 'openbsd';
  if (h.state === 'State') return wideLocal ? 'netbsd' : null;
  return wideLocal ? 'darwin' : 'freebsd';
}

const rows = rowParser(inetGrammar);

/** A TableSection that also accepts netstat's "Some tcp sockets may have been deleted." lines. */
export class BsdTableSection<L extends Layout> extends TableSection<L> {
  override line(ctx: LineContext, emit: Emit): LineOutcome {
    if (BSD_SOCKET_NOTICE.test(ctx.text)) return STRUCTURAL;
    return super.line(ctx, emit);
  }
}

export const bsdInet: TableFormat<BsdInetLayout> = {
  id: 'bsd-inet',
  platform: 'darwin',
  platforms: ['darwin', 'freebsd', 'openbsd', 'netbsd'],
  kinds: ['inet'],
  label: 'Active Internet connections',
  scan: scanBsdRow,
  rows,

  open(line: string): Opened | null {
    if (!line.includes('Proto')) return null;
    const h = parseInetHeader(line);
    if (h === null) return null;
    const platform = detectInetPlatform(line, h);
    if (platform === null) return null;
    const layout: BsdInetLayout = { start: h.start, platform, prefix: h.prefix };
    // NetBSD's header is Linux's words: the rows' address form has the last word
    if (h.state === 'State') return { section: new NetbsdOrLinuxSection(line, layout), consumed: 'header' };
    if (platform === 'openbsd') return { section: new OpenbsdBlocksSection(layout), consumed: 'header' };
    return { section: new BsdTableSection(this, layout), consumed: 'header' };
  },

  // a protocol in the first three columns (after -A's addresses), or Recv-Q and Send-Q numbers
  // after a damaged protocol name ("netudp6  0  0 ...": keystrokes typed into the output)
  looksLikeRow(tokens) {
    if (tokens.length < 4) return false;
    const t = tokens.types;
    return t[0] === T_BSD_PROTO || t[1] === T_BSD_PROTO || t[2] === T_BSD_PROTO ||
      (tokens.length >= 5 && t[1] === T_BSD_NUMBER && t[2] === T_BSD_NUMBER);
  },

  normalize(raw: RawFields, ctx: LineContext, layout: BsdInetLayout): InetRecord {
    return inetRecord(raw, ctx, layout.platform, layout.prefix);
  },
};

/** An inet record from the fields a BSD inet grammar placed. */
export function inetRecord(raw: RawFields, ctx: LineContext, platform: BsdPlatform, prefix: string): InetRecord {
  const proto = raw.proto!;
  const local = splitDotPort(raw.local!);
  const foreign = splitDotPort(raw.foreign!);
  const version = bsdIpVersion(proto, local.address);
  let pid: number | null = null;
  let program: string | null = null;
  if (raw.process !== undefined) {
    const p = splitProcessPid(raw.process);
    pid = p.pid;
    program = p.program_name;
  } else if (raw.pid !== undefined) {
    pid = toSmallInt(raw.pid, 'pid');
  }
  const record: InetRecord = {
    kind: 'inet',
    snapshot: ctx.snapshot,
    source: ctx.source,
    line: ctx.line,
    platform: platform as Platform,
    proto,
    transport_protocol: bsdTransport(proto),
    network_protocol: version === 6 ? 'ipv6' : 'ipv4',
    ip_version: version,
    recv_q: toIntOrNull(raw.recv_q, 'recv_q'),
    send_q: toIntOrNull(raw.send_q, 'send_q'),
    local_address: local.address,
    local_port: local.port,
    local_port_num: local.port_num,
    foreign_address: foreign.address,
    foreign_port: foreign.port,
    foreign_port_num: foreign.port_num,
    state: raw.state ?? null,
    user: null,
    inode: null,
    pid,
    program_name: program,
    timer: null,
    timer_name: null,
    timer_expires: null,
    timer_retransmits: null,
    timer_probes: null,
  };
  if (platform === 'darwin') return Object.assign(record, darwinInetExtras(raw, prefix));
  if (platform === 'freebsd') return Object.assign(record, freebsdInetExtras(raw));
  return record;
}

function darwinInetExtras(raw: RawFields, prefix: string): object {
  const x: { [field: string]: unknown } = nulls(DARWIN_INET_FIELDS);
  if (prefix === 'a2') {
    x.socket = raw.socket ?? null;
    x.flowhash = raw.flowhash ?? null;
  }
  Object.assign(x, darwinSocketValues(raw));
  return x;
}

/** The macOS -b / -v socket columns (inet and unix rows). */
export function darwinSocketValues(raw: RawFields): { [field: string]: unknown } {
  return {
    rxbytes: toIntOrNull(raw.rxbytes, 'rxbytes'),
    txbytes: toIntOrNull(raw.txbytes, 'txbytes'),
    rhiwat: toIntOrNull(raw.rhiwat, 'rhiwat'),
    shiwat: toIntOrNull(raw.shiwat, 'shiwat'),
    epid: raw.epid === undefined ? null : toSmallInt(raw.epid, 'epid'),
    so_state: raw.so_state ?? null,
    options: raw.options ?? null,
    gencnt: raw.gencnt ?? null,
    so_flags: raw.so_flags ?? null,
    so_flags1: raw.so_flags1 ?? null,
    usecnt: toSignedInt(raw.usecnt, 'usecnt'),
    rtncnt: toSignedInt(raw.rtncnt, 'rtncnt'),
    fltrs: raw.fltrs ?? null,
  };
}

function freebsdInetExtras(raw: RawFields): object {
  const x: { [field: string]: unknown } = nulls(FREEBSD_INET_FIELDS);
  x.tcpcb = raw.pcb ?? null;
  for (const f of ['rexmit', 'ooorcv', 'zero_win', 'r_mbuf', 's_mbuf', 'r_clus', 's_clus', 'r_hiwa', 's_hiwa',
    'r_lowa', 's_lowa', 'r_bcnt', 's_bcnt', 'r_bmax', 's_bmax'] as const) {
    x[f] = toIntOrNull(raw[f], f);
  }
  for (const f of ['rexmt', 'persist', 'keep', 'two_msl', 'delack', 'rcvtime'] as const) {
    x[f] = toDecimalOrNull(raw[f], f);
  }
  x.log_id = raw.log_id === undefined || raw.log_id === '-' ? null : raw.log_id;
  x.flowid = raw.flowid ?? null;
  x.ftype = raw.ftype === undefined ? null : toSmallInt(raw.ftype, 'ftype');
  return x;
}

// ---------------------------------------------------------------------------------------------
// Active Multipath Internet connections (macOS)

const MULTIPATH_HEADER = /^Proto\/ID Flags Local Address Foreign Address \(state\)$/;

/**
 * macOS prints its multipath (MPTCP) connections under their own title and header; their rows
 * ("mptcp/00 ...", " tcp4/00 ...", "[tok(...)...]") are reported as skipped. netstat goes on to
 * list the remaining protocols (icm6) under this header without printing another one: those rows
 * are plain inet rows and are read as such.
 */
export const darwinMultipath: TableFormat<BsdInetLayout> = {
  ...bsdInet,
  id: 'darwin-multipath',
  label: 'Active Multipath Internet connections',
  isTitle: (line) => /^Active Multipath Internet connections\b/.test(line),
  open(line: string): Opened | null {
    if (!MULTIPATH_HEADER.test(squash(line))) return null;
    const layout: BsdInetLayout = { start: 'bsd_inet_q', platform: 'darwin', prefix: '' };
    return { section: new BsdTableSection(this, layout), consumed: 'header' };
  },
  // only plain inet rows are ours; multipath rows are not worth a diagnostic
  looksLikeRow: (tokens) => tokens.length > 3 && tokens.types[0] === T_BSD_PROTO,
};


// ---------------------------------------------------------------------------------------------
// NetBSD's header, or Linux's spaced differently

/**
 * "host:port" as Linux prints it: a colon whose port part has no dot ("127.0.0.1:22", ":::*",
 * "[::]:ssh"). BSD's "host.port" puts a dot after the last colon of an IPv6 address ("::1.631",
 * "fe80::1%lo0.123") or has no colon at all.
 */
export function linuxAddressForm(address: string): boolean {
  const colon = address.lastIndexOf(':');
  return colon >= 0 && !address.slice(colon + 1).includes('.');
}

/**
 * The address form of a socket row ("linux" or "bsd"), or null when the line is not one. Only the
 * row's words are looked at: Proto Recv-Q Send-Q Local Foreign ...
 */
export function rowAddressForm(line: string): 'linux' | 'bsd' | null {
  const words = line.trim().split(/\s+/);
  if (words.length < 5 || !/^[a-z]+\d*$/.test(words[0]!) || !/^\d+$/.test(words[1]!)) return null;
  return linuxAddressForm(words[3]!) || linuxAddressForm(words[4]!) ? 'linux' : 'bsd';
}

/**
 * A table under NetBSD's header "Proto Recv-Q Send-Q  Local Address  Foreign Address  State",
 * which has Linux's words: the first row decides. Rows in Linux's host:port form are handed to the
 * Linux reader (a Linux header spaced by some other tool), rows in host.port form are NetBSD's.
 */
export class NetbsdOrLinuxSection implements Section {
  readonly label = 'Active Internet connections';
  readonly plugin = bsdInet;
  private inner: Section | null = null;

  constructor(
    private readonly header: string,
    /** The NetBSD layout (what the grammar test reads). */
    readonly layout: BsdInetLayout,
  ) {}

  line(ctx: LineContext, emit: Emit): LineOutcome {
    if (this.inner === null) {
      const form = rowAddressForm(ctx.text);
      if (form === null) return BSD_SOCKET_NOTICE.test(ctx.text) ? STRUCTURAL : { diagnostic: null };
      const linux = form === 'linux' ? linuxInet.open(this.header) : null;
      this.inner = linux?.section ?? new BsdTableSection(bsdInet, this.layout);
    }
    return this.inner.line(ctx, emit);
  }

  end(emit: Emit): void {
    this.inner?.end(emit);
  }
}

// ---------------------------------------------------------------------------------------------
// OpenBSD: a title and header per protocol

const INET_TITLE = /^Active Internet connections\b/;

/**
 * OpenBSD prints "Active Internet connections" and a header again for each protocol of one run
 * (tcp, udp, then tcp6, udp6). Inside an OpenBSD table, that title and the OpenBSD header after it
 * continue the same run (the same snapshot); a new run is marked by a prompt or a timestamp, as
 * OpenBSD has no continuous mode for sockets.
 */
export class OpenbsdBlocksSection implements Section {
  readonly label = 'Active Internet connections';
  readonly plugin = bsdInet;
  private inner: BsdTableSection<BsdInetLayout>;
  private awaitingHeader = false;

  constructor(public layout: BsdInetLayout) {
    this.inner = new BsdTableSection(bsdInet, layout);
  }

  line(ctx: LineContext, emit: Emit): LineOutcome {
    const text = ctx.text;
    if (INET_TITLE.test(text)) {
      this.awaitingHeader = true;
      return STRUCTURAL;
    }
    if (this.awaitingHeader) {
      this.awaitingHeader = false;
      const h = text.includes('Proto') ? parseInetHeader(text) : null;
      if (h === null || detectInetPlatform(text, h) !== 'openbsd') return { diagnostic: null };
      this.layout = { start: h.start, platform: 'openbsd', prefix: h.prefix };
      this.inner = new BsdTableSection(bsdInet, this.layout);
      return STRUCTURAL;
    }
    return this.inner.line(ctx, emit);
  }

  end(): void {}
}
