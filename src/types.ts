/**
 * The record schema: what netsnap makes of each line of netstat output.
 *
 * Field names are snake_case and, where `jc --netstat` has the field, jc's name, so jq filters
 * written for jc keep working. Every record kind has every field of its interface; a column the
 * input did not have is null.
 */

/** An exact integer: a number when it fits in 2^53, else a bigint (never rounded). */
export type Int = number | bigint;

/** Which program printed the text. */
export type Platform = 'linux' | 'busybox' | 'ss' | 'darwin' | 'freebsd' | 'windows';

export type RecordKind = 'inet' | 'unix' | 'interface' | 'route' | 'stat' | 'group';

/** Fields every record has. */
export interface RecordBase {
  kind: RecordKind;
  /** Index of the snapshot (netstat run) in its input, from 0. */
  snapshot: number;
  /** File name, or "-" for standard input. */
  source: string;
  /** 1-based line number in the source. */
  line: number;
  platform: Platform;
}

/** One row of "Active Internet connections" (tcp, udp, raw, sctp; IPv4 and IPv6). */
export interface InetRecord extends RecordBase {
  kind: 'inet';
  /** As printed: tcp, tcp6, udp, udp6, udpl, udpl6, raw, raw6, sctp, ... */
  proto: string;
  /** tcp, udp, udpl, raw or sctp. */
  transport_protocol: string;
  /** ipv4 or ipv6 (jc's name). */
  network_protocol: 'ipv4' | 'ipv6';
  ip_version: 4 | 6;
  recv_q: Int;
  send_q: Int;
  /** Host part as printed, brackets removed: "127.0.0.1", "::", "localhost", "*", "fe80::1%eth0". */
  local_address: string;
  /** Port or service name as printed: "22", "ssh", "*". */
  local_port: string | null;
  /** The port as a number when it is numeric. */
  local_port_num: number | null;
  foreign_address: string;
  foreign_port: string | null;
  foreign_port_num: number | null;
  /** TCP state name; the kernel's number for raw sockets; null when the row has none (UDP). */
  state: string | null;
  /** -e: user name, or uid with -n. */
  user: string | null;
  /** -e: socket inode. */
  inode: Int | null;
  /** -p: process id; null for "-". */
  pid: number | null;
  /** -p: program name as printed (net-tools cuts it to fit 19 characters with the PID). */
  program_name: string | null;
  /** -o: the timer column as printed, "keepalive (7152.92/0/0)". */
  timer: string | null;
  /** -o: off, on (retransmit), keepalive, timewait or probe (zero window). */
  timer_name: string | null;
  /** -o: seconds until the timer fires. */
  timer_expires: number | null;
  /** -o: unrecovered retransmission timeouts. */
  timer_retransmits: number | null;
  /** -o: unanswered zero-window probes (keepalive probes for keepalive timers). */
  timer_probes: number | null;
}

/** One row of "Active UNIX domain sockets". */
export interface UnixRecord extends RecordBase {
  kind: 'unix';
  proto: string;
  refcnt: Int;
  /** Flags as printed without brackets ("ACC", "ACC W"), null for "[ ]" (jc's form). */
  flags: string | null;
  /** Flags expanded: ACC -> accepting, W -> wait_data, N -> no_space. */
  flag_names: string[];
  /** STREAM, DGRAM, SEQPACKET, RAW, RDM, PACKET or UNKNOWN. */
  type: string;
  /** LISTENING, CONNECTED, CONNECTING, ...; null when empty. */
  state: string | null;
  inode: Int;
  pid: number | null;
  program_name: string | null;
  /** Socket path; "@name" for abstract sockets; null when unnamed. */
  path: string | null;
  /** "path", "abstract" or "unnamed". */
  path_type: 'path' | 'abstract' | 'unnamed';
}

/**
 * One interface: a row of "Kernel Interface table" (netstat -i), a block of netstat -ie (ifconfig
 * style), a row of BSD/macOS netstat -i, or Windows netstat -e. Fields a format does not print are
 * null. The ifconfig-style fields use jc's ifconfig names.
 */
