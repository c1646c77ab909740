/** select: rows of named fields, computed fields included, in the order asked. */
import { describe, expect, it } from 'vitest';
import { collect } from '../../../src/query/stream.js';
import { select } from '../../../src/query/verbs/select.js';
import { ANP, TULPN, asAsync, inetOf, recordsOf } from '../fixtures.js';

describe('select', () => {
  it('picks fields in the order given', () => {
    const inet = inetOf(TULPN);
    const rows = [...select(inet, ['program_name', 'local_port', 'proto'], 'inet')];
    expect(rows).toEqual(inet.map((r) => ({ program_name: r.program_name, local_port: r.local_port, proto: r.proto })));
    expect(Object.keys(rows[0]!)).toEqual(['program_name', 'local_port', 'proto']);
  });

  it('resolves computed fields', () => {
    const inet = inetOf(TULPN);
    const rows = [...select(inet, ['local_address', 'local_ip', 'scope', 'is_loopback'], 'inet')];
    for (const row of rows) {
      expect(row.local_ip).toBe(row.local_address);
      expect(row.scope).toBe(row.local_address === '0.0.0.0' || row.local_address === '::' ? 'all' : 'loopback');
      expect(row.is_loopback).toBe(row.scope === 'loopback');
    }
  });

  it('without a kind, looks up each record by its own kind (async too)', async () => {
    const records = recordsOf(ANP);
    const rows = await collect(select(asAsync(records), ['kind', 'path', 'scope']));
    expect(rows).toHaveLength(records.length);
    expect(rows.filter((r) => r.kind === 'unix').every((r) => r.scope === null)).toBe(true);
    expect(rows.filter((r) => r.kind === 'inet').every((r) => r.path === null)).toBe(true);
    expect(rows.filter((r) => r.kind === 'unix' && r.path !== null).length).toBeGreaterThan(0);
    expect(rows.filter((r) => r.kind === 'inet' && r.scope !== null).length).toBeGreaterThan(0);
  });
});
