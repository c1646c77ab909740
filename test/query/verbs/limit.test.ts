/** limit: the first n, and no more of the input is read than needed. */
import { describe, expect, it } from 'vitest';
import { collect } from '../../../src/query/stream.js';
import { limit } from '../../../src/query/verbs/limit.js';
import { ANP, recordsOf } from '../fixtures.js';

const records = recordsOf(ANP);

describe('limit', () => {
  it('gives the first n records', () => {
    expect([...limit(records, 7)]).toEqual(records.slice(0, 7));
    expect([...limit(records, 0)]).toEqual([]);
    expect([...limit(records, records.length + 5)]).toEqual(records);
  });

  it('stops reading its input once it has n (sync and async)', async () => {
    let read = 0;
    function* sync(): Generator<object> {
      for (const r of records) {
        read++;
        yield r;
      }
    }
    expect([...limit(sync(), 3)]).toHaveLength(3);
    expect(read).toBe(3);
    read = 0;
    let closed = false;
    async function* async(): AsyncGenerator<object> {
      try {
        for (const r of records) {
          read++;
          yield r;
        }
      } finally {
        closed = true;
      }
    }
    expect(await collect(limit(async(), 4))).toHaveLength(4);
    expect(read).toBe(4);
    expect(closed).toBe(true);
  });
});
