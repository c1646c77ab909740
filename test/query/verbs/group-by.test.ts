/** group-by: marks records with their grouping; the index holds one entry per group. */
import { describe, expect, it } from 'vitest';
import { GroupIndex, groupBy } from '../../../src/query/verbs/group-by.js';
import { gettersFor } from '../../../src/query/verbs/select.js';
import { rollup } from '../../../src/query/verbs/rollup.js';
import { ANP, inetOf } from '../fixtures.js';

const inet = inetOf(ANP);

describe('groupBy', () => {
  it('reads nothing by itself: rollup consumes the grouping', () => {
    let read = 0;
    function* source(): Generator<object> {
      for (const r of inet) {
        read++;
        yield r;
      }
    }
    const grouped = groupBy(source(), ['state'], 'inet');
    expect(read).toBe(0);
    expect(grouped.keys.map((k) => k.name)).toEqual(['state']);
    const rows = [...rollup(grouped, ['count'])];
    expect(read).toBe(inet.length);
    expect(rows.reduce((n, r) => n + (r.count as number), 0)).toBe(inet.length);
  });

  it('one entry per distinct combination of keys, in order of first appearance, null a key of its own', () => {
    const index = new GroupIndex(gettersFor(['state', 'program_name'], 'inet'), () => ({ n: 0 }));
    for (const r of inet) index.find(r).n++;
    const expected = new Map<string, number>();
    for (const r of inet) {
      const k = JSON.stringify([r.state, r.program_name]);
      expected.set(k, (expected.get(k) ?? 0) + 1);
    }
    expect(index.size).toBe(expected.size);
    expect(index.entries.map((e) => [JSON.stringify(e.values), e.entry.n])).toEqual([...expected]);
    expect(index.entries.some((e) => e.values[0] === null)).toBe(true);
  });

  it('groups by computed fields', () => {
    const rows = [...rollup(groupBy(inet, ['scope', 'ip_version'], 'inet'), ['count'])];
    // The same by hand: a listener is TCP in LISTEN, or another socket with no peer (foreign port *).
    const scope = (r: (typeof inet)[number]): string | null => {
      const listener = r.state === 'LISTEN' || (r.transport_protocol !== 'tcp' && r.foreign_port === '*');
      if (!listener) return null;
      if (r.local_address === '0.0.0.0' || r.local_address === '::') return 'all';
      return r.local_address.startsWith('127.') || r.local_address === '::1' ? 'loopback' : 'address';
    };
    const expected = new Map<string, number>();
    for (const r of inet) {
      const k = `${scope(r)}/${r.ip_version}`;
      expected.set(k, (expected.get(k) ?? 0) + 1);
    }
    expect(new Map(rows.map((r) => [`${r.scope}/${r.ip_version}`, r.count]))).toEqual(expected);
    expect(expected.size).toBe(6);
  });
});
