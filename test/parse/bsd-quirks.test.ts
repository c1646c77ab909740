/** Field-level tests for the quirks of macOS, FreeBSD, OpenBSD and NetBSD netstat output. */
import { describe, expect, it } from 'vitest';
import {
  parseText,
  type InetRecord,
  type InterfaceRecord,
  type NetRecord,
  type RouteRecord,
  type StatRecord,
  type UnixRecord,
} from '../../src/index.js';
import { recordColumns } from '../../src/output/columns.js';
import { readSample } from '../helpers.js';

function read(text: string): NetRecord[] {
  const r = parseText(text);
  expect(r.diagnostics).toEqual([]);
  expect(r.skipped).toEqual([]);
  for (const rec of r.records) expect(Object.keys(rec)).toEqual(recordColumns(rec.kind, rec.platform));
  return r.records;
}

const inet = (text: string) => read(text) as (InetRecord & { [extra: string]: unknown })[];

const MAC_TITLE = 'Active Internet connections (including servers)\n';
// macOS prints two spaces after Send-Q (and before each row's Local Address); FreeBSD one
const MAC_H = 'Proto Recv-Q Send-Q  Local Address          Foreign Address        (state)    \n';
const FBSD_H = 'Proto Recv-Q Send-Q Local Address          Foreign Address        (state)    \n';

