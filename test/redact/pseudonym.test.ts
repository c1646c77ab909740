/** Pseudonyms: consistent per key, prefix-preserving, and keeping what kind of address it was. */
import { describe, expect, it } from 'vitest';
import { classifyIp, parseIp } from '../../src/redact/ip.js';
import { Pseudonymizer } from '../../src/redact/pseudonym.js';

const p = new Pseudonymizer('test-key');

function commonPrefixBits(a: string, b: string): number {
  const x = parseIp(a)!;
  const y = parseIp(b)!;
  const width = x.version === 4 ? 32 : 128;
  let n = 0;
  while (n < width && (x.value >> BigInt(width - 1 - n)) === (y.value >> BigInt(width - 1 - n))) n++;
  return n;
}

describe('pseudonyms of addresses', () => {
  it('are the same for the same key and differ for another key', () => {
    expect(p.address('192.168.1.5')).toBe(new Pseudonymizer('test-key').address('192.168.1.5'));
    expect(new Pseudonymizer('other').address('192.168.1.5')).not.toBe(p.address('192.168.1.5'));
    expect(p.address('192.168.1.5')).not.toBe('192.168.1.5');
  });

  it('preserve prefixes: addresses that share n bits map to addresses that share n bits', () => {
    const pairs = [
      ['192.168.1.5', '192.168.1.77'],
      ['192.168.1.5', '192.168.2.5'],
      ['10.1.2.3', '10.200.2.3'],
      ['8.8.8.8', '8.8.4.4'],
      ['8.8.8.8', '8.9.8.8'],
      ['203.0.114.9', '203.0.114.10'],
      ['2a00:1450:4001:80b::200e', '2a00:1450:4001:80b::1'],
      ['fe80::a00:27ff:fe4e:66a1', 'fe80::a00:27ff:fe4e:1'],
    ];
    for (const [a, b] of pairs) {
      expect(commonPrefixBits(p.address(a!), p.address(b!)), `${a} ${b}`).toBe(commonPrefixBits(a!, b!));
    }
  });

  it('keep the range: private stays private in its block, public stays public, loopback and wildcard as they are', () => {
    for (const keep of ['0.0.0.0', '127.0.0.1', '127.0.0.53', '::', '::1', '224.0.0.251', 'ff02::1', '255.255.255.0', '255.255.255.255', '192.0.2.7']) {
      expect(p.address(keep)).toBe(keep);
    }
    expect(p.address('10.1.2.3')).toMatch(/^10\./);
    expect(p.address('192.168.1.5')).toMatch(/^192\.168\./);
    expect(p.address('172.16.5.4')).toMatch(/^172\.(1[6-9]|2\d|3[01])\./);
    expect(p.address('169.254.1.1')).toMatch(/^169\.254\./);
    expect(p.address('fe80::a00:27ff:fe4e:66a1')).toMatch(/^fe80::/);
    expect(p.address('fe80::1%eth0')).toMatch(/^fe80::[0-9a-f:]+%eth0$/);
    expect(p.address('fd12:3456::1')).toMatch(/^fd/);
    expect(p.address('::ffff:10.9.8.7')).toBe(`::ffff:${p.address('10.9.8.7')}`);
    for (let i = 0; i < 300; i++) {
      const pub = `${[1, 8, 23, 45, 77, 99, 100, 151, 169, 172, 185, 192, 198, 203, 212][i % 15]}.${(i * 37) % 256}.${(i * 11) % 256}.${(i * 5) % 256}`;
      const from = classifyIp(parseIp(pub)!);
      const to = classifyIp(parseIp(p.address(pub))!);
      expect(to, `${pub} -> ${p.address(pub)}`).toBe(from === 'documentation' ? 'documentation' : from);
    }
  });

  it('handle networks, BSD short forms and IPv6 cut short by a column', () => {
    const subnet = p.address('192.168.1.77').split('.').slice(0, 3).join('.');
    expect(p.address('192.168.1.0/24')).toBe(`${subnet}.0/24`);
    expect(p.network('192.168.1.0', 24)).toBe(`${subnet}.0`);
    expect(p.address('192.168.1')).toBe(subnet);
    expect(p.address('10/8')).toBe('10/8');
    expect(p.address('127')).toBe('127');
    expect(p.address('fe80::/64')).toBe('fe80::/64');
    const cut = p.address('2a00:1450:4001:80b:0');
    expect(cut).toHaveLength('2a00:1450:4001:80b:0'.length);
    expect(cut).not.toBe('2a00:1450:4001:80b:0');
  });

  it('replace host and user names, keep localhost, *, default and root', () => {
    expect(p.address('web1.example.com')).toMatch(/^host-[0-9a-f]{6}$/);
    expect(p.address('WEB1.example.com')).toBe(p.address('web1.example.com'));
    for (const keep of ['*', 'localhost', 'localhost.localdoma', 'ip6-localhost', 'default', 'link-local']) expect(p.address(keep)).toBe(keep);
    expect(p.user('alice')).toMatch(/^u[0-9a-f]{4}$/);
    expect(p.user('kbrazil')).toMatch(/^u[0-9a-f]{6}$/);
    const long = 'a-very-long-user-name-indeed-longer-than-64-hex-digits-of-one-hmac-output-xx';
    expect(p.user(long)).toHaveLength(long.length);
    expect(p.user('root')).toBe('root');
    expect(p.user('1000')).toBe('1000');
  });

  it('mask paths, arguments and MAC addresses keeping their length', () => {
    const path = p.path('/run/user/1000/bus');
    expect(path).toMatch(/^\/run\/[a-p]{4}\/[a-p]{4}\/[a-p]{3}$/);
    expect(path).toBe(new Pseudonymizer('test-key').path('/run/user/1000/bus'));
    expect(p.path('@/tmp/.X11-unix/X0')).toMatch(/^@\/tmp\/\.[a-p]{3}-[a-p]{4}\/[a-p]{2}$/);
    expect(p.path('/srv/my app/ctl socket.sock')).toMatch(/^\/srv\/[a-p]{2} [a-p]{3}\/[a-p]{3} [a-p]{6}\.[a-p]{4}$/);
    expect(p.args('sshd: alice@pts/0')).toBe('sshd: *****@***/*');
    expect(p.args('java')).toBe('java');
    const mac = p.mac('08:00:27:4e:66:a1');
    expect(mac).toMatch(/^08:00:27:[0-9a-f]{2}:[0-9a-f]{2}:[0-9a-f]{2}$/);
    expect(mac).not.toBe('08:00:27:4e:66:a1');
    expect(p.mac('00-15-5D-01-02-03')).toMatch(/^00-15-5D-[0-9A-F]{2}-[0-9A-F]{2}-[0-9A-F]{2}$/);
    expect(p.mac('ff:ff:ff:ff:ff:ff')).toBe('ff:ff:ff:ff:ff:ff');
    // a BSD netstat -i Address column holds MAC addresses: not mistaken for a cut IPv6 address
    expect(p.address('a4:83:e7:12:34:56')).toBe(p.mac('a4:83:e7:12:34:56'));
  });
});
