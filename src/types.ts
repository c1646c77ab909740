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
export type Platform = 'linux' | 'busybox' | 'ss' | 'darwin' | 'freebsd' | 'windows' | 'openbsd' | 'netbsd';

export type RecordKind =
  | 'inet'
  | 'unix'
  | 'interface'
  | 'route'
  | 'stat'
  | 'group'
  // iproute2 ss: socket families netstat does not show
  | 'netlink'
  | 'packet'
  | 'vsock'
  | 'tipc';

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
  /** Null where the table has no such column (FreeBSD -T; Windows prints no queues). */
  recv_q: Int | null;
  send_q: Int | null;
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
  /** RefCnt; null on BSD and macOS (their Refs is a kernel address) and from ss, which does not print it. */
  refcnt: Int | null;
  /** Flags as printed without brackets ("ACC", "ACC W"), null for "[ ]" (jc's form). */
  flags: string | null;
  /** Flags expanded: ACC -> accepting, W -> wait_data, N -> no_space. */
  flag_names: string[];
  /** STREAM, DGRAM, SEQPACKET, RAW, RDM, PACKET or UNKNOWN. */
  type: string;
  /** LISTENING, CONNECTED, CONNECTING, ...; null when empty. */
  state: string | null;
  /** Null on BSD and macOS, whose Inode column is a kernel (vnode) address, kept as `unix_inode`. */
  inode: Int | null;
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
  /** Null for "-" (FreeBSD address rows) and where the table has no MTU (Windows -e, Interface List). */
  mtu: Int | null;
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

// ---------------------------------------------------------------------------------------------
// iproute2 ss. Its inet and unix sockets are InetRecord and UnixRecord with the extra fields below
// (EXTRA_COLUMNS.ss in src/output/columns.ts); its other families have record kinds of their own.

/** One process that holds a socket: an entry of ss -p's users:(("nginx",pid=1,fd=6),...). */
export interface SsUser {
  program_name: string;
  pid: number | null;
  fd: number | null;
}

/** -m: the socket's memory, skmem:(r0,rb131072,t0,tb16384,f0,w0,o0,bl0,d0) (bytes; d = drops). */
export interface SsMemFields {
  /** Receive queue memory allocated. */
  skmem_r: Int | null;
  /** Receive buffer size. */
  skmem_rb: Int | null;
  /** Transmit queue memory allocated. */
  skmem_t: Int | null;
  /** Send buffer size. */
  skmem_tb: Int | null;
  /** Memory allocated but not yet used (forward alloc). */
  skmem_f: Int | null;
  /** Transmit queue memory queued. */
  skmem_w: Int | null;
  /** Option memory. */
  skmem_o: Int | null;
  /** Backlog queue memory. */
  skmem_bl: Int | null;
  /** Packets dropped before they reached the socket. */
  skmem_d: Int | null;
}

/** Fields every ss record has. */
export interface SsCommonFields extends SsMemFields {
  /** The Netid column as printed ("tcp", "u_str", "nl"); null when the table had no Netid column. */
  netid: string | null;
  /** The State column as printed ("ESTAB", "UNCONN", "TIME-WAIT"); null when there was none. */
  state_text: string | null;
  /** -p: every process holding the socket (pid and program_name are the first one's). */
  users: SsUser[];
  /** -Z / -z: the first process's SELinux context, and the socket's. */
  proc_ctx: string | null;
  sock_ctx: string | null;
  /** Bare words of -e/-i output that are not fields of the record ("ts", "sack", "ecn", ...). */
  info_flags: string[];
  /** key:value items that are not fields of the record, as printed ({"tos": "0x10"}). */
  info_other: { [key: string]: string };
}

