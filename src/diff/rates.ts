/**
 * Time between snapshots, counter deltas and per-second rates. Counters are exact integers (bigint
 * beyond 2^53), so deltas are computed exactly; a counter that went down was reset or wrapped, and
 * gets no delta and no rate rather than a negative one.
 */
import type { Int } from '../types.js';

const HAS_OFFSET = /(?:Z|[+-]\d{2}:\d{2})$/;
const TIME_OF_DAY = /^(\d{2}):(\d{2}):(\d{2}(?:\.\d+)?)$/;

/**
 * Seconds from one snapshot's timestamp to another's (ISO 8601, as SnapshotInfo holds them), or
 * null when either is missing or they cannot be compared (one has a UTC offset, the other not).
 * Two times of day alone are taken to be less than a day apart.
 */
export function secondsBetween(before: string | null, after: string | null): number | null {
  if (before === null || after === null) return null;
  const tb = TIME_OF_DAY.exec(before);
  const ta = TIME_OF_DAY.exec(after);
  if (tb !== null || ta !== null) {
    if (tb === null || ta === null) return null;
    const secs = (m: RegExpExecArray): number => Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
    let d = secs(ta) - secs(tb);
    if (d < 0) d += 86400;
    return round(d, 6);
  }
  const ob = HAS_OFFSET.test(before);
  const oa = HAS_OFFSET.test(after);
  if (ob !== oa) return null;
  // Without offsets, both are read in the same (unknown) zone: UTC stands in for it.
  const b = Date.parse(ob ? before : `${before}Z`);
  const a = Date.parse(oa ? after : `${after}Z`);
  if (Number.isNaN(a) || Number.isNaN(b)) return null;
  // Date keeps milliseconds; add the finer digits ISO strings may carry.
  return round((a - b) / 1000 + (subMillis(after) - subMillis(before)), 6);
}

function subMillis(iso: string): number {
  const m = /\.\d{3}(\d+)/.exec(iso);
  return m === null ? 0 : Number(`0.000${m[1]}`);
}

export interface CounterChange {
  delta: Int | null;
  /** The counter went down: it was reset (reboot, driver reload) or wrapped. */
  reset: boolean;
}

/** after - before for a counter; null (and reset) when it went down, null when a side is missing. */
export function counterDelta(before: unknown, after: unknown): CounterChange {
  if (!isInt(before) || !isInt(after)) return { delta: null, reset: false };
  const d = subtract(after, before);
  if (d < 0) return { delta: null, reset: true };
  return { delta: d, reset: false };
}

/** after - before for any numbers (statistics may be decimals, and gauges may go down). */
export function valueDelta(before: unknown, after: unknown): Int | number | null {
  if (typeof before === 'number' && typeof after === 'number' && (!Number.isInteger(before) || !Number.isInteger(after))) {
    const places = Math.max(decimals(before), decimals(after));
    return Number((after - before).toFixed(places));
  }
  if (!isInt(before) || !isInt(after)) return null;
  return subtract(after, before);
}

/** Per second, to three decimals; null without a positive time span. */
export function perSecond(delta: Int | number | null, seconds: number | null): number | null {
  if (delta === null || seconds === null || !(seconds > 0)) return null;
  return round(Number(delta) / seconds, 3);
}

function isInt(v: unknown): v is Int {
  return typeof v === 'bigint' || (typeof v === 'number' && Number.isInteger(v));
}

function subtract(a: Int, b: Int): Int {
  if (typeof a === 'number' && typeof b === 'number') {
    const d = a - b;
    if (Number.isSafeInteger(d)) return d;
  }
  const d = BigInt(a) - BigInt(b);
  return d >= BigInt(Number.MIN_SAFE_INTEGER) && d <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(d) : d;
}

function decimals(n: number): number {
  const s = String(n);
  const dot = s.indexOf('.');
  return dot === -1 ? 0 : s.length - dot - 1;
}

function round(n: number, places: number): number {
  const f = 10 ** places;
  return Math.round(n * f) / f;
}
