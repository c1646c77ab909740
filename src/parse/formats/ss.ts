/**
 * iproute2 `ss` socket tables, in any option mix: -t -u -w -x -M -S -0 -A netlink --vsock --tipc,
 * -a -l -n, -p (users), -o (timer), -e (uid, ino, sk, cgroup), -m (skmem), -i (TCP information on a
 * continuation line), -O (all on one line), -Z/-z (SELinux contexts), -H (no header), -4/-6.
 *
 * A row becomes an `inet` or `unix` record (the fields netstat has, plus EXTRA_COLUMNS.ss), or a
 * `netlink`, `packet`, `vsock` or `tipc` record. Schemas: src/types.ts; README "ss".
 *
 * Rows are held by the section until the next row starts, since tab-indented continuation lines
 * (-i, -m, packet -e) and SCTP association rows ("`- ESTAB ...") belong to the row above. When the
 * table has no Netid column (one socket table: -t, -u, -w, -M, ...), the protocol is read from the
 * rows: the section holds them until one tells (see README "ss tables without a Netid column").
 */
import ssGrammar from '../generated/ss.js';
import type {
  Int,
  NetlinkRecord,
  NetRecord,
  PacketRecord,
  SsInetRecord,
  SsUnixRecord,
  TipcRecord,
  VsockRecord,
} from '../../types.js';
import { EXTRA_COLUMNS, recordColumns } from '../../output/columns.js';
import {
  RECORD,
  STRUCTURAL,
  fieldDiagnostic,
  squash,
  syntaxDiagnostic,
  type Emit,
  type FormatPlugin,
  type LineContext,
  type LineOutcome,
  type Opened,
  type Rejection,
  type Section,
} from '../format.js';
import { TokenBuffer, typeName } from '../lexer.js';
import { FieldError, toInt } from '../normalize.js';
import { RowParser, type RowMatch } from '../row-parser.js';
import {
  S_CHILD,
  S_KV,
  S_NETID,
  S_NUMBER,
  S_STATE,
  scanSsLine,
} from '../ss-lexer.js';
import { inetState, isUnbracketedV6, splitSsAddress, TCP_ONLY_STATES, unixState, type SsAddress } from '../ss-fields.js';
import { emptyItems, readItems, type Items } from '../ss-items.js';

/** The row parser for grammar/ss.ne (exported for the grammar tests). */
export const ssRows = new RowParser(ssGrammar);

/** Which of the optional columns a table has, and the start symbol that reads its rows. */
export interface SsColumns {
  netid: boolean;
  state: boolean;
  start: 'ss_row_ns' | 'ss_row_n' | 'ss_row_s' | 'ss_row_q';
}

function columns(netid: boolean, state: boolean): SsColumns {
  const start = netid ? (state ? 'ss_row_ns' : 'ss_row_n') : state ? 'ss_row_s' : 'ss_row_q';
  return { netid, state, start };
}

/**
 * ss's header: "Netid State Recv-Q Send-Q Local Address:Port Peer Address:Port Process"; Netid and
 * State may be left out, "Process" may be glued to "Port" (iproute2 5.x/6.x) or absent (older ss).
 */
const HEADER = /^(Netid )?(State )?Recv-Q Send-Q Local Address:Port Peer Address:Port ?(?:Process)?$/;

/** What kind of record each netid makes. */
const NETID_KINDS: { readonly [netid: string]: RowKind } = {
  tcp: 'inet', udp: 'inet', raw: 'inet', mptcp: 'inet', sctp: 'inet', dccp: 'inet', icmp6: 'inet', '???': 'inet',
  u_str: 'unix', u_dgr: 'unix', u_seq: 'unix',
  nl: 'netlink',
  p_raw: 'packet', p_dgr: 'packet',
  v_str: 'vsock', v_dgr: 'vsock',
  ti_st: 'tipc', ti_dg: 'tipc', ti_rd: 'tipc', ti_sq: 'tipc',
};