describe('BSD inet rows', () => {
  it('splits host.port at the last dot, for names, wildcards, scoped IPv6 and truncated columns', () => {
    const rows = inet(
      MAC_TITLE + MAC_H +
        'tcp4       0      0  192.168.1.5.443        10.0.0.7.51234         ESTABLISHED\n' +
        'tcp4       0      0  localhost.ssh          *.*                    LISTEN     \n' +
        'udp6       0      0  fe80::1%lo0.123        *.*                               \n' +
        'tcp4      31      0  kbrazil-mac.attl.62664 93.87.236.35.bc..sunpr CLOSE_WAIT \n' +
        'tcp6       0      0  fe80::aede:48ff:.61677 fe80::aede:48ff:.49617 ESTABLISHED\n',
    );
    expect(rows.map((r) => [r.local_address, r.local_port, r.local_port_num, r.foreign_address, r.foreign_port])).toEqual([
      ['192.168.1.5', '443', 443, '10.0.0.7', '51234'],
      ['localhost', 'ssh', null, '*', '*'],
      ['fe80::1%lo0', '123', 123, '*', '*'],
      ['kbrazil-mac.attl', '62664', 62664, '93.87.236.35.bc.', 'sunpr'],
      ['fe80::aede:48ff:', '61677', 61677, 'fe80::aede:48ff:', '49617'],
    ]);
    expect(rows.map((r) => r.platform)).toEqual(['darwin', 'darwin', 'darwin', 'darwin', 'darwin']);
  });

  it('maps protocol names: tcp46 and udp46 are dual-stack IPv6 sockets, icm is icmp; UDP has no state', () => {
    const rows = inet(
      MAC_TITLE + MAC_H +
        'tcp46      0      0  *.53137                *.*                    LISTEN     \n' +
        'udp46      0      0  *.*                    *.*                               \n' +
        'udp4       0      0  *.mdns                 *.*                               \n' +
        'icm6       0      0  *.*                    *.*                               \n' +
        'icm4    8136      0  *.*                    *.*                               \n',
    );
    expect(rows.map((r) => [r.proto, r.transport_protocol, r.network_protocol, r.ip_version, r.state])).toEqual([
      ['tcp46', 'tcp', 'ipv6', 6, 'LISTEN'],
      ['udp46', 'udp', 'ipv6', 6, null],
      ['udp4', 'udp', 'ipv4', 4, null],
      ['icm6', 'icmp', 'ipv6', 6, null],
      ['icm4', 'icmp', 'ipv4', 4, null],
    ]);
    expect(rows[4]!.recv_q).toBe(8136);
  });

  it('tells macOS from FreeBSD by the spacing of the (state) header, and Linux stays Linux', () => {
    const mac = inet(MAC_H + 'tcp4       0      0  127.0.0.1.25           *.*                    LISTEN     \n');
    const fbsd = inet(FBSD_H + 'tcp4       0      0 127.0.0.1.25           *.*                    LISTEN     \n');
    expect([mac[0]!.platform, fbsd[0]!.platform]).toEqual(['darwin', 'freebsd']);
    const linux = inet(
      'Proto Recv-Q Send-Q Local Address           Foreign Address         State      \n' +
        'tcp        0      0 127.0.0.1:25            0.0.0.0:*               LISTEN     \n',
    );
    expect(linux[0]).toMatchObject({ platform: 'linux', local_address: '127.0.0.1', local_port: '25' });
  });

  it('reads OpenBSD (Proto padded, TCP-State, UDP tables without a state column) and NetBSD ("State")', () => {
    const open = inet(
      'Active Internet connections (only servers)\n' +
        'Proto   Recv-Q Send-Q  Local Address          Foreign Address        TCP-State\n' +
        'tcp          0      0  127.0.0.1.53           *.*                    LISTEN\n' +
        'Active Internet connections (only servers)\n' +
        'Proto   Recv-Q Send-Q  Local Address          Foreign Address\n' +
        'udp          0      0  redes2.info.bootpc     *.*\n',
    );
    expect(open.map((r) => [r.platform, r.proto, r.transport_protocol, r.ip_version, r.state, r.local_port])).toEqual([
      ['openbsd', 'tcp', 'tcp', 4, 'LISTEN', '53'],
      ['openbsd', 'udp', 'udp', 4, null, 'bootpc'],
    ]);
    expect(open[1]!.local_address).toBe('redes2.info');
    // one run: OpenBSD's title and header per protocol do not start a new snapshot
    expect(open.map((r) => r.snapshot)).toEqual([0, 0]);
    const twoRuns = parseText(
      '$ netstat -an -p tcp\nActive Internet connections (including servers)\n' +
        'Proto   Recv-Q Send-Q  Local Address          Foreign Address        (state)\n' +
        'tcp          0      0  *.22                   *.*                    LISTEN\n' +
        '$ netstat -an -p tcp\nActive Internet connections (including servers)\n' +
        'Proto   Recv-Q Send-Q  Local Address          Foreign Address        (state)\n' +
        'tcp          0      0  *.22                   *.*                    LISTEN\n',
    );
    expect(twoRuns.records.map((r) => r.snapshot)).toEqual([0, 1]);
    const net = inet(
      'Active Internet connections\n' +
        'Proto Recv-Q Send-Q  Local Address          Foreign Address        State\n' +
        'tcp        0      0  192.168.56.21.ssh      192.168.56.1.52060     ESTABLISHED\n',
    );
    expect(net[0]).toMatchObject({ platform: 'netbsd', local_address: '192.168.56.21', local_port: 'ssh' });
  });

  it('hands rows in host:port form under a NetBSD-spaced header to the Linux reader', () => {
    const rows = inet(
      'Proto Recv-Q Send-Q  Local Address          Foreign Address        State\n' +
        'tcp        0      0  127.0.0.1:22           0.0.0.0:*              LISTEN\n' +
        'tcp6       0      0  :::22                  :::*                   LISTEN\n',
    );
    expect(rows.map((r) => [r.platform, r.local_address, r.local_port, r.foreign_port])).toEqual([
      ['linux', '127.0.0.1', '22', '*'],
      ['linux', '::', '22', '*'],
    ]);
  });

  it('reads the -A address columns: macOS Socket and Flowhash, FreeBSD Tcpcb', () => {
    const [mac] = inet(
      'Socket           Flowhash Proto Recv-Q Send-Q  Local Address      Foreign Address    (state)    \n' +
        '7fb03cb95fad8165  6a3d6e4 tcp4       0      0  192.168.1.221.5450 192.168.1.201.4923 ESTABLISHED\n',
    );
    expect(mac).toMatchObject({ platform: 'darwin', socket: '7fb03cb95fad8165', flowhash: '6a3d6e4', local_port: '5450' });
    const [fbsd] = inet(
      'Tcpcb            Proto Recv-Q Send-Q Local Address      Foreign Address    (state)    \n' +
        'fffff80003df43d0 tcp4       0      0 192.168.71.1.ssh   192.168.71.1.56321 ESTABLISHED\n',
    );
    expect(fbsd).toMatchObject({ platform: 'freebsd', tcpcb: 'fffff80003df43d0', state: 'ESTABLISHED' });
  });

  it('reads every macOS -b and -v layout: 10.14, 14 (Sonoma), 15 (Sequoia) and 26 (process:pid)', () => {
    const v1014 = inet(
      'Proto Recv-Q Send-Q  Local Address          Foreign Address        (state)     rhiwat shiwat    pid   epid  state    options\n' +
        'tcp4      24      0  192.168.1.191.52040    140.82.114.4.443       CLOSE_WAIT  131072 132432   9811      0 0x0122 0x00000008\n',
    );
    expect(v1014[0]).toMatchObject({ pid: 9811, epid: 0, rhiwat: 131072, shiwat: 132432, so_state: '0x0122', options: '0x00000008', recv_q: 24 });
    const sonoma = inet(
      'Proto Recv-Q Send-Q  Local Address          Foreign Address        (State)      rhiwat  shiwat    pid   epid state  options           gencnt    flags   flags1 usecnt rtncnt fltrs\n' +
        'tcp4       0      0  127.0.0.1.5037         *.*                    LISTEN       131072  131072  21865      0 00100 00000006 000000000005b822 00000000 00000900      1      0 000000\n',
    );
    expect(sonoma[0]).toMatchObject({ platform: 'darwin', pid: 21865, gencnt: '000000000005b822', usecnt: 1, fltrs: '000000', rxbytes: null });
    const sequoia = inet(
      'Proto Recv-Q Send-Q  Local Address          Foreign Address        (state)        rxbytes    txbytes  rhiwat  shiwat    pid   epid state  options           gencnt    flags   flags1 usecnt rtncnt fltrs\n' +
        'tcp4       0    126  192.168.1.233.52137    34.117.41.85.443       ESTABLISHED       9026        316  131072  131600   2903      0 00102 00000000 00000000023c645f 20000081 04000900      2      0 000004\n',
    );
    expect(sequoia[0]).toMatchObject({ send_q: 126, rxbytes: 9026, txbytes: 316, pid: 2903, so_flags: '20000081', fltrs: '000004' });
    const tahoe = inet(readSample('samples/macos/macos-26-tahoe-netstat-anv-fragment.txt'));
    expect(tahoe.map((r) => [r.pid, r.program_name, r.rxbytes, r.so_state])).toEqual([
      [22712, 'Autodesk Fusion', 118268, '00002'],
      [22712, 'Autodesk Fusion', 358, '00102'],
    ]);
  });

  it('takes the pid after the last colon of process:pid, whatever spaces and colons the name holds', () => {
    const H26 =
      'Proto Recv-Q Send-Q  Local Address          Foreign Address        (state)          rxbytes      txbytes  rhiwat  shiwat          process:pid    state  options           gencnt    flags   flags1 usecnt rtncnt fltrs\n';
    const rows = inet(
      H26 +
        'tcp4       0      0  127.0.0.1.62243        *.*                    LISTEN                 0            0  131072  131072 Code Helper (Plu:17120  00100 00000106 00000000090093f4 00000001 00000800      1      0 000000\n' +
        'tcp4       0      0  127.0.0.1.62244        *.*                    LISTEN                 0            0  131072  131072 com.x:Helper 2:412    00100 00000106 00000000090093f5 00000001 00000800      1      0 000000\n' +
        'udp4       0      0  192.168.0.105.64161    108.177.119.95.443                        13398         5574 1048576   29040 Brave Browser He:855    00102 00000000 000000000005b699 00000000 04200900      1      0 000002\n',
    );
    expect(rows.map((r) => [r.program_name, r.pid, r.state, r.rhiwat])).toEqual([
      ['Code Helper (Plu', 17120, 'LISTEN', 131072],
      ['com.x:Helper 2', 412, 'LISTEN', 131072],
      ['Brave Browser He', 855, null, 1048576],
    ]);
  });

  it('reads FreeBSD -T (no queues, empty UDP counters), -x (buffers and timers), -P (Log ID) and -R', () => {
    const t = inet(
      'Proto Rexmit OOORcv 0-win  Local Address          Foreign Address\n' +
        'tcp4       3      0      0 192.168.71.163.ssh     192.168.71.1.64330     \n' +
        'udp4                       *.syslog               *.*                    \n',
    );
    expect(t.map((r) => [r.platform, r.recv_q, r.rexmit, r.ooorcv, r.zero_win])).toEqual([
      ['freebsd', null, 3, 0, 0],
      ['freebsd', null, null, null, null],
    ]);
    const x = inet(readSample('samples/jc-fixtures/freebsd12/netstat-Aax.out')).filter((r) => r.kind === 'inet');
    expect(x[0]).toMatchObject({ s_hiwa: 33580, r_bmax: 525600, keep: 5079.93, rexmt: 0, state: null });
    expect(x[4]).toMatchObject({ proto: 'udp4', s_bmax: 73728, keep: null, rcvtime: null });
    const p = inet(readSample('samples/jc-fixtures/freebsd12/netstat-AanP.out')).filter((r) => r.kind === 'inet');
    expect(p.map((r) => [r.state, r.log_id])).toEqual([
      ['ESTABLISHED', null], ['LISTEN', null], ['LISTEN', null], ['LISTEN', null], [null, null], [null, null],
    ]);
    const r = inet(
      'Proto Recv-Q Send-Q Local Address          Foreign Address          flowid ftype\n' +
        'tcp4       0      0 10.0.0.1.22            10.0.0.2.50000         8d4e1a3c     2\n' +
        'tcp4       0      0 10.0.0.1.22            10.0.0.2.50001         00000000     0\n',
    );
    expect(r.map((x) => [x.flowid, x.ftype])).toEqual([['8d4e1a3c', 2], ['00000000', 0]]);
  });

  it('keeps FreeBSD\'s "*" after a state that still owes a SYN or FIN', () => {
    const [r] = inet(FBSD_H + 'tcp4       0      0 10.0.0.1.22            10.0.0.2.50000         SYN_SENT*\n');
    expect(r).toMatchObject({ state: 'SYN_SENT*', platform: 'freebsd' });
  });

  it('treats "Some tcp sockets may have been deleted." as a structural line of the table', () => {
    const r = parseText(MAC_H + 'tcp4       0      0  127.0.0.1.25           *.*                    LISTEN     \nSome tcp sockets may have been deleted.\n');
    expect(r.stats).toMatchObject({ records: 1, structural: 2, skipped: 0, unparsed: 0 });
  });

  it('reports a damaged row as unparsed, with its column, never as a record', () => {
    const r = parseText(MAC_H + 'netudp6       0      0  fe80::1%lo0.ntp        *.*                               \n', { source: 'x' });
    expect(r.records).toEqual([]);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ line: 2, column: 1, code: 'NETSNAP_PARSE_UNEXPECTED_TOKEN' });
  });
});

