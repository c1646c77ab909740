/** IP literals and CIDR blocks: the edge cases, and the same on real samples through --where. */
import { describe, expect, it } from 'vitest';
import { ipInBlock, isLoopbackAddress, isWildcardAddress, parseCidr, parseIp, type CidrBlock } from '../../src/query/ip.js';
import { compileWhere } from '../../src/query/where.js';
import { ANP, BUSYBOX_AN, UBUNTU, UBUNTU_LNP, inetOf } from './fixtures.js';

function block(text: string): CidrBlock {
  const b = parseCidr(text);
  if (b === null || 'error' in b) throw new Error(`not a block: ${text}`);
  return b;
}

function inBlock(addr: string, cidr: string): boolean {
  const ip = parseIp(addr);
  return ip !== null && ipInBlock(ip, block(cidr));
}

describe('IP literals', () => {
  it('reads IPv4, IPv6, zones, brackets and embedded IPv4', () => {
    expect(parseIp('10.1.2.3')).toEqual({ version: 4, value: 0x0a010203 });
    expect(parseIp('255.255.255.255')).toEqual({ version: 4, value: 0xffffffff });
    expect(parseIp('::')).toEqual({ version: 6, value: 0n });
    expect(parseIp('::1')).toEqual({ version: 6, value: 1n });
    expect(parseIp('[::1]')).toEqual({ version: 6, value: 1n });
    expect(parseIp('fe80::1%eth0')).toEqual({ version: 6, value: (0xfe80n << 112n) | 1n });
    expect(parseIp('::ffff:10.0.0.1')).toEqual({ version: 6, value: (0xffffn << 32n) | 0x0a000001n });
    expect(parseIp('::FFFF:a00:1')).toEqual(parseIp('::ffff:10.0.0.1'));
    expect(parseIp('2001:db8:0:0:0:0:0:1')).toEqual(parseIp('2001:db8::1'));
    expect(parseIp('1:2:3:4:5:6:7:8')).toEqual({ version: 6, value: 0x00010002000300040005000600070008n });
  });

  it('rejects what is not an IP literal: names, partial and malformed addresses', () => {
    for (const t of ['localhost', 'lb-192-30-253-113', 'kbrazil-ubuntu', '*', '', '10.0.0', '10.0.0.256', '010.0.0.1', '1.2.3.4.5',
      ':::', '1::2::3', '1:2:3:4:5:6:7:8:9', '12345::', 'g::1', '::1.2.3', '1:2:3:4:5:6:7', 'fe80:']) {
      expect(parseIp(t), t).toBeNull();
    }
  });

  it('knows loopback and wildcard addresses', () => {
    for (const t of ['127.0.0.1', '127.255.0.9', '::1', '::ffff:127.0.0.1', 'localhost', 'LOCALHOST', 'ip6-localhost']) expect(isLoopbackAddress(t), t).toBe(true);
    for (const t of ['128.0.0.1', '::2', '::', '0.0.0.0', 'web1', '::ffff:10.0.0.1']) expect(isLoopbackAddress(t), t).toBe(false);
    for (const t of ['*', '0.0.0.0', '::', '[::]', '0:0:0:0:0:0:0:0']) expect(isWildcardAddress(t), t).toBe(true);
    for (const t of ['::1', '127.0.0.1', 'localhost']) expect(isWildcardAddress(t), t).toBe(false);
  });
});

