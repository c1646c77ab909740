/** Query errors: stable codes, and the messages a person reads, word for word. */
import { describe, expect, it } from 'vitest';
import { compileQuery, type QuerySpec } from '../../src/query/query.js';
import { QueryError, renderQueryError } from '../../src/query/errors.js';
import { fieldNames, platformFields, queryKinds } from '../../src/query/fields.js';

function errorOf(spec: QuerySpec): QueryError {
  try {
    compileQuery(spec);
  } catch (e) {
    if (e instanceof QueryError) return e;
    throw e;
  }
  throw new Error(`no error for ${JSON.stringify(spec)}`);
}

const render = (spec: QuerySpec): string => renderQueryError(errorOf(spec));
const where = (w: string): string => render({ where: w });

describe('syntax errors point at the column and say what was expected', () => {
  it('a value missing after an operator', () => {
    expect(where('state = ')).toBe(['netsnap: --where, column 9: expected a value after "="', '  | state = ', '  |         ^'].join('\n'));
    expect(where('state =')).toBe(['netsnap: --where, column 8: expected a value after "="', '  | state =', '  |        ^'].join('\n'));
    expect(errorOf({ where: 'state = ' }).code).toBe('NETSNAP_QUERY_SYNTAX');
  });

  it('a missing operator, a stray word, an unclosed parenthesis', () => {
    expect(where('state LISTEN')).toBe(
      ['netsnap: --where, column 7: expected an operator (= != < <= > >= ~ !~ in is) after "state", found "LISTEN"', '  | state LISTEN', '  |       ^^^^^^'].join('\n'),
    );
    expect(where('state = LISTEN foo')).toBe(
      ['netsnap: --where, column 16: expected "and", "or" or the end of the expression after "LISTEN", found "foo"', '  | state = LISTEN foo', '  |                ^^^'].join('\n'),
    );
    expect(where('(state = LISTEN or recv_q > 0')).toBe(
      ['netsnap: --where, column 30: expected ")" to close the "(" at column 1', '  | (state = LISTEN or recv_q > 0', '  |                              ^'].join('\n'),
    );
    expect(where('state = LISTEN and')).toBe(['netsnap: --where, column 19: expected a condition after "and"', '  | state = LISTEN and', '  |                   ^'].join('\n'));
    expect(where('and state = LISTEN')).toBe(['netsnap: --where, column 1: expected a condition, found "and"', '  | and state = LISTEN', '  | ^^^'].join('\n'));
  });

  it('after in, is, not and ..', () => {
    expect(where('state in')).toBe(['netsnap: --where, column 9: expected a list in parentheses, a CIDR block, a range or a value after "in"', '  | state in', '  |         ^'].join('\n'));
    expect(where('pid is nothing')).toBe(['netsnap: --where, column 8: expected "null" or "not null" after "is", found "nothing"', '  | pid is nothing', '  |        ^^^^^^^'].join('\n'));
    expect(where('state not (a)')).toBe(['netsnap: --where, column 11: expected "in" after "not", found "("', '  | state not (a)', '  |           ^'].join('\n'));
    expect(where('local_port in 1024..ssh')).toBe(['netsnap: --where, column 21: expected a number after "..", found "ssh"', '  | local_port in 1024..ssh', '  |                     ^^^'].join('\n'));
    expect(where('state in (LISTEN ESTABLISHED)')).toBe(
      ['netsnap: --where, column 18: expected "," or ")" after "LISTEN", found "ESTABLISHED"', '  | state in (LISTEN ESTABLISHED)', '  |                  ^^^^^^^^^^^'].join('\n'),
    );
  });

  it('strings and characters the language does not have', () => {
    expect(where('program_name ~ "^java')).toBe(['netsnap: --where, column 16: unterminated string: no closing "', '  | program_name ~ "^java', '  |                ^'].join('\n'));
    expect(where('state ! LISTEN')).toBe(['netsnap: --where, column 7: unexpected character "!"', '  | state ! LISTEN', '  |       ^'].join('\n'));
    expect(where('   ')).toBe(['netsnap: --where, column 1: the expression is empty; expected a condition', '  |    ', '  | ^'].join('\n'));
  });
});

