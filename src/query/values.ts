/**
 * Values in queries: exact numbers (number or bigint, never rounded), and the one order used by
 * --sort and min/max.
 */

/** An exact number: a number when it fits in 2^53, else a bigint; decimals are numbers. */
export type Num = number | bigint;

const INT = /^[-+]?\d+$/;
const DEC = /^[-+]?(?:\d+\.\d*|\.\d+)(?:[eE][-+]?\d+)?$|^[-+]?\d+[eE][-+]?\d+$/;

/** A number from text, exactly: "42" -> 42, "18446744073709551615" -> 18446744073709551615n, "1.5" -> 1.5. */
export function parseNum(text: string): Num | null {
  if (INT.test(text)) {
    const n = Number(text);
    return Number.isSafeInteger(n) ? n : BigInt(text.replace(/^\+/, ''));
  }
  if (DEC.test(text)) {
    const n = Number(text);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}

export function isNum(v: unknown): v is Num {
  return (typeof v === 'number' && !Number.isNaN(v)) || typeof v === 'bigint';
}

/** -1, 0 or 1; exact across number and bigint (JavaScript compares them mathematically). */
export function compareNum(a: Num, b: Num): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A number back to its canonical form: a bigint that fits in 2^53 becomes a number. */
export function canonical(n: Num): Num {
  if (typeof n === 'bigint' && n >= BigInt(Number.MIN_SAFE_INTEGER) && n <= BigInt(Number.MAX_SAFE_INTEGER)) return Number(n);
  return n;
}

const DIGITS = /^\d+$/;

/**
 * Text order: by code point, except that two strings of digits compare as numbers ("22" < "8080",
 * so a port column sorts the way people expect).
 */
export function compareText(a: string, b: string): number {
  if (DIGITS.test(a) && DIGITS.test(b)) {
    if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

function rank(v: unknown): number {
  if (v === null || v === undefined) return 4;
  if (typeof v === 'boolean') return 0;
  if (isNum(v)) return 1;
  if (typeof v === 'string') return 2;
  return 3;
}

/**
 * The order of --sort and of min/max: false < true < numbers < text < lists and objects; null after
 * everything (in ascending order).
 */
export function compareValues(a: unknown, b: unknown): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra !== rb) return ra - rb;
  switch (ra) {
    case 0:
      return (a ? 1 : 0) - (b ? 1 : 0);
    case 1:
      return compareNum(a as Num, b as Num);
    case 2:
      return compareText(a as string, b as string);
    case 3:
      return compareText(textOf(a), textOf(b));
    default:
      return 0;
  }
}

/** A value as text, for comparing lists and objects and for matching a regex. */
export function textOf(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(textOf).join(' ');
  if (typeof v === 'object') {
    const o = v as { addr?: unknown };
    return typeof o.addr === 'string' ? o.addr : JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x));
  }
  return String(v);
}
