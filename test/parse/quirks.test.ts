/** Field-level tests for the quirks of real net-tools output. */
import { describe, expect, it } from 'vitest';
import { parseText, type InetRecord, type InterfaceRecord, type UnixRecord } from '../../src/index.js';
import { readSample } from '../helpers.js';

const INET = 'Active Internet connections (servers and established)\n';
const H = 'Proto Recv-Q Send-Q Local Address           Foreign Address         State      \n';
const HP = 'Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name    \n';
const HEPO =
  'Proto Recv-Q Send-Q Local Address           Foreign Address         State       User       Inode      PID/Program name     Timer\n';

function inet(text: string): InetRecord[] {
  const r = parseText(text);
  expect(r.diagnostics).toEqual([]);
  return r.records as InetRecord[];
}

describe('inet rows', () => {
  it('keeps host and service names, with a numeric port only when the port is a number', () => {
    const [r] = inet(INET + H + 'tcp        0      0 localhost:ssh           192.168.71.1:58727      ESTABLISHED\n');
    expect(r).toMatchObject({
      local_address: 'localhost', local_port: 'ssh', local_port_num: null,
      foreign_address: '192.168.71.1', foreign_port: '58727', foreign_port_num: 58727,
    });
  });

  it('reads names truncated by netstat as they are printed', () => {
    const [r] = inet(INET + H + 'tcp        0      0 localhost.localdo:35450 lb-192-30-255-112:https ESTABLISHED\n');
    expect(r).toMatchObject({ local_address: 'localhost.localdo', local_port: '35450', foreign_port: 'https', state: 'ESTABLISHED' });
  });

  it('reads queues wider than their column that push the row right', () => {
    const rows = inet(
      INET + H +
        'tcp   128512      0 127.0.0.1:56132         127.0.0.1:7002          FIN_WAIT2  \n' +
        'tcp        0 3782144 127.0.0.1:39246         127.0.0.1:6379          ESTABLISHED\n',
    );
    expect(rows.map((r) => [r.recv_q, r.send_q, r.state])).toEqual([[128512, 0, 'FIN_WAIT2'], [0, 3782144, 'ESTABLISHED']]);
  });

  it('reads a foreign address that runs into the state column with one space (-W)', () => {
    const [r] = inet(INET + H + 'tcp6       0      0 fe80::1234:5678:9abc:def0%eth0:22 fe80::1111:2222:3333:4444%eth0:51234 ESTABLISHED\n');
    expect(r).toMatchObject({
      local_address: 'fe80::1234:5678:9abc:def0%eth0', local_port: '22',
      foreign_address: 'fe80::1111:2222:3333:4444%eth0', foreign_port: '51234', state: 'ESTABLISHED', ip_version: 6,
    });
  });

  it('reads program names with spaces, cut at 19 characters, and UDP rows without state', () => {
    const rows = inet(
      INET + HP +
        'udp        0      0 127.0.0.1:5300          0.0.0.0:*                           7298/dns: resolver  \n' +
        'tcp        0      0 0.0.0.0:22              0.0.0.0:*               LISTEN      600/sshd: /usr/sbin\n' +
        'tcp        0      0 0.0.0.0:2024            0.0.0.0:*               LISTEN      -                   \n',
    );
    expect(rows.map((r) => [r.state, r.pid, r.program_name])).toEqual([
      [null, 7298, 'dns: resolver'],
      ['LISTEN', 600, 'sshd: /usr/sbin'],
      ['LISTEN', null, null],
    ]);
  });

  it('reads every IPv6 form', () => {
    const rows = inet(
      INET + H +
        'tcp6       0      0 :::22                   :::*                    LISTEN     \n' +
        'tcp6       0      0 ::1:631                 :::*                    LISTEN     \n' +
        'tcp6       0      0 [::]:ssh                [::]:*                  LISTEN     \n' +
        'udp6       0      0 fe80::1%eth0:123        :::*                               \n' +
        'tcp6       0      0 127.0.0.1:https         127.0.0.1:60318         ESTABLISHED\n',
    );
    expect(rows.map((r) => [r.local_address, r.local_port, r.foreign_address, r.foreign_port, r.ip_version])).toEqual([
      ['::', '22', '::', '*', 6],
      ['::1', '631', '::', '*', 6],
      ['::', 'ssh', '::', '*', 6],
      ['fe80::1%eth0', '123', '::', '*', 6],
      // an IPv4-mapped peer is printed dotted, but the socket is IPv6
      ['127.0.0.1', 'https', '127.0.0.1', '60318', 6],
    ]);
  });

  it('reads raw sockets with the kernel state number, and every layout of -e -p -o', () => {
    const [r] = inet(
      INET + HEPO +
        'raw6    8704      0 :::58                   :::*                    7           0          24075      17438/icmp-monitor   off (0.00/0/0)\n',
    );
    expect(r).toMatchObject({
      proto: 'raw6', transport_protocol: 'raw', state: '7', user: '0', inode: 24075, pid: 17438,
      program_name: 'icmp-monitor', timer: 'off (0.00/0/0)', timer_name: 'off', timer_expires: 0,
    });
  });

  it('splits the timer into its parts', () => {
    const [r] = inet(
      INET + HEPO +
        'tcp        0 3782145 127.0.0.1:5432          127.0.0.1:44112         LAST_ACK    0          0          -                    on (0.21/5/0)\n',
    );
    expect(r).toMatchObject({ timer_name: 'on', timer_expires: 0.21, timer_retransmits: 5, timer_probes: 0, pid: null });
  });

  it('reads user names with -e (no -n)', () => {
    const rows = parseText(readSample('samples/linux/netstat-ee.txt')).records as InetRecord[];
    expect(rows[0]).toMatchObject({ user: 'root', inode: 24124 });
  });

  it('records udpl (UDP-Lite) rows', () => {
    const [r] = inet(INET + H + 'udpl       0      0 0.0.0.0:5000            0.0.0.0:*                          \n');
    expect(r).toMatchObject({ proto: 'udpl', transport_protocol: 'udpl', ip_version: 4, state: null });
  });
});