const SOCKET_TYPES: { readonly [netid: string]: string } = {
  u_str: 'STREAM', u_dgr: 'DGRAM', u_seq: 'SEQPACKET',
  p_raw: 'RAW', p_dgr: 'DGRAM',
  v_str: 'STREAM', v_dgr: 'DGRAM',
  ti_st: 'STREAM', ti_dg: 'DGRAM', ti_rd: 'RDM', ti_sq: 'SEQPACKET',
};

/** Netlink protocol names (iproute2 lib/rt_names.c nl_proto_n2a). */
const NETLINK_PROTOCOLS = new Set([
  'rtnl', 'unused', 'usersock', 'fw', 'tcpdiag', 'nflog', 'xfrm', 'selinux', 'iscsi', 'audit', 'fiblookup',
  'connector', 'nft', 'ip6fw', 'dnrtmsg', 'uevent', 'genl', 'scsi-trans', 'ecryptfs', 'rdma', 'crypto', 'smc',
]);

/** Port names of raw sockets (IP protocol names from /etc/protocols) rather than services. */
const RAW_PORT = /^(?:icmp|ipv6-icmp|igmp|ipproto-\d+|gre|esp|ah|ospf|vrrp|pim|ipip|ipv6|ipv6-route|ipv6-frag|ipv6-nonxt|ipv6-opts|l2tp|egp|rsvp|ipcomp|isis)$/;

/**
 * The protocol numbers raw sockets are commonly opened for (icmp, igmp, tcp, udp, gre, esp, ah,
 * ipv6-icmp, ospf, pim, vrrp, IPPROTO_RAW): with -n, ss -w prints them as the local port.
 */
const RAW_NUMBERS = new Set(['1', '2', '6', '17', '47', '50', '51', '58', '89', '103', '112', '255']);

type RowKind = 'inet' | 'unix' | 'netlink' | 'packet' | 'vsock' | 'tipc';

/** A row read and typed, waiting for its continuation lines and for the section's decisions. */
interface Row {
  line: number;
  source: string;
  snapshot: number;
  kind: RowKind;
  /** The Netid column as printed (null when the table has none, and for SCTP associations). */
  netid: string | null;
  /** The protocol when the row itself tells: its netid, or "sctp" for an association. */
  proto: string | null;
  stateText: string | null;
  parentLine: number | null;
  recv_q: Int;
  send_q: Int;
  local: string;
  peer: string;
  localAddr: SsAddress | null;
  peerAddr: SsAddress | null;
  localInode: Int | null;
  peerInode: Int | null;
  items: Items;
}

const tokens = new TokenBuffer();

/** Rows a section holds at most while it cannot tell the protocol or address style. */
export const MAX_HELD_ROWS = 10_000;

export class SsSection implements Section {
  readonly label: string;
  private pending: Row | null = null;
  private readonly held: Row[] = [];
  /** The protocol of a table without a Netid column, once a row tells. */
  private family: string | null = null;
  /** "new": IPv6 in brackets, "*" is the IPv6 wildcard; "old" (before iproute2 4.x): "*" is 0.0.0.0. */
  private style: 'new' | 'old' | null = null;
  private sawUnconn = false;
  /** Every row so far has an IP protocol number as its port, as raw sockets do (ss -wn). */
  private allRawNumbers = true;
  /** The last row that was not an SCTP association (the endpoint of the next associations). */
  private parent: Row | null = null;

  constructor(
    readonly plugin: FormatPlugin,
    readonly columns: SsColumns,
    headed: boolean,
  ) {
    this.label = headed ? 'ss sockets' : 'ss sockets (no header)';
  }

