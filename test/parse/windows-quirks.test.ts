/** Field-level tests for the quirks of real Windows netstat output. */
import { describe, expect, it } from 'vitest';
import {
  parseText,
  type NetRecord,
  type ParseResult,
  type WindowsInetRecord,
  type WindowsInterfaceRecord,
  type WindowsRouteRecord,
  type WindowsStatRecord,
} from '../../src/index.js';
import { readSample } from '../helpers.js';

const TITLE = '\nActive Connections\n\n';
const H = '  Proto  Local Address          Foreign Address        State\n';
const HO = '  Proto  Local Address          Foreign Address        State           PID\n';

function clean(text: string): ParseResult {
  const r = parseText(text, { source: 'paste.txt' });
  expect(r.diagnostics).toEqual([]);
  expect(r.skipped).toEqual([]);
  expect(r.stats.lines).toBe(r.stats.records + r.stats.structural + r.stats.skipped + r.stats.unparsed);
  return r;
}

function inet(text: string): WindowsInetRecord[] {
  return clean(text).records as WindowsInetRecord[];
}

const pick = <T extends NetRecord>(rows: T[], ...keys: (keyof T)[]) => rows.map((r) => keys.map((k) => r[k]));

describe('Windows connections', () => {
  it('reads every address form: wildcards, brackets, zone ids, names without -n', () => {
    const rows = inet(
      TITLE + H +
        '  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING\n' +
        '  UDP    0.0.0.0:500            *:*                    \n' +
        '  TCP    [::]:135               [::]:0                 LISTENING\n' +
        '  TCP    [fe80::1%12]:49665     [fe80::2%12]:445       ESTABLISHED\n' +
        '  TCP    0.0.0.0:135            orion:0                LISTENING\n' +
        '  TCP    192.168.0.106:49972    cdn-185-199-108-153:https  ESTABLISHED\n',
    );
    expect(pick(rows, 'local_address', 'local_port', 'local_port_num', 'foreign_address', 'foreign_port', 'foreign_port_num', 'ip_version')).toEqual([
      ['0.0.0.0', '135', 135, '0.0.0.0', '0', 0, 4],
      ['0.0.0.0', '500', 500, '*', '*', null, 4],
      ['::', '135', 135, '::', '0', 0, 6],
      ['fe80::1%12', '49665', 49665, 'fe80::2%12', '445', 445, 6],
      ['0.0.0.0', '135', 135, 'orion', '0', 0, 4],
      ['192.168.0.106', '49972', 49972, 'cdn-185-199-108-153', 'https', null, 4],
    ]);
    expect(rows.every((r) => r.platform === 'windows' && r.recv_q === null && r.send_q === null)).toBe(true);
  });

  it('normalises LISTENING to LISTEN and keeps the printed word; UDP rows have no state', () => {
    const rows = inet(
      TITLE + HO +
        '  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       1712\n' +
        '  TCP    10.0.0.5:50000         10.0.0.9:443           SYN_RECEIVED    4\n' +
        '  TCP    10.0.0.5:50001         10.0.0.9:443           FIN_WAIT_1      4\n' +
        '  TCP    10.0.0.5:50002         10.0.0.9:443           CLOSED          4\n' +
        '  UDP    0.0.0.0:53             *:*                                    8844\n',
    );
    expect(pick(rows, 'proto', 'transport_protocol', 'state', 'state_text', 'pid')).toEqual([
      ['TCP', 'tcp', 'LISTEN', 'LISTENING', 1712],
      ['TCP', 'tcp', 'SYN_RECV', 'SYN_RECEIVED', 4],
      ['TCP', 'tcp', 'FIN_WAIT1', 'FIN_WAIT_1', 4],
      ['TCP', 'tcp', 'CLOSE', 'CLOSED', 4],
      ['UDP', 'udp', null, null, 8844],
    ]);
  });

  it('maps the German states to the English names, ABH™REN (CP850 read as Windows-1252) too', () => {
    const rows = inet(
      '\nAktive Verbindungen\n\n  Proto  Lokale Adresse         Remoteadresse          Status\n' +
        '  TCP    0.0.0.0:135            0.0.0.0:0              ABHÖREN\n' +
        '  TCP    0.0.0.0:102            0.0.0.0:0              ABH™REN\n' +
        '  TCP    127.0.0.1:49159        127.0.0.1:49160        HERGESTELLT\n' +
        '  TCP    127.0.0.1:51231        127.0.0.1:44080        WARTEND\n' +
        '  TCP    127.0.0.1:49186        127.0.0.1:49273        SCHLIESSEN_WARTEN\n' +
        '  TCP    127.0.0.1:44080        127.0.0.1:51244        FIN_WARTEN_2\n' +
        '  TCP    192.168.11.22:49876    192.168.33.44:10010    SYN_GESENDET\n',
    );
    expect(rows.map((r) => r.state)).toEqual(['LISTEN', 'LISTEN', 'ESTABLISHED', 'TIME_WAIT', 'CLOSE_WAIT', 'FIN_WAIT2', 'SYN_SENT']);
    expect(rows[1]!.state_text).toBe('ABH™REN');
  });

  it('keeps a state in capitals it does not know as printed, rather than failing or guessing', () => {
    const [r] = inet(TITLE + H + '  TCP    0.0.0.0:135            0.0.0.0:0              ESCUCHANDO\n');
    expect(r).toMatchObject({ state: 'ESCUCHANDO', state_text: 'ESCUCHANDO' });
  });

  it('reads TCPv6/UDPv6 rows of -p TCPv6 as IPv6', () => {
    const rows = inet(TITLE + H + '  TCPv6  [::]:135               [::]:0                 LISTENING\n  UDPv6  [::]:500               *:*                    \n');
    expect(pick(rows, 'proto', 'transport_protocol', 'network_protocol', 'ip_version')).toEqual([
      ['TCPv6', 'tcp', 'ipv6', 6],
      ['UDPv6', 'udp', 'ipv6', 6],
    ]);
  });

  it('reads headers in other languages: Russian and Chinese first columns, German "Proto." with -t', () => {
    const ru = inet(readSample('samples/windows/windows-ru-netstat-a-n-fragment.txt'));
    expect(ru).toHaveLength(18);
    expect(ru[0]).toMatchObject({ local_port: '135', state: 'LISTEN' });
    const zh = inet(readSample('samples/windows/windows-zh-cn-netstat-ano-fragment-a.txt'));
    expect(pick(zh, 'local_port', 'pid')[0]).toEqual(['135', 1072]);
    const tn = inet(readSample('samples/windows/windows-de-win81-netstat-tn.txt'));
    expect(tn.every((r) => r.offload_state === 'InHost' && r.pid === null)).toBe(true);
    expect(tn.find((r) => r.state_text === 'SCHLIESSEN_WARTEN')).toMatchObject({ state: 'CLOSE_WAIT', offload_state: 'InHost' });
  });

  it('reads a PID pushed right by a long state or a long address', () => {
    const rows = inet(readSample('samples/windows/windows-de-win81-netstat-ano.txt'));
    expect(rows.find((r) => r.state_text === 'SCHLIESSEN_WARTEN')).toMatchObject({ pid: 12600, local_port: '54995' });
    expect(rows.find((r) => r.local_address === 'fe80::10b0:462e:c279:f46a%9' && r.local_port === '546')).toMatchObject({
      foreign_address: '*', state: null, pid: 1216, ip_version: 6,
    });
  });

  it('reads rows pasted without title or header', () => {
    const rows = inet('  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       1712\n  UDP    0.0.0.0:53             *:*                                    8844\n');
    expect(pick(rows, 'state', 'pid')).toEqual([['LISTEN', 1712], [null, 8844]]);
  });
});