describe('macOS multipath and kernel sections', () => {
  it('reads the inet rows macOS prints under the multipath header, and skips multipath rows', () => {
    const r = parseText(
      'Active Multipath Internet connections\n' +
        'Proto/ID  Flags      Local Address          Foreign Address        (state)    \n' +
        'mptcp/00  00000000/00000000                                        ESTABLISHED \n' +
        '      [tok(0x1234) snd(0x1) rcv(0x2) aid(0)]\n' +
        'icm6       0      0  *.*                    *.*                               \n',
    );
    expect(r.records).toHaveLength(1);
    expect(r.records[0]).toMatchObject({ kind: 'inet', proto: 'icm6', platform: 'darwin', line: 5 });
    expect(r.skipped.map((s) => s.line)).toEqual([3, 4]);
    expect(r.diagnostics).toEqual([]);
  });

  it('recognises VSock sockets and listen queues: structural title and header, skipped rows', () => {
    const r = parseText(
      'Active VSock sockets\n' +
        'Proto Type   Recv-Q Send-Q Local Address      Foreign Address    State      \n' +
        'vsock stream      0      0 *:1024             *:*                LISTEN     \n' +
        'Current listen queue sizes (qlen/incqlen/maxqlen)\n' +
        'Listen         Local Address         \n' +
        '0/0/128        *.22                  \n',
    );
    expect(r.records).toEqual([]);
    expect(r.diagnostics).toEqual([]);
    expect(r.skipped.map((x) => x.line)).toEqual([3, 6]);
    expect(r.stats.structural).toBe(4);
  });

  it('recognises the kernel control, event and control-socket sections: structural titles and headers, skipped rows', () => {
    const r = parseText(readSample('samples/macos/macos-26-netstat-anv-all-sections-edited-fixture.txt'));
    expect(r.skipped.map((s) => s.text.trim().split(/\s+/)[0])).toEqual(['1', 'kevt', 'kctl']);
    expect(r.records.map((x) => x.kind)).toEqual(['inet', 'inet', 'unix']);
    expect(r.stats.structural).toBe(12);
  });
});