  line(ctx: LineContext, emit: Emit): LineOutcome {
    const text = ctx.text;
    scanSsLine(text, tokens);
    const first = text.charCodeAt(0);
    const indented = first === 9 || first === 32;
    // An indented line is a continuation line, unless it reads as a row: an SCTP association
    // ("      `- ESTAB ...", its Netid cell left blank), or a row of a table pasted indented.
    if (indented && !this.startsLikeRow()) return this.continuation(ctx);
    const result = ssRows.parse(this.columns.start, tokens);
    if (indented && !result.ok) return this.continuation(ctx);
    if (!result.ok) {
      if (!this.looksLikeRow()) return { diagnostic: null };
      return { diagnostic: syntaxDiagnostic(ctx, tokens, result.at, expectedWords(result.expected), this.label) };
    }
    let row: Row;
    try {
      row = this.readRow(ctx, result);
    } catch (err) {
      if (!(err instanceof FieldError)) throw err;
      return fieldRejection(ctx, err, this.label);
    }
    this.complete();
    this.pending = row;
    if (row.parentLine === null) this.parent = row;
    this.flush(emit, false);
    return RECORD;
  }

  end(emit: Emit): void {
    this.complete();
    this.flush(emit, true);
  }

  /** A tab-indented line of -i/-m information (or -O-less packet/tipc details) for the row above. */
  private continuation(ctx: LineContext): LineOutcome {
    const tab = ctx.text.charCodeAt(0) === 9;
    const result = ssRows.parse('ss_info', tokens);
    if (!result.ok) {
      if (!tab) return { diagnostic: null };
      return { diagnostic: syntaxDiagnostic(ctx, tokens, result.at, expectedWords(result.expected), this.label) };
    }
    // A line indented with spaces is ss's only when it holds key:value items (tipc's " type:RDM ...").
    if (!tab && !hasKeyValue()) return { diagnostic: null };
    if (this.pending === null) {
      return {
        diagnostic: {
          code: 'NETSNAP_PARSE_ORPHAN_CONTINUATION',
          severity: 'error',
          source: ctx.source,
          line: ctx.line,
          column: 1,
          length: Math.max(1, ctx.text.trimEnd().length),
          message: `continuation line without a socket row above it in ${this.label}`,
          expected: ['a socket row first'],
          text: ctx.text,
          section: this.label,
        },
      };
    }
    const span = (result as RowMatch).spans.find((s) => s[0] === 'items')!;
    try {
      readItems(tokens, span[1], span[2], this.pending.items, ALLOWED[this.pending.kind]);
    } catch (err) {
      if (!(err instanceof FieldError)) throw err;
      return fieldRejection(ctx, err, this.label);
    }
    return STRUCTURAL;
  }

  /** The line's first token is one a row of this table starts with. */
  private startsLikeRow(): boolean {
    const t0 = tokens.types[0];
    return t0 === S_CHILD || t0 === S_NETID || t0 === S_STATE || t0 === S_NUMBER;
  }

  private looksLikeRow(): boolean {
    if (tokens.length < 3) return false;
    const t0 = tokens.types[0];
    if (t0 === S_CHILD) return true;
    if (this.columns.netid) return t0 === S_NETID;
    if (this.columns.state) return t0 === S_STATE;
    return t0 === S_NUMBER && tokens.types[1] === S_NUMBER;
  }

