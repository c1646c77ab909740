/** The report of a snapshot diff: records, counts per state and program, interfaces, statistics. */
import { describe, expect, it } from 'vitest';
import { diffSnapshots, parseText, type SnapshotDiff } from '../../src/index.js';
import { Tally } from '../../src/diff/snapshot-diff.js';
import type { NetRecord, SnapshotInfo, StatRecord } from '../../src/types.js';
import { readSample } from '../helpers.js';

function parsed(file: string) {
  const r = parseText(readSample(file), { source: file });
  expect(r.diagnostics).toEqual([]);
  return r;
}

/** The two samples with known changes (see samples/README.md). */
function knownDiff(): SnapshotDiff {
  const a = parsed('samples/diff/before.txt');
  const b = parsed('samples/diff/after.txt');
  return diffSnapshots(a.records, b.records, { before: a.snapshotInfo[0]!, after: b.snapshotInfo[0]! });
}

function stat(section: string, counter: string, value: number | bigint, line: number): StatRecord {
  return { kind: 'stat', snapshot: 0, source: '-', line, platform: 'linux', section, counter, value, text: '' };
}

function info(timestamp: string | null, command: string | null = null, options: string[] | null = null): SnapshotInfo {
  return { index: 0, source: '-', first_line: 1, last_line: 1, command, options, timestamp_text: timestamp, timestamp, records: {} };
}

describe('snapshot diff of two files with known changes', () => {
  const d = knownDiff();

  it('finds the sockets added, removed and changed', () => {
    expect(d.counts.inet).toEqual({ added: 6, removed: 3, changed: 3, unchanged: 37 });
    expect(d.added.map((r) => `${r.local_port}>${r.foreign_port} ${r.state}`)).toEqual([
      '9090>* LISTEN', '9000>39410 CLOSE_WAIT', '9000>39418 CLOSE_WAIT', '9000>39422 CLOSE_WAIT', '9000>39436 CLOSE_WAIT', '9000>39440 CLOSE_WAIT',
    ]);
    expect(d.removed.map((r) => `${r.local_port}>${r.foreign_port} ${r.state}`)).toEqual(['6432>* LISTEN', '8081>40008 TIME_WAIT', '8081>36858 TIME_WAIT']);
    expect(d.changed.map((c) => [c.key.local_port, c.changes.map((x) => `${x.field} ${String(x.before)}>${String(x.after)}`)])).toEqual([
      ['80', ['pid 17425>18001']],
      ['57188', ['state SYN_SENT>ESTABLISHED', 'send_q 1>0']],
      ['39246', ['send_q 3782144>0']],
    ]);
    expect(d.unchanged).toBe(37);
    expect(d.differs).toBe(true);
  });

  it('counts sockets per protocol and state, before, after and the delta', () => {
    const by = Object.fromEntries(d.states.map((s) => [`${s.proto} ${s.state}`, [s.before, s.after, s.delta]]));
    expect(by).toEqual({
      'tcp LISTEN': [13, 13, 0],
      'tcp FIN_WAIT2': [4, 4, 0],
      'tcp ESTABLISHED': [14, 15, 1],
      'tcp CLOSE_WAIT': [1, 6, 5],
      'tcp TIME_WAIT': [7, 5, -2],
      'tcp SYN_SENT': [3, 2, -1],
      'tcp SYN_RECV': [1, 1, 0],
    });
  });

  it('counts them per program too', () => {
    const moved = d.programs.filter((p) => p.delta !== 0).map((p) => `${p.program_name} ${p.state} ${p.delta}`);
    expect(moved).toEqual(['pgbouncer LISTEN -1', 'api-gateway CLOSE_WAIT 5', 'java ESTABLISHED 1', 'java SYN_SENT -1', 'metrics LISTEN 1']);
  });

  it('gives every interface counter its delta and rate, flags counters that went down, and lists interfaces that came and went', () => {
    expect(d.seconds).toBe(300);
    const eth0 = d.interfaces.find((i) => i.iface === 'eth0')!;
    expect(eth0.counters.map((c) => [c.counter, c.before, c.after, c.delta, c.rate, c.reset])).toEqual([
      ['rx_ok', 2749, 5120, 2371, 7.903, false],
      ['rx_err', 0, 40, 40, 0.133, false],
      ['rx_drp', 0, 3, 3, 0.01, false],
      ['rx_ovr', 0, 0, 0, 0, false],
      ['tx_ok', 2016, 3100, 1084, 3.613, false],
      ['tx_err', 0, 0, 0, 0, false],
      ['tx_drp', 0, 0, 0, 0, false],
      ['tx_ovr', 0, 0, 0, 0, false],
    ]);
    const lo = d.interfaces.find((i) => i.iface === 'lo')!;
    expect(lo.counters.filter((c) => c.reset).map((c) => [c.counter, c.before, c.after, c.delta, c.rate])).toEqual([
      ['rx_ok', 750, 12, null, null],
      ['tx_ok', 750, 12, null, null],
    ]);
    expect(d.interfaces.map((i) => [i.iface, i.status])).toEqual([
      ['eth0', 'present'], ['ifb0', 'present'], ['lo', 'present'], ['wg0', 'appeared'], ['ifb1', 'disappeared'],
    ]);
    expect(d.counts.interface).toEqual({ added: 1, removed: 1, changed: 2, unchanged: 1 });
    // Interfaces are reported there, not again among the records.
    expect(d.added.concat(d.removed).some((r) => r.kind === 'interface')).toBe(false);
  });

  it('sums it up in one line, summary first', () => {
    expect(d.summary).toBe(
      '+6 -3 ~3 sockets (37 unchanged); CLOSE_WAIT +5, TIME_WAIT -2, ESTABLISHED +1, SYN_SENT -1; eth0 RX-ERR +40, RX-DRP +3; lo counters reset; wg0 appeared; ifb1 disappeared',
    );
  });
});

