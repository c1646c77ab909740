/**
 * Column order of each record kind: the order of the fields in JSON, the CSV header, and the
 * README's schema tables. A test checks that every record has exactly these fields, in this order.
 */
import type { RecordKind } from '../types.js';

export const BASE_COLUMNS = ['kind', 'snapshot', 'source', 'line', 'platform'] as const;

export const COLUMNS: { readonly [K in RecordKind]: readonly string[] } = {
  inet: [
    ...BASE_COLUMNS,
    'proto', 'transport_protocol', 'network_protocol', 'ip_version', 'recv_q', 'send_q',
    'local_address', 'local_port', 'local_port_num', 'foreign_address', 'foreign_port', 'foreign_port_num',
    'state', 'user', 'inode', 'pid', 'program_name',
    'timer', 'timer_name', 'timer_expires', 'timer_retransmits', 'timer_probes',
  ],
  unix: [
    ...BASE_COLUMNS,
    'proto', 'refcnt', 'flags', 'flag_names', 'type', 'state', 'inode', 'pid', 'program_name', 'path', 'path_type',
  ],
  interface: [
    ...BASE_COLUMNS,
    'iface', 'mtu', 'met', 'rx_ok', 'rx_err', 'rx_drp', 'rx_ovr', 'tx_ok', 'tx_err', 'tx_drp', 'tx_ovr',
    'flg', 'flag_names', 'rx_bytes', 'tx_bytes', 'rx_frame', 'tx_carrier', 'tx_collisions',
    'ipv4_addr', 'ipv4_mask', 'ipv4_bcast', 'ipv6', 'mac_addr', 'type', 'txqueuelen', 'network', 'address',
  ],
  route: [
    ...BASE_COLUMNS,
    'ip_version', 'destination', 'prefix_length', 'gateway', 'genmask', 'route_flags', 'route_flags_pretty',
    'metric', 'route_refs', 'use', 'iface', 'mss', 'window', 'irtt', 'mtu', 'expire',
  ],
  stat: [...BASE_COLUMNS, 'section', 'counter', 'value', 'text'],
  group: [...BASE_COLUMNS, 'iface', 'refcnt', 'group', 'ip_version'],
  // iproute2 ss only (see SS_COMMON_COLUMNS below for the fields after these)
  netlink: [
    ...BASE_COLUMNS, 'proto', 'state', 'recv_q', 'send_q', 'nl_protocol', 'port', 'port_num', 'pid', 'program_name',
    'peer', 'sk', 'cb', 'groups',
  ],
  packet: [
    ...BASE_COLUMNS, 'proto', 'state', 'recv_q', 'send_q', 'type', 'protocol', 'iface', 'pid', 'program_name', 'uid',
    'inode', 'sk',
  ],
  vsock: [
    ...BASE_COLUMNS, 'proto', 'state', 'recv_q', 'send_q', 'type', 'local_cid', 'local_port', 'peer_cid', 'peer_port',
    'pid', 'program_name',
  ],
  tipc: [
    ...BASE_COLUMNS, 'proto', 'state', 'recv_q', 'send_q', 'type', 'local_node', 'local_ref', 'peer_node', 'peer_ref',
    'pid', 'program_name', 'uid', 'inode', 'sk',
  ],
};

/**
 * Fields that only one platform prints, appended after the kind's columns on that platform's
 * records (and documented in the README schema under the kind).
 */