  /** Type the row's columns (errors here are the row's diagnostic). */
  private readRow(ctx: LineContext, result: RowMatch): Row {
    const at: { [field: string]: [number, number] } = {};
    for (const [field, a, b] of result.spans) at[field] = [a, b];
    const text = (f: string): string | null => (at[f] ? tokens.span(at[f][0], at[f][1]) : null);

    const netid = text('netid');
    const child = at.child !== undefined || (this.columns.start === 'ss_row_n' && netid === null);
    const parent = child ? this.parent : null;
    const local = tokens.span(at.local![0], (at.local_more ?? at.local!)[1]);
    const peer = text('peer')!;
    const unixShape = at.local_inode !== undefined;
    const lonePeer = !unixShape && at.peer![0] === at.peer![1] && tokens.types[at.peer![0]] !== S_KV;

    let kind: RowKind;
    let proto: string | null = netid;
    if (netid !== null) {
      const k = NETID_KINDS[netid];
      if (k === undefined) throw new FieldError('netid', netid, `${netid} sockets are not read by netsnap`);
      kind = k;
    } else if (child) {
      kind = 'inet';
      proto = parent?.proto ?? 'sctp';
    } else {
      kind = unixShape ? 'unix' : lonePeer ? loneKind(local, peer) : twoAddressKind(local, peer);
      proto = kind === 'inet' ? null : kind === 'unix' ? null : FAMILY_PROTO[kind];
    }
    checkShape(kind, netid ?? kind, unixShape, lonePeer, local, peer);
    if (kind === 'vsock' || kind === 'tipc') {
      // typed again when the record is made; read here so that a bad number is this row's diagnostic
      cidPort(local, 'local');
      if (peer !== '-') cidPort(peer, 'peer');
    }

    const items = emptyItems();
    if (at.tail) readItems(tokens, at.tail[0], at.tail[1], items, ALLOWED[kind], false);

    const inet = kind === 'inet';
    return {
      line: ctx.line,
      source: ctx.source,
      snapshot: ctx.snapshot,
      kind,
      netid,
      proto,
      stateText: text('state'),
      parentLine: parent !== null ? parent.line : null,
      recv_q: toInt(text('recv_q')!, 'recv_q'),
      send_q: toInt(text('send_q')!, 'send_q'),
      local,
      peer,
      localAddr: inet ? splitSsAddress(local) : null,
      peerAddr: inet ? splitSsAddress(peer) : null,
      localInode: unixShape ? toInt(text('local_inode')!, 'inode') : null,
      peerInode: unixShape ? toInt(text('peer_inode')!, 'peer_inode') : null,
      items,
    };
  }

  /** The pending row has all its lines: learn from it, and queue it. */
  private complete(): void {
    const row = this.pending;
    if (row === null) return;
    this.pending = null;
    if (row.kind === 'inet') {
      if (this.style === null) this.style = styleOf(row);
      if (!this.columns.netid && row.proto === null) {
        if (row.stateText === 'UNCONN') this.sawUnconn = true;
        if (!RAW_NUMBERS.has(row.localAddr!.port ?? '')) this.allRawNumbers = false;
        if (this.family === null) this.family = familyOf(row);
      }
    }
    this.held.push(row);
  }

  /** Emit the held rows that need nothing undecided (all of them at the end, with defaults). */
  private flush(emit: Emit, end: boolean): void {
    if (end || this.held.length > MAX_HELD_ROWS) {
      this.family ??= this.sawUnconn ? (this.allRawNumbers ? 'raw' : 'udp') : 'tcp';
      this.style ??= 'new';
    }
    let n = 0;
    for (const row of this.held) {
      if (row.kind === 'inet') {
        if (row.proto === null && this.family === null) break;
        if (this.style === null && needsStyle(row)) break;
      }
      emit.record(this.finish(row));
      n++;
    }
    this.held.splice(0, n);
  }

  private finish(row: Row): NetRecord {
    switch (row.kind) {
      case 'inet':
        return finishInet(row, row.proto ?? this.family!, this.style ?? 'new');
      case 'unix':
        return finishUnix(row);
      case 'netlink':
        return finishNetlink(row);
      case 'packet':
        return finishPacket(row);
      case 'vsock':
        return finishVsock(row);
      case 'tipc':
        return finishTipc(row);
    }
  }
}

/** The proto of a row without a netid, from its family. */
const FAMILY_PROTO: { readonly [kind: string]: string } = { netlink: 'nl', packet: 'packet', vsock: 'vsock', tipc: 'tipc' };

/** Without a Netid column, a row whose peer is a bare "*" or "-" is netlink, packet or tipc. */
function loneKind(local: string, peer: string): RowKind {
  if (peer === '-') return 'tipc';
  const proto = local.slice(0, local.indexOf(':'));
  return NETLINK_PROTOCOLS.has(proto) || /^\d+$/.test(proto) ? 'netlink' : 'packet';
}

