/**
 * Rewriting one line of netstat text: replacements are made in whitespace-separated tokens, and
 * the line is laid out again so that every token starts in the column it started in. A shorter
 * replacement is padded; a longer one takes the spaces after it, and only when there are not
 * enough does the rest of the line move right (by as little as it must, at least one space kept
 * between tokens). So the columns stay aligned and the line still reads as the same tokens.
 */
import type { Pseudonymizer } from './pseudonym.js';

export interface Token {
  start: number;
  end: number;
  text: string;
  /** The replacement, when it differs. */
  out: string;
}

export function tokens(line: string): Token[] {
  const out: Token[] = [];
  const re = /\S+/g;
  for (let m = re.exec(line); m !== null; m = re.exec(line)) {
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0], out: m[0] });
  }
  return out;
}

/** Where the words of a table's header start and end: tells right-aligned columns apart. */
export interface HeaderColumns {
  starts: ReadonlySet<number>;
  ends: ReadonlySet<number>;
}

export function headerColumns(header: string): HeaderColumns {
  const toks = tokens(header);
  return { starts: new Set(toks.map((t) => t.start)), ends: new Set(toks.map((t) => t.end)) };
}

/**
 * The line with each token's `out` in place of its text, columns kept where they can be. A changed
 * token that ended where a header word ends, and did not start where one starts, is in a
 * right-aligned column (Windows `route print`): it keeps its end instead of its start.
 */
export function layout(line: string, toks: readonly Token[], header: HeaderColumns | null = null): { text: string; shifted: boolean } {
  if (toks.every((t) => t.out === t.text)) return { text: line, shifted: false };
  if (line.includes('\t')) {
    // Tab stops make columns a matter of the reader's settings: keep the original gaps.
    let text = '';
    let pos = 0;
    for (const t of toks) {
      text += line.slice(pos, t.start) + t.out;
      pos = t.end;
    }
    return { text: text + line.slice(pos), shifted: toks.some((t) => t.out.length !== t.text.length) };
  }
  let text = '';
  let shifted = false;
  toks.forEach((t, i) => {
    const earliest = i === 0 ? 0 : text.length + 1;
    const right = header !== null && t.out !== t.text && header.ends.has(t.end) && !header.starts.has(t.start);
    const at = Math.max(right ? t.end - t.out.length : t.start, earliest);
    if (at > (right ? t.end - t.out.length : t.start)) shifted = true;
    text += ' '.repeat(at - text.length) + t.out;
  });
  const last = toks[toks.length - 1]!;
  return { text: text + line.slice(last.end), shifted };
}

const IPV4_IN_TEXT = /(?<![\d.])\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?!\d)/g;
const MAC_IN_TEXT = /(?<![0-9A-Fa-f:-])[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(?:\1[0-9A-Fa-f]{2}){4}(?![0-9A-Fa-f:-])/g;
/** What may follow an address inside a token: a port (":22", BSD ".22"), "]", a %zone, a /len, ... */
const BOUNDARY = new Set([undefined, ':', '.', ']', '%', '/', ',', ')', '(', '"', "'"]);

/** A replacement inside one token's text. */
interface Span {
  start: number;
  end: number;
  text: string;
}

function apply(text: string, spans: Span[]): string {
  if (spans.length === 0) return text;
  spans.sort((a, b) => a.start - b.start);
  let out = '';
  let pos = 0;
  for (const s of spans) {
    out += text.slice(pos, s.start) + s.text;
    pos = s.end;
  }
  return out + text.slice(pos);
}

function overlaps(spans: readonly Span[], start: number, end: number): boolean {
  return spans.some((s) => start < s.end && end > s.start);
}

/**
 * The values a line's records hold in address columns and what each becomes (the same text in
 * two columns may become two things, as a route's destination and its netmask: they are used in
 * the order the record lists them). A value that stays as it is is listed too, so that nothing
 * found by its form overwrites it (a netmask "128.0.0.0" is not an address).
 */
export class AddressValues {
  private readonly map = new Map<string, string[]>();

  add(value: string, out: string): void {
    if (value === '') return;
    const list = this.map.get(value);
    if (list === undefined) this.map.set(value, [out]);
    else list.push(out);
  }

  get size(): number {
    return this.map.size;
  }

  keys(): IterableIterator<string> {
    return this.map.keys();
  }

  /** The replacement of `value`'s next occurrence (the last one again when they run out). */
  take(value: string): string {
    const list = this.map.get(value)!;
    return list.length > 1 ? list.shift()! : list[0]!;
  }
}

function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

/**
 * Where an address may start in a token: at its start, after "[" ("[::1]:631"), and with
 * `keywords`, after a keyword's ":" or "=" (ifconfig's "addr:10.0.0.5", "Bcast:10.0.0.255"; only
 * in interface blocks, where "localhost:ssh" is not a host and its port).
 */
function addressStarts(text: string, keywords: boolean): number[] {
  const out = [0];
  if (text.charCodeAt(0) === 91) out.push(1);
  if (!keywords) return out;
  let k = 0;
  while (k < text.length && isLetter(text.charCodeAt(k))) k++;
  if (k > 0 && k < text.length - 1 && (text[k] === ':' || text[k] === '=')) {
    out.push(k + 1);
    if (text.charCodeAt(k + 1) === 91) out.push(k + 2);
  }
  return out;
}

function isV6Char(c: number): boolean {
  return (c >= 48 && c <= 58) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102) || c === 46; // 0-9 : A-F a-f .
}

