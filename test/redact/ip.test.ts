/** IP literals: parsing, RFC 5952 formatting, and the ranges that say what an address is. */
import { describe, expect, it } from 'vitest';
import { bindScope, classifyIp, formatIpv6, parseIp, parseIpv4, parseIpv6 } from '../../src/redact/ip.js';

describe('ip', () => {
  it('parses IPv4 strictly', () => {
    expect(parseIpv4('192.168.1.5')).toBe(0xc0a80105);
    expect(parseIpv4('256.1.1.1')).toBeNull();
    expect(parseIpv4('01.1.1.1')).toBeNull();
    expect(parseIpv4('1.2.3')).toBeNull();
  });

  it('parses and formats IPv6, with zones and dotted tails', () => {
    for (const [text, back] of [
      ['::', '::'],
      ['::1', '::1'],
      ['fe80::a00:27ff:fe4e:66a1', 'fe80::a00:27ff:fe4e:66a1'],
      ['2001:DB8:0:0:1:0:0:1', '2001:db8::1:0:0:1'],
      ['::ffff:127.0.0.1', '::ffff:127.0.0.1'],
      ['1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7:8'],
      ['2001:db8::', '2001:db8::'],
    ] as const) {
      const p = parseIpv6(text)!;
      expect(formatIpv6(p.value, p.dottedTail), text).toBe(back);
    }
    expect(parseIpv6('fe80::1%eth0')!.zone).toBe('%eth0');
    for (const bad of ['1:2:3', ':::', '1::2::3', '12345::', '10:00:01', '08:00:27:4e:66:a1']) expect(parseIpv6(bad), bad).toBeNull();
  });

  it('classifies addresses and bind scopes', () => {
    const cls = (t: string) => classifyIp(parseIp(t)!);
    expect(['0.0.0.0', '127.0.0.53', '10.1.2.3', '172.20.0.1', '172.32.0.1', '192.168.0.1', '169.254.9.9', '100.64.0.1', '224.0.0.251', '255.255.255.0', '8.8.4.4'].map(cls)).toEqual([
      'wildcard', 'loopback', 'private', 'private', 'public', 'private', 'link-local', 'shared', 'multicast', 'reserved', 'public',
    ]);
    expect(['::', '::1', 'fe80::1', 'fd00::1', 'ff02::1', '2001:db8::1', '2a00:1450::1', '::ffff:10.0.0.1'].map(cls)).toEqual([
      'wildcard', 'loopback', 'link-local', 'private', 'multicast', 'documentation', 'public', 'private',
    ]);
    expect(['*', '0.0.0.0', '[::]', '::', 'localhost', '127.0.0.1', '::1', '::ffff:127.0.0.1', '10.0.0.5', 'web1', 'fe80::1%eth0'].map(bindScope)).toEqual([
      'all', 'all', 'all', 'all', 'loopback', 'loopback', 'loopback', 'loopback', 'address', 'address', 'address',
    ]);
  });
});
