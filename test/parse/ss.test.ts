/**
 * iproute2 ss: every kind of row, column and item, field by field. Rows come from the samples
 * (samples/ss/) unless said otherwise; a few forms no capture here has (-Z contexts, tipc, xdp,
 * dctcp) are written as ss.c prints them.
 */
import { describe, expect, it } from 'vitest';
import { parseText, renderDiagnostic } from '../../src/index.js';
import type { NetRecord, SsInetRecord, SsUnixRecord } from '../../src/types.js';
import { readSample } from '../helpers.js';

const HEADER_NS = 'Netid State  Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess';
const HEADER_S = 'State      Recv-Q Send-Q       Local Address:Port        Peer Address:Port Process';

function parse(text: string) {
  return parseText(text, { source: 'ss.txt' });
}

/** The records of a text that must read without a diagnostic or skipped line. */
function records(text: string): NetRecord[] {
  const r = parse(text);
  expect(r.diagnostics.map((d) => renderDiagnostic(d))).toEqual([]);
  expect(r.skipped).toEqual([]);
  return r.records;
}

function inet(text: string): SsInetRecord {
  const r = records(text);
  expect(r).toHaveLength(1);
  expect(r[0]!.kind).toBe('inet');
  return r[0] as SsInetRecord;
}

function unix(text: string): SsUnixRecord {
  const r = records(text);
  expect(r[0]!.kind).toBe('unix');
  return r[0] as SsUnixRecord;
}

/** Lines of a sample, 1-based, to build small inputs from real ones. */
function sampleLines(file: string, ...numbers: number[]): string {
  const lines = readSample(file).split('\n');
  return numbers.map((n) => lines[n - 1]).join('\n') + '\n';
}

describe('ss headers', () => {
  it('reads every header form ss prints', () => {
    const row = 'tcp   LISTEN 0      128        127.0.0.1:7001       0.0.0.0:*';
    for (const header of [
      'Netid State      Recv-Q Send-Q       Local Address:Port        Peer Address:Port Process',
      'Netid State  Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess',
      'Netid State      Recv-Q Send-Q                          Local Address:Port                                           Peer Address:Port',
    ]) {
      const r = records(`${header}\n${row}\n`);
      expect(r).toHaveLength(1);
      expect(r[0]).toMatchObject({ kind: 'inet', proto: 'tcp', platform: 'ss', state: 'LISTEN' });
    }
  });

  it('reads a table without Netid and State columns (a state filter)', () => {
    // from the terminal session capture: ss -tnp state established '( sport = :47000 )'
    const text = 'Recv-Q Send-Q Local Address:Port  Peer Address:Port Process\n0      0          127.0.0.1:47000    127.0.0.1:52822 users:(("sockmix",pid=4966,fd=11))\n';
    const rec = inet(text);
    expect(rec).toMatchObject({ proto: 'tcp', state: null, state_text: null, netid: null, local_port_num: 47000, pid: 4966 });
  });
});