function isZoneChar(c: number): boolean {
  return (c >= 48 && c <= 57) || isLetter(c) || c === 95 || c === 46 || c === 45; // \w . -
}

/**
 * A token that is an IPv6 literal as a whole, where the literal is: "fe80::1", "fe80::1%eth0",
 * "fe80::/64", or in brackets with anything after ("[::1]:631"). A scan, so it stays linear.
 */
export function ipv6Span(text: string): { start: number; end: number } | null {
  const n = text.length;
  const open = text.charCodeAt(0) === 91;
  let i = open ? 1 : 0;
  const start = i;
  while (i < n && isV6Char(text.charCodeAt(i))) i++;
  if (i === start) return null;
  if (text[i] === '%') {
    const zone = i + 1;
    let j = zone;
    while (j < n && isZoneChar(text.charCodeAt(j))) j++;
    if (j === zone) return null;
    i = j;
  }
  const end = i;
  if (open) return text[i] === ']' ? { start, end } : null;
  if (i === n) return { start, end };
  if (text[i] !== '/') return null;
  let digits = 0;
  for (i++; i < n && digits < 4; i++, digits++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return null;
  }
  return i === n && digits >= 1 && digits <= 3 ? { start, end } : null;
}

/** Spans for what is an address by its form: IPv4 literals, a token that is an IPv6 literal, MACs. */
function literalSpans(text: string, spans: Span[], p: Pseudonymizer): void {
  const colon = text.includes(':');
  if (text.includes('.')) for (const m of text.matchAll(IPV4_IN_TEXT)) {
    const start = m.index;
    const end = start + m[0].length;
    if (overlaps(spans, start, end)) continue;
    const mapped = p.ip(m[0]);
    if (mapped !== null && mapped !== m[0]) spans.push({ start, end, text: mapped });
  }
  if (spans.length === 0 && colon) {
    const v6 = ipv6Span(text);
    if (v6 !== null) {
      const literal = text.slice(v6.start, v6.end);
      const mapped = p.ip(literal);
      if (mapped !== null && mapped !== literal) spans.push({ ...v6, text: mapped });
    }
  }
  if (text.length >= 17 && (colon || text.includes('-'))) for (const m of text.matchAll(MAC_IN_TEXT)) {
    const start = m.index;
    const end = start + m[0].length;
    if (overlaps(spans, start, end)) continue;
    const mapped = p.mac(m[0]);
    if (mapped !== m[0]) spans.push({ start, end, text: mapped });
  }
}

/**
 * A token with the addresses found by their form replaced: IPv4 literals anywhere in it, the token
 * when it is an IPv6 literal, MAC addresses. What a record field that is no address becomes is
 * this applied to each of its words, so the text and the record agree.
 */
export function literalToken(text: string, p: Pseudonymizer): string {
  const spans: Span[] = [];
  literalSpans(text, spans, p);
  return apply(text, spans);
}

/**
 * Replace addresses in a token: first the record's own address values (which say where an IPv6
 * address ends and its port begins: "::1:631"; BSD's "192.168.1.5.22"), then what is an address
 * by its form in the rest. `keywords`: the line is an interface block's ("addr:10.0.0.5").
 */
export function redactToken(tok: Token, addresses: AddressValues, p: Pseudonymizer, keywords = false): void {
  const text = tok.text;
  const spans: Span[] = [];
  if (addresses.size > 0) {
    let best = '';
    let bestAt = 0;
    for (const at of addressStarts(text, keywords)) {
      for (const a of addresses.keys()) {
        if (a.length <= best.length || !text.startsWith(a, at) || !BOUNDARY.has(text[at + a.length])) continue;
        best = a;
        bestAt = at;
      }
    }
    if (best !== '') spans.push({ start: bestAt, end: bestAt + best.length, text: addresses.take(best) });
  }
  literalSpans(text, spans, p);
  tok.out = apply(text, spans);
}