describe('BSD unix rows', () => {
  const H = 'Address          Type   Recv-Q Send-Q            Inode             Conn             Refs          Nextref Addr\n';

  it('keeps kernel addresses as strings (0 is null), normalises the type and reads paths with spaces', () => {
    const rows = read(
      'Active UNIX domain sockets\n' + H +
        'fffff80003abf000 stream      0      0 fffff80003c581e0                0                0                0 /var/run/devd.pipe\n' +
        'fffff80003ab6e00 seqpac      0      0 fffff80003c58000                0                0                0 /var/run/my dir/x.sock\n' +
        'fffff80003ab6400 dgram       2      1                0 fffff80003ab6c00                0 fffff80003ab6000\n',
    ) as (UnixRecord & { [k: string]: unknown })[];
    expect(rows.map((r) => [r.platform, r.type, r.path, r.path_type, r.unix_inode, r.conn, r.nextref, r.recv_q, r.send_q])).toEqual([
      ['freebsd', 'STREAM', '/var/run/devd.pipe', 'path', 'fffff80003c581e0', null, null, 0, 0],
      ['freebsd', 'SEQPACKET', '/var/run/my dir/x.sock', 'path', 'fffff80003c58000', null, null, 0, 0],
      ['freebsd', 'DGRAM', null, 'unnamed', null, 'fffff80003ab6c00', 'fffff80003ab6000', 2, 1],
    ]);
    expect(rows[0]).toMatchObject({ proto: 'unix', refcnt: null, inode: null, flags: null, state: null });
  });

  it('labels a table with macOS addresses darwin, and reads rows pasted without their header', () => {
    const mac = read('Active LOCAL (UNIX) domain sockets\n' + H +
      '7fb03cb94a63a7cd stream      1      0                0 7fb03cb94a63cedd                0                0\n');
    expect(mac[0]).toMatchObject({ platform: 'darwin', recv_q: 1, conn: '7fb03cb94a63cedd', rxbytes: null });
    const headerless = parseText(readSample('samples/macos/macos-netstat-a-with-kernel-sections-part2.txt'));
    expect(headerless.records.slice(0, 9).map((x) => [x.kind, x.platform, x.line])).toEqual(
      [1, 2, 3, 4, 5, 6, 7, 8, 9].map((l) => ['unix', 'darwin', l]),
    );
  });

  it('reads OpenBSD-style 0x addresses (0x0 is null) and the macOS 10.14 -v columns', () => {
    const open = read('Active UNIX domain sockets\n' + H +
      '0xffff800000a1b200 stream      0      0 0xffff800000c3d000 0x0 0x0 0x0 /var/run/x.sock\n') as (UnixRecord & { [k: string]: unknown })[];
    expect(open[0]).toMatchObject({ platform: 'freebsd', address: '0xffff800000a1b200', unix_inode: '0xffff800000c3d000', conn: null, path: '/var/run/x.sock' });
    const v = read(
      'Address          Type   Recv-Q Send-Q            Inode             Conn             Refs          Nextref  rhiwat shiwat    pid   epid  state    options Addr\n' +
        '7fb03cb94a63a7cd stream      0      0                0 7fb03cb94a63cedd                0                0    8192   8192    341      0 0x0002 0x00000000 /tmp/a b\n',
    ) as (UnixRecord & { [k: string]: unknown })[];
    expect(v[0]).toMatchObject({ platform: 'darwin', pid: 341, epid: 0, rhiwat: 8192, so_state: '0x0002', path: '/tmp/a b' });
  });

  it('refuses a headerless row whose last columns are not a path (they would be columns it cannot name)', () => {
    const r = parseText(
      '7fb03cb94a63a7cd stream      0      0                0 7fb03cb94a63cedd                0                0 /var/run/x\n' +
        '7fb03cb94a63cedd stream      0      0                0 7fb03cb94a63a7cd                0                0    8192   8192    341      0 0x0002\n',
    );
    expect(r.records.map((x) => x.line)).toEqual([1]);
    expect(r.diagnostics.map((d) => [d.line, d.code, d.column])).toEqual([[2, 'NETSNAP_PARSE_BAD_NUMBER', 110]]);
  });

  it('reads macOS 26 -v UNIX rows with process:pid', () => {
    const [r] = parseText(readSample('samples/macos/macos-26-netstat-anv-all-sections-edited-fixture.txt')).records.filter(
      (x) => x.kind === 'unix',
    ) as (UnixRecord & { [k: string]: unknown })[];
    expect(r).toMatchObject({ pid: 4000, program_name: 'claude.exe', rhiwat: 8192, shiwat: 524288, path: null, so_flags: '00008001' });
  });
});

