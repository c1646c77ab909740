/**
 * Redaction on the forms each reader knows: BSD host.port, Windows brackets, owner lines and route
 * print, ss's brackets, %iface and users:(...), BSD interface tables, ifconfig blocks, rows a
 * terminal wrapped. Each case checks the values named, and that the redacted text reads back to
 * exactly what fieldReplacement says (as the round trip over samples/ does).
 */
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/index.js';
import { Pseudonymizer } from '../../src/redact/pseudonym.js';
import { fieldReplacement, redactText, type RedactOptions } from '../../src/redact/redactor.js';
import { readSample } from '../helpers.js';

const KEY = 'formats-key';
const p = new Pseudonymizer(KEY);

type Rec = { [k: string]: unknown };

/** Redact, read both texts, and check every field of every record against fieldReplacement. */
function roundTrip(text: string, options: Omit<RedactOptions, 'key'> = {}): { out: string[]; before: Rec[]; after: Rec[] } {
  const before = parseText(text, { source: 'x' });
  expect(before.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.line}: ${d.message}`)).toEqual([]);
  const { text: redacted, report } = redactText(text, { key: KEY, ...options });
  expect(report.unknownCount).toBe(0);
  const after = parseText(redacted, { source: 'x' });
  expect(after.records).toHaveLength(before.records.length);
  before.records.forEach((rec, i) => {
    const a = rec as unknown as Rec;
    const b = after.records[i] as unknown as Rec;
    for (const field of Object.keys(a)) {
      expect(b[field], `${a.line} ${field} ${JSON.stringify(a[field])}`).toEqual(fieldReplacement(field, a[field], a, p, options));
    }
  });
  return { out: redacted.split('\n'), before: before.records as unknown as Rec[], after: after.records as unknown as Rec[] };
}

describe('redacting BSD and macOS', () => {
  it('reads the port after the last dot: host.port, *.22, fe80::1%lo0.123, names', () => {
    const text =
      'Active Internet connections (including servers)\n' +
      'Proto Recv-Q Send-Q Local Address          Foreign Address        (state)    \n' +
      'tcp4       0      0 192.168.71.163.22      192.168.71.1.56321     ESTABLISHED\n' +
      'tcp4       0      0 *.22                   *.*                    LISTEN     \n' +
      'tcp6       0      0 fe80::1%lo0.123        *.*                    LISTEN     \n' +
      'tcp4       0      0 10.0.0.5.443           web1.example.com.https ESTABLISHED\n';
    const { out, after } = roundTrip(text);
    expect(out[2]).toContain(`${p.address('192.168.71.163')}.22`);
    expect(out[2]).toContain(`${p.address('192.168.71.1')}.56321`);
    expect(out[3]).toBe('tcp4       0      0 *.22                   *.*                    LISTEN     ');
    expect(out[4]).toContain(`${p.address('fe80::1%lo0')}.123`);
    expect(p.address('fe80::1%lo0')).not.toBe('fe80::1%lo0');
    expect(out[5]).toContain(`${p.host('web1.example.com')}.https`);
    expect(after.map((r) => r.platform)).toEqual(['freebsd', 'freebsd', 'freebsd', 'freebsd']);
  });

  it('keeps kernel addresses and interface names, replaces MACs and addresses of netstat -i', () => {
    const { out, after } = roundTrip(readSample('samples/jc-fixtures/freebsd12/netstat-i.out'));
    expect(out[1]).toContain(`<Link#1>      ${p.mac('00:0c:29:1a:4e:3b')}`);
    expect(out[4]).toMatch(/^lo0 {3}16384 <Link#2> {6}lo0 /);
    // the Network column cut to "192.168.71.0/": mapped as the /24 network it is
    expect(out[3]).toContain(`${p.network('192.168.71.0', 24)}/ ${p.address('192.168.71.163')}`);
    expect(after[2]!.network).toBe(`${p.network('192.168.71.0', 24)}/`);
    const unix = roundTrip(readSample('samples/jc-fixtures/freebsd12/netstat-an.out'));
    expect(unix.out[10]).toMatch(/^fffff80003ab6100 stream/);
    expect(new Set(unix.after.map((r) => r.platform))).toEqual(new Set(['freebsd']));
  });

  it('replaces macOS MACs printed without leading zeros, as macOS prints them', () => {
    const mac = p.mac('54:64:d9:79:4e:0');
    expect(mac).toMatch(/^54:64:d9:[0-9a-f]{1,2}:[0-9a-f]{1,2}:[0-9a-f]{1,2}$/);
    expect(mac).not.toBe('54:64:d9:79:4e:0');
    expect(p.address('54:64:d9:79:4e:0')).toBe(mac);
    // group (multicast) addresses name no machine
    expect(p.mac('1:0:5e:0:0:fb')).toBe('1:0:5e:0:0:fb');
    expect(p.mac('33:33:00:00:00:01')).toBe('33:33:00:00:00:01');
  });
});

