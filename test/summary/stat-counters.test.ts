/**
 * The netstat -s counters that matter and the -s findings, on the real readers' records: Linux
 * net-tools, macOS (BSD), Windows (English and German) and ss -s samples, each finding triggered
 * where the sample's counters justify it and not where they do not, plus variants of the samples
 * edited by hand to cross a threshold (read through the parser like any input).
 */
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/index.js';
import { summarize, type Finding, type SnapshotSummary } from '../../src/summary/index.js';
import { classifyStat } from '../../src/summary/stat-counters.js';
import { parseThresholds } from '../../src/summary/thresholds.js';
import { readSample } from '../helpers.js';

const LINUX = 'samples/linux/netstat-s.txt';
const LINUX_6 = 'samples/linux-captures/netstat-s-6.txt';
const MACOS = 'samples/macos/macos-osx-server-netstat-s-tcp-fragment.txt';
const WIN_EN = 'samples/windows/windows-en-netstat-s-go-fixture.txt';
const WIN_DE = 'samples/windows/windows-de-win81-netstat-s.txt';
const WIN_ES = 'samples/windows/windows-en-netstat-e-s-reindented.txt';
const SS = 'samples/ss/ss-s.txt';

function snapshotOf(text: string, source: string, settings: string[] = []): SnapshotSummary {
  const r = parseText(text, { source });
  expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const s = summarize(r.records, { snapshots: r.snapshotInfo, thresholds: parseThresholds(settings) });
  expect(s.snapshots).toHaveLength(1);
  return s.snapshots[0]!;
}

const sample = (file: string, settings: string[] = []): SnapshotSummary => snapshotOf(readSample(file), file, settings);

/** The -s findings of a snapshot. */
const statFindings = (s: SnapshotSummary): Finding[] => s.findings.filter((f) => f.id === 'listen_overflows' || f.id === 'retransmit_pct');

/** "file:N" of the first line of a sample that holds `text`. */
function lineOf(file: string, text: string): string {
  const n = readSample(file).split('\n').findIndex((l) => l.includes(text));
  expect(n, text).toBeGreaterThanOrEqual(0);
  return `${file}:${n + 1}`;
}

/** [category, section, counter, value] of the counters that matter. */
const rows = (s: SnapshotSummary) => s.stats.map((x) => [x.category, x.section, x.counter, x.value]);

describe('netstat -s counters that matter, per platform', () => {
  it('Linux net-tools: Tcp and TcpExt counters by their sentence names', () => {
    const s = sample(LINUX);
    expect(rows(s)).toEqual([
      ['resets', 'Tcp', 'connection_resets_received', 1],
      ['segments_sent', 'Tcp', 'segments_sent_out', 2474],
      ['retransmits', 'Tcp', 'segments_retransmitted', 34],
      ['checksum_errors', 'Tcp', 'bad_segments_received', 0],
      ['resets', 'Tcp', 'resets_sent', 133],
      ['listen_overflows', 'TcpExt', 'times_the_listen_queue_of_a_socket_overflowed', 30],
      ['listen_drops', 'TcpExt', 'syns_to_listen_sockets_dropped', 30],
      ['resets', 'TcpExt', 'connections_reset_due_to_unexpected_data', 66],
      ['resets', 'TcpExt', 'connections_reset_due_to_early_user_close', 1],
    ]);
    // Kernel names net-tools prints as "Name: N" are not these counters (TCPLostRetransmit is a
    // subset of the retransmissions, TCPSynRetrans too).
    expect(s.stats.map((x) => x.counter)).not.toContain('TCPLostRetransmit');
  });

  it('Linux: kernel names where net-tools has no sentence, InCsumErrors in any section', () => {
    const text = 'Tcp:\n    1000 segments sent out\n    20 segments retransmitted\n    InCsumErrors: 3\nUdp:\n    InCsumErrors: 4\nTcpExt:\n    ListenOverflows: 5\n    ListenDrops: 6\n    TCPAbortOnData: 7\n';
    const s = snapshotOf(text, 'hand.txt');
    expect(rows(s)).toEqual([
      ['segments_sent', 'Tcp', 'segments_sent_out', 1000],
      ['retransmits', 'Tcp', 'segments_retransmitted', 20],
      ['checksum_errors', 'Tcp', 'InCsumErrors', 3],
      ['checksum_errors', 'Udp', 'InCsumErrors', 4],
      ['listen_overflows', 'TcpExt', 'ListenOverflows', 5],
      ['listen_drops', 'TcpExt', 'ListenDrops', 6],
      ['resets', 'TcpExt', 'TCPAbortOnData', 7],
    ]);
  });

  it('macOS (BSD): packets sent, data packets retransmitted, listen queue overflows, bad checksums; "checksummed in software" is no error', () => {
    const s = sample(MACOS);
    expect(rows(s)).toEqual([
      ['segments_sent', 'tcp', 'packet_sent', 226578],
      ['retransmits', 'tcp', 'packet_sent.data_packet_retransmitted', 40440],
      ['resets', 'tcp', 'packet_received.bad_reset', 0],
      ['checksum_errors', 'tcp', 'packet_received.discarded_for_bad_checksum', 0],
      ['listen_overflows', 'tcp', 'listen_queue_overflow', 0],
    ]);
    expect(s.stats.some((x) => x.counter.includes('checksummed_in_software'))).toBe(false);
    // Other BSD sections: udp "with bad checksum", ip "bad header checksums", icmp "bad checksums".
    expect([classifyStat('udp', 'with_bad_checksum'), classifyStat('ip', 'bad_header_checksum'), classifyStat('icmp', 'bad_checksum')]).toEqual([
      'checksum_errors',
      'checksum_errors',
      'checksum_errors',
    ]);
    expect(classifyStat('udp', 'packet_sent')).toBeNull();
  });

  it('Windows, English and German: TCPv4 and TCPv6 by their English names', () => {
    const de = sample(WIN_DE);
    expect(rows(de)).toEqual([
      ['resets', 'TCPv4', 'reset_connections', 2190],
      ['segments_sent', 'TCPv4', 'segments_sent', 759187],
      ['retransmits', 'TCPv4', 'segments_retransmitted', 24298],
      ['resets', 'TCPv6', 'reset_connections', 902],
      ['segments_sent', 'TCPv6', 'segments_sent', 319665],
      ['retransmits', 'TCPv6', 'segments_retransmitted', 6414],
    ]);
    // UDP "Receive Errors" and IP "Received Header Errors" are not checksum counters: Windows has none.
    expect(rows(sample(WIN_EN)).map((r) => r[0])).toEqual(['resets', 'segments_sent', 'retransmits']);
  });

  it('ss -s: socket counts only, none of these counters', () => {
    const s = sample(SS);
    expect(s.records).toBeGreaterThan(10);
    expect(s.stats).toEqual([]);
    expect(statFindings(s)).toEqual([]);
  });
});