describe('ss inet rows', () => {
  it('maps netid, state and addresses to the netstat fields', () => {
    const rec = inet(sampleLines('samples/ss/ss-tulpn.txt', 1, 12));
    expect(rec).toMatchObject({
      kind: 'inet',
      platform: 'ss',
      proto: 'tcp',
      transport_protocol: 'tcp',
      network_protocol: 'ipv4',
      ip_version: 4,
      recv_q: 0,
      send_q: 128,
      local_address: '127.0.0.1',
      local_port: '7001',
      local_port_num: 7001,
      foreign_address: '0.0.0.0',
      foreign_port: '*',
      foreign_port_num: null,
      state: 'LISTEN',
      netid: 'tcp',
      state_text: 'LISTEN',
      pid: 17431,
      program_name: 'longname-daemon',
      users: [{ program_name: 'longname-daemon', pid: 17431, fd: 4 }],
    });
  });

  it("maps every state to net-tools' name, keeping what ss printed", () => {
    const cases: [string, string, string | null][] = [
      ['tcp', 'ESTAB', 'ESTABLISHED'],
      ['tcp', 'SYN-SENT', 'SYN_SENT'],
      ['tcp', 'SYN-RECV', 'SYN_RECV'],
      ['tcp', 'FIN-WAIT-1', 'FIN_WAIT1'],
      ['tcp', 'FIN-WAIT-2', 'FIN_WAIT2'],
      ['tcp', 'TIME-WAIT', 'TIME_WAIT'],
      ['tcp', 'CLOSE-WAIT', 'CLOSE_WAIT'],
      ['tcp', 'LAST-ACK', 'LAST_ACK'],
      ['tcp', 'LISTEN', 'LISTEN'],
      ['tcp', 'CLOSING', 'CLOSING'],
      ['tcp', 'UNCONN', 'CLOSE'],
      ['udp', 'UNCONN', null],
      ['udp', 'ESTAB', 'ESTABLISHED'],
      ['raw', 'UNCONN', null],
    ];
    for (const [netid, ssState, state] of cases) {
      const rec = inet(`${HEADER_NS}\n${netid} ${ssState} 0 0 127.0.0.1:1 127.0.0.1:2\n`);
      expect([rec.state, rec.state_text], `${netid} ${ssState}`).toEqual([state, ssState]);
    }
  });

  it('reads every address form', () => {
    const at = (local: string, peer: string) => inet(`${HEADER_NS}\ntcp ESTAB 0 0 ${local} ${peer}\n`);
    expect(at('[::ffff:127.0.0.1]:80', '[::ffff:127.0.0.1]:5000')).toMatchObject({
      local_address: '::ffff:127.0.0.1', local_port_num: 80, ip_version: 6, network_protocol: 'ipv6',
    });
    expect(at('*:22', '*:*')).toMatchObject({ local_address: '*', local_port: '22', foreign_address: '*', foreign_port: '*', ip_version: 6 });
    expect(at('0.0.0.0%lo:53', '0.0.0.0:*')).toMatchObject({ local_address: '0.0.0.0', local_iface: 'lo', local_port_num: 53, ip_version: 4 });
    expect(at('[::1]%lo:123', '[::]:*')).toMatchObject({ local_address: '::1', local_iface: 'lo', local_port_num: 123, ip_version: 6 });
    expect(at('*%lo:*', '*:*')).toMatchObject({ local_address: '*', local_iface: 'lo', local_port: '*' });
    expect(at('192.168.0.43%wlp3s0:34801', '5.196.67.207:http')).toMatchObject({
      local_iface: 'wlp3s0', foreign_port: 'http', foreign_port_num: null,
    });
    expect(at('[fe80::1]%eth0:123', '[fe80::2]:123')).toMatchObject({ local_address: 'fe80::1', local_iface: 'eth0' });
  });

  it("reads older ss's unbracketed IPv6, where * is 0.0.0.0 (rows wait until a row shows the style)", () => {
    const r = records(readSample('samples/ss/public/ss-a-p-grep-dhcpd-packet-raw.txt')) as SsInetRecord[];
    const byLine = (n: number) => r.find((x) => x.line === n)!;
    expect(byLine(4)).toMatchObject({ proto: 'udp', local_address: '*', ip_version: 4 });
    expect(byLine(6)).toMatchObject({ proto: 'udp', local_address: '::', local_port_num: 57562, foreign_address: '::', ip_version: 6 });
    expect(byLine(3)).toMatchObject({ proto: 'raw', local_port: 'icmp', ip_version: 4 });
    expect(r.map((x) => x.line)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('reads every process of -p, names with spaces and non-ASCII included', () => {
    const text = readSample('samples/ss/mix/ss-anp.txt');
    const r = records(text) as SsInetRecord[];
    const spaced = r.find((x) => x.kind === 'inet' && x.program_name === 'my daemon: work')!;
    expect(spaced.users).toEqual([{ program_name: 'my daemon: work', pid: 5008, fd: expect.any(Number) }]);
    expect(r.some((x) => x.program_name === 'sérveur-ü')).toBe(true);
    const two = inet(`${HEADER_NS}\ntcp ESTAB 0 0 10.0.0.1:22 10.0.0.2:5000 users:(("sshd",pid=433217,fd=4),("sshd",pid=433214,fd=4))\n`);
    expect(two.users).toEqual([
      { program_name: 'sshd', pid: 433217, fd: 4 },
      { program_name: 'sshd', pid: 433214, fd: 4 },
    ]);
    expect([two.pid, two.program_name]).toEqual([433217, 'sshd']);
    // older ss: users:(("sshd",1234,3))
    expect(inet(`${HEADER_NS}\ntcp ESTAB 0 0 10.0.0.1:22 10.0.0.2:5000 users:(("sshd",1234,3))\n`).users).toEqual([
      { program_name: 'sshd', pid: 1234, fd: 3 },
    ]);
  });

  it('reads -Z and -z SELinux contexts (as ss.c prints them)', () => {
    const rec = inet(
      `${HEADER_NS}\ntcp LISTEN 0 128 0.0.0.0:22 0.0.0.0:* users:(("sshd",pid=812,proc_ctx=system_u:system_r:sshd_t:s0-s0:c0.c1023,fd=3,sock_ctx=system_u:system_r:sshd_t:s0-s0:c0.c1023))\n`,
    );
    expect(rec.users).toEqual([{ program_name: 'sshd', pid: 812, fd: 3 }]);
    expect(rec.proc_ctx).toBe('system_u:system_r:sshd_t:s0-s0:c0.c1023');
    expect(rec.sock_ctx).toBe('system_u:system_r:sshd_t:s0-s0:c0.c1023');
  });

  it('splits -o timers into their parts', () => {
    const timer = (t: string) => inet(`${HEADER_S}\nESTAB 0 0 127.0.0.1:1 127.0.0.1:2 ${t}\n`);
    expect(timer('timer:(keepalive,118min,0)')).toMatchObject({
      timer: 'timer:(keepalive,118min,0)', timer_name: 'keepalive', timer_expires: 7080, timer_retransmits: null, timer_probes: 0,
    });
    expect(timer('timer:(timewait,5.536ms,0)')).toMatchObject({ timer_name: 'timewait', timer_expires: 5.536 });
    expect(timer('timer:(on,200ms,3)')).toMatchObject({ timer_name: 'on', timer_expires: 0.2, timer_retransmits: 3, timer_probes: null });
    expect(timer('timer:(persist,22sec,2)')).toMatchObject({ timer_name: 'probe', timer_expires: 22, timer_probes: 2 });
    expect(timer('timer:(keepalive,2min30sec,1)')).toMatchObject({ timer_expires: 150, timer_probes: 1 });
  });

  it('reads -e details: uid, ino, sk, cgroup, shutdown', () => {
    const r = records(readSample('samples/ss/mix/ss-tanpe.txt')) as SsInetRecord[];
    const nobody = r.find((x) => x.uid === 65534)!;
    expect(nobody).toMatchObject({ user: '65534', local_port_num: 47080, program_name: 'nobody-agent' });
    const root = r.find((x) => x.local_port_num === 47005)!;
    // ss leaves uid 0 out: with -e details and no uid:, the owner is root
    expect(root).toMatchObject({ uid: 0, user: '0', cgroup: '/', shutdown: '<->' });
    expect(typeof root.inode).toBe('number');
    expect(root.sk).toMatch(/^[0-9a-f]+$/);
  });

  it('reads the -i line below a row into typed fields of that row', () => {
    const r = records(readSample('samples/ss/mix/ss-ti.txt')) as SsInetRecord[];
    const rec = r.find((x) => x.line === 28)!;
    expect(rec).toMatchObject({
      congestion: 'bbr',
      wscale_snd: 0,
      wscale_rcv: 10,
      rto: 208,
      backoff: 8,
      rtt: 5.36,
      rttvar: 10.678,
      ato: 40,
      mss: 2048,
      cwnd: 12,
      bytes_sent: 4096,
      bytes_acked: 4096,
      segs_out: 11,
      data_segs_out: 2,
      send_bps: 36700000,
      pacing_rate_bps: 20400000000,
      delivery_rate_bps: 200000000,
      app_limited: true,
      busy_ms: 86560,
      rwnd_limited_ms: 86560,
    });
    // a row without -i information has null tcp fields
    const tanp = records(readSample('samples/ss/ss-tanp.txt')) as SsInetRecord[];
    expect(tanp[0]).toMatchObject({ congestion: null, rtt: null, cwnd: null, app_limited: null });
  });

  it('reads exact rates with -n and the BBR, ts/sack, MPTCP subflow items', () => {
    const r = records(readSample('samples/ss/mix/ss-tanoie.txt')) as SsInetRecord[];
    const sub = r.find((x) => x.ulp === 'mptcp' && x.state === 'ESTABLISHED')!;
    expect(sub.info_flags).toEqual(['ts', 'sack']);
    expect(sub.info_other).toMatchObject({ flags: 'Mmc', sfseq: '1', maplen: '0' });
    expect(sub.info_other.token).toMatch(/^[0-9a-f]+\(id:\d+\)\/[0-9a-f]+\(id:\d+\)$/);
    expect(typeof sub.send_bps).toBe('number');
    const line42 = r.find((x) => x.line === 42)!;
    expect(line42).toMatchObject({ send_bps: 109226666667, pacing_rate_bps: 312153570224, bbr_bw_bps: 0, bbr_mrtt: 0.024, app_limited: true });
    const line2 = r.find((x) => x.line === 2)!;
    // "bbr cwnd:10": TCP information without app_limited
    expect(line2).toMatchObject({ congestion: 'bbr', cwnd: 10, app_limited: false, rtt: null });
  });

  it('a rate or time too large for an exact number is a diagnostic, never Infinity (fuzz regressions)', () => {
    const [title, row, info] = readSample('samples/ss/ss-ti.txt').split('\n');
    for (const [from, to] of [
      ['send 17.8Gbps', `send 9${'9'.repeat(400)}Gbps`],
      ['pacing_rate 576Gbps', `pacing_rate 5${'7'.repeat(20)}Gbps`],
      ['busy:4ms', `busy:5${'4'.repeat(310)}ms`],
      ['rtt:0.162/0.303', `rtt:1${'0'.repeat(400)}.5/0.303`],
    ]) {
      expect(info).toContain(from);
      const r = parseText([title, row, info!.replace(from, to)].join('\n'));
      expect(r.records).toHaveLength(1);
      expect(r.diagnostics.map((d) => [d.line, d.severity, / is out of range \(/.test(d.message)])).toEqual([[3, 'error', true]]);
      for (const v of Object.values(r.records[0]!)) if (typeof v === 'number') expect(Number.isFinite(v) && (!Number.isInteger(v) || Number.isSafeInteger(v))).toBe(true);
    }
  });

  it('reads -O (one line) as it reads the two-line form', () => {
    const two = records(readSample('samples/ss/mix/ss-tanoie.txt')) as SsInetRecord[];
    const one = records(readSample('samples/ss/mix/ss-O-tanoie.txt')) as SsInetRecord[];
    const key = (x: SsInetRecord) => `${x.local_port}-${x.foreign_port}`;
    const estab = one.filter((x) => x.state === 'ESTABLISHED' && x.rtt !== null);
    expect(estab.length).toBeGreaterThan(20);
    for (const o of estab) {
      const t = two.find((x) => key(x) === key(o));
      if (t === undefined) continue; // a connection that came or went between the two runs
      expect(o.congestion).toBe(t.congestion);
      expect(o.mss).toBe(t.mss);
      expect(o.inode).toBe(t.inode);
    }
  });

  it('reads -m memory', () => {
    const r = records(readSample('samples/ss/ss-tanm.txt')) as SsInetRecord[];
    expect(r[1]).toMatchObject({ skmem_r: 0, skmem_rb: 131072, skmem_t: 0, skmem_tb: 16384, skmem_f: 0, skmem_w: 0, skmem_o: 0, skmem_bl: 0, skmem_d: 30 });
    // older kernels: mem:(r,w,f,t)
    const old = inet(`${HEADER_S}\nESTAB 0 0 127.0.0.1:1 127.0.0.1:2\n\t mem:(r0,w0,f4096,t0)\n`);
    expect(old).toMatchObject({ skmem_r: 0, skmem_w: 0, skmem_f: 4096, skmem_t: 0, skmem_rb: null });
  });

  it('keeps -i items it has no field for in info_other, as printed', () => {
    const rec = inet(
      `${HEADER_S}\nESTAB 0 0 10.0.0.1:22 10.0.0.2:5000\n\t ecn dctcp wscale:7,7 rto:204 dctcp:(ce_state:0,alpha:16,ab_ecn:0,ab_tot:0) tos:0x10 reordering:5\n`,
    );
    expect(rec.congestion).toBe('dctcp');
    expect(rec.info_flags).toEqual(['ecn']);
    expect(rec.info_other).toEqual({ dctcp: '(ce_state:0,alpha:16,ab_ecn:0,ab_tot:0)', 'tos': '0x10' });
    expect(rec.reordering).toBe(5);
  });

  it('reads icmp6 and other inet netids as inet records', () => {
    const r = records(`${HEADER_NS}\nicmp6 UNCONN 0 0 *:ipv6-icmp *:*\ndccp LISTEN 0 5 0.0.0.0:5001 0.0.0.0:*\n`) as SsInetRecord[];
    expect(r[0]).toMatchObject({ kind: 'inet', proto: 'icmp6', transport_protocol: 'icmp6', ip_version: 6, state: null, local_port: 'ipv6-icmp' });
    expect(r[1]).toMatchObject({ proto: 'dccp', state: 'LISTEN' });
  });

  it('keeps inet-sockopt, TLS and md5 items as printed (ss.c forms)', () => {
    const rec = inet(
      `${HEADER_S}\nESTAB 0 0 10.0.0.1:443 10.0.0.2:5000 md5keys:10.0.0.2/32=secret\n\tinet-sockopt: ( recverr is_icsk )\n\t ts sack cubic wscale:7,7 cwnd:10 tcp-ulp-tls version: 1.3 cipher: aes-gcm-256 rxconf: sw txconf: sw\n`,
    );
    expect(rec.congestion).toBe('cubic');
    expect(rec.ulp).toBe('tls');
    expect(rec.info_flags).toEqual(['(', 'recverr', 'is_icsk', ')', 'ts', 'sack']);
    expect(rec.info_other).toEqual({
      md5keys: '10.0.0.2/32=secret', 'inet-sockopt': '', version: '1.3', cipher: 'aes-gcm-256', rxconf: 'sw', txconf: 'sw',
    });
  });

  it('makes SCTP associations records of their own, under their endpoint', () => {
    const r = records(readSample('samples/ss/public/ss-sctp-multihomed-moler.txt')) as SsInetRecord[];
    const child = r.find((x) => x.line === 12)!;
    expect(child).toMatchObject({
      proto: 'sctp', netid: null, state: 'ESTABLISHED', state_text: 'ESTAB', parent_line: 11,
      local_address: '192.168.253.16', local_iface: 'etha01', foreign_address: '192.168.253.17', foreign_port_num: 29211,
    });
    expect(r.find((x) => x.line === 13)).toMatchObject({ proto: 'sctp', state: 'LISTEN', parent_line: null });
  });

  it('counts the corpus ss -an as its manifest does', () => {
    // ../shared/corpus/MANIFEST.md: Netid tcp 139, u_str 27, udp 14, nl 11, u_dgr 7, u_seq 7, raw 4;
    // states ESTAB 84, TIME-WAIT 54, UNCONN 25, LISTEN 24, FIN-WAIT-2 8, CLOSE-WAIT 5, SYN-SENT 3,
    // LAST-ACK 2, SYN-RECV 2, CLOSING 1, FIN-WAIT-1 1
    const r = records(readSample('samples/ss/ss-an.txt')) as (SsInetRecord | SsUnixRecord)[];
    const count = (f: (x: (typeof r)[number]) => string | null) => {
      const m: { [k: string]: number } = {};
      for (const x of r) m[f(x) ?? ''] = (m[f(x) ?? ''] ?? 0) + 1;
      return m;
    };
    expect(count((x) => x.netid)).toEqual({ tcp: 139, u_str: 27, udp: 14, nl: 11, u_dgr: 7, u_seq: 7, raw: 4 });
    expect(count((x) => x.state_text)).toEqual({
      ESTAB: 84, 'TIME-WAIT': 54, UNCONN: 25, LISTEN: 24, 'FIN-WAIT-2': 8, 'CLOSE-WAIT': 5, 'SYN-SENT': 3,
      'LAST-ACK': 2, 'SYN-RECV': 2, CLOSING: 1, 'FIN-WAIT-1': 1,
    });
    // the manifest counts 31 rows with a bracketed IPv6 address; "*:58" (an ICMPv6 raw socket) and
    // "*:443" (a dual-stack listener) are IPv6 sockets too
    expect(r.filter((x) => x.kind === 'inet' && x.ip_version === 6)).toHaveLength(33);
  });
});

describe('ss tables without a Netid column', () => {
  it('tells tcp from a TCP-only state, even when earlier rows could be anything', () => {
    const r = records(readSample('samples/ss/sessions/dated-loop-banner-ss.txt')) as SsInetRecord[];
    // ss -tn: the first rows are ESTAB (udp could be too), a CLOSE-WAIT row comes later
    expect(new Set(r.map((x) => x.proto))).toEqual(new Set(['tcp']));
    expect(r.every((x) => x.netid === null)).toBe(true);
    expect(r.map((x) => x.line)).toEqual([...r.map((x) => x.line)].sort((a, b) => a - b));
    expect(new Set(r.map((x) => x.snapshot))).toEqual(new Set([0, 1, 2]));
  });

  it('reads udp when rows are UNCONN and ESTAB only', () => {
    const r = records(readSample('samples/ss/ss-uan.txt')) as SsInetRecord[];
    expect(r).toHaveLength(14);
    expect(r.every((x) => x.proto === 'udp' && x.transport_protocol === 'udp')).toBe(true);
    expect(r[0]).toMatchObject({ state: 'ESTABLISHED', state_text: 'ESTAB' });
    expect(r[1]).toMatchObject({ state: null, state_text: 'UNCONN' });
  });

  it('reads raw when the ports are raw protocols (names, or numbers with -n)', () => {
    const numeric = records(readSample('samples/ss/ss-wan.txt')) as SsInetRecord[];
    expect(numeric.map((x) => [x.proto, x.local_port])).toEqual([['raw', '1'], ['raw', '1'], ['raw', '255'], ['raw', '58']]);
    const named = records(`${HEADER_S}\nUNCONN 0 0 10.0.0.1:icmp 0.0.0.0:*\nUNCONN 0 0 0.0.0.0:1 0.0.0.0:*\n`) as SsInetRecord[];
    expect(named.map((x) => x.proto)).toEqual(['raw', 'raw']);
  });

  it('reads mptcp tables as tcp (the rows cannot tell), with no netid', () => {
    const r = records(readSample('samples/ss/mix/ss-M-a.txt')) as SsInetRecord[];
    expect(r.map((x) => [x.proto, x.netid])).toEqual(Array(8).fill(['tcp', null]));
  });

  it('reads netlink tables (-A netlink) from the bare * peer', () => {
    const r = records(readSample('samples/ss/mix/ss-A-netlink-a.txt'));
    expect(r).toHaveLength(16);
    expect(r.every((x) => x.kind === 'netlink' && x.proto === 'nl')).toBe(true);
  });

  it('reads a tipc table (ss --tipc, as ss.c prints it)', () => {
    const r = records(
      'State Recv-Q Send-Q Local Address:Port Peer Address:Port Process\nUNCONN 0 0 16777217:3263451718 -\nESTAB 0 0 16777217:1136458779 16781313:1995263906\n',
    );
    expect(r.map((x) => x.kind)).toEqual(['tipc', 'tipc']);
    expect(r[0]).toMatchObject({ proto: 'tipc', local_node: 16777217, local_ref: 3263451718, peer_node: null, peer_ref: null, state: null });
    expect(r[1]).toMatchObject({ state: 'ESTABLISHED', peer_node: 16781313, peer_ref: 1995263906 });
  });

  it('holds rows only until the protocol is known: a long udp-like start then LISTEN', () => {
    const rows = Array.from({ length: 50 }, (_, i) => `ESTAB 0 0 10.0.0.1:${1000 + i} 10.0.0.2:80`);
    const r = records(`${HEADER_S}\n${rows.join('\n')}\nLISTEN 0 128 0.0.0.0:22 0.0.0.0:*\n`) as SsInetRecord[];
    expect(r).toHaveLength(51);
    expect(r.every((x) => x.proto === 'tcp')).toBe(true);
  });
});

describe('ss unix rows', () => {
  it('keeps whole paths, spaces included, and maps states and types', () => {
    const r = records(readSample('samples/ss/mix/ss-xap.txt')) as SsUnixRecord[];
    const spaced = r.find((x) => x.path === '/tmp/sockmix/my sock.sock' && x.state === 'LISTENING')!;
    expect(spaced).toMatchObject({
      proto: 'unix', type: 'STREAM', netid: 'u_str', state_text: 'LISTEN', path_type: 'path', refcnt: null,
      flags: null, flag_names: [], recv_q: 0, send_q: 8, peer_inode: 0, program_name: 'sockmix',
    });
    expect(r.find((x) => x.path === '@sockmix abstract with space')).toMatchObject({ path_type: 'abstract' });
    expect(r.find((x) => x.path === '/tmp/sockmix/café.sock')).toBeDefined();
    const unnamed = r.find((x) => x.path === null)!;
    expect(unnamed).toMatchObject({ path_type: 'unnamed' });
    expect(new Set(r.map((x) => x.type))).toEqual(new Set(['STREAM', 'DGRAM', 'SEQPACKET']));
    expect(new Set(r.map((x) => x.state))).toEqual(new Set(['LISTENING', 'CONNECTED', null]));
    const connecting = records(readSample('samples/ss/public/ss-sctp-multihomed-moler.txt')).find((x) => x.line === 2);
    expect(connecting).toMatchObject({ kind: 'unix', state: 'CONNECTING', state_text: 'SYN-SENT', path: '/var/run/rpcbind.sock', inode: 0 });
    const corpus = records(readSample('samples/ss/ss-xa.txt')) as SsUnixRecord[];
    expect(corpus.some((x) => x.path === '/srv/acme/runtime/dev/socks/my app/ctl socket.sock')).toBe(true);
  });

  it('reads -e details of unix sockets', () => {
    const r = records(readSample('samples/ss/mix/ss-e-xa.txt')) as SsUnixRecord[];
    const listener = r.find((x) => x.line === 2)!;
    expect(listener).toMatchObject({ inode: 12339, vfs_inode: 2146307, vfs_dev: '0/65024', shutdown: '<->', icons: [] });
    const waiting = r.find((x) => x.icons.length > 0);
    if (waiting !== undefined) expect(waiting.icons.every((n) => typeof n === 'number')).toBe(true);
    const icons = unix(`${HEADER_NS}\nu_str LISTEN 1 8 /tmp/full.sock 123 * 0 <-> ino:9 dev:0/5 peers: 456 789\n`);
    expect(icons).toMatchObject({ icons: [456, 789], vfs_inode: 9, peer_inode: 0 });
  });
});

describe('ss netlink, packet and vsock rows', () => {
  it('reads netlink ports: kernel, process/pid, numbers, negative ids', () => {
    const r = records(readSample('samples/ss/public/wsl2-ubuntu-ss-a-part1-nl.txt'));
    const nl = r.filter((x) => x.kind === 'netlink');
    expect(nl).toHaveLength(44);
    expect(nl.find((x) => x.line === 4)).toMatchObject({ nl_protocol: 'rtnl', port: 'kernel', port_num: 0, pid: null, peer: '*', state: null, state_text: 'UNCONN' });
    expect(nl.find((x) => x.line === 6)).toMatchObject({ port: 'systemd-resolve/86', pid: 86, program_name: 'systemd-resolve', port_num: null });
    expect(nl.find((x) => x.line === 5)).toMatchObject({ port: '-1089214714', port_num: -1089214714 });
    const numeric = records(readSample('samples/ss/ss-an.txt')).filter((x) => x.kind === 'netlink');
    expect(numeric[1]).toMatchObject({ nl_protocol: '4', port: '21168', port_num: 21168, recv_q: 4352 });
    // a process name with spaces in the port
    const spaced = records(`${HEADER_NS}\nnl UNCONN 0 0 uevent:Web Content/2345 *\n`);
    expect(spaced[0]).toMatchObject({ kind: 'netlink', port: 'Web Content/2345', pid: 2345, program_name: 'Web Content' });
  });

  it('reads netlink -e details (from /proc/net/netlink)', () => {
    const r = records(`${HEADER_NS}\nnl UNCONN 0 0 rtnl:kernel * sk=ffff8e0c40b9b800 cb=0 groups=0x00000000\n`);
    expect(r[0]).toMatchObject({ kind: 'netlink', sk: 'ffff8e0c40b9b800', cb: '0', groups: '0x00000000', info_other: {} });
  });

  it('reads packet -e continuation lines (ss.c forms)', () => {
    const r = records(`${HEADER_NS}\np_raw UNCONN 0 0 *:eth0 * ino:4242 sk:1c\n\tver:3 cpy_thresh:0 flags( running auxdata )\n\tfanout(id:1,type:hash)\n`);
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({
      kind: 'packet', inode: 4242, sk: '1c', uid: 0, iface: 'eth0',
      info_other: { ver: '3', cpy_thresh: '0' },
      info_flags: ['flags(', 'running', 'auxdata', ')', 'fanout(id:1,type:hash)'],
    });
  });

  it('reads tipc --tipcinfo lines (indented with a space)', () => {
    const r = records(
      'State Recv-Q Send-Q Local Address:Port Peer Address:Port Process\nUNCONN 0 0 16777217:3263451718 -\n type:RDM cong:none  drop:0  publ\n',
    );
    expect(r).toHaveLength(1);
    expect(r[0]).toMatchObject({ kind: 'tipc', info_other: { type: 'RDM', cong: 'none', drop: '0' }, info_flags: ['publ'] });
  });

  it('reads packet sockets', () => {
    const r = records(readSample('samples/ss/mix/ss-0-a.txt'));
    expect(r).toEqual([
      expect.objectContaining({ kind: 'packet', proto: 'p_raw', type: 'RAW', protocol: '*', iface: 'lo', recv_q: 262656 }),
      expect.objectContaining({ kind: 'packet', proto: 'p_dgr', type: 'DGRAM', protocol: 'ip', iface: 'lo', recv_q: 213780 }),
    ]);
  });

  it('reads vsock sockets', () => {
    const r = records(readSample('samples/ss/public/wsl2-ubuntu-ss-a-part2-inet-vsock.txt'));
    const v = r.filter((x) => x.kind === 'vsock');
    expect(v).toHaveLength(35);
    expect(v[0]).toMatchObject({ proto: 'v_str', type: 'STREAM', state: 'LISTEN', local_cid: null, local_port: 1, peer_cid: null, peer_port: null });
    expect(v[1]).toMatchObject({ state: 'ESTABLISHED', local_port: 3639976910, peer_cid: 2, peer_port: 50000 });
    expect(v.find((x) => x.state === 'CLOSING')).toBeDefined();
  });
});

describe('ss without a header (-H)', () => {
  it('finds the table from its first row', () => {
    const r = records(readSample('samples/ss/mix/ss-H-tan.txt')) as SsInetRecord[];
    expect(r).toHaveLength(143);
    expect(r.every((x) => x.proto === 'tcp')).toBe(true);
    const withNetid = records('tcp   ESTAB 0 0 127.0.0.1:1 127.0.0.1:2\nudp UNCONN 0 0 127.0.0.1:53 0.0.0.0:*\n');
    expect(withNetid.map((x) => (x as SsInetRecord).proto)).toEqual(['tcp', 'udp']);
  });

  it('does not take netstat rows for ss rows', () => {
    const r = parse('tcp        0      0 127.0.0.1:47014         127.0.0.1:40622         TIME_WAIT\n');
    expect(r.records).toEqual([]);
    expect(r.skipped).toHaveLength(1);
  });
});

describe('ss pasted indented', () => {
  it('reads a table indented as a whole (a markdown code block), continuation lines included', () => {
    const text = sampleLines('samples/ss/ss-tanm.txt', 1, 2, 3, 4, 5).replace(/^/gm, '    ');
    const r = records(text) as SsInetRecord[];
    expect(r.map((x) => [x.line, x.state, x.skmem_rb])).toEqual([[2, 'LISTEN', 131072], [4, 'LISTEN', 131072]]);
    const headerless = records(sampleLines('samples/ss/mix/ss-H-tan.txt', 1, 2).replace(/^/gm, '   ')) as SsInetRecord[];
    expect(headerless).toHaveLength(2);
  });
});

describe('ss continuation lines', () => {
  it('belong to the row above and count as structural lines', () => {
    const text = sampleLines('samples/ss/ss-tanm.txt', 1, 2, 3, 4, 5);
    const r = parse(text);
    expect(r.records.map((x) => x.line)).toEqual([2, 4]);
    expect(r.records.map((x) => (x as SsInetRecord).skmem_d)).toEqual([0, 30]);
    expect(r.stats).toMatchObject({ lines: 5, records: 2, structural: 3, skipped: 0, unparsed: 0 });
  });

  it('reports one with no row above it', () => {
    const r = parse(`${HEADER_S}\n\t skmem:(r0,rb131072,t0,tb16384,f0,w0,o0,bl0,d0)\n`);
    expect(r.records).toEqual([]);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'NETSNAP_PARSE_ORPHAN_CONTINUATION', line: 2 })]);
  });

  it('reports a bad item without losing the row', () => {
    const r = parse(`${HEADER_S}\nESTAB 0 0 127.0.0.1:1 127.0.0.1:2\n\t bbr cwnd:1x rtt:1/2\n`);
    expect(r.records).toHaveLength(1);
    expect((r.records[0] as SsInetRecord).cwnd).toBeNull();
    expect(r.diagnostics).toEqual([expect.objectContaining({ line: 3, code: 'NETSNAP_PARSE_BAD_NUMBER' })]);
    expect(renderDiagnostic(r.diagnostics[0]!)).toContain('cwnd:1x');
  });
});

