/**
 * Linux net-tools netstat: "Active Internet connections", "Active UNIX domain sockets" and
 * "Kernel Interface table" (-i). Busybox prints the same tables.
 *
 * Schemas: InetRecord, UnixRecord and InterfaceRecord in src/types.ts.
 */
import inetGrammar from '../generated/inet.js';
import unixGrammar from '../generated/unix.js';
import interfaceGrammar from '../generated/interface.js';
import type { InetRecord, InterfaceRecord, Platform, UnixRecord } from '../../types.js';
import { scanSocketLine, T_NUMBER, T_PROTO, type TokenBuffer } from '../lexer.js';
import {
  rowParser,
  squash,
  TableSection,
  type LineContext,
  type Layout,
  type Opened,
  type RawFields,
  type TableFormat,
} from '../format.js';
import {
  emptyInterface,
  expandFlags,
  ipVersion,
  splitHostPort,
  splitPidProgram,
  toDecimal,
  toInt,
  toIntOrNull,
  toSmallInt,
  transportOf,
  FieldError,
} from '../normalize.js';
import {
  alternation,
  collapse,
  startsWithTitle,
  TCP_STATE_NAMES,
  UNIX_STATE_NAMES,
  UNIX_TYPE_NAMES,
  variants,
} from '../l10n.js';

// ---------------------------------------------------------------------------------------------
// Active Internet connections

interface InetLayout extends Layout {
  user: boolean;
  program: boolean;
  timer: boolean;
  /** The section is busybox's (see {@link isBusyboxInetHeader}); set on the way when a row proves it. */
  busybox: boolean;
  /**
   * busybox: protocols that have printed an IPv6 row. busybox prints all IPv4 sockets of a protocol
   * before its IPv6 ones (/proc/net/tcp, then tcp6), so a row with host names under an IPv6 row of
   * its protocol is IPv6 too; above, it stays 4.
   */
  v6Protos: string[];
}

/**
 * The header in English or any of net-tools' translations (the PID/Program name column is never
 * translated; a translation of " Timer" may come without its space).
 */
const INET_HEADER = new RegExp(
  `^${alternation('\nProto Recv-Q Send-Q Local Address           Foreign Address         State      ')}` +
    `( ${alternation(' User       Inode     ')})?( PID/Program name)?( ?${alternation(' Timer')})?$`,
);

/**
 * busybox pads the State header to 12 columns and stops ("State" and 7 spaces at the end of the
 * line); net-tools pads it to 11 (6 spaces), or goes on with User, PID/Program name or Timer.
 * Only a byte-exact header shows this: a paste that lost trailing spaces does not.
 */
function isBusyboxInetHeader(line: string): boolean {
  return / State {7}$/.test(line);
}

/**
 * busybox prints IPv6 sockets as tcp, udp and raw, where net-tools prints tcp6, udp6 and raw6:
 * a row with an IPv6 address and a protocol without the 6 is busybox's.
 */
function isBusyboxInetRow(proto: string, localAddress: string): boolean {
  return !proto.endsWith('6') && localAddress.includes(':');
}

/** A translated TCP state in English; the English names as they are; anything else is an error. */
function tcpState(text: string | undefined): string | null {
  if (text === undefined) return null;
  const english = TCP_STATE_NAMES.get(text);
  if (english !== undefined) return english;
  if (UNIX_STATE_NAMES.has(text) || UNIX_TYPE_NAMES.has(text) || text.includes(' ')) {
    throw new FieldError('state', text, `"${text}" is not a TCP state`);
  }
  return text;
}

const inetRows = rowParser(inetGrammar);