describe('BSD interface rows', () => {
  it('reads link rows and address rows of an interface as separate records, with "-" as null', () => {
    const rows = read(readSample('samples/jc-fixtures/freebsd12/netstat-i.out')) as InterfaceRecord[];
    expect(rows.slice(0, 4).map((r) => [r.iface, r.mtu, r.network, r.mac_addr, r.address, r.rx_ok, r.rx_err, r.rx_drp])).toEqual([
      ['em0', 1500, '<Link#1>', '00:0c:29:1a:4e:3b', null, 189449, 0, 0],
      ['em0', null, 'fe80::%em0/64', null, 'fe80::20c:29ff:fe', 0, null, null],
      ['em0', null, '192.168.71.0/', null, '192.168.71.163', 92481, null, null],
      ['lo0', 16384, '<Link#2>', null, 'lo0', 26, 0, 0],
    ]);
    expect(rows.every((r) => r.platform === 'freebsd')).toBe(true);
  });

  it('reads macOS -ibdn: no address on a link row, counters wider than their column, Drop, and "*" for a down interface', () => {
    const rows = read(readSample('samples/macos/macos-netstat-ibdnW-gopsutil-a.txt')) as InterfaceRecord[];
    expect(rows[0]).toMatchObject({ iface: 'lo0', network: '<Link#1>', address: null, mac_addr: null, rx_bytes: 12824763793, tx_drp: 0, platform: 'darwin' });
    expect(rows[4]).toMatchObject({ iface: 'gif0', flg: '*', flag_names: ['down'], mtu: 1280 });
    expect(rows[6]).toMatchObject({ iface: 'en0', mac_addr: 'a8:66:7f:dd:ee:ff', rx_ok: 5708989, rx_bytes: 7295722068, tx_drp: 230 });
  });

  it('keeps counters beyond 2^53 exact', () => {
    const [r] = read(
      'Name  Mtu   Network       Address            Ipkts Ierrs     Ibytes    Opkts Oerrs     Obytes  Coll\n' +
        'en0   1500  <Link#4>    98:5a:eb:e2:a7:0f  9895174     2 18446744073709551615  9250217     0 2354022366     0\n',
    ) as InterfaceRecord[];
    expect(r!.rx_bytes).toBe(18446744073709551615n);
  });

  it('knows NetBSD and OpenBSD column names', () => {
    const net = read(readSample('samples/bsd/netbsd-netstat-ind.txt')) as InterfaceRecord[];
    expect(net[0]).toMatchObject({ platform: 'netbsd', network: '<Link>', rx_drp: 0, tx_collisions: 0, tx_drp: 0, tx_ok: 18735351 });
    const bytes = read(readSample('samples/bsd/netbsd-netstat-inb.txt')) as InterfaceRecord[];
    expect(bytes[3]).toMatchObject({ iface: 'lo0', address: null, rx_bytes: 41764800, rx_ok: null });
    const open = read(
      'Name    Mtu   Network     Address              Ipkts Ifail    Opkts Ofail Colls\n' +
        'em0     1500  <Link>      08:00:27:04:59:bf      120     0       80     0     0\n',
    ) as InterfaceRecord[];
    expect(open[0]).toMatchObject({ platform: 'openbsd', rx_ok: 120, rx_err: 0, tx_err: 0 });
  });
});