describe('Windows -b owner lines', () => {
  it('puts the component, the program and the "no owner" sentence on the row above', () => {
    const r = clean(readSample('samples/jc-fixtures/windows-10/netstat-aonb.out'));
    const rows = r.records as WindowsInetRecord[];
    expect(pick(rows.slice(0, 3), 'line', 'pid', 'component', 'program_name', 'owner_note')).toEqual([
      [5, 1712, 'RpcSs', 'svchost.exe', null],
      [8, 9396, null, 'vmware-hostd.exe', null],
      [10, 4, null, null, 'Can not obtain ownership information'],
    ]);
    // one record per row, owner lines are continuations of it
    expect(rows).toHaveLength(318);
    expect(r.stats).toMatchObject({ records: 318, structural: 402 });
  });

  it('reads program names with spaces, and the sentence in Spanish and French', () => {
    const fr = inet(readSample('samples/windows/windows-fr-netstat-a-b-fragment.txt'));
    expect(fr.find((x) => x.local_port === '52665')).toMatchObject({ program_name: 'NVIDIA Web Helper.exe', component: null });
    expect(fr[1]!.owner_note).toBe('Impossible d’obtenir les informations de propriétaire');
    const es = inet(readSample('samples/windows/windows-es-netstat-b.txt'));
    expect(es.find((x) => x.local_port === '49968')!.owner_note).toBe('No se puede obtener información de propiedad');
    const mojibake = inet(readSample('samples/windows/windows-es-netstat-nabo-file-cp850-mojibake.txt'));
    expect(mojibake[1]!.owner_note).toBe('No se puede obtener informaci¢n de propiedad');
  });

  it('does not take text that is not an owner line: junk with digits, elisions, a second program', () => {
    const r = parseText(
      TITLE + HO +
        '  TCP    0.0.0.0:445            0.0.0.0:0              LISTENING       4\n' +
        ' Can not obtain ownership information\n' +
        'x: Windows Sockets initialization failed: 5\n' +
        '  TCP    0.0.0.0:464            0.0.0.0:0              LISTENING       592\n' +
        ' [lsass.exe]\n' +
        ' [other.exe]\n' +
        '    ...\n',
    );
    const rows = r.records as WindowsInetRecord[];
    expect(pick(rows, 'owner_note', 'program_name')).toEqual([
      ['Can not obtain ownership information', null],
      [null, 'lsass.exe'],
    ]);
    expect(r.skipped.map((s) => s.line)).toEqual([7, 10, 11]);
    expect(r.diagnostics).toEqual([]);
  });

  it('does not take a header or title under a row as an owner line', () => {
    const r = clean(TITLE + HO + '  UDP    0.0.0.0:53             *:*                                    8844\n' + HO + '  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       1712\n');
    expect(pick(r.records as WindowsInetRecord[], 'pid', 'owner_note')).toEqual([[8844, null], [1712, null]]);
  });
});

