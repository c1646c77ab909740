/** The queryable fields: from columns.ts (and platform extras), plus the computed inet fields. */
import { afterEach, describe, expect, it } from 'vitest';
import { COLUMNS, EXTRA_COLUMNS } from '../../src/output/columns.js';
import { computedFields, fieldNames, fieldOf, kindsWithField, nearest, platformFields, queryKinds } from '../../src/query/fields.js';
import type { InetRecord } from '../../src/types.js';
import { ANP, CENTOS_AEEP, TULPN, inetOf } from './fixtures.js';
import { compileWhere } from '../../src/query/where.js';
import { readSample } from '../helpers.js';

const get = (r: object, name: string): unknown => fieldOf('inet', name)!.get(r);

describe('field lists', () => {
  it('are the columns of each kind, then the platforms\' extra columns, then the computed fields', () => {
    for (const kind of Object.keys(COLUMNS) as (keyof typeof COLUMNS)[]) {
      const names = fieldNames(kind);
      expect(names.slice(0, COLUMNS[kind].length)).toEqual([...COLUMNS[kind]]);
      expect(new Set(names.slice(COLUMNS[kind].length))).toEqual(
        new Set([...platformFields(kind).filter((f) => !COLUMNS[kind].includes(f)), ...computedFields(kind).map((c) => c.name)]),
      );
    }
    expect(computedFields('inet').map((c) => c.name)).toEqual(['local_ip', 'foreign_ip', 'is_listening', 'is_loopback', 'scope']);
    expect(queryKinds()).toEqual(Object.keys(COLUMNS));
  });

  it('declare a type for every column of the foundation\'s kinds', () => {
    // Kinds and platform columns added later are queryable untyped ('any'); these six are typed.
    for (const kind of ['inet', 'unix', 'interface', 'route', 'stat', 'group'] as const) {
      for (const name of [...COLUMNS[kind], ...computedFields(kind).map((c) => c.name)]) expect(fieldOf(kind, name)!.type, `${kind}.${name}`).not.toBe('any');
    }
    expect(fieldOf('inet', 'recv_q')!.type).toBe('int');
    expect(fieldOf('inet', 'local_port')!.type).toBe('port');
    expect(fieldOf('inet', 'foreign_address')!.type).toBe('address');
    expect(fieldOf('inet', 'state')!.caseless).toBe(true);
    expect(fieldOf('inet', 'program_name')!.caseless).toBe(false);
  });

  describe('platform extras', () => {
    const extras = EXTRA_COLUMNS as { [platform: string]: { [kind: string]: readonly string[] } };
    afterEach(() => {
      delete extras['test-platform'];
    });

    it('are queryable, and a kind only EXTRA_COLUMNS names is a kind', () => {
      extras['test-platform'] = { 'test-kind': ['widget_count', 'state'] };
      expect(queryKinds()).toContain('test-kind');
      expect(fieldNames('test-kind')).toEqual(['kind', 'snapshot', 'source', 'line', 'platform', 'widget_count', 'state']);
      // Not declared here: compared by the value's own type.
      expect(fieldOf('test-kind', 'widget_count')!.type).toBe('any');
      expect(kindsWithField('widget_count')).toEqual(['test-kind']);
      expect(platformFields('test-kind')).toEqual(['widget_count', 'state']);
    });
  });

  it('suggest the nearest name', () => {
    const names = fieldNames('inet');
    expect(nearest('stat', names)).toBe('state');
    expect(nearest('recvq', names)).toBe('recv_q');
    expect(nearest('prgram_name', names)).toBe('program_name');
    expect(nearest('local', names)).toBe('local_address');
    expect(nearest('zzzzzz', names)).toBeNull();
  });
});

