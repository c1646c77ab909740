/**
 * Builds the summary of one snapshot from its records, one record at a time. It keeps counts,
 * short lists and the first few supporting lines of each finding, never the records themselves,
 * so memory does not grow with the number of sockets (only with distinct peers and ports).
 *
 * Works on any record kind that follows the schema (src/types.ts): inet sockets, unix sockets,
 * interfaces and netstat -s counters are read; other kinds are counted.
 */
import type { InetRecord, Int, InterfaceRecord, NetRecord, SnapshotInfo, StatRecord } from '../types.js';
import { bindScope, isWildcard } from '../redact/ip.js';
import { add, approx, isInt } from './ints.js';
import type {
  BindScope,
  CountRow,
  InterfaceRow,
  ListenRow,
  QueueRow,
  SnapshotSummary,
  StatRow,
} from './model.js';
import { classifyStat } from './stat-counters.js';
import { canonicalState } from './states.js';
import type { Thresholds } from './thresholds.js';

/** Lines kept as evidence per finding. */
export const EVIDENCE_LIMIT = 10;
/** Rows kept per list (listeners, queues, interfaces); the totals are counted in full. */
export const LIST_LIMIT = 200;
/** Peers and ports shown. */
export const TOP = 10;

export class Evidence {
  count = 0;
  readonly lines: string[] = [];
  add(at: string): void {
    this.count++;
    if (this.lines.length < EVIDENCE_LIMIT) this.lines.push(at);
  }
}

/** A group of sockets behind one finding (a program, a port, a peer), with the largest value seen. */
export class Tally extends Evidence {
  max: Int = 0;
  sum: Int = 0;
  readonly peers = new Map<string, number>();
  constructor(readonly label: string) {
    super();
  }
  note(at: string, value: Int = 0, peer?: string): void {
    this.add(at);
    if (approx(value) > approx(this.max)) this.max = value;
    this.sum = add(this.sum, value);
    if (peer !== undefined) this.peers.set(peer, (this.peers.get(peer) ?? 0) + 1);
  }
  topPeer(): string | null {
    let best: string | null = null;
    let n = 0;
    for (const [p, c] of this.peers) if (c > n) [best, n] = [p, c];
    return best;
  }
}

function tally(map: Map<string, Tally>, key: string, label: string): Tally {
  let t = map.get(key);
  if (t === undefined) {
    t = new Tally(label);
    map.set(key, t);
  }
  return t;
}

export function at(r: { source: string; line: number }): string {
  return `${r.source}:${r.line}`;
}

/** at() read back: the line number is after the last colon (a Windows path has colons of its own). */
export function splitAt(ref: string): { source: string; line: number } {
  const colon = ref.lastIndexOf(':');
  return { source: ref.slice(0, colon), line: Number(ref.slice(colon + 1)) };
}

/** "host:port" as people write it: brackets around IPv6 addresses. */
export function endpoint(address: string, port: string | null): string {
  if (port === null) return address;
  return address.includes(':') ? `[${address}]:${port}` : `${address}:${port}`;
}

function programOf(r: { program_name?: string | null; pid?: number | null }): string | null {
  const name = r.program_name ?? null;
  const pid = r.pid ?? null;
  if (name !== null && pid !== null) return `${name} (pid ${pid})`;
  if (name !== null) return name;
  if (pid !== null) return `pid ${pid}`;
  return null;
}

const SCOPES: { [k: string]: BindScope } = { all: 'all interfaces', loopback: 'loopback only', address: 'one address' };

export class SnapshotBuilder {
  records = 0;
  command: string | null = null;
  timestamp: string | null = null;
  private readonly counts = new Map<string, CountRow>();
  readonly listening: ListenRow[] = [];
  listeningTotal = 0;
  readonly peers = new Map<string, number>();
  readonly ports = new Map<string, number>();
  readonly queues: QueueRow[] = [];
  queuesTotal = 0;
  readonly interfaces: InterfaceRow[] = [];
  readonly stats: StatRow[] = [];
  readonly platforms = new Map<string, number>();