export const EXTRA_COLUMNS: { readonly [platform: string]: { readonly [kind: string]: readonly string[] } } = {
  // BSD family (src/parse/formats/bsd-common.ts lists the same fields with their types)
  darwin: {
    inet: [
      'socket', 'flowhash', 'rxbytes', 'txbytes', 'rhiwat', 'shiwat', 'epid', 'so_state', 'options', 'gencnt',
      'so_flags', 'so_flags1', 'usecnt', 'rtncnt', 'fltrs',
    ],
    unix: [
      'address', 'recv_q', 'send_q', 'unix_inode', 'conn', 'refs', 'nextref', 'rxbytes', 'txbytes', 'rhiwat',
      'shiwat', 'epid', 'so_state', 'options', 'gencnt', 'so_flags', 'so_flags1', 'usecnt', 'rtncnt', 'fltrs',
    ],
    route: ['rt_ifa'],
    stat: ['sub_counter', 'sub_value'],
  },
  freebsd: {
    inet: [
      'tcpcb', 'rexmit', 'ooorcv', 'zero_win', 'r_mbuf', 's_mbuf', 'r_clus', 's_clus', 'r_hiwa', 's_hiwa', 'r_lowa',
      's_lowa', 'r_bcnt', 's_bcnt', 'r_bmax', 's_bmax', 'rexmt', 'persist', 'keep', 'two_msl', 'delack', 'rcvtime',
      'log_id', 'flowid', 'ftype',
    ],
    unix: ['address', 'recv_q', 'send_q', 'unix_inode', 'conn', 'refs', 'nextref'],
    route: ['nhop'],
    stat: ['sub_counter', 'sub_value'],
  },
  openbsd: {
    unix: ['address', 'recv_q', 'send_q', 'unix_inode', 'conn', 'refs', 'nextref'],
    route: ['prio'],
    stat: ['sub_counter', 'sub_value'],
  },
  netbsd: {
    unix: ['address', 'recv_q', 'send_q', 'unix_inode', 'conn', 'refs', 'nextref'],
    stat: ['sub_counter', 'sub_value'],
  },
  windows: {
    inet: ['state_text', 'component', 'owner_note', 'offload_state'],
    interface: ['if_index', 'rx_unicast', 'tx_unicast', 'rx_non_unicast', 'tx_non_unicast', 'rx_unknown_protos'],
    route: ['if_index', 'on_link', 'persistent'],
    stat: ['section_text'],
  },
  ss: {
    inet: [
      'netid', 'state_text', 'local_iface', 'users', 'uid', 'sk', 'cgroup', 'v6only', 'shutdown', 'fwmark', 'parent_line',
      'congestion', 'wscale_snd', 'wscale_rcv', 'rto', 'backoff', 'rtt', 'rttvar', 'ato', 'qack', 'mss', 'pmtu', 'rcvmss',
      'advmss', 'cwnd', 'ssthresh', 'bytes_sent', 'bytes_retrans', 'bytes_acked', 'bytes_received', 'segs_out', 'segs_in',
      'data_segs_out', 'data_segs_in', 'bbr_bw_bps', 'bbr_mrtt', 'bbr_pacing_gain', 'bbr_cwnd_gain', 'send_bps', 'lastsnd',
      'lastrcv', 'lastack', 'pacing_rate_bps', 'pacing_rate_max_bps', 'delivery_rate_bps', 'delivered', 'delivered_ce',
      'app_limited', 'busy_ms', 'rwnd_limited_ms', 'sndbuf_limited_ms', 'unacked', 'retrans', 'retrans_total', 'lost',
      'sacked', 'dsack_dups', 'fackets', 'reordering', 'reord_seen', 'rcv_rtt', 'rcv_space', 'rcv_ssthresh', 'notsent',
      'minrtt', 'snd_wnd', 'rcv_wnd', 'rehash', 'ulp',
      // SS_COMMON_COLUMNS
      'proc_ctx', 'sock_ctx', 'skmem_r', 'skmem_rb', 'skmem_t', 'skmem_tb', 'skmem_f', 'skmem_w', 'skmem_o', 'skmem_bl',
      'skmem_d', 'info_flags', 'info_other',
    ],
    unix: [
      'netid', 'state_text', 'recv_q', 'send_q', 'peer_inode', 'users', 'shutdown', 'vfs_inode', 'vfs_dev', 'icons',
      // SS_COMMON_COLUMNS
      'proc_ctx', 'sock_ctx', 'skmem_r', 'skmem_rb', 'skmem_t', 'skmem_tb', 'skmem_f', 'skmem_w', 'skmem_o', 'skmem_bl',
      'skmem_d', 'info_flags', 'info_other',
    ],
    // The ss-only kinds end with these too (COLUMNS above has their own fields).
    netlink: ['netid', 'state_text', 'users', ...ssCommon()],
    packet: ['netid', 'state_text', 'users', ...ssCommon()],
    vsock: ['netid', 'state_text', 'users', ...ssCommon()],
    tipc: ['netid', 'state_text', 'users', ...ssCommon()],
  },
};

