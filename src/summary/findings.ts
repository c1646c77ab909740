/**
 * The findings: what looks wrong in a snapshot, each with a severity, one sentence a non-expert
 * can act on, and the input lines that show it. Thresholds are in thresholds.ts; a finding fires
 * when its measure is at or above its threshold, and becomes critical at four times it (or where
 * the finding says otherwise).
 */
import { approx } from './ints.js';
import { EVIDENCE_LIMIT, num, type SnapshotBuilder, type Tally } from './collect.js';
import { SEVERITY_ORDER, type Finding, type Severity, type StatRow } from './model.js';
import { ephemeralPorts, type Thresholds } from './thresholds.js';

/**
 * Every finding netsnap knows, most pressing first: findings of one severity are listed in this
 * order (their values are in different units, so they are not compared across findings).
 */
export const FINDING_IDS = [
  'listen_recv_q',
  'close_wait',
  'syn_recv',
  'time_wait',
  'syn_sent',
  'listen_overflows',
  'retransmit_pct',
  'iface_errors',
  'send_q',
  'recv_q',
  'iface_drops',
  'listen_all',
] as const;

const RANK = new Map<string, number>(FINDING_IDS.map((id, i) => [id, i]));

function scaled(value: number, threshold: number): Severity {
  return value >= threshold * 4 ? 'critical' : 'warning';
}