describe('snapshot diff', () => {
  it('says "no differences" for a snapshot against itself', () => {
    const a = parsed('samples/linux/netstat-anp.txt');
    const d = diffSnapshots(a.records, a.records);
    expect(d.differs).toBe(false);
    expect(d.summary).toMatch(/^no differences; \+0 -0 ~0 sockets \(\d+ unchanged\)$/);
    expect(d.states.every((s) => s.delta === 0)).toBe(true);
  });

  it('reports netstat -s counters that moved: deltas, rates, counters netstat leaves out while zero', () => {
    const before = [stat('Tcp', 'segments_retransmitted', 34, 1), stat('Tcp', 'connections_established', 50, 2), stat('Tcp', 'resets_sent', 133, 3), stat('Ip', 'forwarded', 0, 4)];
    const after = [
      stat('Tcp', 'segments_retransmitted', 94, 1),
      stat('Tcp', 'connections_established', 48, 2),
      stat('Tcp', 'resets_sent', 133, 3),
      stat('Ip', 'forwarded', 0, 4),
      stat('Tcp', 'TCPLostRetransmit', 7, 5),
      stat('TcpExt', 'TCPTimeouts', 3, 6),
    ];
    const d = diffSnapshots(before, after, { before: info('2026-11-28T00:00:00Z'), after: info('2026-11-28T00:01:00Z') });
    expect(d.stats).toEqual([
      { section: 'Tcp', counter: 'segments_retransmitted', before: 34, after: 94, delta: 60, rate: 1, note: null },
      { section: 'Tcp', counter: 'connections_established', before: 50, after: 48, delta: -2, rate: -0.033, note: 'went down (a gauge, or the counters were reset)' },
      { section: 'Tcp', counter: 'TCPLostRetransmit', before: 0, after: 7, delta: 7, rate: 0.117, note: 'not printed in the first snapshot (netstat leaves out zero counters): read as 0' },
      { section: 'TcpExt', counter: 'TCPTimeouts', before: null, after: 3, delta: null, rate: null, note: 'no TcpExt section in the first snapshot' },
    ]);
    expect(d.stats_unchanged).toBe(2);
    expect(d.summary).toBe('4 statistics changed');
    expect(d.differs).toBe(true);
  });

  it('notes what makes a diff less than it seems: options, pipes, missing columns, no timestamps', () => {
    const tn = parseText('Proto Recv-Q Send-Q Local Address           Foreign Address         State\ntcp        0      0 10.0.0.1:22             10.0.0.9:5000           ESTABLISHED\n').records;
    const tnp = parseText(
      'Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name\ntcp        0      0 10.0.0.1:22             10.0.0.9:5000           ESTABLISHED 7/sshd\n',
    ).records;
    const iface = parsed('samples/linux/netstat-i.txt').records;
    const d = diffSnapshots([...tn, ...iface], [...tnp, ...iface], {
      before: info(null, 'netstat -tn', ['-t', '-n']),
      after: info(null, 'netstat -tnp | head', ['-t', '-n', '-p']),
    });
    expect(d.notes).toEqual([
      'only the second snapshot shows programs (netstat -p): no count per program',
      'the runs had different options (netstat -tn / netstat -tnp | head): records only one of them prints show as added or removed',
      'the second run was piped (netstat -tnp | head): it may show only part of what netstat printed',
      'inet: pid, program_name only in one snapshot (a column the other run did not print): not compared',
      'no timestamp on both snapshots: no per-second rates',
    ]);
    expect(d.programs).toEqual([]);
    expect(d.unchanged).toBe(1);
  });

  it('lists routes and other kinds as records, and counts them in the summary', () => {
    const route = (dest: string, gw: string, line: number): NetRecord =>
      ({
        kind: 'route', snapshot: 0, source: '-', line, platform: 'linux', ip_version: 4, destination: dest, prefix_length: 0, gateway: gw,
        genmask: '0.0.0.0', route_flags: 'UG', route_flags_pretty: ['UP', 'GATEWAY'], metric: 0, route_refs: 0, use: 0, iface: 'eth0',
        mss: null, window: null, irtt: null, mtu: null, expire: null,
      }) as NetRecord;
    const d = diffSnapshots([route('0.0.0.0', '10.0.0.1', 1)], [route('0.0.0.0', '10.0.0.254', 1)]);
    expect(d.added.map((r) => r.gateway)).toEqual(['10.0.0.254']);
    expect(d.removed.map((r) => r.gateway)).toEqual(['10.0.0.1']);
    expect(d.summary).toBe('+1 -1 ~0 routes (0 unchanged)');
  });
});