describe('CIDR blocks', () => {
  it('/0 holds every address of its version, and nothing else', () => {
    expect(inBlock('1.2.3.4', '0.0.0.0/0')).toBe(true);
    expect(inBlock('255.255.255.255', '0.0.0.0/0')).toBe(true);
    expect(inBlock('::ffff:1.2.3.4', '0.0.0.0/0')).toBe(true); // mapped: matches its IPv4 block
    expect(inBlock('::1', '0.0.0.0/0')).toBe(false);
    expect(inBlock('::1', '::/0')).toBe(true);
    expect(inBlock('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', '::/0')).toBe(true);
    expect(inBlock('1.2.3.4', '::/0')).toBe(false);
  });

  it('/32 and /128 hold one address', () => {
    expect(inBlock('10.0.0.1', '10.0.0.1/32')).toBe(true);
    expect(inBlock('10.0.0.2', '10.0.0.1/32')).toBe(false);
    expect(inBlock('::1', '::1/128')).toBe(true);
    expect(inBlock('::2', '::1/128')).toBe(false);
    expect(inBlock('0:0:0:0:0:0:0:1', '::1/128')).toBe(true);
  });

  it('matches at the prefix boundary', () => {
    expect(inBlock('10.255.255.255', '10.0.0.0/8')).toBe(true);
    expect(inBlock('11.0.0.0', '10.0.0.0/8')).toBe(false);
    expect(inBlock('9.255.255.255', '10.0.0.0/8')).toBe(false);
    expect(inBlock('192.168.1.127', '192.168.1.0/25')).toBe(true);
    expect(inBlock('192.168.1.128', '192.168.1.0/25')).toBe(false);
    expect(inBlock('fe80::1%eth0', 'fe80::/10')).toBe(true);
    expect(inBlock('febf:ffff::1', 'fe80::/10')).toBe(true);
    expect(inBlock('fec0::1', 'fe80::/10')).toBe(false);
  });

  it('clears host bits, and refuses prefixes longer than the address', () => {
    expect(block('192.168.1.77/24').network).toBe(BigInt(0xc0a80100));
    expect(inBlock('192.168.1.5', '192.168.1.77/24')).toBe(true);
    expect(parseCidr('10.0.0.0/33')).toEqual({ error: 'prefix length /33 is longer than the 32 bits of an IPv4 address' });
    expect(parseCidr('::/129')).toEqual({ error: 'prefix length /129 is longer than the 128 bits of an IPv6 address' });
    expect(parseCidr('web1/24')).toBeNull();
    expect(parseCidr('/run/x.sock')).toBeNull();
    expect(parseCidr('10.0.0.0/x')).toBeNull();
  });

  it('IPv4-mapped IPv6 addresses match their IPv4 block, and IPv4 addresses match mapped blocks', () => {
    expect(inBlock('::ffff:10.1.2.3', '10.0.0.0/8')).toBe(true);
    expect(inBlock('::ffff:11.1.2.3', '10.0.0.0/8')).toBe(false);
    expect(inBlock('10.1.2.3', '::ffff:10.0.0.0/104')).toBe(true);
    expect(inBlock('10.1.2.3', '::ffff:0:0/96')).toBe(true);
    expect(inBlock('10.1.2.3', '::/64')).toBe(false); // not inside ::ffff:0:0/96
    // Other embeddings are not IPv4: NAT64 and IPv4-compatible addresses stay IPv6.
    expect(inBlock('64:ff9b::10.1.2.3', '10.0.0.0/8')).toBe(false);
    expect(inBlock('::10.1.2.3', '10.0.0.0/8')).toBe(false);
  });
});

describe('CIDR in --where, on real samples', () => {
  const match = <R extends object>(records: R[], expr: string): R[] => {
    const p = compileWhere(expr, 'inet');
    return records.filter((r) => p(r));
  };

  it('mapped addresses in busybox output match their IPv4 block', () => {
    const bb = inetOf(BUSYBOX_AN);
    const v4loop = bb.filter((r) => r.local_address.startsWith('127.') || r.local_address.startsWith('::ffff:127.'));
    expect(v4loop.some((r) => r.local_address.startsWith('::ffff:'))).toBe(true);
    expect(match(bb, 'local_address in 127.0.0.0/8')).toEqual(v4loop);
    expect(match(bb, 'local_address in ::ffff:127.0.0.0/104')).toEqual(v4loop);
  });

  it('host names never match a block, even /0', () => {
    const ubuntu = inetOf(UBUNTU);
    // kbrazil-ubuntu and lb-192-30-253-113 are names; 192.168.71.1 is the only literal.
    expect(ubuntu.map((r) => [r.local_address, r.foreign_address])).toEqual([
      ['kbrazil-ubuntu', '192.168.71.1'],
      ['kbrazil-ubuntu', 'lb-192-30-253-113'],
    ]);
    expect(match(ubuntu, 'foreign_address in 0.0.0.0/0').map((r) => r.foreign_address)).toEqual(['192.168.71.1']);
    expect(match(ubuntu, 'local_address in (0.0.0.0/0, ::/0)')).toEqual([]);
    expect(match(ubuntu, 'foreign_address in 192.0.0.0/2').map((r) => r.foreign_address)).toEqual(['192.168.71.1']);
    expect(match(ubuntu, 'foreign_address not in 192.168.0.0/16').map((r) => r.foreign_address)).toEqual(['lb-192-30-253-113']);
  });

  it('private and loopback blocks over a whole capture', () => {
    const lnp = inetOf(UBUNTU_LNP);
    const private16 = lnp.filter((r) => r.local_address.startsWith('192.168.'));
    expect(private16.map((r) => r.local_address)).toEqual(['192.168.68.116', '192.168.71.131']);
    expect(match(lnp, 'local_address in 192.168.0.0/16')).toEqual(private16);
    expect(match(lnp, 'local_address in 192.168.68.0/24').map((r) => r.local_address)).toEqual(['192.168.68.116']);
    const anp = inetOf(ANP);
    const v6 = anp.filter((r) => r.local_address.includes(':'));
    expect(match(anp, 'local_address in ::/0')).toEqual(v6);
    expect(match(anp, 'local_address in 0.0.0.0/0')).toEqual(anp.filter((r) => !r.local_address.includes(':')));
  });
});
