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

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

/**
 * Text order: by code point, with runs of digits compared as numbers ("22" < "8080", "eth2" <
 * "eth10", so a port or interface column sorts the way people expect). A run of digits sorts before
 * other text at the same place; runs equal as numbers ("007", "7") are then ordered by the first one
 * written shorter. A total order (transitive), which a sort and a bounded top-N heap need: the old
 * rule, "two all-digit strings as numbers, anything else by code point", made "58" < "34696" <
 * "470x" < "58" (a fuzz-found cycle that made --sort with --limit disagree with --sort).
 */
export function compareText(a: string, b: string): number {
  const n = a.length;
  const m = b.length;
  let i = 0;
  let j = 0;
  let tie = 0;
  while (i < n && j < m) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(j);
    const da = isDigit(ca);
    const db = isDigit(cb);
    if (da && db) {
      let ie = i;
      while (ie < n && isDigit(a.charCodeAt(ie))) ie++;
      let je = j;
      while (je < m && isDigit(b.charCodeAt(je))) je++;
      // Leading zeros do not count, but the last digit does ("0" is a number).
      let is = i;
      while (is < ie - 1 && a.charCodeAt(is) === 48) is++;
      let js = j;
      while (js < je - 1 && b.charCodeAt(js) === 48) js++;
      if (ie - is !== je - js) return ie - is < je - js ? -1 : 1;
      for (let k = 0; k < ie - is; k++) {
        const x = a.charCodeAt(is + k);
        const y = b.charCodeAt(js + k);
        if (x !== y) return x < y ? -1 : 1;
      }
      if (tie === 0 && ie - i !== je - j) tie = ie - i < je - j ? -1 : 1;
      i = ie;
      j = je;
      continue;
    }
    if (da !== db) return da ? -1 : 1;
    if (ca !== cb) return ca < cb ? -1 : 1;
    i++;
    j++;
  }
  if (i < n) return 1;
  if (j < m) return -1;
  return tie;
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
