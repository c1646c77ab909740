/**
 * The --where language, operator by operator, on real samples: every result is checked against the
 * same selection written by hand in the test.
 */
import { describe, expect, it } from 'vitest';
import { compileWhere, parseWhere } from '../../src/query/where.js';
import { tokenizeQuery } from '../../src/query/lexer.js';
import type { InetRecord, RouteRecord, UnixRecord } from '../../src/types.js';
import { ANP, BUSYBOX_AN, CENTOS_AEEP, TULPN, UBUNTU, inetOf, recordsFromText, recordsOf, unixOf } from './fixtures.js';

const inet = inetOf(ANP);

/** Records of a kind that match an expression. */
function where<R extends object>(records: R[], expr: string, kind = 'inet'): R[] {
  const p = compileWhere(expr, kind);
  return records.filter((r) => p(r));
}

/** The same records, by line (what the tests compare). */
function lines(records: { line: number }[]): number[] {
  return records.map((r) => r.line);
}

/** Assert the selection is the hand-written one, and that it selects some but not all. */
function expectSame<R extends { line: number }>(got: R[], expected: R[], all: R[]): void {
  expect(lines(got)).toEqual(lines(expected));
  expect(expected.length).toBeGreaterThan(0);
  expect(expected.length).toBeLessThan(all.length);
}

describe('comparisons', () => {
  it('= and != on states, ignoring case; != includes records with no state', () => {
    const est = inet.filter((r) => r.state === 'ESTABLISHED');
    expectSame(where(inet, 'state = ESTABLISHED'), est, inet);
    expectSame(where(inet, 'state = established'), est, inet);
    expectSame(where(inet, 'state == "Established"'), est, inet);
    const notListen = inet.filter((r) => r.state !== 'LISTEN');
    expect(notListen.some((r) => r.state === null)).toBe(true);
    expectSame(where(inet, 'state != LISTEN'), notListen, inet);
    expectSame(where(inet, 'state <> listen'), notListen, inet);
  });

  it('protocol names ignore case too', () => {
    expectSame(where(inet, 'proto = TCP6'), inet.filter((r) => r.proto === 'tcp6'), inet);
    expectSame(where(inet, 'transport_protocol = UDP'), inet.filter((r) => r.transport_protocol === 'udp'), inet);
  });

  it('< <= > >= on numbers', () => {
    expectSame(where(inet, 'recv_q > 0'), inet.filter((r) => Number(r.recv_q) > 0), inet);
    expectSame(where(inet, 'recv_q >= 1'), inet.filter((r) => Number(r.recv_q) >= 1), inet);
    expectSame(where(inet, 'send_q < 1'), inet.filter((r) => Number(r.send_q) < 1), inet);
    expectSame(where(inet, 'send_q <= 0'), inet.filter((r) => Number(r.send_q) <= 0), inet);
    expectSame(where(inet, 'recv_q > 128511.5'), inet.filter((r) => Number(r.recv_q) > 128511.5), inet);
    expectSame(where(inet, 'pid >= 17430 and pid <= 17433'), inet.filter((r) => r.pid !== null && r.pid >= 17430 && r.pid <= 17433), inet);
  });

  it('ports: numbers compare as numbers, names as text', () => {
    expectSame(where(inet, 'local_port > 9000'), inet.filter((r) => r.local_port_num !== null && r.local_port_num > 9000), inet);
    expectSame(where(inet, 'local_port = 80'), inet.filter((r) => r.local_port === '80'), inet);
    const centos = inetOf(CENTOS_AEEP);
    expectSame(where(centos, 'local_port = ssh'), centos.filter((r) => r.local_port === 'ssh'), centos);
    expectSame(where(centos, 'foreign_port = "*"'), centos.filter((r) => r.foreign_port === '*'), centos);
  });

  it('numbers are exact beyond 2^53', () => {
    const text = [
      'Active Internet connections (servers and established)',
      'Proto Recv-Q Send-Q Local Address           Foreign Address         State',
      'tcp   18446744073709551615      0 10.0.0.1:22            10.0.0.2:5000           ESTABLISHED',
      'tcp   18446744073709551614      0 10.0.0.1:22            10.0.0.3:5000           ESTABLISHED',
      'tcp   9007199254740993      0 10.0.0.1:22            10.0.0.4:5000           ESTABLISHED',
      'tcp   9007199254740991      0 10.0.0.1:22            10.0.0.5:5000           ESTABLISHED',
      '',
    ].join('\n');
    const recs = recordsFromText(text) as InetRecord[];
    expect(recs.map((r) => typeof r.recv_q)).toEqual(['bigint', 'bigint', 'bigint', 'number']);
    const fa = (e: string): string[] => where(recs, e).map((r) => r.foreign_address);
    expect(fa('recv_q = 18446744073709551615')).toEqual(['10.0.0.2']);
    expect(fa('recv_q != 18446744073709551615')).toEqual(['10.0.0.3', '10.0.0.4', '10.0.0.5']);
    expect(fa('recv_q > 18446744073709551614')).toEqual(['10.0.0.2']);
    expect(fa('recv_q > 9007199254740992')).toEqual(['10.0.0.2', '10.0.0.3', '10.0.0.4']);
    expect(fa('recv_q <= 9007199254740993')).toEqual(['10.0.0.4', '10.0.0.5']);
    expect(fa('recv_q in 9007199254740993..18446744073709551614')).toEqual(['10.0.0.3', '10.0.0.4']);
  });
});