describe('netstat -s findings on real samples', () => {
  it('Linux: listen queue overflows (30) and 34 of 2474 segments retransmitted (1.37%)', () => {
    const f = statFindings(sample(LINUX));
    expect(f.map((x) => [x.id, x.severity, x.value])).toEqual([
      ['listen_overflows', 'critical', 30],
      ['retransmit_pct', 'warning', 1.37],
    ]);
    expect(f[0]!.lines).toEqual([lineOf(LINUX, 'times the listen queue'), lineOf(LINUX, 'SYNs to LISTEN sockets dropped')]);
    expect(f[1]!.lines).toEqual([lineOf(LINUX, 'segments retransmitted'), lineOf(LINUX, 'segments sent out')]);
    expect(f[1]!.message).toContain('(34 of 2474 since boot)');
    expect(statFindings(sample(LINUX, ['retransmit_pct=1.4', 'listen_overflows=31']))).toEqual([]);
  });

  it('Linux -s -6: 62 of 8553 retransmitted (0.72%) is below 1%, and it has no TcpExt', () => {
    const s = sample(LINUX_6);
    expect(s.stats.filter((x) => x.category === 'retransmits')).toHaveLength(1);
    expect(statFindings(s)).toEqual([]);
    expect(statFindings(sample(LINUX_6, ['retransmit_pct=0.7'])).map((x) => [x.id, x.value])).toEqual([['retransmit_pct', 0.72]]);
  });

  it('macOS: 40440 of 226578 packets retransmitted is critical; 0 listen queue overflows is no finding', () => {
    const f = statFindings(sample(MACOS));
    expect(f.map((x) => [x.id, x.severity, x.value])).toEqual([['retransmit_pct', 'critical', 17.85]]);
    expect(f[0]!.lines).toEqual([`${MACOS}:4`, `${MACOS}:2`]);
  });

  it('macOS edited: 12 listen queue overflows fire; 400 retransmitted data packets (0.18%) do not', () => {
    const text = readSample(MACOS).replace('\t0 listen queue overflows', '\t12 listen queue overflows').replace('40440 data packets (7010117 bytes) retransmitted', '400 data packets (70101 bytes) retransmitted');
    const f = statFindings(snapshotOf(text, 'edited.txt'));
    expect(f.map((x) => [x.id, x.severity, x.value, x.lines])).toEqual([['listen_overflows', 'critical', 12, ['edited.txt:39']]]);
  });

  it('Windows German: TCPv4 and TCPv6 added up, 30712 of 1078852 (2.85%)', () => {
    const f = statFindings(sample(WIN_DE));
    expect(f.map((x) => [x.id, x.severity, x.value, x.line_count])).toEqual([['retransmit_pct', 'warning', 2.85, 4]]);
    expect(f[0]!.message).toContain('30712 of 1078852 since boot, 2 sections added up');
    expect(statFindings(sample(WIN_DE, ['retransmit_pct=3']))).toEqual([]);
  });

  it('Windows English: 0.47% and 0.15% are below 1%; an edited capture with 400000 retransmitted is critical', () => {
    expect(statFindings(sample(WIN_EN))).toEqual([]);
    expect(statFindings(sample(WIN_ES))).toEqual([]);
    const text = readSample(WIN_EN).replace('Segments Retransmitted              = 34858', 'Segments Retransmitted              = 400000');
    const f = statFindings(snapshotOf(text, 'edited.txt'));
    expect(f.map((x) => [x.id, x.severity, x.value])).toEqual([['retransmit_pct', 'critical', 5.41]]);
  });

  it('zero counters, and counters that are not these, fire nothing', () => {
    const text = 'Ip:\n    5 total packets received\nTcp:\n    1000 segments sent out\n    0 segments retransmitted\nTcpExt:\n    0 times the listen queue of a socket overflowed\n';
    const s = snapshotOf(text, 'zero.txt');
    expect(s.stats.map((x) => x.category)).toEqual(['segments_sent', 'retransmits', 'listen_overflows']);
    expect(statFindings(s)).toEqual([]);
  });

  it('a TCP section without segments sent gives no rate (the German capture cut after Segments Retransmitted of TCPv6)', () => {
    const text = readSample(WIN_DE).replace(/ {2}Gesendete Segmente {18}= 319665\r?\n/, '');
    const s = snapshotOf(text, 'cut.txt');
    expect(s.stats.filter((x) => x.category === 'segments_sent')).toHaveLength(1);
    // TCPv4 alone: 24298 of 759187.
    expect(statFindings(s).map((x) => [x.id, x.value])).toEqual([['retransmit_pct', 3.2]]);
  });
});
