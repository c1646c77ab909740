/**
 * Every finding on the hand-made samples in samples/findings/: triggered at its default threshold,
 * not triggered one step above it (or when turned off), with its evidence lines. The netstat -s
 * findings are tested on the real -s samples in stat-counters.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/index.js';
import { summarize, type Finding, type Growth, type SnapshotSummary, type Summary } from '../../src/summary/index.js';
import { parseThresholds, type Thresholds } from '../../src/summary/thresholds.js';
import { readSample } from '../helpers.js';

function summaryOf(file: string, settings: string[] = []): Summary {
  const r = parseText(readSample(file), { source: file });
  expect(r.diagnostics).toEqual([]);
  return summarize(r.records, { snapshots: r.snapshotInfo, thresholds: parseThresholds(settings) });
}

function findings(file: string, settings: string[] = []): Finding[] {
  const s = summaryOf(file, settings);
  return s.snapshots.flatMap((x) => x.findings);
}

const QUIET = 'samples/findings/quiet.txt';
const LEAK = 'samples/findings/close-wait-leak.txt';
const FLOOD = 'samples/findings/syn-flood.txt';
const IFACE = 'samples/findings/iface-errors.txt';
const GROWTH = 'samples/findings/growth-two-snapshots.txt';

describe('findings on a healthy host', () => {
  it('finds nothing, although it has a CLOSE_WAIT, a TIME_WAIT and listeners', () => {
    const s = summaryOf(QUIET);
    expect(s.snapshots).toHaveLength(2);
    expect(s.snapshots.flatMap((x) => x.findings)).toEqual([]);
    const counts = s.snapshots[0]!.counts;
    expect(counts.find((c) => c.state === 'CLOSE_WAIT')?.count).toBe(1);
    expect(s.snapshots[0]!.listening.map((l) => l.scope)).toEqual(['loopback only', 'loopback only', 'loopback only']);
  });
});

describe('close_wait', () => {
  it('fires for the program that holds 12 CLOSE_WAIT sockets, not for the one with 3', () => {
    const f = findings(LEAK).filter((x) => x.id === 'close_wait');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ subject: 'java (pid 4242)', value: 12, threshold: 10, severity: 'warning', line_count: 12 });
    expect(f[0]!.lines).toHaveLength(10);
    expect(f[0]!.lines[0]).toBe(`${LEAK}:8`);
    expect(f[0]!.message).toMatch(/^java \(pid 4242\) holds 12 connections that the other side has already closed/);
  });

  it('follows its threshold: at 12 it fires, at 13 or off it does not, at 3 curl is found too', () => {
    expect(findings(LEAK, ['close_wait=12']).filter((x) => x.id === 'close_wait')).toHaveLength(1);
    expect(findings(LEAK, ['close_wait=13']).filter((x) => x.id === 'close_wait')).toHaveLength(0);
    expect(findings(LEAK, ['close_wait=off']).filter((x) => x.id === 'close_wait')).toHaveLength(0);
    const low = findings(LEAK, ['close_wait=3']).filter((x) => x.id === 'close_wait');
    expect(low.map((x) => x.subject)).toEqual(['java (pid 4242)', 'curl (pid 5151)']);
    expect(low[0]!.severity).toBe('critical'); // 12 is four times 3
  });
});

describe('syn_sent', () => {
  it('fires for 11 unanswered connections to one upstream, naming it', () => {
    const f = findings(LEAK).find((x) => x.id === 'syn_sent')!;
    expect(f).toMatchObject({ value: 11, subject: '10.20.0.77:5432', line_count: 11 });
    expect(f.message).toContain('mostly to 10.20.0.77:5432');
    expect(findings(LEAK, ['syn_sent=12']).some((x) => x.id === 'syn_sent')).toBe(false);
  });
});

describe('send_q and recv_q', () => {
  it('fire for established sockets with 64 KiB or more queued, not for 4 KiB', () => {
    const send = findings(LEAK).find((x) => x.id === 'send_q')!;
    expect(send).toMatchObject({ value: 1048576, line_count: 2, subject: '198.51.100.23' });
    const recv = findings(LEAK).find((x) => x.id === 'recv_q')!;
    expect(recv).toMatchObject({ value: 131072, subject: 'java (pid 4242)', line_count: 1 });
    expect(findings(LEAK, ['send_q=2m', 'recv_q=131073']).some((x) => x.id === 'send_q' || x.id === 'recv_q')).toBe(false);
    expect(findings(LEAK, ['send_q=4096']).find((x) => x.id === 'send_q')!.line_count).toBe(3);
  });
});

describe('listen_recv_q', () => {
  it('fires for a listener with connections waiting to be accepted', () => {
    const f = findings(LEAK).filter((x) => x.id === 'listen_recv_q');
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ subject: '0.0.0.0:8443', value: 7, lines: [`${LEAK}:5`] });
    expect(findings(LEAK, ['listen_recv_q=8']).some((x) => x.id === 'listen_recv_q')).toBe(false);
  });
});

describe('listen_all', () => {
  it('counts listeners on 0.0.0.0 and ::, not on 127.0.0.1', () => {
    const f = findings(LEAK).find((x) => x.id === 'listen_all')!;
    expect(f).toMatchObject({ severity: 'info', value: 3, lines: [`${LEAK}:4`, `${LEAK}:5`, `${LEAK}:6`] });
    expect(f.message).toContain('8080/tcp (java)');
    expect(findings(LEAK, ['listen_all=4']).some((x) => x.id === 'listen_all')).toBe(false);
  });
});

describe('syn_recv and time_wait', () => {
  it('syn_recv fires for 24 half-open connections on port 443', () => {
    const f = findings(FLOOD).find((x) => x.id === 'syn_recv')!;
    expect(f).toMatchObject({ value: 24, subject: '10.20.0.15:443', line_count: 24, severity: 'warning' });
    expect(findings(FLOOD, ['syn_recv=25']).some((x) => x.id === 'syn_recv')).toBe(false);
  });

  it('time_wait compares TIME_WAIT with the ephemeral port range', () => {
    expect(findings(FLOOD).some((x) => x.id === 'time_wait')).toBe(false); // 30 of 28232
    const f = findings(FLOOD, ['ephemeral_ports=60']).find((x) => x.id === 'time_wait')!; // exactly 50%
    expect(f).toMatchObject({ value: 30, threshold: 30, severity: 'warning', subject: '10.20.0.60:3306' });
    expect(findings(FLOOD, ['ephemeral_ports=61']).some((x) => x.id === 'time_wait')).toBe(false);
    expect(findings(FLOOD, ['ephemeral_ports=32']).find((x) => x.id === 'time_wait')!.severity).toBe('critical');
    expect(findings(FLOOD, ['ephemeral_ports=60', 'time_wait_pct=51']).some((x) => x.id === 'time_wait')).toBe(false);
  });
});

describe('interfaces', () => {
  it('finds errors on eth1 and drops on eth0, nothing on lo', () => {
    const f = findings(IFACE);
    expect(f.map((x) => [x.id, x.subject, x.value])).toEqual([
      ['iface_errors', 'eth1', 442],
      ['iface_drops', 'eth0', 1732],
    ]);
    expect(f[0]!.lines).toEqual([`${IFACE}:5`]);
    expect(findings(IFACE, ['iface_errors=443', 'iface_drops=off'])).toEqual([]);
  });
});

describe('several snapshots', () => {
  it('reports each snapshot and what grew from the first to the last of the same kind', () => {
    const s = summaryOf(GROWTH);
    // "netstat -tanp" and "netstat -i" at each time: four snapshots, two of sockets, two of interfaces
    expect(s.snapshots.map((x: SnapshotSummary) => [x.snapshot, x.kinds, x.timestamp, x.findings.map((f) => f.id)])).toEqual([
      [0, 'inet', '2026-11-27T10:00:00', ['listen_all']],
      [1, 'interface', null, ['iface_drops']],
      [2, 'inet', '2026-11-27T10:05:00', ['close_wait', 'listen_all']],
      [3, 'interface', null, ['iface_drops']],
    ]);
    expect(s.growth.map((g) => [g.kinds, g.from.snapshot, g.to.snapshot])).toEqual([
      ['inet', 0, 2],
      ['interface', 1, 3],
    ]);
    const [inet, iface] = s.growth as [Growth, Growth];
    expect(inet.seconds).toBe(300);
    expect(inet.grew).toContainEqual({ what: 'tcp CLOSE_WAIT sockets', first: 4, last: 14, change: 10 });
    expect(inet.grew).toContainEqual({ what: 'tcp LISTEN sockets', first: 1, last: 2, change: 1 });
    expect(inet.new_listeners.map((l) => [l.port, l.program])).toEqual([['9999', 'debugger (pid 6666)']]);
    expect(inet.new_findings.map((f) => f.id)).toEqual(['close_wait']);
    expect(inet.resolved_findings).toEqual([]);
    expect(iface.seconds).toBeNull();
    expect(iface.grew).toEqual([{ what: 'eth0 rx_drp', first: 10, last: 75, change: 65 }]);
    expect(iface.new_findings).toEqual([]);
  });

  it('has no growth section for one snapshot', () => {
    expect(summaryOf(LEAK).growth).toEqual([]);
  });
});

describe('thresholds', () => {
  it('rejects unknown names and bad values', () => {
    expect(() => parseThresholds(['nope=1'])).toThrow(/unknown name "nope"/);
    expect(() => parseThresholds(['close_wait=lots'])).toThrow(/expected a number/);
    expect(() => parseThresholds(['close_wait'])).toThrow(/expected name=value/);
    const t: Thresholds = parseThresholds(['send_q=1k,recv_q=2m', 'listen_all=off']);
    expect([t.send_q, t.recv_q, t.listen_all, t.close_wait]).toEqual([1024, 2097152, 'off', 10]);
  });
});
