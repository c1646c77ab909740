/**
 * The one-line summary of a snapshot diff, the first thing its table shows:
 * "+6 -3 ~3 sockets; CLOSE_WAIT +5, TIME_WAIT -2; eth0 RX-ERR +40; lo counters reset; wg0 appeared".
 */
import type { SnapshotDiff } from './snapshot-diff.js';

/** Interface counters worth a mention when they grow: errors, drops, overruns. */
const TROUBLE = new Set(['rx_err', 'rx_drp', 'rx_ovr', 'tx_err', 'tx_drp', 'tx_ovr', 'rx_frame', 'tx_carrier', 'tx_collisions']);

const KIND_WORDS: { readonly [kind: string]: string } = { route: 'routes', group: 'group memberships' };

/** "rx_err" -> "RX-ERR", as netstat -i heads the column. */
export function counterLabel(counter: string): string {
  return counter.toUpperCase().replace(/_/g, '-');
}

function signed(n: number | bigint): string {
  return n > 0 ? `+${n}` : String(n);
}

export function summaryText(d: SnapshotDiff): string {
  const parts: string[] = [];
  const changes = (kinds: string[], word: string): void => {
    let a = 0;
    let r = 0;
    let c = 0;
    let u = 0;
    let any = false;
    for (const k of kinds) {
      const n = d.counts[k];
      if (n === undefined) continue;
      any = true;
      a += n.added;
      r += n.removed;
      c += n.changed;
      u += n.unchanged;
    }
    if (any) parts.push(`+${a} -${r} ~${c} ${word} (${u} unchanged)`);
  };
  changes(['inet', 'unix'], 'sockets');
  for (const kind of Object.keys(d.counts)) {
    if (['inet', 'unix', 'interface', 'stat'].includes(kind)) continue;
    changes([kind], KIND_WORDS[kind] ?? `${kind} records`);
  }

  // States that moved, across protocols, largest first.
  const byState = new Map<string, number>();
  for (const s of d.states) if (s.state !== null && s.delta !== 0) byState.set(s.state, (byState.get(s.state) ?? 0) + s.delta);
  const states = [...byState].filter(([, n]) => n !== 0).sort((x, y) => Math.abs(y[1]) - Math.abs(x[1]));
  if (states.length > 0) {
    const shown = states.slice(0, 4).map(([s, n]) => `${s} ${signed(n)}`);
    parts.push(shown.join(', ') + (states.length > 4 ? ', ...' : ''));
  }

  for (const i of d.interfaces) {
    if (i.status !== 'present') {
      parts.push(`${i.iface} ${i.status}`);
      continue;
    }
    const trouble = i.counters.filter((c) => TROUBLE.has(c.counter) && c.delta !== null && c.delta > 0);
    if (trouble.length > 0) parts.push(`${i.iface} ${trouble.map((c) => `${counterLabel(c.counter)} ${signed(c.delta!)}`).join(', ')}`);
    if (i.counters.some((c) => c.reset)) parts.push(`${i.iface} counters reset`);
    for (const c of i.changes) parts.push(`${i.iface} ${c.field} ${String(c.before ?? '-')} -> ${String(c.after ?? '-')}`);
  }
  if (d.stats.length > 0) parts.push(`${d.stats.length} statistics changed`);
  if (!d.differs) parts.unshift('no differences');
  return parts.join('; ');
}