describe('ss -s', () => {
  it('reads the summary into stat records with fixed counter names', () => {
    const r = records(readSample('samples/ss/mix/ss-s.txt'));
    const m = Object.fromEntries(r.map((x) => (x.kind === 'stat' ? [`${x.section}.${x.counter}`, x.value] : ['', 0])));
    expect(m).toEqual({
      'Total.sockets': 198,
      'TCP.total': 141, 'TCP.estab': 61, 'TCP.closed': 43, 'TCP.orphaned': 0, 'TCP.timewait': 43,
      'Transport.raw_total': 3, 'Transport.raw_ip': 2, 'Transport.raw_ipv6': 1,
      'Transport.udp_total': 19, 'Transport.udp_ip': 9, 'Transport.udp_ipv6': 10,
      'Transport.tcp_total': 98, 'Transport.tcp_ip': 64, 'Transport.tcp_ipv6': 34,
      'Transport.inet_total': 120, 'Transport.inet_ip': 75, 'Transport.inet_ipv6': 45,
      'Transport.frag_total': 0, 'Transport.frag_ip': 0, 'Transport.frag_ipv6': 0,
    });
    expect(r.every((x) => x.platform === 'ss')).toBe(true);
    expect(r[1]).toMatchObject({ text: 'TCP:   141 (estab 61, closed 43, orphaned 0, timewait 43)', line: 2 });
  });

  it("reads older ss's summary (kernel count, synrecv, timewait/slab, ports, the * row)", () => {
    // from a public post on a Tomcat socket leak (2018)
    const r = records(
      'Total: 76052 (kernel 76254)\nTCP:   75924 (estab 123, closed 75524, orphaned 0, synrecv 0, timewait 173/0), ports 104\n\nTransport Total     IP        IPv6\n*         76254    -         -\nRAW       0         0         0\n',
    );
    const m = Object.fromEntries(r.map((x) => (x.kind === 'stat' ? [`${x.section}.${x.counter}`, x.value] : ['', 0])));
    expect(m).toEqual({
      'Total.sockets': 76052, 'Total.kernel': 76254,
      'TCP.total': 75924, 'TCP.estab': 123, 'TCP.closed': 75524, 'TCP.orphaned': 0, 'TCP.synrecv': 0,
      'TCP.timewait': 173, 'TCP.timewait_slab': 0, 'TCP.ports': 104,
      'Transport.all_total': 76254,
      'Transport.raw_total': 0, 'Transport.raw_ip': 0, 'Transport.raw_ipv6': 0,
    });
  });

  it('counts a summary line once in the line counts', () => {
    const r = parse(readSample('samples/ss/ss-s.txt'));
    expect(r.records).toHaveLength(21);
    expect(r.stats).toMatchObject({ lines: 10, records: 7, structural: 3 });
  });

  it('reads ss -s in a script(1) recording between netstat runs', () => {
    const r = parse(readSample('test/fixtures/ss/terminal-session.script.txt'));
    expect(r.records.filter((x) => x.kind === 'stat')).toHaveLength(21);
    expect(r.diagnostics).toEqual([]);
    // the script(1) banner lines and the typed "exit" are not netstat output
    expect(r.skipped.map((s) => s.text.split(' ')[0])).toEqual(['Script', 'exit', 'Script']);
  });
});