/** Without a Netid column, "node:ref node:ref" (digits only) is tipc; anything else is an IP socket. */
function twoAddressKind(local: string, peer: string): RowKind {
  return /^\d+:\d+$/.test(local) && /^\d+:\d+$/.test(peer) ? 'tipc' : 'inet';
}

/** A row's address shape must fit its netid ("u_str" with "host:port" addresses is not a unix row). */
function checkShape(kind: RowKind, what: string, unixShape: boolean, lonePeer: boolean, local: string, peer: string): void {
  const ok =
    kind === 'unix'
      ? unixShape
      : kind === 'inet' || kind === 'vsock'
        ? !unixShape && !lonePeer
        : kind === 'packet'
          ? lonePeer && peer === '*'
          : !unixShape;
  if (!ok) {
    const want = kind === 'unix' ? '"path inode peer inode"' : kind === 'packet' ? '"protocol:interface *"' : '"address:port address:port"';
    throw new FieldError('address', local, `the addresses of a ${what} row should be ${want}`);
  }
}

/** What a row says about the address style of its table, if anything. */
function styleOf(row: Row): 'new' | 'old' | null {
  for (const a of [row.localAddr!, row.peerAddr!]) {
    if (a.bracketed || a.address === '0.0.0.0') return 'new';
    if (isUnbracketedV6(a)) return 'old';
  }
  return null;
}

/** A row whose IP version depends on the address style: "*" is IPv6 for new ss, IPv4 for old. */
function needsStyle(row: Row): boolean {
  return row.localAddr!.address === '*' && ipFromAddress(row.peerAddr!) === null;
}

/** What a row says about the protocol of a table without a Netid column, if anything. */
function familyOf(row: Row): string | null {
  if (row.items.mptcpInfo) return 'mptcp';
  if (row.stateText !== null && TCP_ONLY_STATES.has(row.stateText)) return 'tcp';
  if (row.items.tcpInfo) return 'tcp';
  if (row.localAddr!.port !== null && RAW_PORT.test(row.localAddr!.port)) return 'raw';
  return null;
}

/** 4 or 6 from an address alone; null when it cannot tell ("*", a host name). */
function ipFromAddress(a: SsAddress): 4 | 6 | null {
  if (a.address.includes(':')) return 6;
  if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(a.address)) return 4;
  return null;
}

function ipVersionOf(row: Row, style: 'new' | 'old'): 4 | 6 {
  const local = row.localAddr!;
  const v = ipFromAddress(local) ?? ipFromAddress(row.peerAddr!);
  if (v !== null) return v;
  if (local.address === '*') return style === 'new' ? 6 : 4;
  return 4;
}


type Rec = { [field: string]: unknown };

/**
 * A record of `kind` with every column (base, then ss's extras) in order, all null: records are
 * made from it by assignment, which keeps the column order. The maker is an object literal compiled
 * once per kind (copying a 100-field object key by key, or with a spread, is several times slower).
 * The column names are this module's own constants.
 */
const TEMPLATES: { [kind: string]: () => Rec } = {};
function template(kind: string): Rec {
  let make = TEMPLATES[kind];
  if (make === undefined) {
    const body = recordColumns(kind, 'ss').map((c) => `${JSON.stringify(c)}: null`).join(', ');
    // eslint-disable-next-line @typescript-eslint/no-implied-eval
    make = new Function(`return () => ({ ${body} });`)() as () => Rec;
    TEMPLATES[kind] = make;
  }
  return make();
}

/** Copy the ss extra fields from `values`, with fresh lists for the list fields. */
function extras(values: Rec, rec: Rec): void {
  for (const c in values) if (c in rec && !(c in BASE_ONLY)) rec[c] = values[c];
  rec.users = values.users ?? [];
  rec.info_flags = values.info_flags ?? [];
  rec.info_other = values.info_other ?? {};
  if ('icons' in rec) rec.icons = values.icons ?? [];
}

/** Item fields that are read into base columns by each finish function, never copied as is. */
const BASE_ONLY: { readonly [field: string]: true } = { ino: true };