describe('Windows -e', () => {
  it('makes one interface record of the six rows, rx_ok/tx_ok the sum of unicast and non-unicast', () => {
    const r = clean(readSample('samples/windows/windows-en-netstat-e-from-comment.txt'));
    expect(r.records).toHaveLength(1);
    const [e] = r.records as WindowsInterfaceRecord[];
    expect(e).toMatchObject({
      kind: 'interface', platform: 'windows', iface: '*', mtu: null, line: 4,
      rx_bytes: 442364986, tx_bytes: 1586055137, rx_unicast: 13822316, tx_unicast: 10819989,
      rx_non_unicast: 14064259, tx_non_unicast: 18741, rx_ok: 13822316 + 14064259, tx_ok: 10819989 + 18741,
      rx_drp: 0, tx_drp: 0, rx_err: 0, tx_err: 0, rx_unknown_protos: 62654,
    });
    // six rows, one record line; the title and header are structural
    expect(r.stats).toMatchObject({ lines: 9, records: 1, structural: 8 });
  });

  it('reads German labels and keeps sums beyond 2^53 exact', () => {
    const [de] = clean(readSample('samples/windows/windows-de-win81-netstat-e.txt')).records as WindowsInterfaceRecord[];
    expect(de).toMatchObject({ rx_bytes: 1060028650, rx_ok: 789900, tx_ok: 637264, rx_unknown_protos: 0 });
    const [big] = clean(
      'Interface Statistics\n\n                           Received            Sent\n\n' +
        'Bytes                    18446744073709551615        1\n' +
        'Unicast packets          9007199254740993          0\n' +
        'Non-unicast packets      9007199254740993          0\n',
    ).records as WindowsInterfaceRecord[];
    expect(big).toMatchObject({ rx_bytes: 18446744073709551615n, rx_ok: 18014398509481986n, tx_ok: 0, rx_drp: null });
  });

  it('reads the rows under a title it does not know, from the Bytes row on', () => {
    const r = parseText(
      'Interfacestatistieken\n\n                           Ontvangen       Verzonden\n\n' +
        'Bytes                      100             200\n' +
        'Unicastpakketten            10              20\n',
    );
    expect(r.skipped.map((x) => x.line)).toEqual([1, 3]);
    expect(r.records).toEqual([expect.objectContaining({ kind: 'interface', iface: '*', line: 5, rx_bytes: 100, tx_unicast: 20, rx_ok: 10 })]);
  });

  it('names rows it cannot read by label by their place', () => {
    const [e] = clean(
      'Statistiques de l\'interface\n\n                           Reçus            Envoyés\n\n' +
        'Octets                     100             200\n' +
        'Paquets unicast             10              20\n' +
        'Paquets non-unicast          1               2\n' +
        'Rejets                       3               4\n' +
        'Erreurs                      5               6\n' +
        'Protocoles inconnus          7\n',
    ).records as WindowsInterfaceRecord[];
    expect(e).toMatchObject({ rx_bytes: 100, tx_bytes: 200, rx_ok: 11, tx_ok: 22, rx_drp: 3, tx_drp: 4, rx_err: 5, tx_err: 6, rx_unknown_protos: 7 });
  });
});