/** ss's extra fields on inet records (sockets of tcp, udp, raw, mptcp, sctp, dccp, icmp6). */
export interface SsInetFields extends SsCommonFields {
  /** The device the socket is bound to: "lo" in 127.0.0.53%lo:53. */
  local_iface: string | null;
  /** -e: owner uid (ss leaves uid 0 out; with -e details it is then 0). */
  uid: number | null;
  /** -e: the kernel socket cookie, hex as printed ("1025"). */
  sk: string | null;
  /** -e: cgroup path ("/", "/system.slice/nginx.service"). */
  cgroup: string | null;
  /** -e: 1 for an IPv6 socket that does not accept IPv4. */
  v6only: number | null;
  /** -e: which directions are shut down, as printed: "<->" (none), "-->", "<--", "---". */
  shutdown: string | null;
  /** -e: firewall mark as printed ("0x1"). */
  fwmark: string | null;
  /** For an SCTP association: the line of its endpoint's row. */
  parent_line: number | null;
  /** -i: congestion control ("cubic", "bbr"). */
  congestion: string | null;
  /** -i: window scale, sent and received. */
  wscale_snd: number | null;
  wscale_rcv: number | null;
  /** -i: retransmission timeout, ms. */
  rto: number | null;
  /** -i: exponential backoff of the retransmission timer. */
  backoff: number | null;
  /** -i: smoothed round-trip time and its variance, ms. */
  rtt: number | null;
  rttvar: number | null;
  /** -i: delayed ACK timeout, ms. */
  ato: number | null;
  qack: number | null;
  /** -i: sender MSS, path MTU, receiver MSS, advertised MSS (bytes). */
  mss: number | null;
  pmtu: number | null;
  rcvmss: number | null;
  advmss: number | null;
  /** -i: congestion window and slow-start threshold (segments). */
  cwnd: number | null;
  ssthresh: number | null;
  bytes_sent: Int | null;
  bytes_retrans: Int | null;
  bytes_acked: Int | null;
  bytes_received: Int | null;
  segs_out: Int | null;
  segs_in: Int | null;
  data_segs_out: Int | null;
  data_segs_in: Int | null;
  /** -i with BBR: bottleneck bandwidth (bit/s), min RTT (ms), pacing and cwnd gains. */
  bbr_bw_bps: number | null;
  bbr_mrtt: number | null;
  bbr_pacing_gain: number | null;
  bbr_cwnd_gain: number | null;
  /** -i: "send 17.8Gbps": cwnd * mss / rtt, bit/s. */
  send_bps: number | null;
  /** -i: ms since the last data sent, data received, ACK received. */
  lastsnd: Int | null;
  lastrcv: Int | null;
  lastack: Int | null;
  /** -i: pacing rate and its maximum, delivery rate, bit/s. */
  pacing_rate_bps: number | null;
  pacing_rate_max_bps: number | null;
  delivery_rate_bps: number | null;
  delivered: Int | null;
  delivered_ce: Int | null;
  /** -i: true when ss printed "app_limited"; false when the record has TCP info without it. */
  app_limited: boolean | null;
  /** -i: time busy sending, limited by the receive window, limited by the send buffer (ms). */
  busy_ms: number | null;
  rwnd_limited_ms: number | null;
  sndbuf_limited_ms: number | null;
  unacked: Int | null;
  /** -i: "retrans:0/3": segments being retransmitted now / retransmitted in total. */
  retrans: Int | null;
  retrans_total: Int | null;
  lost: Int | null;
  sacked: Int | null;
  dsack_dups: Int | null;
  fackets: Int | null;
  reordering: Int | null;
  reord_seen: Int | null;
  /** -i: receiver's RTT estimate, ms. */
  rcv_rtt: number | null;
  rcv_space: Int | null;
  rcv_ssthresh: Int | null;
  /** -i: bytes not yet sent ("notsent"). */
  notsent: Int | null;
  /** -i: minimum RTT seen, ms. */
  minrtt: number | null;
  snd_wnd: Int | null;
  rcv_wnd: Int | null;
  rehash: Int | null;
  /** -i: upper layer protocol: "mptcp" for "tcp-ulp-mptcp", "tls". */
  ulp: string | null;
}

export type SsInetRecord = InetRecord & SsInetFields;

/** ss's extra fields on unix records. */
export interface SsUnixFields extends SsCommonFields {
  recv_q: Int;
  send_q: Int;
  /** Inode of the peer socket (0 when not connected). */
  peer_inode: Int | null;
  /** -e: which directions are shut down ("<->", ...). */
  shutdown: string | null;
  /** -e: inode and device (major/minor) of the socket file a path socket is bound to. */
  vfs_inode: Int | null;
  vfs_dev: string | null;
  /** -e: inodes of the connections waiting on a listener ("peers:"). */
  icons: Int[];
}

export type SsUnixRecord = UnixRecord & SsUnixFields;

/** An ss record's socket columns, common to the families below. */
interface SsSocketBase extends RecordBase, SsCommonFields {
  platform: 'ss';
  /** The netid ("nl", "p_raw", "v_str", "ti_rd"), or the family's when the Netid column was absent. */
  proto: string;
  /** As for inet: "ESTABLISHED", "LISTEN", ...; null for UNCONN. */
  state: string | null;
  recv_q: Int;
  send_q: Int;
}