describe('unix rows', () => {
  const U = 'Active UNIX domain sockets (servers and established)\nProto RefCnt Flags       Type       State         I-Node   PID/Program name     Path\n';
  it('reads flags, empty state, abstract and unnamed paths, and programs', () => {
    const r = parseText(
      U +
        'unix  2      [ ACC ]     STREAM     LISTENING     24593    17436/busd           /srv/acme/busd.sock\n' +
        'unix  3      [ ]         DGRAM                    8971     1/systemd            /run/systemd/notify\n' +
        'unix  2      [ ACC W N ] SEQPACKET  LISTENING     24601    7298/dns: resolver   @acme/busd-dev\n' +
        'unix  3      [ ]         STREAM     CONNECTED     1072     -                    \n',
    );
    expect(r.diagnostics).toEqual([]);
    const rows = r.records as UnixRecord[];
    expect(rows.map((x) => [x.flags, x.flag_names, x.state, x.pid, x.program_name, x.path, x.path_type])).toEqual([
      ['ACC', ['accepting'], 'LISTENING', 17436, 'busd', '/srv/acme/busd.sock', 'path'],
      [null, [], null, 1, 'systemd', '/run/systemd/notify', 'path'],
      ['ACC W N', ['accepting', 'wait_data', 'no_space'], 'LISTENING', 7298, 'dns: resolver', '@acme/busd-dev', 'abstract'],
      [null, [], 'CONNECTED', null, null, null, 'unnamed'],
    ]);
  });
});

describe('interface rows', () => {
  it('reads -i with and without Met, expands flags, and keeps huge counters exact', () => {
    const r = parseText(
      'Kernel Interface table\n' +
        'Iface   MTU Met    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg\n' +
        'eth0   1500   0 18446744073709551615      0      0      0 9007199254740993      0      0      0 BMRU\n' +
        'dummy0 1500   0      - no statistics available -                            BORU\n',
    );
    expect(r.diagnostics).toEqual([]);
    const [a, b] = r.records as InterfaceRecord[];
    expect(a).toMatchObject({ iface: 'eth0', mtu: 1500, met: 0, rx_ok: 18446744073709551615n, tx_ok: 9007199254740993n });
    expect(a!.flag_names).toEqual(['broadcast', 'multicast', 'running', 'up']);
    expect(b).toMatchObject({ iface: 'dummy0', rx_ok: null, tx_ovr: null, flg: 'BORU' });
  });
});

describe('strict numbers', () => {
  it('reports "12x" as an unexpected token with its column, not as 12', () => {
    const r = parseText(
      'Kernel Interface table\n' +
        'Iface             MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg\n' +
        'eth0             1500     9012x     0      0 0          2016      0      0      0 BMRU\n',
      { source: 'x.txt' },
    );
    expect(r.records).toEqual([]);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({
      code: 'NETSNAP_PARSE_UNEXPECTED_TOKEN', line: 3, column: 27, length: 5,
      message: 'unexpected "9012x" in Kernel Interface table', expected: ['"-"', 'a number'],
    });
  });
});
