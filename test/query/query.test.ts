/** The query as data: kinds, plans, snapshots, and the chainable wrapper. */
import { describe, expect, it } from 'vitest';
import { compileQuery, fromRecords, query, runQuery } from '../../src/index.js';
import { collect } from '../../src/query/stream.js';
import type { InetRecord, NetRecord } from '../../src/types.js';
import { ANP, CTN, TULPN, asAsync, inetOf, recordsOf } from './fixtures.js';

const anp = recordsOf(ANP);
const inet = inetOf(ANP);

describe('query', () => {
  it('groups, aggregates, sorts and limits in one spec', async () => {
    const result = await query(anp, { where: 'state != LISTEN', groupBy: 'program_name', aggregates: 'count,sum(recv_q)', sort: '-count,program_name', limit: 3 });
    expect(result.kind).toBe('inet');
    expect(result.columns).toEqual(['program_name', 'count', 'sum_recv_q']);
    expect(result.leftOut).toEqual({ unix: 43 });
    const counts = new Map<string | null, { count: number; sum: number }>();
    for (const r of inet) {
      if (r.state === 'LISTEN') continue;
      const c = counts.get(r.program_name) ?? { count: 0, sum: 0 };
      c.count++;
      c.sum += Number(r.recv_q);
      counts.set(r.program_name, c);
    }
    const expected = [...counts]
      .sort((a, b) => b[1].count - a[1].count || (a[0] === null ? 1 : b[0] === null ? -1 : a[0] < b[0] ? -1 : 1))
      .slice(0, 3)
      .map(([program_name, c]) => ({ program_name, count: c.count, sum_recv_q: c.sum }));
    expect(result.rows).toEqual(expected);
  });

  it('a plain listing: whole records, or the selected fields; sort fields need not be selected', async () => {
    const all = await query(anp, { where: 'recv_q > 0' });
    expect(all.columns).toBeNull();
    expect(all.rows).toEqual(inet.filter((r) => Number(r.recv_q) > 0));
    const some = await query(anp, { where: 'recv_q > 0', select: 'proto,local_ip', sort: '-recv_q', limit: 4 });
    expect(some.columns).toEqual(['proto', 'local_ip']);
    const top = inet
      .filter((r) => Number(r.recv_q) > 0)
      .map((r, i) => ({ r, i }))
      .sort((a, b) => Number(b.r.recv_q) - Number(a.r.recv_q) || a.i - b.i)
      .slice(0, 4);
    expect(some.rows).toEqual(top.map((x) => ({ proto: x.r.proto, local_ip: x.r.local_address })));
  });

  it('sorts grouped rows by an aggregate written either way', async () => {
    const a = await query(anp, { groupBy: ['state'], aggregates: ['sum(recv_q)'], sort: ['-sum(recv_q)', 'state'] });
    const b = await query(anp, { groupBy: ['state'], aggregates: ['sum(recv_q)'], sort: ['-sum_recv_q', 'state'] });
    expect(a.rows).toEqual(b.rows);
    const sums = a.rows.map((r) => Number(r.sum_recv_q));
    expect(sums).toEqual([...sums].sort((x, y) => y - x));
  });

  it('selects some columns of grouped rows', async () => {
    const r = await query(anp, { groupBy: 'state', aggregates: 'count,max(recv_q)', select: 'max_recv_q,state' });
    expect(r.columns).toEqual(['max_recv_q', 'state']);
    expect(Object.keys(r.rows[0]!)).toEqual(['max_recv_q', 'state']);
  });
});

describe('the kind queried', () => {
  it('is inet by default when the input has it, even after other records', async () => {
    const unixFirst = [...anp.filter((r) => r.kind === 'unix'), ...inet];
    const r = await query(asAsync(unixFirst), { where: 'state = LISTENING or state = LISTEN' });
    expect(r.kind).toBe('inet');
    expect(r.rows).toEqual(inet.filter((x) => x.state === 'LISTEN'));
    expect(r.leftOut).toEqual({ unix: 43 });
  });

  it('is the kind the fields belong to, or the first kind in an input without inet', async () => {
    const path = await query(anp, { where: 'path ~ "\\.sock$"' });
    expect(path.kind).toBe('unix');
    expect(path.leftOut).toEqual({ inet: 151 });
    const unixOnly = await query(anp.filter((r) => r.kind === 'unix'), { groupBy: 'state' });
    expect(unixOnly.kind).toBe('unix');
    expect(unixOnly.rows.reduce((n, r) => n + (r.count as number), 0)).toBe(43);
    const ifaces = await query(recordsOf('samples/linux/netstat-i.txt'), { groupBy: 'iface', aggregates: 'sum(rx_ok)' });
    expect(ifaces.kind).toBe('interface');
    expect(ifaces.rows.map((r) => r.iface)).toEqual(['eth0', 'lo']);
  });

  it('is the one asked for, with an empty result when the input has none', async () => {
    const r = await query(inetOf(TULPN), { kind: 'unix' });
    expect(r.kind).toBe('unix');
    expect(r.rows).toEqual([]);
    const total = await query(inetOf(TULPN), { kind: 'unix', aggregates: 'count' });
    expect(total.rows).toEqual([{ count: 0 }]);
  });

  it('is checked against the fields before anything is read', () => {
    expect(() => compileQuery({ kind: 'unix', where: 'foreign_address = x' })).toThrow('unix records have no field "foreign_address" (inet records do: choose with --kind)');
    expect(() => compileQuery({ kind: 'inet', groupBy: 'iface' })).toThrow('inet records have no field "iface" (interface, route, group and packet records do: choose with --kind)');
    expect(() => compileQuery({ kind: 'socket' })).toThrow('unknown record kind "socket"');
    expect(() => compileQuery({ where: 'path ~ x and foreign_address = y' })).toThrow('inet records have no field "path" (unix records do: choose with --kind)');
  });
});

