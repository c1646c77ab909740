/**
 * Field-level tests for the rest of Linux net-tools: routes (-r), ifconfig-style interfaces (-ie),
 * statistics (-s), group memberships (-g), translated output, and busybox sections.
 */
import { describe, expect, it } from 'vitest';
import {
  parseText,
  type GroupRecord,
  type InetRecord,
  type InterfaceRecord,
  type NetRecord,
  type RouteRecord,
  type StatRecord,
  type UnixRecord,
} from '../../src/index.js';
import { maskPrefix } from '../../src/parse/formats/linux-route.js';
import { counterName } from '../../src/parse/formats/linux-stats.js';
import { TCP_STATES, UNIX_STATES, UNIX_TYPES } from '../../src/parse/lexer.js';
import { readSample, sampleFiles, seededRandom } from '../helpers.js';

function read<T extends NetRecord>(text: string, kind: T['kind']): T[] {
  const r = parseText(text);
  expect(r.diagnostics).toEqual([]);
  expect(r.skipped).toEqual([]);
  return r.records.filter((x) => x.kind === kind) as T[];
}

function sample<T extends NetRecord>(file: string, kind: T['kind']): T[] {
  return read<T>(readSample(file), kind);
}

describe('routes', () => {
  it('reads -rn: prefix length from the genmask, 0.0.0.0 gateway as none, flags expanded', () => {
    const rows = sample<RouteRecord>('samples/linux/netstat-rn.txt', 'route');
    expect(rows.map((r) => [r.destination, r.prefix_length, r.gateway, r.genmask, r.route_flags, r.route_flags_pretty, r.iface]))
      .toEqual([
        ['0.0.0.0', 0, '192.0.2.1', '0.0.0.0', 'UG', ['UP', 'GATEWAY'], 'eth0'],
        ['192.0.2.0', 24, null, '255.255.255.0', 'U', ['UP'], 'eth0'],
      ]);
    expect(rows[0]).toMatchObject({ ip_version: 4, mss: 0, window: 0, irtt: 0, metric: null, route_refs: null, use: null });
  });

  it('reads -r with names: "default" destination and busybox/old net-tools "*" gateway', () => {
    const rows = sample<RouteRecord>('samples/busybox/busybox-r.txt', 'route');
    expect(rows.map((r) => [r.destination, r.prefix_length, r.gateway])).toEqual([
      ['default', 0, '192.0.2.1'],
      ['192.0.2.0', 24, null],
    ]);
  });

  it('reads -rne (Metric Ref Use) and -rnee (both column sets), with a cut interface name', () => {
    const e = sample<RouteRecord>('samples/jc-fixtures/centos-7.7/netstat-rne.out', 'route');
    expect(e.map((r) => [r.metric, r.route_refs, r.use, r.mss])).toEqual([[100, 0, 0, null], [0, 0, 0, null], [100, 0, 0, null]]);
    const ee = sample<RouteRecord>('samples/jc-fixtures/centos-7.7/netstat-rnee.out', 'route');
    expect(ee[1]).toMatchObject({ destination: '172.17.0.0', prefix_length: 16, metric: 0, route_refs: 0, use: 0, iface: 'docker', mss: 0, window: 0, irtt: 0 });
  });

  it('reads the IPv6 table: prefix from "/N", next hop, reject route with metric -1', () => {
    const rows = sample<RouteRecord>('samples/linux-captures/netstat-A-inet6-rn.txt', 'route');
    expect(rows).toHaveLength(8);
    expect(rows[1]).toMatchObject({ ip_version: 6, destination: 'fe80::/64', prefix_length: 64, gateway: null, genmask: null, metric: 256, route_refs: 2, use: 0, iface: 'eth0' });
    expect(rows[2]).toMatchObject({ destination: '::/0', prefix_length: 0, gateway: 'fd00::1', route_flags_pretty: ['UP', 'GATEWAY'], metric: 1024 });
    expect(rows[3]).toMatchObject({ destination: '::1/128', prefix_length: 128, route_flags: 'Un', route_flags_pretty: ['UP', 'NONEXTHOP'] });
    expect(rows[7]).toMatchObject({ destination: '::/0', route_flags_pretty: ['REJECT', 'NONEXTHOP'], metric: -1, iface: 'lo' });
  });

  it('reads an IPv4 reject route that prints "-" for gateway, Ref and Iface', () => {
    const [r] = read<RouteRecord>(
      'Kernel IP routing table\nDestination     Gateway         Genmask         Flags Metric Ref    Use Iface\n' +
        '10.9.0.0        -               255.255.0.0     !     0      -        0 -\n',
      'route',
    );
    expect(r).toMatchObject({ gateway: null, route_refs: null, iface: null, route_flags_pretty: ['REJECT'], prefix_length: 16 });
  });

  it('reads the route cache header (-rC) as structure; kernels print no rows under it', () => {
    const r = parseText(readSample('samples/linux-captures/netstat-rC.txt'));
    expect(r.stats).toMatchObject({ lines: 2, structural: 2, records: 0, skipped: 0, unparsed: 0 });
  });

  it('reads translated route tables like English ones', () => {
    const en = sample<RouteRecord>('samples/linux-captures/netstat-rnee.txt', 'route');
    for (const lang of ['cs_CZ', 'de_DE', 'et_EE', 'fr_FR', 'ja_JP', 'pt_BR']) {
      const tr = sample<RouteRecord>(`samples/l10n-made/${lang}.UTF-8/netstat-rnee.txt`, 'route');
      expect(tr.map((r) => ({ ...r, source: '-' })), lang).toEqual(en.map((r) => ({ ...r, source: '-' })));
    }
  });

  it('turns netmasks into prefix lengths and refuses holes', () => {
    expect([maskPrefix('255.255.255.255'), maskPrefix('255.255.252.0'), maskPrefix('0.0.0.0')]).toEqual([32, 22, 0]);
    expect([maskPrefix('255.0.255.0'), maskPrefix('256.0.0.0'), maskPrefix('x')]).toEqual([null, null, null]);
  });

  it('reports a route row with a bad number', () => {
    const r = parseText('Kernel IP routing table\nDestination     Gateway         Genmask         Flags   MSS Window  irtt Iface\n' +
      '0.0.0.0         192.0.2.1       0.0.0.0         UG        0 0          0x eth0\n');
    expect(r.stats.unparsed).toBe(1);
    expect(r.diagnostics[0]!.line).toBe(3);
  });
});

