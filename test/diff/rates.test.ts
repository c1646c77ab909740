import { describe, expect, it } from 'vitest';
import { counterDelta, perSecond, secondsBetween, valueDelta } from '../../src/diff/rates.js';

describe('seconds between snapshots', () => {
  it.each([
    ['2026-11-28T00:02:26Z', '2026-11-28T00:07:26Z', 300],
    ['2026-11-28T00:02:26+00:00', '2026-11-28T01:02:27+01:00', 1],
    ['2026-11-28T00:02:26', '2026-11-28T00:02:31', 5],
    ['2026-11-28T00:03:26.503321811+00:00', '2026-11-28T00:04:26.123Z', 59.619678],
    ['23:59:58', '00:00:03', 5],
    ['10:00:01', '10:00:00', 86399],
  ])('%s -> %s', (a, b, s) => {
    expect(secondsBetween(a, b)).toBe(s);
  });

  it.each([
    [null, '2026-11-28T00:07:26Z'],
    ['2026-11-28T00:02:26Z', '2026-11-28T00:07:26'],
    ['10:00:00', '2026-11-28T00:07:26Z'],
  ])('cannot compare %s and %s', (a, b) => {
    expect(secondsBetween(a, b)).toBeNull();
  });
});

describe('counter deltas', () => {
  it('subtracts exactly, beyond 2^53 too', () => {
    expect(counterDelta(2749, 5120)).toEqual({ delta: 2371, reset: false });
    expect(counterDelta(2n ** 64n - 10n, 2n ** 64n - 1n)).toEqual({ delta: 9, reset: false });
    expect(counterDelta(0, 2n ** 60n)).toEqual({ delta: 2n ** 60n, reset: false });
  });

  it('flags a counter that went down as reset, with no delta', () => {
    expect(counterDelta(750, 12)).toEqual({ delta: null, reset: true });
    expect(counterDelta(2n ** 64n - 1n, 5)).toEqual({ delta: null, reset: true });
  });

  it('has no delta when a side has no value', () => {
    expect(counterDelta(null, 12)).toEqual({ delta: null, reset: false });
  });

  it('gives statistics (which may be decimals or gauges) a signed delta', () => {
    expect(valueDelta(50, 48)).toBe(-2);
    expect(valueDelta(0.1, 0.3)).toBe(0.2);
    expect(valueDelta(1.25, 2)).toBe(0.75);
  });

  it('gives a rate only over a positive time span', () => {
    expect(perSecond(2371, 300)).toBe(7.903);
    expect(perSecond(2n ** 60n, 1)).toBe(Number(2n ** 60n));
    expect(perSecond(40, null)).toBeNull();
    expect(perSecond(40, 0)).toBeNull();
    expect(perSecond(null, 10)).toBeNull();
  });
});