/** A netlink socket (ss -A netlink, ss -a): "rtnl:kernel", "tcpdiag:ss/1272", "4:21168" with -n. */
export interface NetlinkRecord extends SsSocketBase {
  kind: 'netlink';
  /** Netlink protocol as printed: "rtnl", "uevent", "genl", or its number with -n. */
  nl_protocol: string;
  /** Port id as printed: "kernel", "systemd/1" (process/pid), "-1089214714", "*". */
  port: string;
  /** The port id as a number ("kernel" is 0); null for "*" or a process name. */
  port_num: number | null;
  /** The process of a "name/pid" port. */
  pid: number | null;
  program_name: string | null;
  /** The peer as printed: "*", or "group:portid" for a connected socket. */
  peer: string;
  /** -e (/proc/net/netlink only): socket, callback and groups as printed. */
  sk: string | null;
  cb: string | null;
  groups: string | null;
}

/** A packet socket (ss -0): "*:lo", "ip:eth0". */
export interface PacketRecord extends SsSocketBase {
  kind: 'packet';
  /** RAW (p_raw) or DGRAM (p_dgr). */
  type: string | null;
  /** Ethernet protocol as printed: "*" (all), "ip", "ipv6", "0x88cc". */
  protocol: string;
  /** Interface name; null for "*" (any). */
  iface: string | null;
  pid: number | null;
  program_name: string | null;
  uid: number | null;
  inode: Int | null;
  sk: string | null;
}

/** An AF_VSOCK socket (ss --vsock): CID and port on each side. */
export interface VsockRecord extends SsSocketBase {
  kind: 'vsock';
  /** STREAM (v_str) or DGRAM (v_dgr). */
  type: string | null;
  /** Context ids and ports; null for "*" (any). */
  local_cid: Int | null;
  local_port: Int | null;
  peer_cid: Int | null;
  peer_port: Int | null;
  pid: number | null;
  program_name: string | null;
}

/** A TIPC socket (ss --tipc): node and port reference on each side. */
export interface TipcRecord extends SsSocketBase {
  kind: 'tipc';
  /** STREAM (ti_st), DGRAM (ti_dg), RDM (ti_rd), SEQPACKET (ti_sq); null without a Netid column. */
  type: string | null;
  local_node: Int;
  local_ref: Int;
  /** null when not connected ("-"). */
  peer_node: Int | null;
  peer_ref: Int | null;
  pid: number | null;
  program_name: string | null;
  uid: number | null;
  inode: Int | null;
  sk: string | null;
}

export type NetRecord =
  | InetRecord
  | UnixRecord
  | InterfaceRecord
  | RouteRecord
  | StatRecord
  | GroupRecord
  | NetlinkRecord
  | PacketRecord
  | VsockRecord
  | TipcRecord;

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

// ---------------------------------------------------------------------------------------------
// Windows: the fields only Windows netstat prints (EXTRA_COLUMNS.windows in src/output/columns.ts).

/** A row of Windows "Active Connections" (netstat, -a, -n, -o, -b, -t, -p PROTO). */
export interface WindowsInetRecord extends InetRecord {
  platform: 'windows';
  /** The state as printed ("LISTENING", "ABHÖREN"); `state` holds the normalised name ("LISTEN"). */
  state_text: string | null;
  /** -b: the component (service) line above the program ("RpcSs", "Dnscache"). */
  component: string | null;
  /** -b: the sentence printed instead of an owner ("Can not obtain ownership information"). */
  owner_note: string | null;
  /** -t: the offload state ("InHost", "Offloaded"). */
  offload_state: string | null;
}

/**
 * Windows netstat -e ("Interface Statistics", totals over all interfaces: `iface` is "*") or an
 * entry of the Interface List of netstat -r (`iface` is the description, with `if_index`).
 */
export interface WindowsInterfaceRecord extends InterfaceRecord {
  platform: 'windows';
  /** Interface List: the interface index (the "If" of the IPv6 route table). */
  if_index: number | null;
  /** -e: unicast and non-unicast packets (rx_ok and tx_ok are their sums). */
  rx_unicast: Int | null;
  tx_unicast: Int | null;
  rx_non_unicast: Int | null;
  tx_non_unicast: Int | null;
  /** -e: received packets of unknown protocols. */
  rx_unknown_protos: Int | null;
}

/** A route of Windows netstat -r / route print (IPv4 and IPv6, active and persistent). */
export interface WindowsRouteRecord extends RouteRecord {
  platform: 'windows';
  /** IPv6 table: the interface index ("If"), an index of the Interface List. */
  if_index: number | null;
  /** The gateway column said the destination is on-link ("On-link", "Auf Verbindung"). */
  on_link: boolean;
  /** From the "Persistent Routes" table. */
  persistent: boolean;
}

/** A counter of Windows netstat -s. */
export interface WindowsStatRecord extends StatRecord {
  platform: 'windows';
  /** The heading as printed ("TCP Statistics for IPv4", "TCP-Statistik für IPv4"). */
  section_text: string;
}