describe('unknown fields', () => {
  it('suggest the nearest field and list the valid ones', () => {
    const e = errorOf({ where: 'stat = LISTEN' });
    expect(e.code).toBe('NETSNAP_QUERY_UNKNOWN_FIELD');
    expect(e.suggestion).toBe('state');
    // The list is the list of the day: platforms add fields (those come on a line of their own).
    const extras = platformFields('inet');
    const main = fieldNames('inet').filter((n) => !extras.includes(n));
    expect(renderQueryError(e).split('\n').slice(0, 4)).toEqual([
      'netsnap: --where, column 1: unknown field "stat" for inet records; did you mean "state"?',
      '  | stat = LISTEN',
      '  | ^^^^',
      `  inet fields: ${main.join(', ')}`,
    ]);
    expect(main.slice(-5)).toEqual(['local_ip', 'foreign_ip', 'is_listening', 'is_loopback', 'scope']);
    expect(fieldNames('inet').slice(0, 6)).toEqual(['kind', 'snapshot', 'source', 'line', 'platform', 'proto']);
  });

  it('in --group-by, --agg, --select and --sort, with the caret on the name', () => {
    expect(render({ groupBy: 'state,progam_name' }).split('\n').slice(0, 3)).toEqual([
      'netsnap: --group-by, column 7: unknown field "progam_name" for inet records; did you mean "program_name"?',
      '  | state,progam_name',
      '  |       ^^^^^^^^^^^',
    ]);
    expect(render({ groupBy: 'state', aggregates: 'count,sum(recvq)' }).split('\n').slice(0, 3)).toEqual([
      'netsnap: --agg, column 11: unknown field "recvq" for inet records; did you mean "recv_q"?',
      '  | count,sum(recvq)',
      '  |           ^^^^^',
    ]);
    expect(render({ select: 'proto, lcoal_ip' }).split('\n').slice(0, 3)).toEqual([
      'netsnap: --select, column 8: unknown field "lcoal_ip" for inet records; did you mean "local_ip"?',
      '  | proto, lcoal_ip',
      '  |        ^^^^^^^^',
    ]);
    expect(render({ groupBy: 'state', sort: '-cont' })).toBe(
      [
        'netsnap: --sort, column 2: unknown column "cont" in the grouped rows; did you mean "count"?',
        '  | -cont',
        '  |  ^^^^',
        '  grouped rows have the columns: state, count',
      ].join('\n'),
    );
  });

  it('a field of another kind says which kind has it', () => {
    expect(render({ kind: 'unix', where: 'local_port = 22' }).split('\n')[0]).toBe(
      'netsnap: --where, column 1: unix records have no field "local_port" (inet and vsock records do: choose with --kind)',
    );
    expect(render({ kind: 'sockets' })).toBe(['netsnap: --kind: unknown record kind "sockets"', `  kinds: ${queryKinds().join(', ')}`].join('\n'));
    expect(queryKinds().slice(0, 6)).toEqual(['inet', 'unix', 'interface', 'route', 'stat', 'group']);
    expect(render({ kind: 'unx' }).split('\n')[0]).toBe('netsnap: --kind: unknown record kind "unx"; did you mean "unix"?');
  });
});