const SKMEM = ['skmem_r', 'skmem_rb', 'skmem_t', 'skmem_tb', 'skmem_f', 'skmem_w', 'skmem_o', 'skmem_bl', 'skmem_d'];

/** The fields items may set on each kind of record (the others stay in info_other). */
const ALLOWED: { readonly [kind in RowKind]: ReadonlySet<string> } = {
  inet: new Set([...EXTRA_COLUMNS.ss!.inet!, 'ino', 'timer']),
  unix: new Set([...EXTRA_COLUMNS.ss!.unix!, 'ino']),
  netlink: new Set(['sk', 'cb', 'groups', 'proc_ctx', ...SKMEM]),
  packet: new Set(['uid', 'ino', 'sk', ...SKMEM]),
  vsock: new Set(SKMEM),
  tipc: new Set(['uid', 'ino', 'sk', ...SKMEM]),
};

/** The ss fields every kind has, from a row's items. */
function commonValues(row: Row): { [field: string]: unknown } {
  const items = row.items;
  const values: { [field: string]: unknown } = {
    netid: row.netid,
    state_text: row.stateText,
    users: items.users ?? [],
    proc_ctx: items.proc_ctx ?? null,
    sock_ctx: items.sock_ctx ?? null,
    info_flags: items.info_flags,
  };
  Object.assign(values, items.fields);
  values.info_other = { ...items.info_other };
  return values;
}

function finishInet(row: Row, proto: string, style: 'new' | 'old'): SsInetRecord {
  const local = row.localAddr!;
  const peer = row.peerAddr!;
  const version = ipVersionOf(row, style);
  // ss's netids name the transport itself ("tcp" for IPv4 and IPv6 alike)
  const transport = proto;
  const items = row.items;
  const first = items.users?.[0];
  const f = items.fields;
  const uid = (f.uid as number | undefined) ?? (items.details ? 0 : null);
  const timer = items.timer;
  const rec = template('inet');
  const values = commonValues(row);
  if (peer.iface !== null) (values.info_other as Rec).peer_iface = peer.iface;
  if (items.tcpInfo && f.app_limited === undefined) values.app_limited = false;
  extras(values, rec);
  rec.kind = 'inet';
  setBase(rec, row);
  rec.proto = proto;
  rec.transport_protocol = transport;
  rec.network_protocol = version === 6 ? 'ipv6' : 'ipv4';
  rec.ip_version = version;
  rec.recv_q = row.recv_q;
  rec.send_q = row.send_q;
  rec.local_address = local.address;
  rec.local_port = local.port;
  rec.local_port_num = local.port_num;
  rec.foreign_address = peer.address;
  rec.foreign_port = peer.port;
  rec.foreign_port_num = peer.port_num;
  rec.state = inetState(row.stateText, transport);
  rec.user = uid === null ? null : String(uid);
  rec.inode = (f.ino as Int | undefined) ?? null;
  rec.pid = first?.pid ?? null;
  rec.program_name = first?.program_name ?? null;
  if (timer !== undefined) {
    rec.timer = timer.timer;
    rec.timer_name = timer.timer_name;
    rec.timer_expires = timer.timer_expires;
    rec.timer_retransmits = timer.timer_retransmits;
    rec.timer_probes = timer.timer_probes;
  }
  rec.local_iface = local.iface;
  rec.uid = uid;
  rec.parent_line = row.parentLine;
  return rec as unknown as SsInetRecord;
}