  // What the findings need.
  readonly closeWait = new Map<string, Tally>();
  readonly timeWait = new Tally('TIME_WAIT');
  readonly synRecv = new Tally('SYN_RECV');
  readonly synSent = new Tally('SYN_SENT');
  readonly sendQ = new Tally('Send-Q');
  readonly recvQ = new Map<string, Tally>();
  readonly listenAll = new Tally('all interfaces');
  readonly listenBacklog: { row: ListenRow }[] = [];
  readonly listenAllPorts = new Set<string>();

  constructor(
    readonly source: string,
    readonly snapshot: number,
    private readonly thresholds: Thresholds,
  ) {}

  info(info: SnapshotInfo): void {
    this.command = info.command;
    this.timestamp = info.timestamp ?? info.timestamp_text;
  }

  add(r: NetRecord): void {
    this.records++;
    this.platforms.set(r.platform, (this.platforms.get(r.platform) ?? 0) + 1);
    switch (r.kind) {
      case 'inet':
        return this.inet(r);
      case 'unix':
        return this.count('unix', r.type ?? null, r.state ?? null);
      case 'interface':
        return this.iface(r);
      case 'stat':
        return this.stat(r);
      default:
        return this.count(r.kind, null, null);
    }
  }

  private count(kind: string, proto: string | null, state: string | null): void {
    const key = `${kind}\u0000${proto ?? ''}\u0000${state ?? ''}`;
    const row = this.counts.get(key);
    if (row === undefined) this.counts.set(key, { kind, proto, state, count: 1 });
    else row.count++;
  }

  private inet(r: InetRecord): void {
    const state = canonicalState(r.state);
    this.count('inet', r.proto, state);
    const where = at(r);
    const program = programOf(r);
    const foreignWild = isWildcard(r.foreign_address) && (r.foreign_port === null || r.foreign_port === '*' || r.foreign_port === '0');
    const transport = r.transport_protocol;
    const listening = state === 'LISTEN' || (state === null && foreignWild && transport !== 'raw' && transport !== 'tcp');
    const t = this.thresholds;

    if (listening) {
      this.listeningTotal++;
      const scope = SCOPES[bindScope(r.local_address)]!;
      const row: ListenRow = {
        proto: r.proto,
        address: r.local_address,
        port: r.local_port,
        scope,
        program,
        pid: r.pid ?? null,
        recv_q: r.recv_q,
        send_q: r.send_q,
        at: where,
      };
      if (this.listening.length < LIST_LIMIT) this.listening.push(row);
      if (scope === 'all interfaces') {
        this.listenAll.note(where);
        if (this.listenAllPorts.size < LIST_LIMIT) this.listenAllPorts.add(`${r.local_port ?? '?'}/${transport}${program ? ` (${r.program_name ?? program})` : ''}`);
      }
      const backlog = num(t.listen_recv_q);
      if (state === 'LISTEN' && backlog !== null && approx(r.recv_q) >= backlog && approx(r.recv_q) > 0 && this.listenBacklog.length < LIST_LIMIT) {
        this.listenBacklog.push({ row });
      }
    } else if (!foreignWild) {
      const peer = r.foreign_address;
      this.peers.set(peer, (this.peers.get(peer) ?? 0) + 1);
      if (r.local_port !== null) this.ports.set(r.local_port, (this.ports.get(r.local_port) ?? 0) + 1);
    }

    if (approx(r.recv_q) > 0 || approx(r.send_q) > 0) {
      this.queuesTotal++;
      if (this.queues.length < LIST_LIMIT) {
        this.queues.push({
          proto: r.proto,
          local: endpoint(r.local_address, r.local_port),
          foreign: endpoint(r.foreign_address, r.foreign_port),
          state,
          recv_q: r.recv_q,
          send_q: r.send_q,
          program,
          at: where,
        });
      }
    }

    const remote = endpoint(r.foreign_address, r.foreign_port);
    switch (state) {
      case 'CLOSE_WAIT': {
        const key = program ?? `local port ${r.local_port ?? '?'}`;
        tally(this.closeWait, key, program ?? `The program on local port ${r.local_port ?? '?'}`).note(where, 1, r.foreign_address);
        break;
      }
      case 'TIME_WAIT':
        this.timeWait.note(where, 1, remote);
        break;
      case 'SYN_RECV':
        this.synRecv.note(where, 1, endpoint(r.local_address, r.local_port));
        break;
      case 'SYN_SENT':
        this.synSent.note(where, 1, remote);
        break;
      case 'ESTABLISHED': {
        const sendLimit = num(t.send_q);
        if (sendLimit !== null && approx(r.send_q) >= sendLimit && approx(r.send_q) > 0) this.sendQ.note(where, r.send_q ?? undefined, r.foreign_address);
        const recvLimit = num(t.recv_q);
        if (recvLimit !== null && approx(r.recv_q) >= recvLimit && approx(r.recv_q) > 0) {
          const key = program ?? `local port ${r.local_port ?? '?'}`;
          tally(this.recvQ, key, program ?? `The program on local port ${r.local_port ?? '?'}`).note(where, r.recv_q ?? undefined, r.foreign_address);
        }
        break;
      }
      default:
        break;
    }
  }