describe('ss bad input', () => {
  it('reports rows it cannot read, with the column', () => {
    const r = parse(`${HEADER_NS}\ntcp ESTAB 0 12x 127.0.0.1:1 127.0.0.1:2\nxdp UNCONN 0 0 eth0:q0 *\nu_str ESTAB 0 0 127.0.0.1:1 127.0.0.1:2\n`);
    expect(r.records).toEqual([]);
    expect(r.diagnostics.map((d) => [d.line, d.code])).toEqual([
      [2, 'NETSNAP_PARSE_UNEXPECTED_TOKEN'],
      [3, 'NETSNAP_PARSE_UNSUPPORTED'],
      [4, 'NETSNAP_PARSE_UNEXPECTED_TOKEN'],
    ]);
    expect(r.diagnostics[0]!.column).toBe(13);
  });

  it('keeps numbers beyond 2^53 exact', () => {
    const rec = inet(`${HEADER_S}\nESTAB 0 0 127.0.0.1:1 127.0.0.1:2\n\t bbr bytes_acked:18446744073709551615 cwnd:10\n`);
    expect(rec.bytes_acked).toBe(18446744073709551615n);
  });

  it('never throws on junk inside an ss table', () => {
    let seed = 11;
    const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const pieces = ['tcp', 'u_str', 'nl', 'ESTAB', 'UNCONN', '`-', '0', '12', '*', '-', '?', '127.0.0.1:80', '[::1]:5', 'rtnl:kernel',
      'users:(("a b",pid=1,fd=2))', 'users:((', 'timer:(on,1x,0)', 'timer:(on,12ms,0)', 'skmem:(r1,zz2)', 'send', '1Gbps', 'bbr:(bw:1bps,q:1)',
      'cwnd:', 'rtt:1', 'wscale:1', 'peers:', '<->', '\t', ' ', '/tmp/a b', 'ino:99999999999999999999', 'pacing_rate', '1/2bps'];
    const lines = [HEADER_NS];
    for (let i = 0; i < 3000; i++) {
      // every fourth line starts as a good row, so that junk also lands in tails and continuations
      let l = i % 4 === 0 ? 'tcp ESTAB 0 0 127.0.0.1:1 127.0.0.1:2 ' : '';
      const n = Math.floor(rnd() * 10);
      for (let k = 0; k < n; k++) l += pieces[Math.floor(rnd() * pieces.length)] + (rnd() < 0.8 ? ' ' : '');
      lines.push(l);
    }
    const r = parse(lines.join('\n'));
    expect(r.stats.lines).toBe(r.stats.records + r.stats.structural + r.stats.skipped + r.stats.unparsed);
    expect(r.stats.records).toBeGreaterThan(0);
    expect(r.stats.unparsed).toBeGreaterThan(0);
  });
});