describe('Windows -r / route print', () => {
  it('reads the Interface List into interface records with index and hardware address', () => {
    const rows = clean(readSample('samples/windows/windows-en-route-print-dual-nic-before.txt')).records;
    const ifs = rows.filter((x) => x.kind === 'interface') as WindowsInterfaceRecord[];
    expect(pick(ifs, 'if_index', 'iface', 'mac_addr').slice(5, 8)).toEqual([
      [14, 'VirtualBox Host-Only Ethernet Adapter', '0a:00:27:00:00:0e'],
      [1, 'Software Loopback Interface 1', null],
      [34, 'Microsoft ISATAP Adapter', '00:00:00:00:00:00:00:e0'],
    ]);
    // Windows cuts long descriptions at a fixed width
    expect(ifs[2]!.iface).toBe('Linksys WUSB600N Dual-Band Wireless-N USB Network Adapter #');
    // Windows Server 2008 puts spaces around the dots
    const w2008 = clean(readSample('samples/windows/windows-2008-netstat-r.txt')).records as WindowsInterfaceRecord[];
    expect(pick(w2008.slice(0, 3), 'if_index', 'iface', 'mac_addr')).toEqual([
      [10, 'Intel(R) PRO/1000 MT Network Connection', '00:0c:29:9a:e2:26'],
      [1, 'Software Loopback Interface 1', null],
      [12, 'isatap.{DDE3DF3D-3417-4EBF-BF66-73BD3A64FF26}', '00:00:00:00:00:00:00:e0'],
    ]);
  });

  it('reads IPv4 routes with masks as prefix lengths and on-link in any language', () => {
    for (const [file, onLink] of [
      ['samples/windows/windows-de-win81-netstat-rn.txt', 306],
      ['samples/windows/windows-es-route-print-equiv-netstat-r.txt', 331],
      ['samples/windows/windows-fr-route-print.txt', 331],
    ] as const) {
      const routes = clean(readSample(file)).records.filter((x) => x.kind === 'route') as WindowsRouteRecord[];
      expect(routes[0], file).toMatchObject({ ip_version: 4, destination: '0.0.0.0', prefix_length: 0, on_link: false, persistent: false });
      expect(routes[0]!.gateway, file).toMatch(/^192\.168\.\d+\.1$/);
      expect(routes[1], file).toMatchObject({
        destination: '127.0.0.0', genmask: '255.0.0.0', prefix_length: 8, gateway: null, on_link: true, iface: '127.0.0.1', metric: onLink,
      });
    }
  });

  it('joins a wrapped IPv6 gateway to its route, and reads the If column as if_index', () => {
    const r = clean(readSample('samples/windows/windows-es-route-print-equiv-netstat-r.txt'));
    const v6 = r.records.filter((x) => x.kind === 'route' && x.ip_version === 6) as WindowsRouteRecord[];
    expect(pick(v6, 'line', 'if_index', 'metric', 'destination', 'prefix_length', 'gateway', 'on_link')).toEqual([
      [33, 1, 331, '::1/128', 128, null, true],
      [34, 16, 296, 'fe80::/64', 64, null, true],
      [35, 16, 296, 'fe80::8315:b7f7:8d99:e169/128', 128, null, true],
      [37, 1, 331, 'ff00::/8', 8, null, true],
      [38, 16, 296, 'ff00::/8', 8, null, true],
    ]);
    const de = clean(readSample('samples/windows/windows-de-win81-netstat-rn.txt')).records as WindowsRouteRecord[];
    expect(de.find((x) => x.destination === '::/0')).toMatchObject({ gateway: 'fe80::1', on_link: false, prefix_length: 0, if_index: 4 });
  });

  it('reads persistent routes, "Default" metric included, and an empty table ("None")', () => {
    const ec2 = clean(readSample('samples/windows/windows-en-ec2-route-print-persistent.txt')).records as WindowsRouteRecord[];
    expect(ec2.filter((x) => x.persistent)).toEqual([
      expect.objectContaining({ destination: '169.254.169.254', genmask: '255.255.255.255', gateway: '10.0.0.1', metric: 1, iface: null, line: 32 }),
    ]);
    const w2008 = clean(readSample('samples/windows/windows-2008-netstat-r.txt')).records as WindowsRouteRecord[];
    expect(w2008.filter((x) => x.persistent)).toEqual([expect.objectContaining({ destination: '0.0.0.0', gateway: '192.168.10.1', metric: null })]);
  });

  it('reads the Windows XP layout: hex interface index, no table title, Default Gateway line', () => {
    const r = clean(
      '===========================================================================\n' +
        'Interface List\n' +
        '0x1 ........................... MS TCP Loopback interface\n' +
        '0x2 ...00 0c 29 6b 5e 01 ...... AMD PCNET Family PCI Ethernet Adapter - Packet Scheduler Miniport\n' +
        '===========================================================================\n' +
        '===========================================================================\n' +
        'Active Routes:\n' +
        'Network Destination        Netmask          Gateway       Interface  Metric\n' +
        '          0.0.0.0          0.0.0.0      192.168.1.1   192.168.1.100       20\n' +
        'Default Gateway:       192.168.1.1\n' +
        '===========================================================================\n' +
        'Persistent Routes:\n' +
        '  None\n',
    );
    expect(pick(r.records, 'kind', 'line')).toEqual([['interface', 3], ['interface', 4], ['route', 9]]);
    expect((r.records[1] as WindowsInterfaceRecord).if_index).toBe(2);
  });

  it('starts a new snapshot at a second report', () => {
    const before = readSample('samples/windows/windows-en-route-print-dual-nic-before.txt');
    const after = readSample('samples/windows/windows-en-route-print-dual-nic-after.txt');
    const r = clean(before + after);
    expect(r.snapshots).toBe(2);
    expect(r.snapshotInfo.map((s) => s.records)).toEqual([{ interface: 14, route: 9 }, { interface: 14, route: 18 }]);
  });
});