describe('snapshots', () => {
  const ctn = inetOf(CTN);
  it('first, last, a number, and all, with snapshot groupable', async () => {
    const per = async (snapshot: number | 'first' | 'last' | 'all'): Promise<number> => (await query(ctn, { snapshot, aggregates: 'count' })).rows[0]!.count as number;
    const count = (n: number): number => ctn.filter((r) => r.snapshot === n).length;
    expect(await per('first')).toBe(count(0));
    expect(await per(1)).toBe(count(1));
    expect(await per('last')).toBe(count(2));
    expect(await per('all')).toBe(ctn.length);
    const grouped = await query(ctn, { groupBy: 'snapshot', sort: '-snapshot' });
    expect(grouped.rows).toEqual([2, 1, 0].map((n) => ({ snapshot: n, count: count(n) })));
  });

  it('last with a condition: the condition inside the last snapshot', async () => {
    const r = await query(ctn, { snapshot: 'last', where: 'state = TIME_WAIT' });
    expect(r.rows).toEqual(ctn.filter((x) => x.snapshot === 2 && x.state === 'TIME_WAIT'));
    expect(r.rows.length).toBeGreaterThan(0);
  });
});

describe('runQuery and the chainable wrapper', () => {
  it('runQuery streams: sync in sync out, async in async out', async () => {
    const spec = { where: 'state = ESTABLISHED', select: 'local_port' };
    const sync = runQuery(anp, spec);
    expect(Symbol.iterator in sync).toBe(true);
    const expected = inet.filter((r) => r.state === 'ESTABLISHED').map((r) => ({ local_port: r.local_port }));
    expect([...(sync as Iterable<object>)]).toEqual(expected);
    expect(await collect(runQuery(asAsync(anp), spec))).toEqual(expected);
  });

  it('a limit stops reading the input', async () => {
    let read = 0;
    async function* source(): AsyncGenerator<NetRecord> {
      for (const r of anp) {
        read++;
        yield r;
      }
    }
    expect(await collect(runQuery(source(), { limit: 2 }))).toEqual(anp.slice(0, 2));
    expect(read).toBe(2);
  });

  it('fromRecords builds the same spec', async () => {
    const built = fromRecords(anp).where('state = ESTABLISHED').where('recv_q > 0').groupBy('program_name').rollup('count', 'sum(recv_q)').orderBy('-count').limit(2);
    expect(built.toSpec()).toEqual({
      where: '(state = ESTABLISHED) and (recv_q > 0)',
      groupBy: ['program_name'],
      aggregates: ['count', 'sum(recv_q)'],
      sort: ['-count'],
      limit: 2,
    });
    const viaChain = await built.collect();
    const viaSpec = await query(anp, built.toSpec());
    expect(viaChain.rows).toEqual(viaSpec.rows);
    const est = inet.filter((r: InetRecord) => r.state === 'ESTABLISHED' && Number(r.recv_q) > 0);
    expect(viaChain.rows.reduce((n, r) => n + (r.count as number), 0)).toBeLessThanOrEqual(est.length);
    expect(() => fromRecords(anp).where('stat = x').check()).toThrow('unknown field "stat" for inet records; did you mean "state"?');
    // Conditions as data combine with text.
    const mixed = await fromRecords(anp).where({ field: 'state', op: '=', value: 'LISTEN' }).where('local_port < 1024').collect();
    expect(mixed.rows).toEqual(inet.filter((r) => r.state === 'LISTEN' && r.local_port_num !== null && r.local_port_num < 1024));
  });
});