describe('regular expressions', () => {
  it('~ and !~, quoted or bare, unanchored', () => {
    const java = inet.filter((r) => r.program_name !== null && /^java/.test(r.program_name));
    expectSame(where(inet, 'program_name ~ "^java"'), java, inet);
    expectSame(where(inet, 'program_name ~ ^java'), java, inet);
    expectSame(where(inet, "program_name ~ 'ava$'"), inet.filter((r) => r.program_name !== null && /ava$/.test(r.program_name)), inet);
    // !~ is the exact negation: records without a program name do not match ~, so they match !~.
    expectSame(where(inet, 'program_name !~ "^java"'), inet.filter((r) => !(r.program_name !== null && /^java/.test(r.program_name))), inet);
  });

  it('ignore case on states and protocols, not on other text', () => {
    expectSame(where(inet, 'state ~ "^fin_wait"'), inet.filter((r) => r.state?.startsWith('FIN_WAIT')), inet);
    expect(where(inet, 'program_name ~ "^JAVA"')).toEqual([]);
  });

  it('backslashes in quoted patterns reach the regex', () => {
    expectSame(where(inet, 'local_address ~ "^127\\.0\\.0\\.[2-7]$"'), inet.filter((r) => /^127\.0\.0\.[2-7]$/.test(r.local_address)), inet);
  });
});

describe('in', () => {
  it('a list of values', () => {
    expectSame(where(inet, 'state in (LISTEN, time_wait)'), inet.filter((r) => r.state === 'LISTEN' || r.state === 'TIME_WAIT'), inet);
    expectSame(where(inet, 'state not in (LISTEN, TIME_WAIT)'), inet.filter((r) => r.state !== 'LISTEN' && r.state !== 'TIME_WAIT'), inet);
    expectSame(where(inet, 'program_name in ("java", python3)'), inet.filter((r) => r.program_name === 'java' || r.program_name === 'python3'), inet);
  });

  it('port ranges, inclusive', () => {
    const high = inet.filter((r) => r.local_port_num !== null && r.local_port_num >= 1024 && r.local_port_num <= 65535);
    expectSame(where(inet, 'local_port in 1024..65535'), high, inet);
    expectSame(where(inet, 'local_port in (1 .. 1023)'), inet.filter((r) => r.local_port_num !== null && r.local_port_num <= 1023), inet);
    expectSame(where(inet, 'local_port in (80, 6000..7000)'), inet.filter((r) => r.local_port_num === 80 || (r.local_port_num !== null && r.local_port_num >= 6000 && r.local_port_num <= 7000)), inet);
  });

  it('CIDR blocks, IPv4 and IPv6', () => {
    expectSame(where(inet, 'foreign_address in 127.0.0.0/30'), inet.filter((r) => /^127\.0\.0\.[0-3]$/.test(r.foreign_address)), inet);
    expectSame(where(inet, 'local_address in ::1/128'), inet.filter((r) => r.local_address === '::1'), inet);
    expectSame(where(inet, 'local_address in (::/128, 0.0.0.0/32)'), inet.filter((r) => r.local_address === '::' || r.local_address === '0.0.0.0'), inet);
  });

  it('a port of more than five digits is the number it prints (ss ports past 65535, damaged input)', () => {
    const big = '9'.repeat(30);
    const recs = [{ local_port: '3639976929' }, { local_port: big }, { local_port: '22' }, { local_port: 'ssh' }, { local_port: '-247672' }, { local_port: '127.' }];
    const hit = (expr: string) => recs.filter((r) => compileWhere(expr, 'inet')(r)).map((r) => r.local_port);
    expect(hit('local_port = 3639976929')).toEqual(['3639976929']);
    expect(hit(`local_port = ${big}`)).toEqual([big]);
    expect(hit('local_port > 65535')).toEqual(['3639976929', big]);
    expect(hit('local_port in 1..100')).toEqual(['22']);
    expect(hit('local_port = ssh')).toEqual(['ssh']);
    // Not a run of digits (damaged input): equal as text, never as a number.
    expect(hit('local_port = -247672')).toEqual(['-247672']);
    expect(hit('local_port = "127."')).toEqual(['127.']);
    expect(hit('local_port = 127')).toEqual([]);
  });

  it('a network written with its prefix (route destinations) is in a block that holds all of it', () => {
    // FreeBSD -rn -f inet6: fe80::/10, fe80::%lo0/64 and the address fe80::1%lo0 are in fe80::/10;
    // ::/96 and ff02::/16 are not, and ::/0 holds every IPv6 destination.
    const bsd = recordsOf('samples/bsd/freebsd102-netstat-rn-f-inet6.txt').filter((r) => r.kind === 'route') as RouteRecord[];
    const dest = (expr: string) => where(bsd, expr, 'route').map((r) => r.destination);
    expect(dest('destination in fe80::/10')).toEqual(['fe80::/10', 'fe80::%lo0/64', 'fe80::1%lo0']);
    expect(dest('destination in fe80::/9')).toEqual(['fe80::/10', 'fe80::%lo0/64', 'fe80::1%lo0']);
    expect(dest('destination in fe80::/11')).toEqual(['fe80::%lo0/64', 'fe80::1%lo0']); // a /10 is wider than a /11
    expect(dest('destination in ::/0')).toEqual(bsd.map((r) => r.destination).filter((d) => d !== 'default'));
    expect(dest('destination not in fe80::/10')).not.toContain('fe80::%lo0/64');
    // Linux -A inet6 -rn; an IPv4 network against IPv4-mapped IPv6 blocks and the reverse.
    const linux = recordsOf('samples/linux/netstat-rn6.txt').filter((r) => r.kind === 'route') as RouteRecord[];
    expect(where(linux, 'destination in fd00::/8', 'route').map((r) => r.destination)).toEqual(['fd00::/64', 'fd00::2/128']);
    const p = compileWhere('destination in ::ffff:10.0.0.0/104', 'route');
    expect([p({ destination: '10.1.0.0/16' }), p({ destination: '10.0.0.0/7' }), p({ destination: '11.0.0.0/16' })]).toEqual([true, false, false]);
    const q = compileWhere('destination in 10.0.0.0/8', 'route');
    expect([q({ destination: '::ffff:10.1.0.0/112' }), q({ destination: '::ffff:10.1.0.0/90' }), q({ destination: '10.0.0.0/8' }), q({ destination: '10.1/16' })]).toEqual([true, false, true, false]);
  });
});