describe('type mismatches', () => {
  it('say which field wanted what', () => {
    expect(where('local_port > abc')).toBe(['netsnap: --where, column 14: type mismatch: local_port > needs a number, not "abc"', '  | local_port > abc', '  |              ^^^'].join('\n'));
    expect(errorOf({ where: 'local_port > abc' }).code).toBe('NETSNAP_QUERY_TYPE_MISMATCH');
    expect(where('recv_q = lots').split('\n')[0]).toBe('netsnap: --where, column 10: type mismatch: recv_q = needs a number, not "lots"');
    expect(where('is_listening = maybe').split('\n')[0]).toBe('netsnap: --where, column 16: type mismatch: is_listening = needs true or false, not "maybe"');
    expect(where('local_address < web1').split('\n')[0]).toBe('netsnap: --where, column 17: type mismatch: local_address < needs an IP address, not "web1"');
    expect(where('is_loopback > 1').split('\n')[0]).toBe('netsnap: --where, column 13: type mismatch: is_loopback is true or false and has no order; use = or !=');
    expect(where('recv_q in 10.0.0.0/8').split('\n')[0]).toBe('netsnap: --where, column 11: type mismatch: a CIDR block matches addresses; recv_q is a number');
    expect(where('local_address in 1..5').split('\n')[0]).toBe('netsnap: --where, column 18: type mismatch: a range needs a number field; local_address is an address');
    expect(where('state').split('\n')[0]).toBe('netsnap: --where, column 1: type mismatch: state is text, not true or false; compare it with a value (state = ...)');
    expect(where('recv_q > null').split('\n')[0]).toBe('netsnap: --where, column 10: type mismatch: recv_q > needs a number, not null');
  });
});

describe('values and patterns', () => {
  it('CIDR prefixes and ranges', () => {
    expect(where('foreign_address in 10.0.0.0/33')).toBe(
      ['netsnap: --where, column 20: prefix length /33 is longer than the 32 bits of an IPv4 address', '  | foreign_address in 10.0.0.0/33', '  |                    ^^^^^^^^^^^'].join('\n'),
    );
    expect(where('local_port in 65535..1024').split('\n')[0]).toBe('netsnap: --where, column 15: empty range: 65535 is greater than 1024');
    expect(errorOf({ where: 'local_port in 65535..1024' }).code).toBe('NETSNAP_QUERY_BAD_VALUE');
  });

  it('regular expressions that are invalid or could take exponential time', () => {
    expect(where('program_name ~ "(a+)+$"')).toBe(
      ['netsnap: --where, column 17: a repeated group that itself repeats or alternates can take exponential time; simplify the pattern', '  | program_name ~ "(a+)+$"', '  |                 ^^^^^'].join('\n'),
    );
    expect(errorOf({ where: 'program_name ~ "(a+)+$"' }).code).toBe('NETSNAP_QUERY_BAD_REGEX');
    expect(where('program_name ~ "(x)\\1"').split('\n')[0]).toBe('netsnap: --where, column 20: backreferences are not allowed (they can take exponential time)');
    expect(where('program_name ~ "[a-"').split('\n')[0]).toBe('netsnap: --where, column 17: invalid regular expression: Unterminated character class');
    expect(where(`program_name ~ "${'a'.repeat(300)}"`).split('\n')[0]).toBe('netsnap: --where, column 273: the pattern is 300 characters long; at most 256 are allowed');
  });
});

describe('options', () => {
  it('aggregates, sort keys, limit and snapshot', () => {
    expect(render({ aggregates: 'count,median(recv_q)' })).toBe(
      [
        'netsnap: --agg, column 7: unknown aggregate "median"',
        '  | count,median(recv_q)',
        '  |       ^^^^^^',
        '  aggregates: count, count(FIELD), sum(FIELD), min(FIELD), max(FIELD), avg(FIELD), count_distinct(FIELD); "sum(recv_q) as backlog" names the column',
      ].join('\n'),
    );
    expect(render({ aggregates: 'count,,max(send_q)' }).split('\n')[0]).toBe('netsnap: --agg, column 7: expected an aggregate (an empty item in the list)');
    expect(render({ aggregates: 'sum(recv_q) as count,count' }).split('\n')[0]).toBe('netsnap: --agg: two columns are named "count"; name one with "as", as in sum(recv_q) as backlog');
    expect(render({ sort: 'state,,recv_q' }).split('\n')[0]).toBe('netsnap: --sort, column 7: expected a field name (an empty item in the list)');
    expect(render({ limit: -1 })).toBe('netsnap: --limit: -1 is not a limit: use a whole number from 0');
    // JSON.stringify would show NaN as null.
    expect(render({ limit: Number.NaN })).toBe('netsnap: --limit: NaN is not a limit: use a whole number from 0');
    expect(render({ snapshot: 'middle' as never })).toBe('netsnap: --snapshot: "middle" is not a snapshot: use a number from 0, first, last or all');
  });
});