  private iface(r: InterfaceRecord): void {
    this.count('interface', null, null);
    if (this.interfaces.length >= LIST_LIMIT) return;
    this.interfaces.push({
      iface: r.iface,
      rx_ok: r.rx_ok ?? null,
      rx_err: sumOf(r.rx_err, r.rx_frame),
      rx_drp: r.rx_drp ?? null,
      rx_ovr: r.rx_ovr ?? null,
      tx_ok: r.tx_ok ?? null,
      tx_err: sumOf(r.tx_err, r.tx_carrier),
      tx_drp: r.tx_drp ?? null,
      tx_ovr: r.tx_ovr ?? null,
      at: at(r),
    });
  }

  private stat(r: StatRecord): void {
    this.count('stat', r.section, null);
    if (!isInt(r.value)) return;
    const category = classifyStat(String(r.section ?? ''), String(r.counter ?? ''));
    if (category === null) return;
    this.stats.push({ category, section: r.section, counter: r.counter, value: r.value, at: at(r) });
  }

  /** The platform most records came from (for platform defaults such as the ephemeral range). */
  platform(): string {
    let best = 'linux';
    let n = 0;
    for (const [p, c] of this.platforms) if (c > n) [best, n] = [p, c];
    return best;
  }

  /** Everything but the findings. */
  summary(): Omit<SnapshotSummary, 'findings'> {
    const counts = [...this.counts.values()].sort(
      (a, b) => a.kind.localeCompare(b.kind) || (a.proto ?? '').localeCompare(b.proto ?? '') || b.count - a.count || (a.state ?? '').localeCompare(b.state ?? ''),
    );
    return {
      source: this.source,
      snapshot: this.snapshot,
      command: this.command,
      timestamp: this.timestamp,
      records: this.records,
      kinds: [...new Set(counts.map((c) => c.kind))].sort().join(' '),
      counts,
      listening: [...this.listening].sort(byPort),
      listening_total: this.listeningTotal,
      top_peers: top(this.peers).map(([address, connections]) => ({ address, connections })),
      top_local_ports: top(this.ports).map(([port, connections]) => ({ port, connections })),
      queues: [...this.queues].sort((a, b) => approx(b.recv_q) + approx(b.send_q) - (approx(a.recv_q) + approx(a.send_q))),
      queues_total: this.queuesTotal,
      interfaces: this.interfaces,
      stats: this.stats,
    };
  }
}

/** A threshold as a number, or null when it is off. */
export function num(v: number | null | 'off'): number | null {
  return v === 'off' || v === null ? null : v;
}

function sumOf(a: Int | null | undefined, b: Int | null | undefined): Int | null {
  if (a === null || a === undefined) return b ?? null;
  if (b === null || b === undefined) return a;
  return add(a, b);
}

function top(map: Map<string, number>): [string, number][] {
  return [...map.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, TOP);
}

function byPort(a: ListenRow, b: ListenRow): number {
  const pa = Number(a.port);
  const pb = Number(b.port);
  if (Number.isFinite(pa) && Number.isFinite(pb) && pa !== pb) return pa - pb;
  return (a.port ?? '').localeCompare(b.port ?? '') || a.proto.localeCompare(b.proto) || a.address.localeCompare(b.address);
}