describe('Tally', () => {
  const socket = (proto: string, state: string | null, program_name: string | null): NetRecord =>
    ({ kind: 'inet', proto, state, program_name }) as NetRecord;

  it('lists counts in first-seen order at each level, and fromData gives the same data back', () => {
    const t = new Tally();
    for (const [proto, state, program] of [
      ['tcp', 'ESTABLISHED', 'sshd'], ['udp', null, 'sshd'], ['tcp', 'LISTEN', 'sshd'], ['tcp', 'ESTABLISHED', null],
      ['udp', null, 'nginx'], ['tcp', 'LISTEN', 'nginx'], ['udp', null, 'sshd'], ['tcp', 'TIME_WAIT', 'sshd'],
    ] as const) {
      t.add(socket(proto, state, program));
    }
    expect(t.data).toEqual({
      states: [[['tcp', 'ESTABLISHED'], 2], [['tcp', 'LISTEN'], 2], [['tcp', 'TIME_WAIT'], 1], [['udp', ''], 3]],
      programs: [
        [['sshd', 'tcp', 'ESTABLISHED'], 1], [['sshd', 'tcp', 'LISTEN'], 1], [['sshd', 'tcp', 'TIME_WAIT'], 1], [['sshd', 'udp', ''], 2],
        [['nginx', 'udp', ''], 1], [['nginx', 'tcp', 'LISTEN'], 1],
      ],
      programsShown: true,
      sockets: 8,
      sections: [],
    });
    expect(Tally.fromData(t.data).data).toEqual(t.data);
  });
});
