/**
 * What `netsnap summary` reports: per snapshot, counts, listeners, peers, queues, interface
 * counters, the `netstat -s` counters that matter, and findings; across snapshots, what grew.
 * This is also the shape of `netsnap summary -f json`.
 */
import type { InterfaceRecord, Int } from '../types.js';

export type Severity = 'critical' | 'warning' | 'info';

export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'warning', 'info'];

export interface Finding {
  /** Stable id, also the name of its threshold where it has one: close_wait, syn_recv, ... */
  id: string;
  severity: Severity;
  /** Short title: "CLOSE_WAIT sockets piling up in java". */
  title: string;
  /** One sentence for someone who is not a network expert. */
  message: string;
  /** What it is about: a program, an interface, a port, or null. */
  subject: string | null;
  /** The measured value and the threshold it reached. */
  value: Int | number;
  threshold: number | null;
  /** Input lines that support it, as "file:line" (the first few). */
  lines: string[];
  /** How many lines support it in all. */
  line_count: number;
  /**
   * The text of each of `lines`, in the same order (cut at EVIDENCE_TEXT_MAX characters), or null
   * for a line that was not there when the input was read again. Only withEvidenceText adds it, and
   * only for an input it can read again: not for standard input.
   */
  line_texts?: (string | null)[];
}

export interface CountRow {
  kind: string;
  proto: string | null;
  state: string | null;
  count: number;
}

export type BindScope = 'loopback only' | 'all interfaces' | 'one address';

export interface ListenRow {
  proto: string;
  address: string;
  port: string | null;
  scope: BindScope;
  program: string | null;
  pid: number | null;
  recv_q: Int | null;
  send_q: Int | null;
  at: string;
}

export interface PeerRow {
  address: string;
  connections: number;
}

export interface PortRow {
  port: string;
  connections: number;
}

export interface QueueRow {
  proto: string;
  local: string;
  foreign: string;
  state: string | null;
  recv_q: Int | null;
  send_q: Int | null;
  program: string | null;
  at: string;
}

/** An interface's counters as the record has them, and where it was read. */
export type InterfaceRow = Pick<
  InterfaceRecord,
  'iface' | 'rx_ok' | 'rx_err' | 'rx_drp' | 'rx_ovr' | 'tx_ok' | 'tx_err' | 'tx_drp' | 'tx_ovr'
> & { at: string };

/** The kind of netstat -s counter: what the summary looks for. */
export type StatCategory = 'retransmits' | 'segments_sent' | 'listen_overflows' | 'listen_drops' | 'resets' | 'checksum_errors';

export interface StatRow {
  category: StatCategory;
  section: string;
  counter: string;
  value: Int | number;
  at: string;
}

export interface SnapshotSummary {
  source: string;
  /** Index of the snapshot within its source. */
  snapshot: number;
  command: string | null;
  timestamp: string | null;
  records: number;
  /** The record kinds it has, sorted and space-separated: "inet unix". */
  kinds: string;
  counts: CountRow[];
  listening: ListenRow[];
  /** Listening sockets in all (the list may be cut at LIST_LIMIT). */
  listening_total: number;
  top_peers: PeerRow[];
  top_local_ports: PortRow[];
  queues: QueueRow[];
  queues_total: number;
  interfaces: InterfaceRow[];
  stats: StatRow[];
  findings: Finding[];
}

export interface GrowthRow {
  /** What grew: "tcp CLOSE_WAIT sockets", "eth0 rx_drp", "Tcp segments_retransmitted", ... */
  what: string;
  first: Int | number;
  last: Int | number;
  change: Int | number;
}

export interface Growth {
  /** The record kinds of the snapshots compared ("inet unix"): snapshots are compared with their own kind. */
  kinds: string;
  from: { source: string; snapshot: number; timestamp: string | null };
  to: { source: string; snapshot: number; timestamp: string | null };
  /** Seconds between the two, when both snapshots have a timestamp with the same zone form. */
  seconds: number | null;
  grew: GrowthRow[];
  new_listeners: ListenRow[];
  gone_listeners: ListenRow[];
  new_findings: Finding[];
  resolved_findings: Finding[];
}

export interface Summary {
  snapshots: SnapshotSummary[];
  /**
   * Between the first snapshot and the last of each set of snapshots with the same record kinds
   * (a capture loop of `netstat -tanp; netstat -i` compares sockets with sockets and interfaces
   * with interfaces); empty when no kind has two snapshots.
   */
  growth: Growth[];
  thresholds: { [name: string]: number | null | 'off' };
}
