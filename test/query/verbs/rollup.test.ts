/**
 * rollup: aggregates per group or over everything, checked against the same sums and counts
 * computed in the test.
 */
import { describe, expect, it } from 'vitest';
import { QueryError } from '../../../src/query/errors.js';
import { collect } from '../../../src/query/stream.js';
import { groupBy } from '../../../src/query/verbs/group-by.js';
import { rollup } from '../../../src/query/verbs/rollup.js';
import type { InetRecord } from '../../../src/types.js';
import { ANP, CTN, asAsync, inetOf, recordsFromText, unixOf } from '../fixtures.js';

const inet = inetOf(ANP);

/** Group records by a key function, in order of first appearance. */
function byKey<R>(records: R[], key: (r: R) => unknown): Map<unknown, R[]> {
  const m = new Map<unknown, R[]>();
  for (const r of records) {
    const k = key(r);
    const list = m.get(k) ?? [];
    list.push(r);
    m.set(k, list);
  }
  return m;
}

describe('rollup', () => {
  it('count, sum, max, min, avg and count_distinct per group', () => {
    const rows = [...rollup(groupBy(inet, ['program_name'], 'inet'), ['count', 'sum(recv_q)', 'max(send_q)', 'min(local_port_num)', 'avg(recv_q)', 'count_distinct(foreign_address)'])];
    const groups = byKey(inet, (r) => r.program_name);
    expect(rows.map((r) => r.program_name)).toEqual([...groups.keys()]);
    for (const row of rows) {
      const g = groups.get(row.program_name)!;
      const recv = g.map((r) => Number(r.recv_q));
      const ports = g.map((r) => r.local_port_num).filter((p): p is number => p !== null);
      expect(row).toEqual({
        program_name: row.program_name,
        count: g.length,
        sum_recv_q: recv.reduce((a, b) => a + b, 0),
        max_send_q: Math.max(...g.map((r) => Number(r.send_q))),
        min_local_port_num: ports.length ? Math.min(...ports) : null,
        avg_recv_q: recv.reduce((a, b) => a + b, 0) / g.length,
        count_distinct_foreign_address: new Set(g.map((r) => r.foreign_address)).size,
      });
    }
    expect(rows.length).toBeGreaterThan(5);
  });

  it('over all records without groups: one row, even for no records', () => {
    const [row] = [...rollup(inet, ['count', 'sum(send_q)', 'count(pid)'])];
    expect(row).toEqual({
      count: inet.length,
      sum_send_q: inet.reduce((n, r) => n + Number(r.send_q), 0),
      count_pid: inet.filter((r) => r.pid !== null).length,
    });
    expect([...rollup([], ['count', 'sum(recv_q)', 'max(recv_q)'])]).toEqual([{ count: 0, sum_recv_q: null, max_recv_q: null }]);
    expect([...rollup(groupBy([], ['state'], 'inet'), ['count'])]).toEqual([]);
  });

  it('count, min, max and count_distinct skip empty lists, as "is null" does', () => {
    // netstat -ie: lo has IPv6 addresses, the other interface none (an empty ipv6 list).
    const text = 'lo: flags=73<UP,LOOPBACK,RUNNING>  mtu 65536\n        inet6 ::1  prefixlen 128  scopeid 0x10<host>\n\neth9: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1500\n\n';
    const ifaces = recordsFromText(text).filter((r) => r.kind === 'interface');
    expect(ifaces.map((r) => (r as { ipv6: unknown[] }).ipv6.length)).toEqual([1, 0]);
    const [row] = [...rollup(ifaces, ['count', 'count(ipv6)', 'count_distinct(ipv6)', 'min(ipv6)'], 'interface')];
    expect(row).toMatchObject({ count: 2, count_ipv6: 1, count_distinct_ipv6: 1 });
    expect(row!.min_ipv6).toHaveLength(1);
  });

  it('by two keys, over async input, on a capture with three snapshots', async () => {
    const ctn = inetOf(CTN);
    const rows = await collect(rollup(groupBy(asAsync(ctn), ['snapshot', 'state'], 'inet'), ['count']));
    const expected = byKey(ctn, (r) => `${r.snapshot}/${r.state}`);
    expect(rows.map((r) => [`${r.snapshot}/${r.state}`, r.count])).toEqual([...expected].map(([k, g]) => [k, g.length]));
    expect(new Set(rows.map((r) => r.snapshot))).toEqual(new Set([0, 1, 2]));
  });

  it('sums exactly beyond 2^53, and min/max keep bigints', () => {
    const text = [
      'Active Internet connections (servers and established)',
      'Proto Recv-Q Send-Q Local Address           Foreign Address         State',
      'tcp   9007199254740991      0 10.0.0.1:22            10.0.0.2:5000           ESTABLISHED',
      'tcp   9007199254740991      1 10.0.0.1:22            10.0.0.3:5000           ESTABLISHED',
      'tcp   18446744073709551615      2 10.0.0.1:22            10.0.0.4:5000           ESTABLISHED',
      '',
    ].join('\n');
    const recs = recordsFromText(text) as InetRecord[];
    const [row] = [...rollup(recs, ['sum(recv_q)', 'max(recv_q)', 'min(recv_q)', 'avg(send_q)'])];
    expect(row!.sum_recv_q).toBe(9007199254740991n * 2n + 18446744073709551615n);
    expect(row!.max_recv_q).toBe(18446744073709551615n);
    expect(row!.min_recv_q).toBe(9007199254740991);
    expect(row!.avg_send_q).toBe(1);
    // Two safe integers whose sum is not safe: the sum becomes a bigint, never rounded.
    const [two] = [...rollup(recs.slice(0, 2), ['sum(recv_q)'])];
    expect(two!.sum_recv_q).toBe(18014398509481982n);
  });

  it('averages exactly when the mean is a whole number, beyond 2^53 too; a fractional mean is a number', () => {
    // netstat -i with counters past 2^53: as a double, 9007199254740993 would be 9007199254740992.
    const text = [
      'Kernel Interface table',
      'Iface             MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg',
      'eth0             1500 18446744073709551615      0      0 0    9007199254740993      0      0      0 BMRU',
      'eth1             1500 18446744073709551617      0      0 0    9007199254740995      2      0      0 BMRU',
      'lo              65536      750      0      0 0           751      0      0      0 LRU',
      '',
    ].join('\n');
    const recs = recordsFromText(text);
    expect(recs.map((r) => (r as { tx_ok: unknown }).tx_ok)).toEqual([9007199254740993n, 9007199254740995n, 751]);
    const avg = (records: object[], aggs: string[]) => [...rollup(records, aggs, 'interface')][0]!;
    expect(avg(recs.slice(0, 1), ['avg(tx_ok)']).avg_tx_ok).toBe(9007199254740993n);
    expect(avg(recs.slice(0, 2), ['avg(tx_ok)', 'avg(rx_ok)', 'avg(tx_err)'])).toEqual({
      avg_tx_ok: 9007199254740994n,
      avg_rx_ok: 18446744073709551616n,
      avg_tx_err: 1,
    });
    // (9007199254740993 + 9007199254740995 + 751) / 3 is not whole: a number, the nearest there is.
    const third = avg(recs, ['avg(tx_ok)']).avg_tx_ok;
    expect(typeof third).toBe('number');
    expect(third).toBe(Number(9007199254740993n + 9007199254740995n + 751n) / 3);
    // A mean that is a whole number within 2^53 stays a plain number.
    expect(avg(recs.slice(1), ['avg(tx_err)']).avg_tx_err).toBe(1);
  });

  it('sums decimals, and min/max work on text', () => {
    const recs = inetOf('samples/linux/netstat-tnoe.txt');
    const timers = recs.map((r) => r.timer_expires).filter((t): t is number => t !== null);
    expect(timers.some((t) => !Number.isInteger(t))).toBe(true);
    const [row] = [...rollup(recs, ['sum(timer_expires)', 'min(state)', 'max(state)'])];
    expect(row!.sum_timer_expires).toBeCloseTo(timers.reduce((a, b) => a + b, 0), 6);
    const states = recs.map((r) => r.state!).sort();
    expect(row!.min_state).toBe(states[0]);
    expect(row!.max_state).toBe(states[states.length - 1]);
  });

  it('names columns with "as", and works on unix records', () => {
    const unix = unixOf(ANP);
    const rows = [...rollup(groupBy(unix, ['type'], 'unix'), ['count as sockets', 'sum(refcnt) as refs'])];
    const groups = byKey(unix, (r) => r.type);
    expect(rows).toEqual([...groups].map(([type, g]) => ({ type, sockets: g.length, refs: g.reduce((n, r) => n + Number(r.refcnt), 0) })));
  });

  it('refuses aggregates that do not fit their field', () => {
    const error = (aggs: string[]): QueryError => {
      try {
        rollup(inet, aggs);
      } catch (e) {
        return e as QueryError;
      }
      throw new Error('no error');
    };
    expect(error(['sum(state)']).message).toBe('sum needs a number field; state is text');
    expect(error(['avg(local_port)']).message).toBe('avg needs a number field; local_port is a port as printed (use local_port_num or foreign_port_num)');
    expect(error(['min']).message).toBe('min needs a field, as in min(recv_q)');
    expect(error(['summ(recv_q)']).message).toBe('unknown aggregate "summ"; did you mean "sum"?');
    expect(error(['sum(recvq)']).message).toBe('unknown field "recvq" for inet records; did you mean "recv_q"?');
    expect(error(['sum(recvq)']).code).toBe('NETSNAP_QUERY_UNKNOWN_FIELD');
    expect(error(['min']).code).toBe('NETSNAP_QUERY_BAD_AGGREGATE');
  });
});
