/** filter: a pure function over sync and async iterables that holds nothing. */
import { describe, expect, it } from 'vitest';
import { collect } from '../../../src/query/stream.js';
import { filter } from '../../../src/query/verbs/filter.js';
import { compileWhere } from '../../../src/query/where.js';
import type { NetRecord } from '../../../src/types.js';
import { ANP, asAsync, recordsOf } from '../fixtures.js';

const records = recordsOf(ANP);

describe('filter', () => {
  it('keeps the records a predicate accepts, in order (sync in, sync out)', () => {
    const p = compileWhere('state = TIME_WAIT', 'inet');
    const out = filter(records, (r) => r.kind === 'inet' && p(r));
    expect(Symbol.iterator in out).toBe(true);
    const got = [...out];
    const expected = records.filter((r) => r.kind === 'inet' && r.state === 'TIME_WAIT');
    expect(expected.length).toBe(48);
    expect(got).toEqual(expected);
  });

  it('async in, async out, same result', async () => {
    const out = filter(asAsync(records), (r: NetRecord) => r.kind === 'unix');
    expect(Symbol.asyncIterator in out).toBe(true);
    expect(await collect(out)).toEqual(records.filter((r) => r.kind === 'unix'));
  });

  it('is lazy and streams: nothing is read before iteration, and one record out needs one record in', () => {
    let read = 0;
    function* source(): Generator<NetRecord> {
      for (const r of records) {
        read++;
        yield r;
      }
    }
    const out = filter(source(), () => true)[Symbol.iterator]();
    expect(read).toBe(0);
    out.next();
    expect(read).toBe(1);
    out.next();
    expect(read).toBe(2);
  });
});