function plural(n: number | bigint, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 || n === 1n ? word : many}`;
}

function fromTally(t: Tally): Pick<Finding, 'lines' | 'line_count'> {
  return { lines: [...t.lines], line_count: t.count };
}

export function evaluate(b: SnapshotBuilder, t: Thresholds): Finding[] {
  const out: Finding[] = [];

  const closeWait = num(t.close_wait);
  if (closeWait !== null) {
    for (const [key, tl] of b.closeWait) {
      if (tl.count < closeWait) continue;
      out.push({
        id: 'close_wait',
        severity: scaled(tl.count, closeWait),
        title: `CLOSE_WAIT sockets piling up in ${key}`,
        message:
          `${tl.label} holds ${plural(tl.count, 'connection')} that the other side has already closed but the program never closed ` +
          `(CLOSE_WAIT${tl.topPeer() ? `, mostly with ${tl.topPeer()}` : ''}): it is leaking connections and will run out of file descriptors if this goes on.`,
        subject: key,
        value: tl.count,
        threshold: closeWait,
        ...fromTally(tl),
      });
    }
  }

  const pct = num(t.time_wait_pct);
  if (pct !== null && b.timeWait.count > 0) {
    const range = num(t.ephemeral_ports) ?? ephemeralPorts(b.platform());
    const share = (b.timeWait.count / range) * 100;
    if (share >= pct) {
      out.push({
        id: 'time_wait',
        severity: share >= 90 ? 'critical' : 'warning',
        title: 'TIME_WAIT sockets near the ephemeral port range',
        message:
          `${plural(b.timeWait.count, 'closed connection')} ${b.timeWait.count === 1 ? 'is' : 'are'} waiting out TIME_WAIT` +
          `${b.timeWait.topPeer() ? ` (mostly with ${b.timeWait.topPeer()})` : ''}, ${share.toFixed(0)}% of the ${range} local ports ` +
          `available for new outgoing connections; when they run out, new connections fail (reuse connections or widen the port range).`,
        subject: b.timeWait.topPeer(),
        value: b.timeWait.count,
        threshold: Math.ceil((pct / 100) * range),
        ...fromTally(b.timeWait),
      });
    }
  }

  const synRecv = num(t.syn_recv);
  if (synRecv !== null && b.synRecv.count >= synRecv) {
    out.push({
      id: 'syn_recv',
      severity: scaled(b.synRecv.count, synRecv),
      title: 'half-open incoming connections (SYN_RECV) piling up',
      message:
        `${plural(b.synRecv.count, 'incoming connection')} ${b.synRecv.count === 1 ? 'is' : 'are'} half-open (SYN_RECV${b.synRecv.topPeer() ? `, mostly on ${b.synRecv.topPeer()}` : ''}): ` +
        `either a SYN flood or a server that is too slow to complete new connections.`,
      subject: b.synRecv.topPeer(),
      value: b.synRecv.count,
      threshold: synRecv,
      ...fromTally(b.synRecv),
    });
  }

  const synSent = num(t.syn_sent);
  if (synSent !== null && b.synSent.count >= synSent) {
    out.push({
      id: 'syn_sent',
      severity: scaled(b.synSent.count, synSent),
      title: 'outgoing connections not answered (SYN_SENT) piling up',
      message:
        `${plural(b.synSent.count, 'outgoing connection attempt')} ${b.synSent.count === 1 ? 'is' : 'are'} not being answered (SYN_SENT${b.synSent.topPeer() ? `, mostly to ${b.synSent.topPeer()}` : ''}): ` +
        `that service is probably down, unreachable or blocked by a firewall.`,
      subject: b.synSent.topPeer(),
      value: b.synSent.count,
      threshold: synSent,
      ...fromTally(b.synSent),
    });
  }

  const backlog = num(t.listen_recv_q);
  if (backlog !== null) {
    for (const { row } of b.listenBacklog) {
      const full = approx(row.send_q) > 0 && approx(row.recv_q) >= approx(row.send_q);
      const where = row.port === null ? row.address : `${row.address.includes(':') ? `[${row.address}]` : row.address}:${row.port}`;
      out.push({
        id: 'listen_recv_q',
        severity: full ? 'critical' : 'warning',
        title: `connections waiting to be accepted on ${where}`,
        message:
          `${row.program ?? 'The program'} listening on ${where} has ${plural(approx(row.recv_q), 'connection')} waiting to be accepted (Recv-Q on a listener): ` +
          (full
            ? `its accept backlog of ${row.send_q} is full, so new connections are being dropped.`
            : 'it is not accepting connections as fast as they arrive.'),
        subject: where,
        value: row.recv_q ?? 0,
        threshold: backlog,
        lines: [row.at],
        line_count: 1,
      });
    }
  }

  const sendQ = num(t.send_q);
  if (sendQ !== null && b.sendQ.count > 0) {
    const peer = b.sendQ.topPeer();
    out.push({
      id: 'send_q',
      severity: 'warning',
      title: 'data waiting to be acknowledged (Send-Q) on established connections',
      message:
        `${plural(b.sendQ.count, 'connection')} ${b.sendQ.count === 1 ? 'has' : 'have'} unacknowledged data queued (up to ${b.sendQ.max} bytes in Send-Q${peer ? `, mostly to ${peer}` : ''}): ` +
        `the other side is reading too slowly or the network to it is congested.`,
      subject: peer,
      value: b.sendQ.max,
      threshold: sendQ,
      ...fromTally(b.sendQ),
    });
  }

  const recvQ = num(t.recv_q);
  if (recvQ !== null) {
    for (const [key, tl] of b.recvQ) {
      out.push({
        id: 'recv_q',
        severity: 'warning',
        title: `unread data (Recv-Q) in ${key}`,
        message:
          `${tl.label} has ${plural(tl.count, 'connection')} with data it has not read yet (up to ${tl.max} bytes in Recv-Q): ` +
          `the program is stuck or too busy to keep up.`,
        subject: key,
        value: tl.max,
        threshold: recvQ,
        ...fromTally(tl),
      });
    }
  }

  const listenAll = num(t.listen_all);
  if (listenAll !== null && b.listenAll.count >= listenAll && b.listenAll.count > 0) {
    const ports = [...b.listenAllPorts];
    const shown = ports.slice(0, 8).join(', ') + (ports.length > 8 ? `, and ${ports.length - 8} more` : '');
    out.push({
      id: 'listen_all',
      severity: 'info',
      title: 'services listening on all interfaces',
      message:
        `${plural(b.listenAll.count, 'socket')} ${b.listenAll.count === 1 ? 'listens' : 'listen'} on all network interfaces (${shown}), so ` +
        `${b.listenAll.count === 1 ? 'it' : 'they'} can be reached from every network this machine is on, not only from the machine itself.`,
      subject: null,
      value: b.listenAll.count,
      threshold: listenAll,
      ...fromTally(b.listenAll),
    });
  }

  const errLimit = num(t.iface_errors);
  const dropLimit = num(t.iface_drops);
  for (const i of b.interfaces) {
    const errors = approx(i.rx_err) + approx(i.tx_err) + approx(i.rx_ovr) + approx(i.tx_ovr);
    const drops = approx(i.rx_drp) + approx(i.tx_drp);
    const packets = approx(i.rx_ok) + approx(i.tx_ok);
    const share = packets > 0 ? ` (${formatPct((errors / packets) * 100)} of ${packets} packets)` : '';
    if (errLimit !== null && errors >= errLimit && errors > 0) {
      out.push({
        id: 'iface_errors',
        severity: 'warning',
        title: `errors on interface ${i.iface}`,
        message:
          `Interface ${i.iface} has ${plural(errors, 'receive or send error')}${share} (RX ${i.rx_err ?? 0} errors, ${i.rx_ovr ?? 0} overruns; TX ${i.tx_err ?? 0} errors, ${i.tx_ovr ?? 0} overruns): ` +
          `look at the cable, the switch port, the driver or a duplex mismatch.`,
        subject: i.iface,
        value: errors,
        threshold: errLimit,
        lines: [i.at],
        line_count: 1,
      });
    }
    if (dropLimit !== null && drops >= dropLimit && drops > 0) {
      const dropShare = packets > 0 ? ` (${formatPct((drops / packets) * 100)} of ${packets} packets)` : '';
      out.push({
        id: 'iface_drops',
        severity: 'info',
        title: `dropped packets on interface ${i.iface}`,
        message:
          `Interface ${i.iface} dropped ${plural(drops, 'packet')}${dropShare} (RX ${i.rx_drp ?? 0}, TX ${i.tx_drp ?? 0}): ` +
          `the machine could not keep up with the traffic, or the packets were for protocols nothing here handles.`,
        subject: i.iface,
        value: drops,
        threshold: dropLimit,
        lines: [i.at],
        line_count: 1,
      });
    }
  }

  const overflowLimit = num(t.listen_overflows);
  const overflows = b.stats.filter((s) => s.category === 'listen_overflows' || s.category === 'listen_drops');
  if (overflowLimit !== null && overflows.length > 0) {
    const worst = overflows.reduce((a, s) => (approx(s.value) > approx(a.value) ? s : a));
    if (approx(worst.value) >= overflowLimit && approx(worst.value) > 0) {
      out.push({
        id: 'listen_overflows',
        severity: scaled(approx(worst.value), overflowLimit),
        title: 'listen queue overflows (netstat -s)',
        message:
          `The kernel counted ${describeCounters(overflows)} since boot: incoming connections were dropped because a server's accept queue was full, ` +
          `so that server is too slow to accept connections or its backlog is too small.`,
        subject: null,
        value: worst.value,
        threshold: overflowLimit,
        lines: overflows.slice(0, EVIDENCE_LIMIT).map((s) => s.at),
        line_count: overflows.length,
      });
    }
  }

  const retransPct = num(t.retransmit_pct);
  const tcp = retransmissions(b.stats);
  if (retransPct !== null && tcp !== null && tcp.sent > 0) {
    const share = (tcp.retransmitted / tcp.sent) * 100;
    if (share >= retransPct) {
      out.push({
        id: 'retransmit_pct',
        severity: share >= retransPct * 4 ? 'critical' : 'warning',
        title: 'TCP retransmissions (netstat -s)',
        message:
          `${formatPct(share)} of the TCP segments this machine sent had to be sent again (${tcp.retransmitted} of ${tcp.sent} since boot${tcp.sections > 1 ? `, ${tcp.sections} sections added up` : ''}): ` +
          `packets are being lost or delayed somewhere between this machine and its peers.`,
        subject: null,
        value: Number(share.toFixed(2)),
        threshold: retransPct,
        lines: tcp.lines.slice(0, EVIDENCE_LIMIT),
        line_count: tcp.lines.length,
      });
    }
  }

  return out.sort(
    (a, b) =>
      SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
      RANK.get(a.id)! - RANK.get(b.id)! ||
      approx(b.value) - approx(a.value),
  );
}

