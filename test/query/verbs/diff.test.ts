/** The diff verb: two anti-joins and a keyed join over each kind's key. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_KEYS, KeyedDiff, diff, parseText } from '../../../src/index.js';
import type { NetRecord, StatRecord } from '../../../src/types.js';
import { COLUMNS } from '../../../src/output/columns.js';

const HEADER = 'Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name';
const row = (local: string, foreign: string, state: string, prog = '1/a', rq = 0, sq = 0): string =>
  `tcp   ${String(rq).padStart(6)} ${String(sq).padStart(6)} ${local.padEnd(23)} ${foreign.padEnd(23)} ${state.padEnd(11)} ${prog}`;

function records(...rows: string[]): NetRecord[] {
  const r = parseText(`${HEADER}\n${rows.join('\n')}\n`);
  expect(r.diagnostics).toEqual([]);
  return r.records;
}

function stat(section: string, counter: string, value: number | bigint, line = 1): StatRecord {
  return { kind: 'stat', snapshot: 0, source: '-', line, platform: 'linux', section, counter, value, text: `${value} ${counter}` };
}

describe('diff', () => {
  it('sorts sockets into added, removed, changed (with the fields that changed) and unchanged', () => {
    const before = records(
      row('10.0.0.1:22', '10.0.0.9:5000', 'ESTABLISHED'),
      row('10.0.0.1:80', '0.0.0.0:*', 'LISTEN', '10/nginx'),
      row('10.0.0.1:40000', '10.0.0.7:443', 'SYN_SENT', '20/curl', 0, 1),
    );
    const after = records(
      row('10.0.0.1:22', '10.0.0.9:5000', 'ESTABLISHED'),
      row('10.0.0.1:40000', '10.0.0.7:443', 'ESTABLISHED', '20/curl', 0, 0),
      row('10.0.0.1:8080', '0.0.0.0:*', 'LISTEN', '30/java'),
    );
    const d = diff(before, after);
    expect(d.unchanged).toBe(1);
    expect(d.added.map((r) => [r.local_port, r.state, r.program_name, r.line])).toEqual([['8080', 'LISTEN', 'java', 4]]);
    expect(d.removed.map((r) => [r.local_port, r.state, r.pid, r.line])).toEqual([['80', 'LISTEN', 10, 3]]);
    expect(d.changed).toHaveLength(1);
    expect(d.changed[0]!.key).toEqual({ proto: 'tcp', local_address: '10.0.0.1', local_port: '40000', foreign_address: '10.0.0.7', foreign_port: '443' });
    expect(d.changed[0]!.changes).toEqual([
      { field: 'state', before: 'SYN_SENT', after: 'ESTABLISHED' },
      { field: 'send_q', before: 1, after: 0 },
    ]);
    expect([d.changed[0]!.line_before, d.changed[0]!.line_after]).toEqual([4, 3]);
    expect(d.duplicates).toEqual([]);
  });

  it('is a pure function: the records it is given are left as they were', () => {
    const before = records(row('10.0.0.1:22', '10.0.0.9:5000', 'ESTABLISHED'));
    const after = records(row('10.0.0.1:22', '10.0.0.9:5000', 'CLOSE_WAIT'));
    const copy = JSON.stringify([before, after]);
    diff(before, after);
    expect(JSON.stringify([before, after])).toBe(copy);
  });

  it('matches duplicate keys as a multiset: equal records first, then in order, and reports them', () => {
    // Three sockets on one key before (SO_REUSEPORT listeners), two after: one is gone, one changed.
    const before = records(
      row('0.0.0.0:80', '0.0.0.0:*', 'LISTEN', '1/nginx'),
      row('0.0.0.0:80', '0.0.0.0:*', 'LISTEN', '2/nginx'),
      row('0.0.0.0:80', '0.0.0.0:*', 'LISTEN', '3/nginx'),
    );
    const after = records(row('0.0.0.0:80', '0.0.0.0:*', 'LISTEN', '4/nginx'), row('0.0.0.0:80', '0.0.0.0:*', 'LISTEN', '2/nginx'));
    const d = diff(before, after);
    expect(d.unchanged).toBe(1); // pid 2 paired with pid 2, although it came second
    expect(d.changed.map((c) => c.changes)).toEqual([[{ field: 'pid', before: 1, after: 4 }]]);
    expect(d.removed.map((r) => r.pid)).toEqual([3]);
    expect(d.added).toEqual([]);
    expect(d.duplicates).toEqual([
      { kind: 'inet', key: { proto: 'tcp', local_address: '0.0.0.0', local_port: '80', foreign_address: '0.0.0.0', foreign_port: '*' }, before: 3, after: 2 },
    ]);
  });

  it('reports a key repeated only after, and one repeated only among the added', () => {
    const before = records(row('10.0.0.1:1', '10.0.0.2:2', 'ESTABLISHED'));
    const after = records(
      row('10.0.0.1:1', '10.0.0.2:2', 'ESTABLISHED'),
      row('10.0.0.1:1', '10.0.0.2:2', 'ESTABLISHED'),
      row('10.0.0.3:3', '10.0.0.4:4', 'TIME_WAIT', '-'),
      row('10.0.0.3:3', '10.0.0.4:4', 'TIME_WAIT', '-'),
    );
    const d = diff(before, after);
    expect(d.unchanged).toBe(1);
    expect(d.added).toHaveLength(3);
    expect(d.duplicates.map((x) => [x.key.local_port, x.before, x.after])).toEqual([
      ['1', 1, 2],
      ['3', 0, 2],
    ]);
  });

  it('keys unix sockets by inode, and by type, path and state when there is none', () => {
    const text = (inode: string, state: string) =>
      `Proto RefCnt Flags       Type       State         I-Node   Path\nunix  2      [ ACC ]     STREAM     ${state.padEnd(13)} ${inode.padEnd(8)} /run/a.sock\n`;
    const a = parseText(text('1001', 'LISTENING')).records;
    const b = parseText(text('1001', 'CONNECTED')).records;
    const c = parseText(text('2002', 'LISTENING')).records;
    expect(diff(a, b).changed.map((x) => [x.key, x.changes])).toEqual([[{ inode: 1001 }, [{ field: 'state', before: 'LISTENING', after: 'CONNECTED' }]]]);
    const d = diff(a, c);
    expect([d.added.length, d.removed.length, d.changed.length]).toEqual([1, 1, 0]);
    // Without an inode (a platform that prints none), type + path + state is the key.
    const noInode = (r: NetRecord): NetRecord => ({ ...r, inode: null }) as unknown as NetRecord;
    const e = diff(a.map(noInode), c.map(noInode));
    expect(e.unchanged).toBe(1);
    expect(e.keys.filter((k) => k.kind === 'unix').map((k) => k.key)).toEqual([['inode'], ['proto', 'type', 'path', 'state']]);
  });

  it('takes another key with `key`, comparing the rest of the default key and fields', () => {
    const before = records(row('10.0.0.1:80', '0.0.0.0:*', 'LISTEN', '1/nginx'));
    const after = records(row('10.0.0.2:80', '0.0.0.0:*', 'LISTEN', '1/nginx'));
    expect(diff(before, after).changed).toHaveLength(0);
    const d = diff(before, after, { key: ['proto', 'local_port'] });
    expect(d.changed.map((c) => c.changes)).toEqual([[{ field: 'local_address', before: '10.0.0.1', after: '10.0.0.2' }]]);
    expect(d.keys[0]).toMatchObject({ kind: 'inet', key: ['proto', 'local_port'] });
  });

  it('keeps the default key for kinds that lack a field of `key`', () => {
    const i = parseText('Kernel Interface table\nIface      MTU    RX-OK RX-ERR RX-DRP RX-OVR    TX-OK TX-ERR TX-DRP TX-OVR Flg\neth0      1500      10      0      0 0            5      0      0      0 BMRU\n').records;
    const d = diff(i, i, { key: ['local_port'] });
    expect(d.keys.map((k) => [k.kind, k.key])).toEqual([['interface', ['iface', 'network', 'address']]]);
    expect(d.unchanged).toBe(1);
  });

  it('leaves out fields named in `ignore`', () => {
    const before = records(row('10.0.0.1:22', '10.0.0.9:5000', 'ESTABLISHED', '1/a', 0, 10));
    const after = records(row('10.0.0.1:22', '10.0.0.9:5000', 'ESTABLISHED', '1/a', 5, 0));
    expect(diff(before, after).changed).toHaveLength(1);
    const d = diff(before, after, { ignore: ['recv_q', 'send_q'] });
    expect([d.changed.length, d.unchanged]).toEqual([0, 1]);
    expect(d.keys[0]!.compared).not.toContain('recv_q');
  });

  it('does not compare a column only one snapshot has (netstat without -p, then with it)', () => {
    const before = parseText(
      'Proto Recv-Q Send-Q Local Address           Foreign Address         State\ntcp        0      0 10.0.0.1:22             10.0.0.9:5000           ESTABLISHED\n',
    ).records;
    const after = records(row('10.0.0.1:22', '10.0.0.9:5000', 'ESTABLISHED', '77/sshd'));
    const d = diff(before, after);
    expect([d.changed.length, d.unchanged]).toEqual([0, 1]);
    expect(d.keys[0]!.not_compared).toEqual(['pid', 'program_name']);
  });

  it('diffs netstat -s counters on section and counter, exactly beyond 2^53', () => {
    const big = 2n ** 64n - 1n;
    const d = diff(
      [stat('Tcp', 'segments_retransmitted', 34), stat('Ip', 'total_packets_received', big - 5n), stat('Tcp', 'active_connection_openings', 165)],
      [stat('Tcp', 'segments_retransmitted', 90), stat('Ip', 'total_packets_received', big), stat('Tcp', 'active_connection_openings', 165)],
    );
    expect(d.changed.map((c) => [c.key.counter, c.changes[0]!.before, c.changes[0]!.after])).toEqual([
      ['segments_retransmitted', 34, 90],
      ['total_packets_received', big - 5n, big],
    ]);
    expect(d.unchanged).toBe(1);
  });

  it('matches kinds added later on all their fields, or on `key` when it is given', () => {
    const rec = (iface: string, n: number): NetRecord =>
      ({ kind: 'bluetooth', snapshot: 0, source: '-', line: n, platform: 'linux', iface, recv_q: n }) as unknown as NetRecord;
    const d = diff([rec('lo', 1)], [rec('lo', 2)]);
    expect([d.added.length, d.removed.length, d.changed.length]).toEqual([1, 1, 0]);
    expect(d.keys).toEqual([{ kind: 'bluetooth', when: null, key: ['iface', 'recv_q'], compared: [], not_compared: [] }]);
    const k = diff([rec('lo', 1)], [rec('lo', 2)], { key: ['iface'] });
    expect(k.changed.map((c) => c.changes)).toEqual([[{ field: 'recv_q', before: 1, after: 2 }]]);
  });

  it('states a key for every record kind, made of fields the kind has', () => {
    const columns = COLUMNS as { [k: string]: readonly string[] };
    for (const kind of ['inet', 'unix', 'interface', 'route', 'stat', 'group']) expect(DEFAULT_KEYS[kind], kind).toBeDefined();
    let checked = 0;
    for (const [kind, specs] of Object.entries(DEFAULT_KEYS)) {
      // Keys are also stated for kinds other readers add (ss's netlink, packet, ...) before they exist here.
      if (columns[kind] === undefined) continue;
      for (const s of specs) for (const f of [...s.key, ...s.compare]) expect(columns[kind], `${kind}.${f}`).toContain(f);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(6);
  });

  it('streams: KeyedDiff gives what diff gives, and keeps unchanged pairs only for the kinds asked', () => {
    const before = records(row('10.0.0.1:22', '10.0.0.9:5000', 'ESTABLISHED'), row('10.0.0.1:23', '10.0.0.9:5000', 'ESTABLISHED'));
    const after = records(row('10.0.0.1:22', '10.0.0.9:5000', 'ESTABLISHED'));
    const k = new KeyedDiff({ keepUnchanged: ['inet'] });
    for (const r of before) k.addBefore(r);
    for (const r of after) k.addAfter(r);
    const streamed = k.finish();
    const whole = diff(before, after);
    expect(streamed.removed).toEqual(whole.removed);
    expect(whole.unchanged_records).toEqual([]);
    expect(streamed.unchanged_records.map((p) => [p.line_before, p.line_after, p.changes])).toEqual([[2, 2, []]]);
    expect(streamed.unchanged_by_kind).toEqual({ inet: 1 });
  });

  it('keeps strings with odd characters intact through its compact form', () => {
    const odd = (name: string): NetRecord[] => records(row('10.0.0.1:22', '10.0.0.9:5000', 'ESTABLISHED', `1/${name}`));
    const d = diff(odd('a\x1fb'), odd('sérveur-ü'));
    expect(d.changed[0]!.changes).toEqual([{ field: 'program_name', before: 'a\x1fb', after: 'sérveur-ü' }]);
  });
});