describe('BSD route rows', () => {
  const routes = (text: string) => read(text) as (RouteRecord & { [k: string]: unknown })[];

  it('takes ip_version from the Internet: and Internet6: lines, and expands flags', () => {
    const rows = routes(readSample('samples/jc-fixtures/freebsd12/netstat-r.out'));
    expect(rows.filter((r) => r.ip_version === 4)).toHaveLength(4);
    expect(rows.filter((r) => r.ip_version === 6)).toHaveLength(9);
    // "localhost" is in both tables: only the family line tells them apart
    expect(rows.filter((r) => r.destination === 'localhost').map((r) => [r.ip_version, r.prefix_length])).toEqual([[4, 32], [6, 128]]);
    expect(rows[0]).toMatchObject({ destination: 'default', prefix_length: 0, gateway: '192.168.71.2', iface: 'em0', route_flags_pretty: ['UP', 'GATEWAY', 'STATIC'] });
  });

  it('derives prefix lengths from short destinations: explicit /N, classful masks, host routes', () => {
    const rows = routes(readSample('samples/jc-fixtures/osx-10.14.6/netstat-rnl.out'));
    const by = (d: string) => rows.find((r) => r.destination === d)!;
    expect([by('127').prefix_length, by('169.254').prefix_length, by('192.168.1').prefix_length]).toEqual([8, 16, 24]);
    expect([by('224.0.0/4').prefix_length, by('192.168.1.221/32').prefix_length, by('192.168.1.64').prefix_length]).toEqual([4, 32, 32]);
    expect(by('192.168.1.64')).toMatchObject({ route_refs: 2, use: 470, mtu: 1500, iface: 'en0', expire: '753' });
    expect(by('169.254')).toMatchObject({ expire: '!', route_flags_pretty: ['UP', 'CLONING', 'STATIC'] });
    const ten = routes('Internet:\nDestination        Gateway            Flags    Refs      Use    Mtu Interface\n10/8               link#1             UC          -        -      -  wm0\n');
    expect(ten[0]).toMatchObject({ platform: 'netbsd', prefix_length: 8, route_refs: null, use: null, mtu: null, iface: 'wm0' });
  });

  it('reads macOS -l with a blank Mtu, and OpenBSD Prio', () => {
    const mac = routes(
      'Internet6:\nDestination                             Gateway                         Flags        Refs      Use    Mtu    Netif Expire\n' +
        'fe80::%lo0/64                           fe80::1%lo0                     UcI             2        0          lo0       \n' +
        'default                                 fe80::%utun0                    UGcI            0        0   2000    utun0       \n',
    );
    expect(mac.map((r) => [r.platform, r.mtu, r.iface, r.prefix_length])).toEqual([['darwin', null, 'lo0', 64], ['darwin', 2000, 'utun0', 0]]);
    const open = routes(readSample('samples/bsd/openbsd55-netstat-rn-f-inet6.txt'));
    expect(open[2]).toMatchObject({ destination: '::1', platform: 'openbsd', mtu: 33144, prio: 4, iface: 'lo0', prefix_length: 128 });
  });

  it('reads the RT_IFA column of newer macOS -l, empty for routes without an interface address', () => {
    const rows = routes(
      'Internet:\nDestination        Gateway            RT_IFA             Flags      Refs      Use    Mtu          Netif Expire\n' +
        'default            192.168.1.1        192.168.1.20       UGScg        12        0   1500            en0       \n' +
        '127                127.0.0.1                             UCS           0        0  16384            lo0       \n',
    );
    expect(rows.map((r) => [r.rt_ifa, r.route_flags, r.route_refs, r.mtu, r.iface, r.prefix_length])).toEqual([
      ['192.168.1.20', 'UGScg', 12, 1500, 'en0', 0],
      [null, 'UCS', 0, 16384, 'lo0', 8],
    ]);
  });

  it('decides macOS or FreeBSD for "Flags Netif Expire" tables from flags only macOS prints', () => {
    const fbsd = routes(readSample('samples/bsd/freebsd102-netstat-rn-f-inet6.txt'));
    expect(new Set(fbsd.map((r) => r.platform))).toEqual(new Set(['freebsd']));
    const mac = routes(readSample('samples/macos/macos-10.9.5-netstat-rn-f-inet6-global.txt'));
    expect(new Set(mac.map((r) => r.platform))).toEqual(new Set(['darwin']));
    // the first row has no macOS-only flag: it is held until a later row decides
    const late = routes(
      'Internet:\nDestination        Gateway            Flags               Netif Expire\n' +
        '10.168.1.4         84:2f:57:43:de:a5  UHLWI                 en0    279\n',
    );
    expect(late[0]).toMatchObject({ platform: 'darwin', route_flags_pretty: ['UP', 'HOST', 'LLINFO', 'WASCLONED', 'IFSCOPE'] });
  });

  it('lets one sub-table\'s header decide the platform of the whole report', () => {
    const rows = routes(
      'Internet6:\nDestination        Gateway            Flags     Netif Expire\n' +
        '::1                ::1                UH          lo0\n' +
        'Internet:\nDestination        Gateway            Flags        Refs      Use   Netif Expire\n' +
        'default            10.0.0.1           UGS            3        0     en0\n',
    );
    expect(rows.map((r) => [r.line, r.platform, r.ip_version])).toEqual([[3, 'darwin', 6], [6, 'darwin', 4]]);
  });

  it('infers ip_version per row when the table has no family line', () => {
    const rows = routes(
      'Destination        Gateway            Flags     Netif Expire\n' +
        'default            192.168.71.2       UGS         em0\n' +
        'default            fe80::1%em0        UG          em0\n' +
        'fe80::%em0/64      link#1             U           em0\n',
    );
    expect(rows.map((r) => r.ip_version)).toEqual([4, 6, 6]);
  });
});