/**
 * Retransmitted and sent TCP segments, added up over the sections that have both (Windows counts
 * IPv4 and IPv6 apart, TCPv4 and TCPv6; Linux and BSD have one TCP section); the first pair of a
 * section counts (a section printed twice in one snapshot is not counted twice).
 */
function retransmissions(stats: readonly StatRow[]): { retransmitted: number; sent: number; sections: number; lines: string[] } | null {
  const bySection = new Map<string, { retrans?: StatRow; sent?: StatRow }>();
  for (const s of stats) {
    if (s.category !== 'retransmits' && s.category !== 'segments_sent') continue;
    const pair = bySection.get(s.section) ?? {};
    if (s.category === 'retransmits') pair.retrans ??= s;
    else pair.sent ??= s;
    bySection.set(s.section, pair);
  }
  let retransmitted = 0;
  let sent = 0;
  let sections = 0;
  const lines: string[] = [];
  for (const { retrans, sent: out } of bySection.values()) {
    if (retrans === undefined || out === undefined) continue;
    retransmitted += approx(retrans.value);
    sent += approx(out.value);
    sections++;
    lines.push(retrans.at, out.at);
  }
  return sections === 0 ? null : { retransmitted, sent, sections, lines };
}

function describeCounters(rows: StatRow[]): string {
  return rows.map((s) => `${s.value} ${s.counter.replace(/_/g, ' ')}`).join(' and ');
}

function formatPct(p: number): string {
  return `${p >= 10 ? p.toFixed(0) : p >= 0.1 ? p.toFixed(1) : p.toFixed(3)}%`;
}