describe('null, booleans, and/or/not', () => {
  it('is null and is not null', () => {
    const tulpn = inetOf(TULPN);
    expectSame(where(tulpn, 'program_name is null'), tulpn.filter((r) => r.program_name === null), tulpn);
    expectSame(where(tulpn, 'program_name is not null'), tulpn.filter((r) => r.program_name !== null), tulpn);
    expectSame(where(inet, 'state is null'), inet.filter((r) => r.state === null), inet);
    expectSame(where(inet, 'state = null'), inet.filter((r) => r.state === null), inet);
    // A quoted "null" is the text null, not a missing value.
    expect(where(inet, 'state = "null"')).toEqual([]);
  });

  it('true/false fields alone or compared', () => {
    const listening = where(inet, 'is_listening');
    expect(listening.length).toBeGreaterThan(0);
    expect(lines(where(inet, 'is_listening = true'))).toEqual(lines(listening));
    expect(lines(where(inet, 'not is_listening'))).toEqual(lines(inet.filter((r) => !listening.includes(r))));
    expect(lines(where(inet, 'is_listening = no'))).toEqual(lines(inet.filter((r) => !listening.includes(r))));
  });

  it('precedence: not > and > or; parentheses override', () => {
    const a = (r: InetRecord): boolean => r.state === 'LISTEN';
    const b = (r: InetRecord): boolean => r.proto === 'tcp6';
    const c = (r: InetRecord): boolean => Number(r.recv_q) > 0;
    expectSame(where(inet, 'state = LISTEN or proto = tcp6 and recv_q > 0'), inet.filter((r) => a(r) || (b(r) && c(r))), inet);
    expectSame(where(inet, '(state = LISTEN or proto = tcp6) and recv_q > 0'), inet.filter((r) => (a(r) || b(r)) && c(r)), inet);
    expectSame(where(inet, 'not state = LISTEN and proto = tcp6'), inet.filter((r) => !a(r) && b(r)), inet);
    expectSame(where(inet, 'not (state = LISTEN and proto = tcp6)'), inet.filter((r) => !(a(r) && b(r))), inet);
    expectSame(where(inet, 'STATE = LISTEN AND NOT proto = tcp OR recv_q > 0'.replace('STATE', 'state')), inet.filter((r) => (a(r) && r.proto !== 'tcp') || c(r)), inet);
  });

  it('unix records: paths, types and states', () => {
    const unix = unixOf(ANP);
    expectSame(where(unix, 'path ~ "\\.sock$" and type = stream', 'unix'), unix.filter((r) => r.path !== null && r.path.endsWith('.sock') && r.type === 'STREAM'), unix);
    expectSame(where(unix, 'path_type = abstract', 'unix'), unix.filter((r: UnixRecord) => r.path_type === 'abstract'), unix);
    expectSame(where(unix, 'flag_names = accepting', 'unix'), unix.filter((r) => r.flag_names.includes('accepting')), unix);
    expectSame(where(unix, 'flag_names is null', 'unix'), unix.filter((r) => r.flag_names.length === 0), unix);
  });
});