describe('computed inet fields, on real samples', () => {
  it('is_listening selects what netstat -l lists', () => {
    // netstat -an and netstat -ln of the same machine: the listeners of one are the rows of the other.
    const key = (r: InetRecord): string => `${r.proto} ${r.local_address}:${r.local_port}`;
    const an = inetOf('samples/linux/netstat-an.txt');
    const ln = inetOf('samples/linux/netstat-ln.txt');
    expect(ln.length).toBe(32);
    const listening = an.filter((r) => get(r, 'is_listening') === true);
    expect(listening.map(key).sort()).toEqual(ln.map(key).sort());
    expect(ln.every((r) => get(r, 'is_listening') === true)).toBe(true);
  });

  it('scope: all for wildcard listeners, loopback, or one address; null for other sockets', () => {
    const tulpn = inetOf(TULPN);
    for (const r of tulpn) {
      const expected = r.local_address === '0.0.0.0' || r.local_address === '::' ? 'all' : r.local_address.startsWith('127.') || r.local_address === '::1' ? 'loopback' : 'address';
      expect(get(r, 'scope'), `${r.local_address}`).toBe(expected);
    }
    expect(new Set(tulpn.map((r) => get(r, 'scope')))).toEqual(new Set(['all', 'loopback']));
    const est = inetOf(ANP).filter((r) => r.state === 'ESTABLISHED');
    expect(est.length).toBeGreaterThan(0);
    expect(est.every((r) => get(r, 'scope') === null)).toBe(true);
    const lnp = inetOf('samples/jc-fixtures/ubuntu-18.04/netstat-sudo-lnp-space.out');
    expect(lnp.filter((r) => get(r, 'scope') === 'address').map((r) => r.local_address)).toEqual(['192.168.68.116', '192.168.71.131']);
  });

  it('local_ip and foreign_ip: the address when it is an IP literal, else null', () => {
    const centos = inetOf(CENTOS_AEEP);
    for (const r of centos) {
      expect(get(r, 'local_ip')).toBe(/^[\d.]+$|:/.test(r.local_address) ? r.local_address : null);
      expect(get(r, 'foreign_ip')).toBe(/^[\d.]+$|:/.test(r.foreign_address) ? r.foreign_address : null);
    }
    expect(centos.some((r) => get(r, 'local_ip') === null)).toBe(true);
    expect(centos.some((r) => get(r, 'local_ip') !== null)).toBe(true);
  });

  it('on Windows: LISTENING (German ABHÖREN) and UDP are listeners; [::] is all, [::1] loopback', () => {
    const file = 'samples/windows/windows-de-win81-netstat-ano.txt';
    const rows = readSample(file).split('\n').filter((l) => /^ {2}(TCP|UDP) /.test(l));
    const win = inetOf(file);
    expect(win).toHaveLength(rows.length);
    // The printed lines decide: a TCP row in ABHÖREN, or any UDP row (Windows prints no UDP peers).
    const expected = rows.map((l) => / ABHÖREN /.test(l) || l.startsWith('  UDP'));
    expect(win.map((r) => get(r, 'is_listening'))).toEqual(expected);
    expect(expected.filter(Boolean)).toHaveLength(66);
    const scope = (addr: string) => win.filter((r) => r.local_address === addr && get(r, 'is_listening')).map((r) => get(r, 'scope'));
    expect(new Set(scope('::'))).toEqual(new Set(['all']));
    expect(new Set(scope('0.0.0.0'))).toEqual(new Set(['all']));
    expect(new Set(scope('127.0.0.1'))).toEqual(new Set(['loopback']));
    // Without -n the peer of a listener is "host:0": still a listener, by its state.
    const named = inetOf('samples/windows/windows-en-netstat-ab-hostname-fragment.txt').filter((r) => r.foreign_address === 'orion');
    expect(named.length).toBeGreaterThan(3);
    expect(named.every((r) => r.state === 'LISTEN' && get(r, 'is_listening') === true && get(r, 'scope') === 'all')).toBe(true);
  });

  it('on FreeBSD and macOS: host.port addresses, "*" is the wildcard of the IP version, zones and cut addresses', () => {
    const bsd = inetOf('samples/jc-fixtures/freebsd12/netstat-an.out');
    expect(bsd.map((r) => [r.proto, r.local_address, get(r, 'local_ip'), get(r, 'foreign_ip'), get(r, 'is_listening'), get(r, 'scope')])).toEqual([
      ['tcp4', '192.168.71.163', '192.168.71.163', '192.168.71.1', false, null],
      ['tcp4', '127.0.0.1', '127.0.0.1', '0.0.0.0', true, 'loopback'],
      ['tcp4', '*', '0.0.0.0', '0.0.0.0', true, 'all'],
      ['tcp6', '*', '::', '::', true, 'all'],
      ['udp4', '*', '0.0.0.0', '0.0.0.0', true, 'all'],
      ['udp6', '*', '::', '::', true, 'all'],
    ]);
    const inBlock = (records: InetRecord[], expr: string) => records.filter((r) => compileWhere(expr, 'inet')(r)).length;
    // "local_ip = 0.0.0.0" finds BSD's wildcard listeners as it finds Linux's.
    expect(inBlock(bsd, 'local_ip = 0.0.0.0 and is_listening')).toBe(2);
    const mac = inetOf('samples/jc-fixtures/osx-10.14.6/netstat-An.out');
    const byProto = (proto: string) => mac.filter((r) => r.proto === proto && r.local_address === '*').map((r) => get(r, 'local_ip'));
    expect(new Set(byProto('udp46'))).toEqual(new Set(['::']));
    expect(new Set(byProto('udp4'))).toEqual(new Set(['0.0.0.0']));
    // macOS cuts long IPv6 addresses ("fe80::aede:48ff:"): not an address, so no local_ip.
    const cut = mac.filter((r) => r.local_address === 'fe80::aede:48ff:');
    expect(cut.length).toBeGreaterThan(0);
    expect(cut.every((r) => get(r, 'local_ip') === null && get(r, 'is_loopback') === false)).toBe(true);
    expect(inBlock(mac, 'local_ip in 192.168.0.0/16')).toBe(mac.filter((r) => r.local_address.startsWith('192.168.')).length);
    // A zone stays in the text and is ignored by comparisons.
    const zoned = inetOf('samples/jc-fixtures/osx-10.14.6/netstat.out').filter((r) => r.local_address.includes('%'));
    for (const r of zoned) expect(get(r, 'local_ip')).toBe(r.local_address);
  });

  it('on ss: "*" (a dual-stack socket) is ::, UNCONN UDP listens, ESTAB UDP does not', () => {
    const tulpn = inetOf('samples/ss/ss-tulpn.txt');
    const star = tulpn.filter((r) => r.local_address === '*');
    expect(star.map((r) => [r.ip_version, get(r, 'local_ip'), get(r, 'scope')])).toEqual([[6, '::', 'all']]);
    expect(tulpn.every((r) => get(r, 'is_listening') === true)).toBe(true);
    const uan = inetOf('samples/ss/ss-uan.txt');
    expect(uan.filter((r) => get(r, 'is_listening') === false).map((r) => r.state)).toEqual(['ESTABLISHED', 'ESTABLISHED', 'ESTABLISHED', 'ESTABLISHED']);
  });

  it('is_loopback: 127.0.0.0/8, ::1 and localhost', () => {
    const anp = inetOf(ANP);
    for (const r of anp) expect(get(r, 'is_loopback')).toBe(r.local_address.startsWith('127.') || r.local_address === '::1');
    const centos = inetOf(CENTOS_AEEP);
    expect(centos.filter((r) => get(r, 'is_loopback') === true).map((r) => r.local_address)).toEqual(
      centos.filter((r) => r.local_address === 'localhost').map((r) => r.local_address),
    );
  });
});
