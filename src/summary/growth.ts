/**
 * What grew between the first snapshot and the last: socket counts by protocol and state,
 * connections per peer, interface error and drop counters, the netstat -s counters that matter,
 * listeners that appeared or went away, and findings that are new or gone.
 */
import type { Int } from '../types.js';
import { approx, big, isInt, norm } from './ints.js';
import type { Finding, Growth, GrowthRow, ListenRow, SnapshotSummary } from './model.js';

type Values = Map<string, Int | number>;

function countValues(s: SnapshotSummary): Values {
  const m: Values = new Map();
  for (const c of s.counts) {
    const label = c.kind === 'inet' ? `${c.proto} ${c.state ?? '(no state)'} sockets` : c.kind === 'unix' ? `unix ${c.proto ?? ''} ${c.state ?? '(no state)'} sockets` : `${c.kind} records${c.proto ? ` (${c.proto})` : ''}`;
    m.set(label.replace(/\s+/g, ' '), c.count);
  }
  for (const p of s.top_peers) m.set(`connections with ${p.address}`, p.connections);
  for (const i of s.interfaces) {
    for (const f of ['rx_err', 'rx_drp', 'rx_ovr', 'tx_err', 'tx_drp', 'tx_ovr'] as const) {
      const v = i[f];
      if (v !== null && isInt(v)) m.set(`${i.iface} ${f}`, v);
    }
  }
  for (const st of s.stats) m.set(`${st.section} ${st.counter}`, st.value);
  return m;
}

function listenKey(l: ListenRow): string {
  return `${l.proto} ${l.address} ${l.port ?? ''}`;
}

function findingKey(f: Finding): string {
  return `${f.id}\u0000${f.subject ?? ''}`;
}

function change(first: Int | number, last: Int | number): Int | number {
  const whole = (v: Int | number): boolean => typeof v === 'bigint' || Number.isInteger(v);
  if (whole(first) && whole(last)) return norm(big(last) - big(first));
  return Number((approx(last) - approx(first)).toFixed(6));
}

/** Seconds between two ISO timestamps written the same way (both with or both without a zone). */
function secondsBetween(a: string | null, b: string | null): number | null {
  if (a === null || b === null) return null;
  const zoned = (s: string): boolean => /(?:Z|[+-]\d{2}:\d{2})$/.test(s);
  if (zoned(a) !== zoned(b)) return null;
  const ta = Date.parse(zoned(a) ? a : `${a}Z`);
  const tb = Date.parse(zoned(b) ? b : `${b}Z`);
  if (!Number.isFinite(ta) || !Number.isFinite(tb)) return null;
  return (tb - ta) / 1000;
}

/** Growth for each set of snapshots with the same record kinds that has at least two. */
export function growthByKinds(snapshots: readonly SnapshotSummary[]): Growth[] {
  const groups = new Map<string, SnapshotSummary[]>();
  for (const s of snapshots) {
    const list = groups.get(s.kinds) ?? [];
    list.push(s);
    groups.set(s.kinds, list);
  }
  return [...groups.values()].filter((g) => g.length > 1).map((g) => growth(g[0]!, g[g.length - 1]!));
}

export function growth(first: SnapshotSummary, last: SnapshotSummary): Growth {
  const a = countValues(first);
  const b = countValues(last);
  const grew: GrowthRow[] = [];
  for (const [what, lastValue] of b) {
    const firstValue = a.get(what) ?? 0;
    if (approx(change(firstValue, lastValue)) > 0) {
      grew.push({ what, first: firstValue, last: lastValue, change: change(firstValue, lastValue) });
    }
  }
  grew.sort((x, y) => approx(y.change) - approx(x.change) || x.what.localeCompare(y.what));

  const firstListen = new Set(first.listening.map(listenKey));
  const lastListen = new Set(last.listening.map(listenKey));
  const firstFindings = new Set(first.findings.map(findingKey));
  const lastFindings = new Set(last.findings.map(findingKey));
  return {
    kinds: last.kinds,
    from: { source: first.source, snapshot: first.snapshot, timestamp: first.timestamp },
    to: { source: last.source, snapshot: last.snapshot, timestamp: last.timestamp },
    seconds: secondsBetween(first.timestamp, last.timestamp),
    grew,
    new_listeners: last.listening.filter((l) => !firstListen.has(listenKey(l))),
    gone_listeners: first.listening.filter((l) => !lastListen.has(listenKey(l))),
    new_findings: last.findings.filter((f) => !firstFindings.has(findingKey(f))),
    resolved_findings: first.findings.filter((f) => !lastFindings.has(findingKey(f))),
  };
}
