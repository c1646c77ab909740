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
 * Replace addresses in a token: first the record's own address values (which say where an IPv6
 * address ends and its port begins: "::1:631"), then any IPv4 literal, a token that is an IPv6
 * literal as a whole (brackets, a %zone or a /len allowed), and MAC addresses.
 */
export function redactToken(tok: Token, addresses: ReadonlyMap<string, string>, p: Pseudonymizer): void {
  const text = tok.text;
  const spans: Span[] = [];
  let best = '';
  let bestOpen = '';
  for (const a of addresses.keys()) {
    if (a === '' || a.length <= best.length) continue;
    for (const open of ['', '[']) {
      if (text.startsWith(open + a) && BOUNDARY.has(text[open.length + a.length])) {
        best = a;
        bestOpen = open;
        break;
      }
    }
  }
  if (best !== '') spans.push({ start: bestOpen.length, end: bestOpen.length + best.length, text: addresses.get(best)! });
  const dot = text.includes('.');
  const colon = text.includes(':');
  if (dot) for (const m of text.matchAll(IPV4_IN_TEXT)) {
    const start = m.index;
    const end = start + m[0].length;
    if (overlaps(spans, start, end)) continue;
    const mapped = p.ip(m[0]);
    if (mapped !== null && mapped !== m[0]) spans.push({ start, end, text: mapped });
  }
  if (spans.length === 0 && colon) {
    const v6 = /^(\[?)([0-9A-Fa-f:.]+(?:%[\w.-]+)?)(\]?)((?:\/\d{1,3})?)(.*)$/.exec(text);
    if (v6 !== null && (v6[1] === '') === (v6[3] === '') && (v6[1] !== '' || v6[5] === '')) {
      const mapped = p.ip(v6[2]!);
      if (mapped !== null && mapped !== v6[2]) spans.push({ start: v6[1]!.length, end: v6[1]!.length + v6[2]!.length, text: mapped });
    }
  }
  if (text.length >= 17 && (colon || text.includes('-'))) for (const m of text.matchAll(MAC_IN_TEXT)) {
    const start = m.index;
    const end = start + m[0].length;
    if (overlaps(spans, start, end)) continue;
    const mapped = p.mac(m[0]);
    if (mapped !== m[0]) spans.push({ start, end, text: mapped });
  }
  tok.out = apply(text, spans);
}