describe('redacting Windows', () => {
  it('replaces addresses in brackets with a zone, keeps [::], replaces host names', () => {
    const text =
      '\nActive Connections\n\n' +
      '  Proto  Local Address          Foreign Address        State           PID\n' +
      '  TCP    [::]:135               [::]:0                 LISTENING       1712\n' +
      '  TCP    192.168.0.106:49862    DESKTOP-DQP1BRI:0      ESTABLISHED     6472\n' +
      '  UDP    [fe80::244e:2f1e:2096:62b2%9]:1900  *:*                                    8844\n';
    const { out } = roundTrip(text);
    expect(out[4]).toBe('  TCP    [::]:135               [::]:0                 LISTENING       1712');
    expect(out[5]).toContain(`${p.address('192.168.0.106')}:49862`);
    expect(out[5]).toContain(`${p.host('DESKTOP-DQP1BRI')}:0`);
    expect(out[6]).toContain(`[${p.address('fe80::244e:2f1e:2096:62b2%9')}]:1900`);
    expect(out[6]).toContain('%9]');
  });

  it('masks -b owner lines with --mask-args, and replaces the host of the row above them', () => {
    const text =
      ' Proto  Local Address          Foreign Address        State\n' +
      '  TCP    0.0.0.0:135            adclick:0              LISTENING\n' +
      '  RpcSs\n' +
      ' [svchost.exe]\n' +
      '  TCP    10.1.2.3:5040          adclick:0              LISTENING\n' +
      ' [NVIDIA Web Helper.exe]\n';
    const masked = roundTrip(text, { maskArgs: true });
    expect(masked.out[5]).toBe(' [NVIDIA *** ******.***]');
    expect(masked.out[3]).toBe(' [svchost.exe]');
    expect(masked.out[1]).toContain(`${p.host('adclick')}:0`);
    expect(masked.out[4]).toContain(`${p.address('10.1.2.3')}:5040`);
    expect(masked.after[1]!.program_name).toBe('NVIDIA *** ******.***');
    expect(roundTrip(text).out[5]).toBe(' [NVIDIA Web Helper.exe]');
  });

  it('replaces route print: MACs of the Interface List where they stand, gateways and interface addresses', () => {
    const text = readSample('samples/windows/windows-en-storsimple-route-print.txt');
    const { out } = roundTrip(text);
    expect(out[2]).toBe(` 14...${p.mac('00 50 cc 79 63 40')} ......Intel(R) 82574L Gigabit Network Connection`);
    expect(p.mac('00 50 cc 79 63 40')).toMatch(/^00 50 cc [0-9a-f]{2} [0-9a-f]{2} [0-9a-f]{2}$/);
    expect(out[6]).toMatch(/^ 21\.\.\.00 00 00 [0-9a-f]{2} [0-9a-f]{2} [0-9a-f]{2} [0-9a-f]{2} [0-9a-f]{2} Microsoft ISATAP Adapter #2$/);
    expect(out[6]).not.toBe(text.split('\n')[6]);
    // right-aligned columns keep their ends
    const row = text.split('\n')[14]!;
    expect(out[14]).toHaveLength(row.length);
    expect(out[14]!.trimEnd().endsWith(`${p.address('192.168.111.101')}     15`)).toBe(true);
  });
});

describe('redacting ss', () => {
  it('replaces [::ffff:a.b.c.d]:port and addr%iface:port, masks users:(("name",...)) and paths on request', () => {
    const text =
      'Netid State      Recv-Q Send-Q                   Local Address:Port        Peer Address:Port Process                                    \n' +
      'tcp   ESTAB      0      0                  [::ffff:10.1.2.3]:443   [::ffff:127.0.0.1]:60318 users:(("my daemon: work",pid=5008,fd=9)) \n' +
      'udp   UNCONN     0      0                      10.1.2.3%eth0:53             0.0.0.0:*     users:(("systemd-resolve",pid=1,fd=3)) \n' +
      'u_str ESTAB      0      0           /tmp/sockmix/worker 0.sock 10206                  * 10205 users:(("my daemon: work",pid=5008,fd=13))\n';
    const plain = roundTrip(text);
    expect(plain.out[1]).toContain(`[::ffff:${p.address('10.1.2.3')}]:443`);
    expect(plain.out[1]).toContain('[::ffff:127.0.0.1]:60318');
    expect(plain.out[2]).toContain(`${p.address('10.1.2.3')}%eth0:53`);
    expect(plain.out[3]).toContain('/tmp/sockmix/worker 0.sock');
    expect(plain.out[3]).toContain('users:(("my daemon: work",pid=5008,fd=13))');
    const masked = roundTrip(text, { maskArgs: true, maskPaths: true });
    expect(masked.out[1]).toContain('users:(("my ******: ****",pid=5008,fd=9))');
    expect(masked.out[3]).toMatch(/ \/tmp\/[a-p]{7}\/[a-p]{6} [a-p]\.[a-p]{4} 10206 /);
    expect(masked.after[2]!.users).toEqual([{ program_name: 'my ******: ****', pid: 5008, fd: 13 }]);
  });
});

describe('redacting Linux', () => {
  it('reads host:port as the record splits it: a host named like a service stays apart from a port', () => {
    const text =
      'Active Internet connections (servers and established)\n' +
      'Proto Recv-Q Send-Q Local Address           Foreign Address         State      \n' +
      'tcp        0      0 localhost:ssh           ssh:22                  ESTABLISHED\n' +
      'tcp6       0      0 ::1:631                 [::]:*                  LISTEN     \n';
    const { out } = roundTrip(text);
    expect(out[2]).toBe(`tcp        0      0 localhost:ssh           ${`${p.host('ssh')}:22`.padEnd(23)} ESTABLISHED`);
    expect(out[3]).toBe(text.split('\n')[3]);
  });

  it('replaces the addresses and MAC of an ifconfig-style block on its continuation lines', () => {
    const text = readSample('samples/linux/netstat-ie.txt');
    const { out, before } = roundTrip(text);
    const first = before[0]!;
    expect(typeof first.mac_addr).toBe('string');
    const lines = text.split('\n');
    const mac = lines.findIndex((l) => l.includes(first.mac_addr as string));
    expect(out[mac]).toContain(p.mac(first.mac_addr as string));
  });

  it('redacts rows a terminal or mail client wrapped as one row each, cut again at the same place', () => {
    // the Internet table (the UNIX one's header, wrapped, is not read back: its rows are skipped text)
    const sample = readSample('samples/redact/addresses-users-hosts.txt');
    const text = sample.slice(0, sample.indexOf('Active UNIX'));
    // a terminal's hard wrap (mid-word), and a mail client's at a space (the space dropped)
    const hard = (width: number): string => text.split('\n').flatMap((l) => (l.length > width ? [l.slice(0, width), l.slice(width)] : [l])).join('\n');
    const soft = (width: number, rowsOnly = false): string =>
      text
        .split('\n')
        .flatMap((l) => {
          const at = l.trimEnd().lastIndexOf(' ', width);
          const wrap = l.trimEnd().length > width && at > 0 && (!rowsOnly || /^(?:tcp|udp)/.test(l));
          return wrap ? [l.slice(0, at).trimEnd(), l.slice(at + 1).trimStart()] : [l];
        })
        .join('\n');
    // soft(44, true) breaks between the two addresses: read back only with the space put back
    for (const wrapped of [hard(56), hard(80), soft(94), soft(100), soft(44, true)]) {
      for (const options of [{}, { maskArgs: true }]) {
        const notes = parseText(wrapped).diagnostics.filter((d) => d.code === 'NETSNAP_PARSE_REJOINED');
        expect(notes.length).toBeGreaterThan(5);
        const { out, before } = roundTrip(wrapped, options);
        expect(out).toHaveLength(wrapped.split('\n').length);
        expect(parseText(out.join('\n')).diagnostics.filter((d) => d.code === 'NETSNAP_PARSE_REJOINED').map((d) => d.line)).toEqual(notes.map((d) => d.line));
        for (const r of before) {
          for (const field of ['local_address', 'foreign_address']) {
            const value = r[field] as string;
            if (p.address(value) !== value) expect(out.join('\n'), value).not.toContain(`${value}:`);
          }
        }
      }
    }
  });

  it('leaves out a comment line it holds to see if a header goes on, and counts it unread', () => {
    const text = `${readSample('samples/linux/netstat-tulpn.txt')}my secret note about 10.1.2.3\n`;
    const { text: out, report } = redactText(text, { key: KEY });
    expect(out).not.toContain('secret');
    expect(report.unknownCount).toBe(1);
    expect(redactText(text, { key: KEY, keepUnknown: true }).text).toContain('my secret note about 10.1.2.3\n');
  });

  it('reads the input as one platform with --platform: rows of another are not read, so left out', () => {
    const text = 'Proto Recv-Q Send-Q Local Address           Foreign Address         State      \ntcp        0      0 93.184.216.34:22        8.8.4.4:51234           ESTABLISHED\n';
    const linux = redactText(text, { key: KEY, platform: 'linux' });
    expect(linux.report.records).toBe(1);
    expect(linux.text).not.toContain('93.184.216.34');
    const windows = redactText(text, { key: KEY, platform: 'windows' });
    expect(windows.report.records).toBe(0);
    expect(windows.report.unknown).toEqual([1, 2]);
    expect(windows.text).toBe('');
  });
});
