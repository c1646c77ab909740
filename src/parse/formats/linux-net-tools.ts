/**
 * Linux net-tools netstat: "Active Internet connections", "Active UNIX domain sockets" and
 * "Kernel Interface table" (-i). Busybox prints the same tables.
 *
 * Schemas: InetRecord, UnixRecord and InterfaceRecord in src/types.ts.
 */
import inetGrammar from '../generated/inet.js';
import unixGrammar from '../generated/unix.js';
import interfaceGrammar from '../generated/interface.js';
import type { InetRecord, InterfaceRecord, UnixRecord } from '../../types.js';
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
  expandFlags,
  ipVersion,
  splitHostPort,
  splitPidProgram,
  toDecimal,
  toInt,
  toIntOrNull,
  toSmallInt,
  transportOf,
} from '../normalize.js';

// ---------------------------------------------------------------------------------------------
// Active Internet connections

interface InetLayout extends Layout {
  user: boolean;
  program: boolean;
  timer: boolean;
}

const INET_HEADER =
  /^Proto Recv-Q Send-Q Local Address Foreign Address State( User Inode)?( PID\/Program name)?( Timer)?$/;

const inetRows = rowParser(inetGrammar);

export const linuxInet: TableFormat<InetLayout> = {
  id: 'linux-inet',
  platform: 'linux',
  kinds: ['inet'],
  label: 'Active Internet connections',
  scan: scanSocketLine,
  rows: inetRows,

  isTitle: (line) => /^Active Internet connections\b/.test(line),

  open(line: string): Opened | null {
    const m = INET_HEADER.exec(squash(line));
    if (m === null) return null;
    const layout: InetLayout = { start: 'inet_row', user: !!m[1], program: !!m[2], timer: !!m[3] };
    const suffix = (layout.user ? 'e' : '') + (layout.program ? 'p' : '') + (layout.timer ? 'o' : '');
    if (suffix) layout.start += `_${suffix}`;
    return { section: new TableSection(this, layout), consumed: 'header' };
  },

  looksLikeRow: (tokens) => tokens.length > 0 && tokens.types[0] === T_PROTO && tokens.text(0) !== 'unix',

  normalize(raw: RawFields, ctx: LineContext, layout: InetLayout): InetRecord {
    const proto = raw.proto!;
    const local = splitHostPort(raw.local!);
    const foreign = splitHostPort(raw.foreign!);
    const version = ipVersion(proto, local.address);
    const prog = layout.program ? splitPidProgram(raw.prog) : { pid: null, program_name: null };
    const timer = layout.timer ? readTimer(raw.timer_name!, raw.timer_values!) : NO_TIMER;
    return {
      kind: 'inet',
      snapshot: ctx.snapshot,
      source: ctx.source,
      line: ctx.line,
      platform: 'linux',
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
      state: raw.state ?? null,
      user: layout.user ? (raw.user ?? null) : null,
      inode: layout.user ? toIntOrNull(raw.inode, 'inode') : null,
      pid: prog.pid,
      program_name: prog.program_name,
      ...timer,
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
}

const UNIX_HEADER = /^Proto RefCnt Flags Type State I-Node( PID\/Program name)? Path$/;

const UNIX_FLAGS: { [flag: string]: string } = { ACC: 'accepting', W: 'wait_data', N: 'no_space' };

export const linuxUnix: TableFormat<UnixLayout> = {
  id: 'linux-unix',
  platform: 'linux',
  kinds: ['unix'],
  label: 'Active UNIX domain sockets',
  scan: scanSocketLine,
  rows: rowParser(unixGrammar),

  isTitle: (line) => /^Active UNIX domain sockets\b/.test(line),

  open(line: string): Opened | null {
    const m = UNIX_HEADER.exec(squash(line));
    if (m === null) return null;
    const layout: UnixLayout = { start: m[1] ? 'unix_row_p' : 'unix_row', program: !!m[1] };
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
      platform: 'linux',
      proto: raw.proto!,
      refcnt: toInt(raw.refcnt!, 'refcnt'),
      flags: flagWords.length > 0 ? flagWords.join(' ') : null,
      flag_names: flagWords.map((f) => UNIX_FLAGS[f] ?? f),
      type: raw.type!,
      state: raw.state ?? null,
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

/** The interface fields netstat -i does not print. */
export const NO_IFCONFIG = {
  rx_bytes: null,
  tx_bytes: null,
  rx_frame: null,
  tx_carrier: null,
  tx_collisions: null,
  ipv4_addr: null,
  ipv4_mask: null,
  ipv4_bcast: null,
  ipv6: [],
  mac_addr: null,
  type: null,
  txqueuelen: null,
  network: null,
  address: null,
} as const satisfies Partial<InterfaceRecord>;

export const linuxInterface: TableFormat<InterfaceLayout> = {
  id: 'linux-interface',
  platform: 'linux',
  kinds: ['interface'],
  label: 'Kernel Interface table',
  scan: scanSocketLine,
  rows: rowParser(interfaceGrammar),

  isTitle: (line) => /^Kernel Interface table\b/.test(line),

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
    return {
      kind: 'interface',
      snapshot: ctx.snapshot,
      source: ctx.source,
      line: ctx.line,
      platform: 'linux',
      iface: raw.iface!,
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
      ...NO_IFCONFIG,
    };
  },
};