describe('BSD netstat -s', () => {
  const stats = (text: string) => read(text) as (StatRecord & { sub_counter: string | null; sub_value: number | null })[];

  it('names counters from their words and their parent line, with the second count separate', () => {
    const rows = stats(readSample('samples/macos/macos-osx-server-netstat-s-tcp-fragment.txt'));
    expect(rows[0]).toMatchObject({ section: 'tcp', counter: 'packet_sent', value: 226578, platform: 'darwin' });
    expect(rows[1]).toMatchObject({ counter: 'packet_sent.data_packet', value: 100510, sub_counter: 'packet_sent.data_packet_byte', sub_value: 167602278 });
    expect(rows[12]).toMatchObject({ counter: 'packet_sent.checksummed_in_software.segment_over_ipv6', text: '0 segments (0 bytes) over IPv6' });
    const counters = rows.map((r) => `${r.section}/${r.counter}`);
    expect(new Set(counters).size).toBe(counters.length);
  });

  it('gives the same counter to "1 ... attempt" and "2 ... attempts", and reads histograms', () => {
    const one = stats('tcp:\n\t1 bad connection attempt\n\t1 connection closed (including 1 drop)\n');
    const two = stats('tcp:\n\t2 bad connection attempts\n\t3 connections closed (including 2 drops)\n');
    expect(one.map((r) => [r.counter, r.sub_counter])).toEqual(two.map((r) => [r.counter, r.sub_counter]));
    expect(two[1]).toMatchObject({ counter: 'connection_closed', value: 3, sub_counter: 'connection_closed_including_drop', sub_value: 2 });
    const icmp = parseText('icmp:\n\tOutput histogram:\n\t\techo reply: 1234\n\t\tdestination unreachable: 5\n\tICMP address mask responses are disabled\n');
    expect(icmp.stats).toMatchObject({ records: 2, structural: 3, unparsed: 0, skipped: 0 });
    expect(icmp.records.map((r) => [(r as StatRecord).counter, (r as StatRecord).value, r.platform])).toEqual([
      ['output_histogram.echo_reply', 1234, 'freebsd'],
      ['output_histogram.destination_unreachable', 5, 'freebsd'],
    ]);
  });

  it('takes any protocol title inside a report, and nothing after a line that is not the report\'s', () => {
    const r = parseText('tcp:\n\t5 packets sent\nfoo6:\n\t2 things counted\n$ uptime\n\t3 packets sent\n');
    expect(r.records.map((x) => [(x as StatRecord).section, (x as StatRecord).counter])).toEqual([
      ['tcp', 'packet_sent'], ['foo6', 'thing_counted'],
    ]);
    expect(r.skipped.map((x) => x.line)).toEqual([6]);
  });

  it('starts a new snapshot when a section title comes round again', () => {
    const r = parseText('tcp:\n\t5 packets sent\nudp:\n\t1 datagram received\ntcp:\n\t7 packets sent\n');
    expect(r.records.map((x) => [x.snapshot, (x as StatRecord).section, (x as StatRecord).value])).toEqual([
      [0, 'tcp', 5], [0, 'udp', 1], [1, 'tcp', 7],
    ]);
  });
});

describe('bad input in BSD tables', () => {
  it('reports numbers too large for their field, and never crashes on garbage', () => {
    const r = parseText(
      MAC_H.replace('(state)', '(state)     rhiwat shiwat    pid   epid  state    options') +
        'tcp4       0      0  1.2.3.4.5              6.7.8.9.10             ESTABLISHED 131072 131860 99999999999999999999      0 0x0102 0x00000008\n' +
        'tcp4 \u0000\u0001 ((( ))) ::::: 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n',
      { source: 'x' },
    );
    expect(r.records).toEqual([]);
    expect(r.diagnostics.map((d) => [d.line, d.code])).toEqual([
      [2, 'NETSNAP_PARSE_BAD_NUMBER'],
      [3, 'NETSNAP_PARSE_UNEXPECTED_TOKEN'],
    ]);
  });
});