describe('Windows -s', () => {
  it('names sections by protocol and version, counters by the English label', () => {
    const rows = clean(readSample('samples/windows/windows-en-netstat-s-go-fixture.txt')).records as WindowsStatRecord[];
    expect(new Set(rows.map((x) => x.section))).toEqual(new Set(['IPv4', 'IPv6', 'ICMPv4', 'ICMPv6', 'TCPv4', 'TCPv6', 'UDPv6']));
    expect(rows.find((x) => x.section === 'TCPv4' && x.counter === 'segments_retransmitted')).toMatchObject({
      value: 34858, section_text: 'TCP Statistics for IPv4', text: 'Segments Retransmitted              = 34858',
    });
  });

  it('splits ICMP Received and Sent into two counters of the same line', () => {
    const rows = clean(readSample('samples/windows/windows-en-netstat-s-go-fixture.txt')).records as WindowsStatRecord[];
    expect(pick(rows.filter((x) => x.section === 'ICMPv4' && x.counter.startsWith('echo')), 'line', 'counter', 'value')).toEqual([
      [52, 'echo_replies_received', 104],
      [52, 'echo_replies_sent', 3],
      [53, 'echos_received', 148],
      [53, 'echos_sent', 2324],
    ]);
  });

  it('gives German counters the English names', () => {
    const de = clean(readSample('samples/windows/windows-de-win81-netstat-s.txt')).records as WindowsStatRecord[];
    const en = clean(readSample('samples/windows/windows-en-netstat-s-go-fixture.txt')).records as WindowsStatRecord[];
    const names = (rows: WindowsStatRecord[], section: string) => rows.filter((x) => x.section === section).map((x) => x.counter);
    for (const section of ['IPv4', 'ICMPv4', 'ICMPv6', 'TCPv4']) expect(names(de, section), section).toEqual(names(en, section));
    expect(de.find((x) => x.section === 'UDPv4' && x.counter === 'no_ports')).toMatchObject({ value: 76471, section_text: 'UDP-Statistik für IPv4' });
  });

  it('names counters of a language it has no table for by their place', () => {
    const rows = clean(
      'Statistiques TCP pour IPv4\n\n' +
        '  Ouvertures actives                  = 5\n' +
        '  Ouvertures passives                 = 6\n' +
        '  Tentatives de connexion non réussies = 7\n',
    ).records as WindowsStatRecord[];
    expect(pick(rows, 'section', 'counter', 'value')).toEqual([
      ['TCPv4', 'active_opens', 5],
      ['TCPv4', 'passive_opens', 6],
      ['TCPv4', 'failed_connection_attempts', 7],
    ]);
  });

  it('finds the protocol wherever the language puts it in the heading', () => {
    const rows = clean(
      'IPv4 的 TCP 统计信息\n\n  主动开放                 = 5\n\nStatistiques UDP pour IPv6\n\n  Datagrammes reçus    = 7\n',
    ).records as WindowsStatRecord[];
    expect(pick(rows, 'section', 'counter', 'value', 'section_text')).toEqual([
      ['TCPv4', 'active_opens', 5, 'IPv4 的 TCP 统计信息'],
      ['UDPv6', 'datagrams_received', 7, 'Statistiques UDP pour IPv6'],
    ]);
  });

  it('reads old headings without a version as IPv4, and -e -s as one input', () => {
    const rows = clean('IP Statistics\n\n  Packets Received                   = 84167\n').records as WindowsStatRecord[];
    expect(rows[0]).toMatchObject({ section: 'IPv4', counter: 'packets_received', value: 84167 });
    const both = clean(readSample('samples/windows/windows-en-netstat-e-s-reindented.txt'));
    expect(both.records.filter((x) => x.kind === 'interface')).toHaveLength(1);
    // 58 "label = value" rows and 32 ICMP rows of two counters
    expect(both.records.filter((x) => x.kind === 'stat')).toHaveLength(58 + 2 * 32);
  });

  it('counts a line with two counters once', () => {
    const r = clean('ICMPv4 Statistics\n\n                            Received    Sent\n  Messages                  5873        9527\n');
    expect(r.records).toHaveLength(2);
    expect(r.stats).toMatchObject({ lines: 4, records: 1, structural: 3 });
  });
});