describe('ss schema', () => {
  /** Field names of the first table after `heading`, and of the tables after it up to the next heading. */
  function readmeTables(heading: string): string[][] {
    const readme = readSample('README.md');
    const from = readme.indexOf(heading);
    expect(from, heading).toBeGreaterThan(0);
    const rest = readme.slice(from + heading.length);
    const end = rest.search(/\n###? /);
    const tables: string[][] = [];
    let current: string[] | null = null;
    for (const line of rest.slice(0, end).split('\n')) {
      if (line.startsWith('| field')) current = [];
      else if (current !== null && line.startsWith('|') && !line.startsWith('|---')) current.push(line.split('|')[1]!.trim().replace(/`/g, ''));
      else if (current !== null && !line.startsWith('|')) {
        tables.push(current);
        current = null;
      }
    }
    if (current !== null) tables.push(current);
    return tables;
  }

  it("documents every field ss adds, in the records' order", async () => {
    const { EXTRA_COLUMNS } = await import('../../src/output/columns.js');
    const [inetTable, unixTable, common] = readmeTables('### Fields ss adds');
    const ss = EXTRA_COLUMNS.ss!;
    const n = common!.length;
    expect([...inetTable!, ...common!]).toEqual(ss.inet);
    expect([...unixTable!, ...common!]).toEqual(ss.unix);
    for (const kind of ['netlink', 'packet', 'vsock', 'tipc']) {
      expect(ss[kind]!.slice(-n)).toEqual(common);
      expect(ss[kind]!.slice(0, -n)).toEqual(['netid', 'state_text', 'users']);
    }
  });

  it('gives every record of a kind the same fields, in column order', () => {
    const r = records(readSample('samples/ss/mix/ss-a.txt'));
    const shapes = new Map<string, string>();
    for (const x of r) {
      const keys = Object.keys(x).join(',');
      expect(shapes.get(x.kind) ?? keys, `${x.kind} line ${x.line}`).toBe(keys);
      shapes.set(x.kind, keys);
    }
    expect([...shapes.keys()].sort()).toEqual(['inet', 'netlink', 'packet', 'unix']);
  });
});