function finishUnix(row: Row): SsUnixRecord {
  const path = row.local === '*' ? null : row.local;
  const first = row.items.users?.[0];
  const rec = template('unix');
  const values = commonValues(row);
  if (row.peer !== '*') (values.info_other as Rec).peer = row.peer;
  extras(values, rec);
  rec.kind = 'unix';
  setBase(rec, row);
  rec.proto = 'unix';
  rec.flag_names = [];
  rec.type = row.netid !== null ? (SOCKET_TYPES[row.netid] ?? 'UNKNOWN') : 'UNKNOWN';
  rec.state = unixState(row.stateText);
  rec.inode = row.localInode!;
  rec.pid = first?.pid ?? null;
  rec.program_name = first?.program_name ?? null;
  rec.path = path;
  rec.path_type = path === null ? 'unnamed' : path.startsWith('@') ? 'abstract' : 'path';
  rec.recv_q = row.recv_q;
  rec.send_q = row.send_q;
  rec.peer_inode = row.peerInode;
  rec.vfs_inode = (row.items.fields.ino as Int | undefined) ?? null;
  return rec as unknown as SsUnixRecord;
}

/** The columns every record has, from the row. */
function setBase(rec: Rec, row: Row): void {
  rec.snapshot = row.snapshot;
  rec.source = row.source;
  rec.line = row.line;
  rec.platform = 'ss';
}

/** A record of one of the ss-only kinds, with its socket columns set. */
function other(row: Row, kind: string): Rec {
  const rec = template(kind);
  extras(commonValues(row), rec);
  const state = inetState(row.stateText, 'tcp');
  rec.kind = kind;
  setBase(rec, row);
  rec.proto = row.proto!;
  rec.state = state === 'CLOSE' ? null : state;
  rec.recv_q = row.recv_q;
  rec.send_q = row.send_q;
  if ('type' in rec) rec.type = row.netid !== null ? (SOCKET_TYPES[row.netid] ?? null) : null;
  const first = row.items.users?.[0];
  if ('pid' in rec) {
    rec.pid = first?.pid ?? null;
    rec.program_name = first?.program_name ?? null;
  }
  if ('uid' in rec) rec.uid = (row.items.fields.uid as number | undefined) ?? (row.items.details ? 0 : null);
  if ('inode' in rec) rec.inode = (row.items.fields.ino as Int | undefined) ?? null;
  return rec;
}

function finishNetlink(row: Row): NetlinkRecord {
  const colon = row.local.indexOf(':');
  const port = row.local.slice(colon + 1);
  const slash = port.lastIndexOf('/');
  const procPid = slash > 0 && /^\d+$/.test(port.slice(slash + 1));
  const rec = other(row, 'netlink');
  rec.nl_protocol = row.local.slice(0, colon);
  rec.port = port;
  // port ids are 32-bit (negative when the kernel picked them); longer digit runs are not port ids
  rec.port_num = port === 'kernel' ? 0 : /^-?\d{1,10}$/.test(port) ? Number(port) : null;
  rec.pid = procPid ? Number(port.slice(slash + 1)) : null;
  rec.program_name = procPid ? port.slice(0, slash) : null;
  rec.peer = row.peer;
  return rec as unknown as NetlinkRecord;
}

function finishPacket(row: Row): PacketRecord {
  const colon = row.local.lastIndexOf(':');
  const iface = row.local.slice(colon + 1);
  const rec = other(row, 'packet');
  rec.protocol = row.local.slice(0, colon);
  rec.iface = iface === '*' ? null : iface;
  return rec as unknown as PacketRecord;
}

/** "2:50000" -> [2, 50000]; "*" parts are null. */
function cidPort(text: string, field: string): [Int | null, Int | null] {
  const colon = text.lastIndexOf(':');
  const part = (s: string): Int | null => (s === '*' ? null : toInt(s, field));
  return [part(text.slice(0, colon)), part(text.slice(colon + 1))];
}

function finishVsock(row: Row): VsockRecord {
  const rec = other(row, 'vsock');
  [rec.local_cid, rec.local_port] = cidPort(row.local, 'local');
  [rec.peer_cid, rec.peer_port] = cidPort(row.peer, 'peer');
  return rec as unknown as VsockRecord;
}

function finishTipc(row: Row): TipcRecord {
  const rec = other(row, 'tipc');
  [rec.local_node, rec.local_ref] = cidPort(row.local, 'local');
  [rec.peer_node, rec.peer_ref] = row.peer === '-' ? [null, null] : cidPort(row.peer, 'peer');
  return rec as unknown as TipcRecord;
}

