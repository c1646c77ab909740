/** Picking a snapshot: by number, first, last or all, per input. */
import { describe, expect, it } from 'vitest';
import { collect } from '../../../src/query/stream.js';
import { pickSnapshot, snapshotStep } from '../../../src/query/verbs/snapshot.js';
import { through } from '../../../src/query/stream.js';
import { ANP, CTN, asAsync, recordsOf } from '../fixtures.js';

const ctn = recordsOf(CTN);

describe('pickSnapshot', () => {
  it('by number, first and all', () => {
    expect(new Set(ctn.map((r) => r.snapshot))).toEqual(new Set([0, 1, 2]));
    for (const n of [0, 1, 2]) expect([...pickSnapshot(ctn, n)]).toEqual(ctn.filter((r) => r.snapshot === n));
    expect([...pickSnapshot(ctn, 'first')]).toEqual(ctn.filter((r) => r.snapshot === 0));
    expect([...pickSnapshot(ctn, 'all')]).toEqual(ctn);
    expect([...pickSnapshot(ctn, 7)]).toEqual([]);
  });

  it('last: of each input, holding one snapshot at a time', async () => {
    expect([...pickSnapshot(ctn, 'last')]).toEqual(ctn.filter((r) => r.snapshot === 2));
    // Two inputs: the last snapshot of each (ANP has one snapshot).
    const anp = recordsOf(ANP);
    const both = [...ctn, ...anp, ...ctn];
    expect(await collect(pickSnapshot(asAsync(both), 'last'))).toEqual([...ctn.filter((r) => r.snapshot === 2), ...anp, ...ctn.filter((r) => r.snapshot === 2)]);
  });

  it('last with a condition: the last snapshot even when none of its records match', () => {
    const keep = (r: { line: number }): boolean => r.line < 10;
    const got = [...through(ctn, snapshotStep('last', keep))];
    expect(got).toEqual([]);
    const some = [...through(ctn, snapshotStep('last', (r: (typeof ctn)[number]) => r.kind === 'inet' && r.state === 'ESTABLISHED'))];
    expect(some).toEqual(ctn.filter((r) => r.snapshot === 2 && r.kind === 'inet' && r.state === 'ESTABLISHED'));
    expect(some.length).toBeGreaterThan(0);
  });
});