describe('Windows snapshots and bad input', () => {
  it('starts a new snapshot at each "Active Connections" (netstat -an 5)', () => {
    const run = TITLE + H + '  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING\n';
    const r = clean(run + run + run);
    expect(r.snapshots).toBe(3);
    expect(r.records.map((x) => x.snapshot)).toEqual([0, 1, 2]);
  });

  it('starts a new snapshot at a -s section or a route table seen again (netstat -s 5, two reports)', () => {
    const stats = readSample('samples/windows/windows-de-win81-netstat-s.txt');
    const s = clean(stats + stats);
    expect(s.snapshotInfo.map((x) => x.records)).toEqual([{ stat: 122 }, { stat: 122 }]);
    const route = readSample('samples/windows/windows-en-storsimple-route-print.txt');
    const r = clean(route + route);
    // the second report's first rule (line 60) cannot be told from the first report's closing rule
    expect(r.snapshotInfo.map((x) => [x.first_line, x.records])).toEqual([
      [1, { interface: 6, route: 29 }],
      [61, { interface: 6, route: 29 }],
    ]);
  });

  it('takes the command of a cmd.exe or PowerShell prompt', () => {
    const r = clean('C:\\Users\\me>netstat -ano\n' + TITLE + HO + '  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       1712\n');
    expect(r.snapshotInfo[0]).toMatchObject({ command: 'netstat -ano', records: { inet: 1 } });
  });

  it('reports damaged rows with line, column and what was expected', () => {
    const r = parseText(TITLE + HO + '  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       17x2\n  TCP    0.0.0.0:135\n', { source: 'x.txt' });
    expect(r.records).toEqual([]);
    expect(r.diagnostics.map((d) => [d.code, d.line, d.column, d.section])).toEqual([
      ['NETSNAP_PARSE_UNEXPECTED_TOKEN', 5, 72, 'Active Connections'],
      ['NETSNAP_PARSE_UNEXPECTED_END', 6, 21, 'Active Connections'],
    ]);
    expect(r.diagnostics[1]!.expected).toEqual(['an address:port']);
  });

  it('reports a PID too large for a number rather than rounding it', () => {
    const r = parseText(TITLE + HO + '  TCP    0.0.0.0:135            0.0.0.0:0              LISTENING       99999999999999999999\n');
    expect(r.records).toEqual([]);
    expect(r.diagnostics[0]).toMatchObject({ code: 'NETSNAP_PARSE_BAD_NUMBER', line: 5 });
  });

  it('names the lines an author left out ("    ...") as skipped, and reads every row around them', () => {
    const r = parseText(readSample('test/fixtures/windows/windows-de-netstat-an-cp850-mojibake-elided.txt'));
    expect(r.diagnostics).toEqual([]);
    expect(r.skipped.map((s) => [s.line, s.text.trim()])).toEqual([[10, '...'], [52, '...'], [86, '...'], [105, '...']]);
    const rows = r.records as WindowsInetRecord[];
    expect(rows).toHaveLength(98);
    expect(rows.filter((x) => x.state === 'LISTEN').every((x) => x.state_text === 'ABH™REN')).toBe(true);
    expect(rows.filter((x) => x.proto === 'UDP').every((x) => x.state === null)).toBe(true);
  });
});