describe('ifconfig-style interfaces (-ie)', () => {
  it('reads a net-tools 2.x block into the -i field names and jc ifconfig names', () => {
    const [eth0, lo] = sample<InterfaceRecord>('samples/linux/netstat-ie.txt', 'interface');
    expect(eth0).toMatchObject({
      line: 2, iface: 'eth0', mtu: 1400, met: null, flg: 'UP,BROADCAST,RUNNING,MULTICAST',
      flag_names: ['up', 'broadcast', 'running', 'multicast'],
      ipv4_addr: '192.0.2.2', ipv4_mask: '255.255.255.0', ipv4_bcast: '192.0.2.255',
      ipv6: [{ addr: 'fe80::fc:ff:fe00:1', prefixlen: 64, scope: 'link' }, { addr: 'fd00::2', prefixlen: 64, scope: 'global' }],
      mac_addr: '02:fc:00:00:00:01', txqueuelen: 1000, type: 'Ethernet',
      rx_ok: 2749, rx_bytes: 79843309, rx_err: 0, rx_drp: 0, rx_ovr: 0, rx_frame: 0,
      tx_ok: 2016, tx_bytes: 246539, tx_err: 0, tx_drp: 0, tx_ovr: 0, tx_carrier: 0, tx_collisions: 0,
    });
    expect(lo).toMatchObject({ line: 12, iface: 'lo', mtu: 65536, type: 'Local Loopback', mac_addr: null, ipv4_bcast: null, ipv6: [{ addr: '::1', prefixlen: 128, scope: 'host' }] });
  });

  it('counts the block lines once: the first as the record, the rest as continuation', () => {
    const r = parseText(readSample('samples/linux/netstat-ie.txt'));
    expect(r.stats).toEqual({ lines: 20, records: 2, structural: 18, skipped: 0, unparsed: 0 });
  });

  it('reads Czech -ie, whose keywords, flags and link types net-tools translates, like English', () => {
    const cs = sample<InterfaceRecord>('samples/l10n-made/cs_CZ.UTF-8/netstat-ie.txt', 'interface');
    const de = sample<InterfaceRecord>('samples/l10n-made/de_DE.UTF-8/netstat-ie.txt', 'interface');
    expect(cs[0]!.flg).toBe('AKTIVOVÁNO,VŠESMĚR,BĚŽÍ,MULTICAST');
    const strip = (r: InterfaceRecord) => ({ ...r, source: '-', flg: null });
    expect(cs.map(strip)).toEqual(de.map(strip));
    expect(de[1]).toMatchObject({ type: 'Local Loopback', ipv4_mask: '255.0.0.0', rx_bytes: 6677749, tx_collisions: 0 });
    expect(cs[0]).toMatchObject({ ipv4_mask: '255.255.255.0', ipv4_bcast: '192.0.2.255', txqueuelen: 1000, ipv6: [{ scope: 'global' }, { scope: 'link' }] });
  });

  it('reads the older "Link encap" blocks, with point-to-point and UNSPEC interfaces', () => {
    const rows = sample<InterfaceRecord>('samples/linux-old/netstat-ie-r-ubuntu1404-forum.txt', 'interface');
    expect(rows.map((r) => r.iface)).toEqual(['eth0', 'lo', 'tun0']);
    expect(rows[0]).toMatchObject({
      line: 3, type: 'Ethernet', mac_addr: '00:e0:4d:c2:89:1a', ipv4_addr: '192.168.0.10', ipv4_bcast: '192.168.0.255',
      ipv4_mask: '255.255.255.0', flg: 'UP BROADCAST RUNNING MULTICAST', flag_names: ['up', 'broadcast', 'running', 'multicast'],
      mtu: 1500, met: 1, rx_ok: 606559, rx_err: 10365, rx_drp: 56, rx_ovr: 10365, rx_frame: 0,
      tx_ok: 427655, tx_carrier: 0, tx_collisions: 0, txqueuelen: 1000, rx_bytes: 880039898, tx_bytes: 64501661,
    });
    expect(rows[1]).toMatchObject({ type: 'Local Loopback', mac_addr: null, ipv4_mask: '255.0.0.0' });
    expect(rows[2]).toMatchObject({ type: 'UNSPEC', ipv4_addr: '10.114.1.6', ipv4_mask: '255.255.255.255', flag_names: ['up', 'pointopoint', 'running', 'noarp', 'multicast'], txqueuelen: 100 });
    const routes = sample<RouteRecord>('samples/linux-old/netstat-ie-r-ubuntu1404-forum.txt', 'route');
    expect(routes.map((r) => [r.destination, r.gateway])).toEqual([['default', '192.168.0.1'], ['192.168.0.0', null]]);
  });

  it('reads older inet6 lines with their scope, and lines with no field (Interrupt, Base address)', () => {
    const [eth0] = sample<InterfaceRecord>('samples/linux-old/netstat-i-ie-rhel6-notes.txt', 'interface').filter((r) => r.type !== null);
    expect(eth0!.ipv6).toEqual([
      { addr: 'fec0:0:a10:6000:5054:ff:fe40:5804', prefixlen: 64, scope: 'site' },
      { addr: '2620:52:0:1060:5054:ff:fe40:5804', prefixlen: 64, scope: 'global' },
      { addr: 'fe80::5054:ff:fe40:5804', prefixlen: 64, scope: 'link' },
    ]);
    const course = parseText(readSample('samples/linux-old/netstat-ie-course-notes.txt'));
    expect(course.stats.unparsed).toBe(0);
    expect((course.records[0] as InterfaceRecord).flag_names).toEqual(['up', 'broadcast', 'multicast']);
  });

  it('reads the other lines net-tools 2.x prints: point-to-point, other link types, device', () => {
    const rows = read<InterfaceRecord>(
      'tun0: flags=4305<UP,POINTOPOINT,RUNNING,NOARP,MULTICAST>  mtu 1500  metric 2\n' +
        '        inet 10.8.0.1  netmask 255.255.255.255  destination 10.8.0.2\n' +
        '        unspec 00-00-00-00-00-00-00-00-00-00-00-00-00-00-00-00  txqueuelen 100  (UNSPEC)\n' +
        '        RX packets 0  bytes 0 (0.0 B)\n' +
        '\n' +
        'ib0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 2044\n' +
        '        infiniband 80:00:02:08:FE:80:00:00:00:00:00:00:00:00:00:00:00:00:00:00  txqueuelen 256  (InfiniBand)\n' +
        '        device interrupt 16  memory 0xf7100000-f7120000\n',
      'interface',
    );
    expect(rows[0]).toMatchObject({ iface: 'tun0', met: 2, ipv4_addr: '10.8.0.1', ipv4_mask: '255.255.255.255', ipv4_bcast: null, type: 'UNSPEC', txqueuelen: 100, rx_ok: 0, flag_names: ['up', 'pointopoint', 'running', 'noarp', 'multicast'] });
    expect(rows[1]).toMatchObject({ iface: 'ib0', mtu: 2044, type: 'InfiniBand', mac_addr: '80:00:02:08:FE:80:00:00:00:00:00:00:00:00:00:00:00:00:00:00' });
  });

  it('reports a bad counter in a block and keeps the block', () => {
    const text = 'eth0: flags=4163<UP>  mtu 1400\n        RX packets 12x  bytes 3 (3.0 B)\n        TX packets 5  bytes 3 (3.0 B)\n';
    const r = parseText(text);
    expect(r.diagnostics.map((d) => d.line)).toEqual([2]);
    expect(r.records).toHaveLength(1);
    expect(r.records[0]).toMatchObject({ iface: 'eth0', tx_ok: 5, rx_ok: null });
    expect(r.stats.lines).toBe(r.stats.records + r.stats.structural + r.stats.skipped + r.stats.unparsed);
  });
});

