/** The queryable fields: from columns.ts (and platform extras), plus the computed inet fields. */
import { afterEach, describe, expect, it } from 'vitest';
import { COLUMNS, EXTRA_COLUMNS } from '../../src/output/columns.js';
import { computedFields, fieldNames, fieldOf, kindsWithField, nearest, platformFields, queryKinds } from '../../src/query/fields.js';
import type { InetRecord } from '../../src/types.js';
import { ANP, CENTOS_AEEP, TULPN, inetOf } from './fixtures.js';

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

  it('is_loopback: 127.0.0.0/8, ::1 and localhost', () => {
    const anp = inetOf(ANP);
    for (const r of anp) expect(get(r, 'is_loopback')).toBe(r.local_address.startsWith('127.') || r.local_address === '::1');
    const centos = inetOf(CENTOS_AEEP);
    expect(centos.filter((r) => get(r, 'is_loopback') === true).map((r) => r.local_address)).toEqual(
      centos.filter((r) => r.local_address === 'localhost').map((r) => r.local_address),
    );
  });
});
