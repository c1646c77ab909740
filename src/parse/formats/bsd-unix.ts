/**
 * BSD-family UNIX domain sockets: "Active UNIX domain sockets" (FreeBSD, OpenBSD, NetBSD) and
 * "Active LOCAL (UNIX) domain sockets" (macOS), with macOS's -b and -v columns.
 *
 *   Address Type Recv-Q Send-Q Inode Conn Refs Nextref [rxbytes txbytes ...] Addr
 *
 * Schema: UnixRecord (src/types.ts) with BsdUnixExtras and, on macOS, DarwinSocketExtras.
 * Address, Inode, Conn, Refs and Nextref are kernel addresses, not counts or inode numbers: they
 * are kept as strings in the extra fields, and refcnt and inode are null.
 */
import unixGrammar from '../generated/bsd-unix.js';
import type { Platform, UnixRecord } from '../../types.js';
import { scanBsdRow, T_BSD_UNIX_TYPE } from '../bsd-lexer.js';
import { rowParser, squash, type Layout, type LineContext, type Opened, type RawFields, type TableFormat } from '../format.js';
import { FieldError, toInt, toSmallInt } from '../normalize.js';
import { BSD_UNIX_FIELDS, DARWIN_SOCKET_FIELDS, kernelAddress, nulls, splitProcessPid, type BsdPlatform } from './bsd-common.js';
import { BsdTableSection, darwinSocketValues } from './bsd-inet.js';

export interface BsdUnixLayout extends Layout {
  /** Null until the first row decides it (see unixPlatformOfAddress). */
  platform: BsdPlatform | null;
  /** Opened by a row, without a header: only rows of the plain layout with an absolute path. */
  headerless?: boolean;
}

const SUFFIXES: { readonly [columns: string]: string } = {
  '': 'bsd_unix',
  ' rxbytes txbytes': 'bsd_unix_b',
  ' rhiwat shiwat pid epid state options': 'bsd_unix_v',
  ' rhiwat shiwat pid epid state options gencnt flags flags1 usecnt rtncnt fltrs': 'bsd_unix_V',
  ' rxbytes txbytes rhiwat shiwat pid epid state options gencnt flags flags1 usecnt rtncnt fltrs': 'bsd_unix_bV',
  ' rxbytes txbytes rhiwat shiwat process:pid state options gencnt flags flags1 usecnt rtncnt fltrs': 'bsd_unix_bP',
};

const HEADER = /^Address Type Recv-Q Send-Q Inode Conn Refs Nextref(?<rest>.*) Addr$/;

/**
 * A row without a header (a paste that starts in the middle of the table): the eight columns and,
 * if anything follows, an absolute path. Strict, so that it never takes another table's row.
 */
const HEADERLESS_ROW =
  /^\s*[0-9a-f]{8,16} +(?:stream|dgram|seqpac|seqpacket|raw|rdm) +\d+ +\d+ +[0-9a-f]+ +[0-9a-f]+ +[0-9a-f]+ +[0-9a-f]+(?: +\/.*)?$/;

const UNIX_TYPES: { readonly [printed: string]: string } = {
  stream: 'STREAM',
  dgram: 'DGRAM',
  seqpac: 'SEQPACKET',
  seqpacket: 'SEQPACKET',
  raw: 'RAW',
  rdm: 'RDM',
};

/**
 * The platform of a UNIX table without macOS-only columns, from its first row's socket address:
 * FreeBSD, OpenBSD and NetBSD kernels live at the top of the address space ("fffff80003ab6100",
 * "ffff800001234000") or, on 32-bit systems, print 8 hex digits; macOS prints obfuscated 16-digit
 * addresses ("7fb03cb94a63a7cd"). The three BSDs print the same table, so theirs is labelled freebsd.
 */
export function unixPlatformOfAddress(address: string): BsdPlatform {
  const hex = address.replace(/^0x/i, '');
  return /^fff/i.test(hex) || hex.length <= 8 ? 'freebsd' : 'darwin';
}

export const bsdUnix: TableFormat<BsdUnixLayout> = {
  id: 'bsd-unix',
  platform: 'darwin',
  // Records say darwin or freebsd (OpenBSD and NetBSD print FreeBSD's table); --platform relabels.
  platforms: ['darwin', 'freebsd', 'openbsd', 'netbsd'],
  kinds: ['unix'],
  label: 'Active UNIX domain sockets',
  scan: scanBsdRow,
  rows: rowParser(unixGrammar),

  isTitle: (line) => /^Active LOCAL \(UNIX\) domain sockets\b/.test(line),

  open(line: string): Opened | null {
    if (line.includes('Nextref')) {
      const m = HEADER.exec(squash(line));
      if (m === null) return null;
      const start = SUFFIXES[m.groups!.rest!];
      if (start === undefined) return null;
      const layout: BsdUnixLayout = { start, platform: start === 'bsd_unix' ? null : 'darwin' };
      return { section: new BsdTableSection(this, layout), consumed: 'header' };
    }
    if (!HEADERLESS_ROW.test(line.trimEnd())) return null;
    return { section: new BsdTableSection(this, { start: 'bsd_unix', platform: null, headerless: true }), consumed: 'row' };
  },

  looksLikeRow: (tokens) => tokens.length >= 8 && tokens.types[1] === T_BSD_UNIX_TYPE,

  normalize(raw: RawFields, ctx: LineContext, layout: BsdUnixLayout): UnixRecord {
    const address = raw.address!;
    if (layout.platform === null) layout.platform = unixPlatformOfAddress(address);
    const platform = layout.platform;
    const path = raw.path ?? null;
    // without a header, columns netsnap cannot see (macOS -v) would read as a path: refuse them
    if (layout.headerless && path !== null && !path.startsWith('/')) {
      const first = path.split(/\s+/)[0]!;
      throw new FieldError('path', first, `"${first}" does not start a socket path (a row without its header)`);
    }
    const proc = raw.process === undefined ? null : splitProcessPid(raw.process);
    const pid = proc?.pid ?? (raw.pid === undefined ? null : toSmallInt(raw.pid, 'pid'));
    const record: UnixRecord = {
      kind: 'unix',
      snapshot: ctx.snapshot,
      source: ctx.source,
      line: ctx.line,
      platform: platform as Platform,
      proto: 'unix',
      refcnt: null,
      flags: null,
      flag_names: [],
      type: UNIX_TYPES[raw.type!] ?? raw.type!,
      state: null,
      inode: null,
      pid,
      program_name: proc?.program_name ?? null,
      path,
      path_type: path === null ? 'unnamed' : 'path',
    };
    const extras: { [field: string]: unknown } = {
      ...nulls(BSD_UNIX_FIELDS),
      address,
      recv_q: toInt(raw.recv_q!, 'recv_q'),
      send_q: toInt(raw.send_q!, 'send_q'),
      unix_inode: kernelAddress(raw.unix_inode),
      conn: kernelAddress(raw.conn),
      refs: kernelAddress(raw.refs),
      nextref: kernelAddress(raw.nextref),
    };
    if (platform === 'darwin') Object.assign(extras, nulls(DARWIN_SOCKET_FIELDS), darwinSocketValues(raw));
    return Object.assign(record, extras);
  },
};