/** The fields every ss record ends with. */
function ssCommon(): string[] {
  return [
    'proc_ctx', 'sock_ctx', 'skmem_r', 'skmem_rb', 'skmem_t', 'skmem_tb', 'skmem_f', 'skmem_w', 'skmem_o', 'skmem_bl',
    'skmem_d', 'info_flags', 'info_other',
  ];
}

/** The columns of a record: its kind's, then its platform's extras. */
export function recordColumns(kind: string, platform: string | undefined, sample?: object): readonly string[] {
  const base = columnsOf(kind, sample);
  const extra = platform === undefined ? undefined : EXTRA_COLUMNS[platform]?.[kind];
  return extra === undefined || extra.length === 0 ? base : withExtras(base, extra);
}

const WITH_EXTRAS = new Map<string, readonly string[]>();
function withExtras(base: readonly string[], extra: readonly string[]): readonly string[] {
  // Cached so the same list object comes back (serializers are cached per list).
  const key = `${base.join(',')}|${extra.join(',')}`;
  let cols = WITH_EXTRAS.get(key);
  if (cols === undefined) {
    cols = [...base, ...extra];
    WITH_EXTRAS.set(key, cols);
  }
  return cols;
}

/** The columns a terminal table shows by default (columns that are null in every row are dropped). */
export const TABLE_COLUMNS: { readonly [K in RecordKind]: readonly string[] } = {
  inet: [
    'proto', 'recv_q', 'send_q', 'local_address', 'local_port', 'foreign_address', 'foreign_port', 'state',
    'user', 'inode', 'pid', 'program_name', 'timer',
  ],
  unix: ['proto', 'refcnt', 'flags', 'type', 'state', 'inode', 'pid', 'program_name', 'path'],
  interface: [
    'iface', 'mtu', 'met', 'rx_ok', 'rx_err', 'rx_drp', 'rx_ovr', 'tx_ok', 'tx_err', 'tx_drp', 'tx_ovr', 'flg',
    'rx_bytes', 'tx_bytes', 'ipv4_addr', 'mac_addr', 'network', 'address',
  ],
  route: ['destination', 'prefix_length', 'gateway', 'genmask', 'route_flags', 'metric', 'route_refs', 'use', 'iface', 'mss', 'window', 'irtt', 'mtu', 'expire'],
  stat: ['section', 'counter', 'value'],
  group: ['iface', 'refcnt', 'group'],
  netlink: ['proto', 'state', 'recv_q', 'send_q', 'nl_protocol', 'port', 'peer', 'pid', 'program_name'],
  packet: ['proto', 'recv_q', 'send_q', 'protocol', 'iface', 'pid', 'program_name'],
  vsock: ['proto', 'state', 'recv_q', 'send_q', 'local_cid', 'local_port', 'peer_cid', 'peer_port', 'pid', 'program_name'],
  tipc: ['proto', 'state', 'recv_q', 'send_q', 'local_node', 'local_ref', 'peer_node', 'peer_ref', 'pid', 'program_name'],
};

/** All columns of a kind; for kinds this table does not know, the fields of a sample row. */
export function columnsOf(kind: string, sample?: object): readonly string[] {
  return (COLUMNS as { [k: string]: readonly string[] })[kind] ?? (sample ? Object.keys(sample) : []);
}

/** Default table columns of a kind. */
export function tableColumnsOf(kind: string, sample?: object): readonly string[] {
  const known = (TABLE_COLUMNS as { [k: string]: readonly string[] })[kind];
  if (known) return known;
  const base = new Set<string>(BASE_COLUMNS);
  return columnsOf(kind, sample).filter((c) => !base.has(c));
}
