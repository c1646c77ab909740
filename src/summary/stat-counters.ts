/**
 * The `netstat -s` counters the summary looks at, recognised by the section and counter names the
 * readers give them (StatRecord in src/types.ts), per platform:
 *
 * - Linux net-tools (src/parse/formats/linux-stats.ts): sections as printed ("Tcp", "TcpExt",
 *   "Udp", ...); counters are net-tools' sentence in words ("segments_retransmitted",
 *   "times_the_listen_queue_of_a_socket_overflowed") or the kernel's own name when net-tools has
 *   no sentence for it ("InCsumErrors", "ListenDrops").
 * - BSD and macOS (bsd-stat.ts): sections in lower case ("tcp", "udp", "ip", "icmp", "ip6", ...);
 *   counters are the singular words of the line under the line they detail
 *   ("packet_sent.data_packet_retransmitted", "listen_queue_overflow").
 * - Windows (windows-stat.ts): sections "TCPv4", "TCPv6", "UDPv4", "IPv4", ...; counters are the
 *   English names whatever the display language ("segments_retransmitted", "reset_connections").
 * - ss -s has no such counters (socket counts only).
 *
 * The three spellings of a section never collide ("Tcp", "tcp", "TCPv4"), so the section tells
 * the platform. Counters are matched by name and words, never by a pattern that could backtrack.
 * What each platform does not count (Windows has no listen-queue or checksum counters) is simply
 * absent from its summary.
 */
import type { StatCategory } from './model.js';

type Table = ReadonlyMap<string, StatCategory>;

const table = (entries: [StatCategory, string[]][]): Table => new Map(entries.flatMap(([c, names]) => names.map((n) => [n, c] as const)));

/** Linux "Tcp:" (one section for IPv4 and IPv6). Older net-tools wrote "segments send out". */
const LINUX_TCP = table([
  ['retransmits', ['segments_retransmitted', 'RetransSegs']],
  ['segments_sent', ['segments_sent_out', 'segments_send_out', 'OutSegs']],
  ['resets', ['connection_resets_received', 'resets_sent', 'EstabResets', 'OutRsts']],
  // InErrs ("bad segments received") counts checksum errors, with other malformed segments.
  ['checksum_errors', ['bad_segments_received', 'InErrs', 'InCsumErrors']],
]);

/** Linux "TcpExt:" (/proc/net/netstat). Older net-tools wrote "SYNs to LISTEN sockets ignored". */
const LINUX_TCP_EXT = table([
  ['listen_overflows', ['times_the_listen_queue_of_a_socket_overflowed', 'ListenOverflows']],
  ['listen_drops', ['syns_to_listen_sockets_dropped', 'syns_to_listen_sockets_ignored', 'ListenDrops']],
  [
    'resets',
    [
      'connections_reset_due_to_unexpected_data',
      'connections_reset_due_to_early_user_close',
      'resets_received_for_embryonic_syn_recv_sockets',
      'TCPAbortOnData',
      'TCPAbortOnClose',
      'EmbryonicRsts',
    ],
  ],
]);

/** Windows "TCP Statistics for IPv4/IPv6" (the reader names them TCPv4 and TCPv6). */
const WINDOWS_TCP = table([
  ['retransmits', ['segments_retransmitted']],
  ['segments_sent', ['segments_sent']],
  ['resets', ['reset_connections']],
]);

/** Sections of Linux net-tools -s (kernel files /proc/net/snmp, netstat, snmp6). */
const LINUX_SECTIONS = new Set(['Ip', 'Icmp', 'IcmpMsg', 'Tcp', 'Udp', 'UdpLite', 'TcpExt', 'IpExt', 'MPTcpExt', 'Sctp', 'Ip6', 'Icmp6', 'Udp6', 'UdpLite6', 'Tcp6', 'TcpExt6']);

/** Sections of BSD and macOS -s whose counters may matter. */
const BSD_SECTIONS = new Set(['tcp', 'udp', 'ip', 'icmp', 'ip6', 'icmp6', 'tcp6', 'udp6', 'igmp', 'sctp']);

/** The words of a BSD counter's last part: "packet_received.discarded_for_bad_checksum" -> discarded, for, bad, checksum. */
function lastWords(counter: string): string[] {
  const dot = counter.lastIndexOf('.');
  return counter.slice(dot + 1).split('_');
}

function bsd(section: string, counter: string): StatCategory | null {
  if (section === 'tcp' || section === 'tcp6') {
    if (counter === 'packet_sent') return 'segments_sent';
    if (counter === 'packet_sent.data_packet_retransmitted') return 'retransmits';
  }
  const words = lastWords(counter);
  const has = (w: string): boolean => words.includes(w);
  // "listen queue overflows" (macOS, FreeBSD, OpenBSD, NetBSD).
  if (has('listen') && has('queue') && (has('overflow') || has('overflowed'))) return 'listen_overflows';
  // "discarded for bad checksums" (tcp), "with bad checksum" (udp), "bad header checksums" (ip),
  // "bad checksums" (icmp); not "checksummed in software", which counts work, not errors.
  if (has('checksum') && (has('bad') || has('discarded'))) return 'checksum_errors';
  // "bad resets" (RST segments refused), "resets received" and the like.
  if (section.startsWith('tcp') && (has('reset') || has('rst'))) return 'resets';
  return null;
}

/** Which counter of interest a stat record is, or null. */
export function classifyStat(section: string, counter: string): StatCategory | null {
  if (LINUX_SECTIONS.has(section)) {
    if (section === 'Tcp' || section === 'Tcp6') return LINUX_TCP.get(counter) ?? null;
    if (section === 'TcpExt' || section === 'TcpExt6') return LINUX_TCP_EXT.get(counter) ?? null;
    // Udp, Icmp, Ip6, ...: their kernel names end in InCsumErrors ("Icmp6InCsumErrors").
    return counter.endsWith('InCsumErrors') ? 'checksum_errors' : null;
  }
  if (section === 'TCPv4' || section === 'TCPv6') return WINDOWS_TCP.get(counter) ?? null;
  if (BSD_SECTIONS.has(section)) return bsd(section, counter);
  return null;
}