/** Does the line (already in `tokens`) hold a key:value item? */
function hasKeyValue(): boolean {
  for (let k = 0; k < tokens.length; k++) {
    const t = typeName(tokens.types[k]!);
    if (t === 'kv' || t === 'paren' || t === 'users') return true;
  }
  return false;
}

/** Token types in words, for "expected ..." in diagnostics. */
const SS_TOKEN_WORDS: { readonly [type: string]: string } = {
  netid: 'a netid (tcp, udp, u_str, nl, ...)',
  state: 'a socket state (ESTAB, LISTEN, ...)',
  number: 'a number',
  kv: 'an address:port',
  star: '"*"',
  dash: '"-"',
  qmark: '"?"',
  child: '"`-"',
  users: 'users:((...))',
  paren: 'a key:(...) item',
  ratekw: 'send, pacing_rate or delivery_rate',
  rate: 'a rate (17.8Gbps)',
  word: 'a word',
};

function expectedWords(types: readonly string[]): string[] {
  return types.map((t) => SS_TOKEN_WORDS[t] ?? t);
}

/** Diagnostic codes of a row that reads but cannot be typed. */
function codeOf(err: FieldError): string {
  if (err.field === 'netid') return 'NETSNAP_PARSE_UNSUPPORTED';
  if (err.field === 'address') return 'NETSNAP_PARSE_UNEXPECTED_TOKEN';
  return 'NETSNAP_PARSE_BAD_NUMBER';
}

function fieldRejection(ctx: LineContext, err: FieldError, section: string): Rejection {
  return { diagnostic: fieldDiagnostic(ctx, tokens, err, section, codeOf(err)) };
}

/** Quick test before lexing a line that may start a table without a header (-H). */
const HEADERLESS_START = /^[ \t]{0,8}(?:[a-z0-9_?]{2,6}\s+[A-Z][A-Z_-]{4,17}\s|[A-Z][A-Z_-]{4,17}\s+\d)/;

export const ssSockets: FormatPlugin = {
  id: 'ss',
  platform: 'ss',
  kinds: ['inet', 'unix', 'netlink', 'packet', 'vsock', 'tipc'],

  open(line: string): Opened | null {
    const m = HEADER.exec(squash(line));
    if (m !== null) {
      return { section: new SsSection(this, columns(!!m[1], !!m[2]), true), consumed: 'header' };
    }
    // -H: a row with a netid and a state, or a state and two numbers, that reads as an ss row
    if (!HEADERLESS_START.test(line)) return null;
    scanSsLine(line, tokens);
    let cols: SsColumns;
    if (tokens.types[0] === S_NETID && tokens.types[1] === S_STATE) cols = columns(true, true);
    else if (tokens.types[0] === S_STATE && tokens.types[1] === S_NUMBER) cols = columns(false, true);
    else return null;
    if (!ssRows.parse(cols.start, tokens).ok) return null;
    return { section: new SsSection(this, cols, false), consumed: 'row' };
  },
};


/** A bare ss row: two queue numbers, then addresses (no Netid or State column, no header). */
const BARE_ROW = /^\d+\s+\d+\s+\S/;

/**
 * ss when the user said the text is ss's (--platform ss): also opens a table at a bare row with
 * neither Netid nor State ("0 0 127.0.0.1:22 10.0.0.2:5000", from ss -H with a state filter).
 */
export const ssSocketsForced: FormatPlugin = {
  ...ssSockets,
  open(line: string): Opened | null {
    const opened = ssSockets.open.call(this, line);
    if (opened !== null || !BARE_ROW.test(line)) return opened;
    scanSsLine(line, tokens);
    const cols = columns(false, false);
    if (!ssRows.parse(cols.start, tokens).ok) return null;
    return { section: new SsSection(this, cols, false), consumed: 'row' };
  },
};