export interface InterfaceRecord extends RecordBase {
  kind: 'interface';
  iface: string;
  mtu: Int;
  /** Metric, in older net-tools output only. */
  met: Int | null;
  /** Counters; null when net-tools printed "- no statistics available -". */
  rx_ok: Int | null;
  rx_err: Int | null;
  rx_drp: Int | null;
  rx_ovr: Int | null;
  tx_ok: Int | null;
  tx_err: Int | null;
  tx_drp: Int | null;
  tx_ovr: Int | null;
  /** Flags as printed: "BMRU" (-i), "UP,BROADCAST,RUNNING,MULTICAST" (-ie). */
  flg: string | null;
  /** Flags expanded: broadcast, multicast, running, up, ... */
  flag_names: string[];
  /** Received and sent bytes (-ie, BSD -ib, Windows -e). */
  rx_bytes: Int | null;
  tx_bytes: Int | null;
  /** -ie: frame errors, carrier errors; collisions (also BSD Coll). */
  rx_frame: Int | null;
  tx_carrier: Int | null;
  tx_collisions: Int | null;
  /** -ie: IPv4 address, netmask and broadcast. */
  ipv4_addr: string | null;
  ipv4_mask: string | null;
  ipv4_bcast: string | null;
  /** -ie: every inet6 line: address, prefix length and scope. */
  ipv6: { addr: string; prefixlen: number | null; scope: string | null }[];
  /** -ie: hardware address; BSD/macOS: the link-level Address. */
  mac_addr: string | null;
  /** -ie: link type ("Ethernet", "Local Loopback"). */
  type: string | null;
  txqueuelen: Int | null;
  /** BSD/macOS -i: the Network column ("<Link#1>", "192.168.1"), and Address when it is not a MAC. */
  network: string | null;
  address: string | null;
}

/** One route: netstat -r on Linux (IPv4 and IPv6 tables), BSD/macOS, Windows. */
export interface RouteRecord extends RecordBase {
  kind: 'route';
  ip_version: 4 | 6;
  /** As printed: "0.0.0.0", "default", "192.168.1.0", "fe80::/64", "10/8". */
  destination: string;
  /** Prefix length, from the genmask, "/N" or the BSD short form, when known. */
  prefix_length: number | null;
  /** Gateway or next hop, as printed; null for "*" or "-". */
  gateway: string | null;
  genmask: string | null;
  /** Flags as printed ("UG"), and expanded (jc's names). */
  route_flags: string | null;
  route_flags_pretty: string[];
  metric: Int | null;
  route_refs: Int | null;
  use: Int | null;
  /** Interface name (Linux Iface/If, BSD Netif; Windows: the interface address). */
  iface: string | null;
  mss: Int | null;
  window: Int | null;
  irtt: Int | null;
  mtu: Int | null;
  /** BSD/macOS Expire column. */
  expire: string | null;
}

/** One counter of netstat -s (all platforms) or ss -s. */
export interface StatRecord extends RecordBase {
  kind: 'stat';
  /** The section: "Ip", "Tcp", "TcpExt", "IcmpMsg", "Udp6", ... as printed (without the colon). */
  section: string;
  /** Stable name: "segments_retransmitted", "TCPLostRetransmit", "InType3". */
  counter: string;
  /** The number; a decimal for percentages and averages. */
  value: Int | number;
  /** The line as printed, trimmed. */
  text: string;
}

/** One multicast group membership (netstat -g). */
export interface GroupRecord extends RecordBase {
  kind: 'group';
  iface: string;
  refcnt: Int | null;
  group: string;
  ip_version: 4 | 6;
}

export type NetRecord = InetRecord | UnixRecord | InterfaceRecord | RouteRecord | StatRecord | GroupRecord;

/** The record type for a kind. */
export type RecordOf<K extends RecordKind> = Extract<NetRecord, { kind: K }>;

/** What a line of input turned out to be when it is not a record. */
export type StructuralKind =
  | 'blank'
  | 'title'
  | 'header'
  | 'prompt'
  | 'timestamp'
  | 'notice'
  | 'continuation';

/** A line that could not be read, with where and why. */
export interface Diagnostic {
  code: string;
  severity: 'error' | 'warning';
  source: string;
  line: number;
  /** 1-based column of the first offending character. */
  column: number;
  /** Length of the offending text (for the caret), at least 1. */
  length: number;
  message: string;
  /** What would have been accepted there, in words. */
  expected: string[];
  /** The input line, as read. */
  text: string;
  /** The section the line was read in, e.g. "Active Internet connections". */
  section: string | null;
}

/** Counts of what the lines of one input were. Lines = records + structural + skipped + unparsed. */
export interface LineStats {
  lines: number;
  records: number;
  structural: number;
  skipped: number;
  unparsed: number;
}

/** One netstat run within an input. */
export interface SnapshotInfo {
  index: number;
  source: string;
  first_line: number;
  last_line: number;
  /** The command when a shell prompt showed it ("netstat -tulpn"). */
  command: string | null;
  /**
   * The options of the netstat or ss that command ran, normalised (`-anp` is `["-a", "-n", "-p"]`,
   * an option's value is the word after it); null when no prompt showed the command.
   */
  options: string[] | null;
  /** The timestamp line as written. */
  timestamp_text: string | null;
  /** The timestamp as ISO 8601, when it could be read. */
  timestamp: string | null;
  records: { [kind: string]: number };
}