export const linuxInet: TableFormat<InetLayout> = {
  id: 'linux-inet',
  platform: 'linux',
  // busybox's sockets read here too; the section decides (README, busybox).
  platforms: ['linux', 'busybox'],
  kinds: ['inet'],
  label: 'Active Internet connections',
  scan: scanSocketLine,
  rows: inetRows,

  isTitle: (line) => startsWithTitle(line, 'Active Internet connections '),

  open(line: string): Opened | null {
    const m = INET_HEADER.exec(squash(line));
    if (m === null) return null;
    const layout: InetLayout = {
      start: 'inet_row',
      user: !!m[1],
      program: !!m[2],
      timer: !!m[3],
      busybox: isBusyboxInetHeader(line),
      v6Protos: [],
    };
    const suffix = (layout.user ? 'e' : '') + (layout.program ? 'p' : '') + (layout.timer ? 'o' : '');
    if (suffix) layout.start += `_${suffix}`;
    return { section: new TableSection(this, layout), consumed: 'header' };
  },

  looksLikeRow: (tokens) => tokens.length > 0 && tokens.types[0] === T_PROTO && tokens.text(0) !== 'unix',

  normalize(raw: RawFields, ctx: LineContext, layout: InetLayout): InetRecord {
    const proto = raw.proto!;
    const local = splitHostPort(raw.local!);
    const foreign = splitHostPort(raw.foreign!);
    let version = ipVersion(proto, local.address === '*' ? foreign.address : local.address);
    const prog = layout.program ? splitPidProgram(raw.prog) : { pid: null, program_name: null };
    const timer = layout.timer ? readTimer(raw.timer_name!, raw.timer_values!) : NO_TIMER;
    if (!layout.busybox && isBusyboxInetRow(proto, local.address)) layout.busybox = true;
    if (layout.busybox) {
      if (version === 6 && !layout.v6Protos.includes(proto)) layout.v6Protos.push(proto);
      else if (version === 4 && layout.v6Protos.includes(proto)) version = 6;
    }
    return {
      kind: 'inet',
      snapshot: ctx.snapshot,
      source: ctx.source,
      line: ctx.line,
      platform: layout.busybox ? 'busybox' : 'linux',
      proto,
      transport_protocol: transportOf(proto),
      network_protocol: version === 6 ? 'ipv6' : 'ipv4',
      ip_version: version,
      recv_q: toInt(raw.recv_q!, 'recv_q'),
      send_q: toInt(raw.send_q!, 'send_q'),
      local_address: local.address,
      local_port: local.port,
      local_port_num: local.port_num,
      foreign_address: foreign.address,
      foreign_port: foreign.port,
      foreign_port_num: foreign.port_num,
      state: tcpState(raw.state),
      user: layout.user ? (raw.user ?? null) : null,
      inode: layout.user ? toIntOrNull(raw.inode, 'inode') : null,
      pid: prog.pid,
      program_name: prog.program_name,
      // Written out, not spread: a literal of fixed fields is built from one shape, fast.
      timer: timer.timer,
      timer_name: timer.timer_name,
      timer_expires: timer.timer_expires,
      timer_retransmits: timer.timer_retransmits,
      timer_probes: timer.timer_probes,
    };
  },
};

type TimerFields = Pick<InetRecord, 'timer' | 'timer_name' | 'timer_expires' | 'timer_retransmits' | 'timer_probes'>;

const NO_TIMER: TimerFields = {
  timer: null,
  timer_name: null,
  timer_expires: null,
  timer_retransmits: null,
  timer_probes: null,
};

/** "keepalive" and "(7152.92/0/0)": seconds until it fires / retransmits / probes. */
function readTimer(name: string, values: string): TimerFields {
  const [expires, retransmits, probes] = values.slice(1, -1).split('/') as [string, string, string];
  return {
    timer: `${name} ${values}`,
    timer_name: name,
    timer_expires: toDecimal(expires, 'timer'),
    timer_retransmits: signedSmall(retransmits),
    timer_probes: signedSmall(probes),
  };
}

function signedSmall(text: string): number {
  return text.startsWith('-') ? -toSmallInt(text.slice(1), 'timer') : toSmallInt(text, 'timer');
}

// ---------------------------------------------------------------------------------------------
// Active UNIX domain sockets

interface UnixLayout extends Layout {
  program: boolean;
  platform: Platform;
}

/** The header in English or translated; only the Path column is translated in net-tools 2.10 (but cs). */
const UNIX_HEADER = new RegExp(
  `^${alternation('\nProto RefCnt Flags       Type       State         I-Node', '\nProto RefCnt Flags       Type       State         I-Node  ')}` +
    `( PID/Program name)? ?${alternation(' Path\n')}$`,
);

/**
 * busybox prints "I-Node Path" with one space (net-tools 2.x: "I-Node   Path"). Old net-tools 1.60
 * printed one space too: such output is read as busybox's (see the README).
 */
function isBusyboxUnixHeader(line: string): boolean {
  return /I-Node Path\s*$/.test(line.trimStart());
}

/** A translated unix state or type in English; English names as they are. */
function unixWord(text: string | undefined, names: ReadonlyMap<string, string>, field: string, other: ReadonlyMap<string, string>): string | null {
  if (text === undefined) return null;
  const english = names.get(text);
  if (english !== undefined) return english;
  if (other.has(text) || TCP_STATE_NAMES.has(text) || text.includes(' ')) {
    throw new FieldError(field, text, `"${text}" is not a unix socket ${field}`);
  }
  return text;
}

const UNIX_FLAGS: { [flag: string]: string } = { ACC: 'accepting', W: 'wait_data', N: 'no_space' };