describe('addresses', () => {
  it('IP literals compare as addresses; names as text, ignoring case', () => {
    expectSame(where(inet, 'local_address = 0:0:0:0:0:0:0:1'), inet.filter((r) => r.local_address === '::1'), inet);
    const ubuntu = inetOf(UBUNTU);
    expect(lines(where(ubuntu, 'foreign_address = LB-192-30-253-113'))).toEqual(lines(ubuntu.filter((r) => r.foreign_address === 'lb-192-30-253-113')));
    expect(where(ubuntu, 'foreign_address = LB-192-30-253-113')).toHaveLength(1);
  });

  it('IPv4-mapped addresses are the same as their IPv4 address', () => {
    const bb = inetOf(BUSYBOX_AN);
    const mapped = bb.filter((r) => r.local_address === '::ffff:127.0.0.1');
    expect(mapped.length).toBeGreaterThan(0);
    const either = bb.filter((r) => r.local_address === '127.0.0.1' || r.local_address === '::ffff:127.0.0.1');
    expect(either.length).toBeGreaterThan(mapped.length);
    expect(lines(where(bb, 'local_address = ::ffff:127.0.0.1'))).toEqual(lines(either));
    expect(lines(where(bb, 'local_address = 127.0.0.1'))).toEqual(lines(either));
    // As text, they differ.
    expect(lines(where(bb, 'local_address ~ "^::ffff:"'))).toEqual(lines(mapped));
  });
});

describe('the grammar', () => {
  it('gives exactly one parse, with and/or/not nested by precedence', () => {
    const strip = (c: unknown): unknown => JSON.parse(JSON.stringify(c, (k, v: unknown) => (k === 'loc' ? undefined : v)));
    expect(strip(parseWhere('a = 1 or b = 2 and not c = 3'))).toEqual({
      or: [{ field: 'a', op: '=', value: '1' }, { and: [{ field: 'b', op: '=', value: '2' }, { not: { field: 'c', op: '=', value: '3' } }] }],
    });
    expect(strip(parseWhere('(a = 1 or b = 2) and c in (x, "y z", 1..5) and d is not null and e not in 10.0.0.0/8 and f'))).toEqual({
      and: [
        { or: [{ field: 'a', op: '=', value: '1' }, { field: 'b', op: '=', value: '2' }] },
        { field: 'c', op: 'in', values: ['x', 'y z', { from: '1', to: '5' }] },
        { field: 'd', op: 'is not null' },
        { field: 'e', op: 'not in', values: ['10.0.0.0/8'] },
        { field: 'f' },
      ],
    });
    expect(strip(parseWhere('a = 1 and b = 2 and c = 3 or d = 4 or e = 5'))).toEqual({
      or: [
        { and: [{ field: 'a', op: '=', value: '1' }, { field: 'b', op: '=', value: '2' }, { field: 'c', op: '=', value: '3' }] },
        { field: 'd', op: '=', value: '4' },
        { field: 'e', op: '=', value: '5' },
      ],
    });
    expect(strip(parseWhere('x = null and y = "null" and z = NULL'))).toEqual({
      and: [{ field: 'x', op: '=', value: null }, { field: 'y', op: '=', value: 'null' }, { field: 'z', op: '=', value: null }],
    });
  });

  it('lexes ranges, addresses, keywords in any case, and strings with escapes', () => {
    const types = (t: string): string[] => tokenizeQuery(t).map((x) => `${x.type}:${x.text}`);
    expect(types('local_port in 1024..65535')).toEqual(['word:local_port', 'kw_in:in', 'number:1024', 'dotdot:..', 'number:65535']);
    expect(types('a IN (10.0.0.1, ::1,fe80::/10)')).toEqual(['word:a', 'kw_in:IN', 'lparen:(', 'word:10.0.0.1', 'comma:,', 'word:::1', 'comma:,', 'word:fe80::/10', 'rparen:)']);
    expect(types('a>=-5 AND b!~"x\\"y" Or Not c')).toEqual(['word:a', 'cmp:>=', 'number:-5', 'kw_and:AND', 'word:b', 'match:!~', 'string:"x\\"y"', 'kw_or:Or', 'kw_not:Not', 'word:c']);
    expect(parseWhere('b = "x\\"y"')).toMatchObject({ value: 'x"y' });
  });
});