describe('statistics (-s)', () => {
  const stats = sample<StatRecord>('samples/linux/netstat-s.txt', 'stat');
  const get = (section: string, counter: string) => stats.find((s) => s.section === section && s.counter === counter);

  it('names counters from their sentence, wherever the number stands', () => {
    expect(get('Tcp', 'segments_retransmitted')).toMatchObject({ value: 34, text: '34 segments retransmitted' });
    expect(get('TcpExt', 'times_the_listen_queue_of_a_socket_overflowed')!.value).toBe(30);
    expect(get('TcpExt', 'quick_ack_mode_was_activated_times')).toMatchObject({ value: 17, text: 'Quick ack mode was activated 17 times' });
    expect(get('TcpExt', 'syns_to_listen_sockets_dropped')!.value).toBe(30);
    expect(get('Icmp', 'input_icmp_message_failed')!.value).toBe(0);
  });

  it('keeps kernel counter names as printed', () => {
    expect(get('TcpExt', 'TCPLostRetransmit')!.value).toBe(24);
    expect(get('IpExt', 'InOctets')!.value).toBe(81411676);
    expect(get('Ip', 'Forwarding')!.value).toBe(2);
    expect(get('IcmpMsg', 'InType3')).toMatchObject({ value: 1, text: 'InType3: 1' });
  });

  it('folds the ICMP histogram heading into the counter name', () => {
    expect(get('Icmp', 'input_destination_unreachable')!.value).toBe(1);
    expect(get('Icmp', 'input_echo_requests')!.value).toBe(1);
    expect(get('Icmp', 'output_echo_replies')!.value).toBe(1);
  });

  it('gives every counter of a section a distinct name, in every sample', () => {
    let checked = 0;
    for (const file of sampleFiles()) {
      const seen = new Set<string>();
      for (const r of parseText(readSample(file)).records) {
        if (r.kind !== 'stat') continue;
        const key = `${r.snapshot}/${r.section}/${r.counter}`;
        expect(seen.has(key), `${file}: ${key}`).toBe(false);
        seen.add(key);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('reads translated histogram headings, with or without their colon', () => {
    const en = stats.map((s) => `${s.section}/${s.counter}`);
    for (const lang of ['cs_CZ', 'de_DE', 'et_EE', 'fr_FR', 'ja_JP', 'pt_BR']) {
      const tr = sample<StatRecord>(`samples/l10n/${lang}.UTF-8/netstat-s.txt`, 'stat');
      expect(tr.filter((s) => s.section === 'Icmp').map((s) => s.counter), lang).toEqual(
        stats.filter((s) => s.section === 'Icmp').map((s) => s.counter),
      );
      // Counters differ from run to run (net-tools leaves out zeros), but their names are English.
      for (const s of tr) expect(s.counter, lang).toMatch(/^(?:[a-z0-9_]+|[A-Za-z][A-Za-z0-9]*)$/);
      expect(tr.filter((s) => en.includes(`${s.section}/${s.counter}`)).length, lang).toBeGreaterThan(50);
    }
  });

  it('tells the input and output histograms of ICMPv6 apart although net-tools indents them alike', () => {
    const s6 = sample<StatRecord>('samples/linux/netstat-s6.txt', 'stat').filter((s) => s.section === 'Icmp6');
    expect(s6.map((s) => s.counter)).toEqual([
      'icmp_messages_received', 'input_icmp_message_failed', 'icmp_messages_sent', 'input_destination_unreachable',
      'Icmp6InMLDv2Reports', 'output_destination_unreachable', 'output_neighbor_solicits', 'Icmp6OutMLDv2Reports',
      'Icmp6InType1', 'Icmp6InType143', 'Icmp6OutType1', 'Icmp6OutType135', 'Icmp6OutType143',
    ]);
  });

  it('lines counters of two runs up by (section, counter) with the known deltas', () => {
    const before = sample<StatRecord>('samples/linux/netstat-s6.txt', 'stat');
    const after = sample<StatRecord>('samples/linux-captures/netstat-s-6.txt', 'stat');
    const key = (s: StatRecord) => `${s.section}/${s.counter}`;
    const old = new Map(before.map((s) => [key(s), Number(s.value)]));
    const delta = (k: string) => Number(after.find((s) => key(s) === k)!.value) - old.get(k)!;
    expect(delta('Tcp/active_connection_openings')).toBe(256 - 165);
    expect(delta('Tcp/segments_retransmitted')).toBe(62 - 34);
    expect(delta('Ip6/Ip6InOctets')).toBe(396236 - 180759);
    expect(delta('Icmp6/output_neighbor_solicits')).toBe(0);
    // echo requests appear in the later run only, under both histograms
    expect(after.filter((s) => s.counter.endsWith('echo_requests')).map(key)).toEqual(['Icmp6/input_echo_requests', 'Icmp6/output_echo_requests']);
  });

  it('starts a new snapshot when a section comes again (two runs pasted one after the other)', () => {
    const text = 'Tcp:\n    5 resets sent\nUdp:\n    1 packets sent\nTcp:\n    7 resets sent\n';
    const r = parseText(text);
    expect(r.records.map((x) => [x.snapshot, (x as StatRecord).counter, (x as StatRecord).value])).toEqual([
      [0, 'resets_sent', 5], [0, 'packets_sent', 1], [1, 'resets_sent', 7],
    ]);
  });

  it('reads counters beyond 2^53 exactly, and reports a line with no number', () => {
    const r = parseText('IpExt:\n    InOctets: 18446744073709551615\n    something went wrong\n');
    expect((r.records[0] as StatRecord).value).toBe(18446744073709551615n);
    expect(r.diagnostics.map((d) => d.line)).toEqual([3]);
  });

  it('makes snake_case names', () => {
    expect(counterName('packets dropped from out-of-order queue')).toBe('packets_dropped_from_out_of_order_queue');
    expect(counterName('input ICMP message failed.')).toBe('input_icmp_message_failed');
  });
});

describe('group memberships (-g)', () => {
  it('reads interface, refcnt, group and the IP version', () => {
    const rows = sample<GroupRecord>('samples/linux/netstat-gn.txt', 'group');
    expect(rows).toHaveLength(14);
    expect(rows[0]).toMatchObject({ iface: 'lo', refcnt: 1, group: '224.0.0.251', ip_version: 4 });
    expect(rows[13]).toMatchObject({ iface: 'eth0', group: 'ff01::1', ip_version: 6 });
  });

  it('takes a resolved name below the first IPv6 group as IPv6', () => {
    const rows = read<GroupRecord>(
      'IPv6/IPv4 Group Memberships\nInterface       RefCnt Group\n--------------- ------ ---------------------\n' +
        'lo              1      all-systems.mcast.net\nlo              1      ff02::1\nlo              1      ip6-allnodes\n',
      'group',
    );
    expect(rows.map((r) => r.ip_version)).toEqual([4, 6, 6]);
  });

  it('reads translated titles and headers', () => {
    for (const lang of ['cs_CZ', 'de_DE', 'et_EE', 'fr_FR', 'ja_JP', 'pt_BR']) {
      const r = parseText(readSample(`samples/l10n/${lang}.UTF-8/netstat-g.txt`));
      expect(r.stats, lang).toMatchObject({ records: 16, structural: 3, skipped: 0, unparsed: 0 });
    }
  });
});

describe('translated socket tables', () => {
  const tcp = new Set<string>(TCP_STATES);

  it('maps translated states to the English names (de, pt_BR, cs)', () => {
    const de = sample<InetRecord>('samples/l10n/de_DE.UTF-8/netstat-an.txt', 'inet');
    expect(de.find((r) => r.line === 39)?.state ?? de.filter((r) => r.state === 'ESTABLISHED').length > 0).toBeTruthy();
    const pt = sample<InetRecord>('samples/l10n/pt_BR.UTF-8/netstat-an.txt', 'inet');
    expect(pt.find((r) => r.line === 3)).toMatchObject({ state: 'LISTEN', local_port: '47005' });
    const cs = sample<InetRecord>('samples/l10n/cs_CZ.UTF-8/netstat-an.txt', 'inet');
    expect(cs.find((r) => r.line === 36)).toMatchObject({ state: 'LAST_ACK', recv_q: 1, send_q: 2985985, foreign_port: '41400' });
  });

  it('gives only English state and type names for every translated sample', () => {
    let n = 0;
    for (const file of sampleFiles('l10n')) {
      for (const r of parseText(readSample(file)).records) {
        if (r.kind === 'inet' && r.state !== null && !/^\d+$/.test(r.state)) expect(tcp.has(r.state), `${file}:${r.line} ${r.state}`).toBe(true);
        if (r.kind === 'unix') {
          expect(UNIX_TYPES.includes(r.type as never), `${file}:${r.line}`).toBe(true);
          if (r.state !== null) expect(UNIX_STATES.includes(r.state as never), `${file}:${r.line} ${r.state}`).toBe(true);
        }
        n++;
      }
    }
    expect(n).toBeGreaterThan(3000);
  });

  it('maps unix states by table: VERBUNDEN is CONNECTED there, HÖRT is LISTENING, SEQPAKET is SEQPACKET', () => {
    const unix = sample<UnixRecord>('samples/l10n/de_DE.UTF-8/netstat-an.txt', 'unix');
    const by = (state: string) => unix.filter((u) => u.state === state).length;
    expect(by('CONNECTED')).toBeGreaterThan(10);
    expect(by('LISTENING')).toBeGreaterThan(3);
    expect(unix.some((u) => u.type === 'SEQPACKET')).toBe(true);
  });

  it('reads Latin-1 output (decoded as windows-1252)', () => {
    const unix = sample<UnixRecord>('samples/l10n/de_DE.ISO-8859-1/netstat-an.txt', 'unix');
    expect(unix.filter((u) => u.state === 'LISTENING').length).toBeGreaterThan(3);
  });

  it('reads program names after multi-byte characters, whose byte padding shifts columns', () => {
    const rows = sample<InetRecord>('samples/l10n/de_DE.UTF-8/netstat-anp.txt', 'inet');
    expect(rows.find((r) => r.line === 39)).toMatchObject({ state: 'ESTABLISHED', pid: 5009, program_name: 'sérveur-ü' });
  });

  it('reports a state of the wrong table', () => {
    const r = parseText('Aktive Internetverbindungen (Nur Server)\nProto Recv-Q Send-Q Local Address           Foreign Address         State      \n' +
      'tcp        0      0 127.0.0.1:80            0.0.0.0:*               HÖRT       \n');
    expect(r.diagnostics.map((d) => d.line)).toEqual([3]);
  });
});

describe('busybox sections', () => {
  it('marks every socket record of every busybox sample busybox, and no record of the net-tools samples', () => {
    let busybox = 0;
    // Linux samples only: the other platforms' tables are not net-tools' or busybox's.
    const linuxDirs = /^samples\/(busybox|linux|l10n|jc-fixtures\/(centos|ubuntu|fedora|generic))/;
    for (const file of sampleFiles().filter((f) => linuxDirs.test(f))) {
      const isBusybox = file.startsWith('samples/busybox');
      for (const r of parseText(readSample(file)).records) {
        // Route tables look the same from both programs: they say linux (see the README).
        const expected = isBusybox && (r.kind === 'inet' || r.kind === 'unix') ? 'busybox' : 'linux';
        expect(r.platform, `${file}:${r.line}`).toBe(expected);
        if (r.platform === 'busybox') busybox++;
      }
    }
    expect(busybox).toBeGreaterThan(2000);
  });

  it('gives IPv6 rows printed as tcp/udp/raw ip_version 6, from the address', () => {
    const rows = sample<InetRecord>('samples/busybox/busybox-an.txt', 'inet');
    const v6 = rows.filter((r) => r.ip_version === 6);
    expect(v6.length).toBe(33);
    expect(v6.every((r) => r.network_protocol === 'ipv6' && !r.proto.endsWith('6'))).toBe(true);
  });

  it('tells busybox from a row when the header lost its trailing spaces, and keeps names under IPv6 rows IPv6', () => {
    const rows = read<InetRecord>(
      'Active Internet connections (w/o servers)\nProto Recv-Q Send-Q Local Address           Foreign Address         State\n' +
        'tcp        0      0 localhost:7001          localhost:41000         ESTABLISHED\n' +
        'tcp        0      0 ::1:7005                ::1:41001               ESTABLISHED\n' +
        'tcp        0      0 localhost:8443          localhost:41002         ESTABLISHED\n',
      'inet',
    );
    expect(rows.map((r) => [r.platform, r.ip_version])).toEqual([['linux', 4], ['busybox', 6], ['busybox', 6]]);
  });
});

describe('notices', () => {
  it('takes netstat -M and -sx complaints as notices', () => {
    const r = parseText("netstat: no support for `ip_masquerade' on this system.\nnetstat: No statistics support for specified address family: unix\n");
    expect(r.stats).toMatchObject({ structural: 2, skipped: 0, unparsed: 0 });
  });
});

describe('bad input', () => {
  /** Seeded random lines from the pieces these formats care about. */
  function randomLines(count: number, seed: number): string[] {
    const rnd = seededRandom(seed);
    const pieces = [
      ' ', '    ', '\t', '0', '99999999999999999999999', '-1', '-', ':', 'Tcp:', 'InType3:', 'flags=4163<UP>', 'mtu',
      'inet', 'inet6', 'netmask', 'prefixlen', 'scopeid', '0x20<link>', 'RX', 'TX', 'packets', 'bytes', '(1.0 MiB)',
      'addr:1.2.3.4', 'MTU:1500', 'Link', 'encap:Ethernet', 'HWaddr', 'UG', '!n', 'eth0', 'fe80::/64', '255.255.255.0',
      'ICMP input histogram:', 'POSLEDNÍ', 'ACK', 'VERBUNDEN', 'é', '\u0000', 'x'.repeat(300),
    ];
    const lines: string[] = [];
    for (let i = 0; i < count; i++) {
      let line = '';
      const n = Math.floor(rnd() * 10);
      for (let k = 0; k < n; k++) line += pieces[Math.floor(rnd() * pieces.length)];
      lines.push(line);
    }
    return lines;
  }

  const OPENERS = [
    'Tcp:\n',
    'eth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1400\n',
    'eth0      Link encap:Ethernet  HWaddr 00:16:36:f8:b2:64\n',
    'Kernel IP routing table\nDestination     Gateway         Genmask         Flags Metric Ref    Use Iface\n',
    'Kernel IPv6 routing table\nDestination                    Next Hop                   Flag Met Ref  Use If\n',
    'IPv6/IPv4 Group Memberships\nInterface       RefCnt Group\n',
  ];

  it('never throws, and accounts for every line', () => {
    OPENERS.forEach((opener, k) => {
      const text = opener + randomLines(3000, k + 1).join('\n') + '\n';
      const r = parseText(text);
      expect(r.stats.lines).toBe(r.stats.records + r.stats.structural + r.stats.skipped + r.stats.unparsed);
    });
  });
});
