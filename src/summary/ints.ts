/** Exact arithmetic on counters that may be numbers or bigints (src/types.ts Int). */
import type { Int } from '../types.js';

/** Back to a number when the value fits in 2^53, so JSON and tables show it plainly. */
export function norm(v: bigint): Int {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

export function big(v: Int | number): bigint {
  return typeof v === 'bigint' ? v : BigInt(Math.trunc(v));
}

export function add(a: Int, b: Int): Int {
  if (typeof a === 'number' && typeof b === 'number' && Number.isSafeInteger(a + b)) return a + b;
  return norm(big(a) + big(b));
}

export function sub(a: Int, b: Int): Int {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  return norm(big(a) - big(b));
}

/** For comparisons with thresholds (a bigint is beyond any threshold). */
export function approx(v: Int | number | null | undefined): number {
  if (v === null || v === undefined) return 0;
  return typeof v === 'bigint' ? Number(v) : v;
}

export function isInt(v: unknown): v is Int {
  return (typeof v === 'number' && Number.isFinite(v)) || typeof v === 'bigint';
}