export const linuxUnix: TableFormat<UnixLayout> = {
  id: 'linux-unix',
  platform: 'linux',
  platforms: ['linux', 'busybox'],
  kinds: ['unix'],
  label: 'Active UNIX domain sockets',
  scan: scanSocketLine,
  rows: rowParser(unixGrammar),

  isTitle: (line) => startsWithTitle(line, 'Active UNIX domain sockets '),

  open(line: string): Opened | null {
    const m = UNIX_HEADER.exec(squash(line));
    if (m === null) return null;
    const layout: UnixLayout = {
      start: m[1] ? 'unix_row_p' : 'unix_row',
      program: !!m[1],
      platform: isBusyboxUnixHeader(line) ? 'busybox' : 'linux',
    };
    return { section: new TableSection(this, layout), consumed: 'header' };
  },

  looksLikeRow: (tokens) => tokens.length > 0 && tokens.text(0) === 'unix',

  normalize(raw: RawFields, ctx: LineContext, layout: UnixLayout): UnixRecord {
    const flagWords = raw.flags!.slice(1, -1).trim().split(/\s+/).filter(Boolean);
    const path = raw.path ?? null;
    const prog = layout.program ? splitPidProgram(raw.prog) : { pid: null, program_name: null };
    return {
      kind: 'unix',
      snapshot: ctx.snapshot,
      source: ctx.source,
      line: ctx.line,
      platform: layout.platform,
      proto: raw.proto!,
      refcnt: toInt(raw.refcnt!, 'refcnt'),
      flags: flagWords.length > 0 ? flagWords.join(' ') : null,
      flag_names: flagWords.map((f) => UNIX_FLAGS[f] ?? f),
      type: unixWord(raw.type, UNIX_TYPE_NAMES, 'type', UNIX_STATE_NAMES)!,
      state: unixWord(raw.state, UNIX_STATE_NAMES, 'state', UNIX_TYPE_NAMES),
      inode: toInt(raw.inode!, 'inode'),
      pid: prog.pid,
      program_name: prog.program_name,
      path,
      path_type: path === null ? 'unnamed' : path.startsWith('@') ? 'abstract' : 'path',
    };
  },
};

// ---------------------------------------------------------------------------------------------
// Kernel Interface table (netstat -i)

interface InterfaceLayout extends Layout {
  met: boolean;
}

const INTERFACE_HEADER = /^Iface MTU( Met)? RX-OK RX-ERR RX-DRP RX-OVR TX-OK TX-ERR TX-DRP TX-OVR Flg$/i;

/** "- no statistics available -" in English and translated, without the dashes. */
const NO_STATISTICS = new Set(variants('     - no statistics available -').map((v) => collapse(v.replace(/^-|-$/g, ''))));

/**
 * net-tools' short interface flags (lib/interface.c, ife_print_short). "P" is printed both for
 * IFF_PROMISC and IFF_POINTOPOINT, so it cannot be told apart.
 */
export const INTERFACE_FLAGS: { readonly [letter: string]: string } = {
  A: 'allmulti',
  B: 'broadcast',
  D: 'debug',
  L: 'loopback',
  M: 'multicast',
  N: 'notrailers',
  O: 'noarp',
  P: 'promisc_or_pointopoint',
  R: 'running',
  U: 'up',
  d: 'dynamic',
  m: 'master',
  s: 'slave',
};

export const linuxInterface: TableFormat<InterfaceLayout> = {
  id: 'linux-interface',
  platform: 'linux',
  kinds: ['interface'],
  label: 'Kernel Interface table',
  scan: scanSocketLine,
  rows: rowParser(interfaceGrammar),

  isTitle: (line) => startsWithTitle(line, 'Kernel Interface table\n'),

  open(line: string): Opened | null {
    const m = INTERFACE_HEADER.exec(squash(line));
    if (m === null) return null;
    const layout: InterfaceLayout = { start: m[1] ? 'iface_row_met' : 'iface_row', met: !!m[1] };
    return { section: new TableSection(this, layout), consumed: 'header' };
  },

  looksLikeRow(tokens: TokenBuffer) {
    let numbers = 0;
    for (let k = 0; k < tokens.length; k++) if (tokens.types[k] === T_NUMBER) numbers++;
    return numbers >= 4 && tokens.types[0] !== T_NUMBER;
  },

  normalize(raw: RawFields, ctx: LineContext): InterfaceRecord {
    const flg = raw.flg ?? null;
    if (raw.no_stats !== undefined && !NO_STATISTICS.has(collapse(raw.no_stats))) {
      throw new FieldError('rx_ok', raw.no_stats, `"${raw.no_stats}" is not a counter`);
    }
    return {
      ...emptyInterface(ctx, 'linux', raw.iface!),
      mtu: toInt(raw.mtu!, 'mtu'),
      met: toIntOrNull(raw.met, 'met'),
      rx_ok: toIntOrNull(raw.rx_ok, 'rx_ok'),
      rx_err: toIntOrNull(raw.rx_err, 'rx_err'),
      rx_drp: toIntOrNull(raw.rx_drp, 'rx_drp'),
      rx_ovr: toIntOrNull(raw.rx_ovr, 'rx_ovr'),
      tx_ok: toIntOrNull(raw.tx_ok, 'tx_ok'),
      tx_err: toIntOrNull(raw.tx_err, 'tx_err'),
      tx_drp: toIntOrNull(raw.tx_drp, 'tx_drp'),
      tx_ovr: toIntOrNull(raw.tx_ovr, 'tx_ovr'),
      flg,
      // "[NO FLAGS]" is what net-tools prints for an interface without flags
      flag_names: flg?.startsWith('[') ? [] : expandFlags(flg, INTERFACE_FLAGS),
    };
  },
};
