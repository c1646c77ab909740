/**
 * `netsnap redact` as a library: netstat text in, the same text out with addresses, host names and
 * user names replaced (and unix paths and program arguments masked on request), one line at a time.
 *
 * Each line goes through the same segmenter `netsnap convert` uses, so redaction works on every
 * format netsnap reads and knows what each line is. A line is written once the segmenter has said
 * what it is: a section may hold a record until it has read the lines after it (ss, Windows -b,
 * ifconfig-style blocks, BSD routes and -s), so lines wait in a queue until then. On a record line
 * the record's own fields say which tokens are addresses (so "::1:631" is the address "::1" and
 * the port 631, and BSD's "192.168.1.5.22" the address "192.168.1.5") and which are user names,
 * programs, paths and MAC addresses (src/redact/fields.ts has the policy, field by field); the
 * lines that continue a record use its fields too. On every line, IP literals and MAC addresses
 * are also found by their form. Lines netsnap does not read are left out and reported, or kept
 * unchanged with `keepUnknown`.
 */
import type { Encoding } from '../input/decode.js';
import { readLines } from '../input/line-reader.js';
import { DEFAULT_MAX_LINE, LineSplitter, type LineHandler } from '../input/lines.js';
import type { ByteSource } from '../input/read.js';
import { Segmenter, type ParseSink, type SegmenterOptions } from '../parse/sections.js';
import { formatsFor } from '../parse/formats/index.js';
import type { NetRecord, Platform, StructuralKind } from '../types.js';
import { fieldClass, fieldReplacement, sshdUser } from './fields.js';
import { AddressValues, headerColumns, layout, literalToken, redactToken, tokens, type HeaderColumns } from './line.js';
import { parseMac, Pseudonymizer } from './pseudonym.js';

export { fieldReplacement, isAddressField } from './fields.js';

export interface RedactOptions {
  /** The key: the same key gives the same pseudonyms in every file and every run. */
  key: string | Uint8Array;
  /** Name for messages (the file name, or "-"). */
  source?: string;
  encoding?: Encoding;
  /** Mask unix socket paths (all components but the first). */
  maskPaths?: boolean;
  /** Mask program arguments (everything after the program's first word). */
  maskArgs?: boolean;
  /** Keep lines netsnap does not read, unchanged (they are not redacted). */
  keepUnknown?: boolean;
  /** Read the input as this platform's output only (--platform): lines of other formats are unknown. */
  platform?: Platform;
  /** Awaited after each chunk of input: lets a writer apply backpressure. */
  afterChunk?: () => Promise<void> | void;
}

export interface RedactReport {
  source: string;
  lines: number;
  /** Lines written. */
  written: number;
  /** Lines whose text changed. */
  changed: number;
  /** Lines where a longer replacement moved later columns right. */
  shifted: number;
  /** Lines netsnap does not read: left out, or kept unchanged with keepUnknown. */
  unknown: number[];
  unknownCount: number;
  /** Lines longer than the reader's limit: always left out (only their start was read). */
  tooLong: number[];
  records: number;
}

const UNKNOWN_LIMIT = 10_000;

/**
 * Lines held until the segmenter has said what they are. A section may hold a record until later
 * lines are read (ss and Windows -b continuation lines, ifconfig-style blocks, BSD routes whose
 * platform a later row tells, BSD -s), and the segmenter holds a line for one more when it may be
 * the first half of a wrapped row or header. Past this many lines the oldest is written with what
 * is known of it (only addresses by their form on a record line whose record has not come yet).
 */
const MAX_PENDING = 50_000;

/** A line read, and what the segmenter has said it is so far. */
interface Pending {
  no: number;
  text: string;
  records: NetRecord[];
  structural: StructuralKind | null;
  /** Not read (a diagnostic or skipped text). */
  unknown: boolean;
  /** The first line of a row a terminal wrapped: the next line is the rest of it. */
  rejoined: boolean;
}

export class Redactor implements LineHandler {
  readonly pseudonyms: Pseudonymizer;
  readonly report: RedactReport;
  private readonly segmenter: Segmenter;
  /** Lines not written yet, in order, from `head` on (the array is compacted now and then). */
  private readonly pending: Pending[] = [];
  private head = 0;
  private readonly byLine = new Map<number, Pending>();
  /** The records of the last record line written: what its continuation lines belong to. */
  private owner: readonly NetRecord[] = [];
  /** The columns of the last table header, for right-aligned columns. */
  private header: HeaderColumns | null = null;
  /** The lines of the last table header (more than one when a terminal wrapped it). */
  private headerLines: string[] = [];
  private inHeader = false;
  /** The formats tried (all, or the --platform's). */
  private readonly formats: SegmenterOptions;

  constructor(
    private readonly options: RedactOptions,
    private readonly write: (line: string) => void,
    pseudonyms?: Pseudonymizer,
  ) {
    this.pseudonyms = pseudonyms ?? new Pseudonymizer(options.key);
    const source = options.source ?? '-';
    this.report = { source, lines: 0, written: 0, changed: 0, shifted: 0, unknown: [], unknownCount: 0, tooLong: [], records: 0 };
    const sink: ParseSink = {
      record: (r) => {
        this.report.records++;
        this.byLine.get(r.line)?.records.push(r);
      },
      diagnostic: (d) => {
        const entry = this.byLine.get(d.line);
        if (entry === undefined) return;
        if (d.severity === 'error') entry.unknown = true;
        else if (d.code === 'NETSNAP_PARSE_REJOINED') entry.rejoined = true;
      },
      structural: (kind, line) => {
        const entry = this.byLine.get(line);
        if (entry !== undefined && entry.structural === null) entry.structural = kind;
      },
      skipped: (line) => {
        const entry = this.byLine.get(line);
        if (entry !== undefined) entry.unknown = true;
      },
    };
    this.formats = options.platform === undefined ? {} : { formats: formatsFor(options.platform) };
    this.segmenter = new Segmenter(source, sink, this.formats);
  }

  line(text: string, no: number): void {
    this.report.lines++;
    const entry: Pending = { no, text, records: [], structural: null, unknown: false, rejoined: false };
    this.pending.push(entry);
    this.byLine.set(no, entry);
    this.segmenter.line(text, no);
    this.flush(false);
  }

  tooLong(start: string, no: number): void {
    this.report.lines++;
    this.segmenter.tooLong(start, no, DEFAULT_MAX_LINE);
    // Only its start was kept: it cannot be written back, kept or not.
    if (this.report.tooLong.length < UNKNOWN_LIMIT) this.report.tooLong.push(no);
    this.flush(false);
  }

  end(): void {
    this.segmenter.end();
    this.flush(true);
  }

  /** Write the lines at the head of the queue whose fate is known (all of them at the end). */
  private flush(all: boolean): void {
    const q = this.pending;
    while (this.head < q.length) {
      const entry = q[this.head]!;
      if (!all && !settled(entry) && q.length - this.head <= MAX_PENDING) break;
      const next = q[this.head + 1];
      if (entry.rejoined && entry.records.length > 0 && next !== undefined && next.structural === 'continuation' && !next.unknown) {
        this.take(2);
        this.wrappedRow(entry, next);
      } else {
        this.take(1);
        this.settle(entry);
      }
    }
    if (this.head === q.length) {
      q.length = 0;
      this.head = 0;
    } else if (this.head > 1024 && this.head * 2 > q.length) {
      q.splice(0, this.head);
      this.head = 0;
    }
  }

  private take(n: number): void {
    for (let i = 0; i < n; i++) this.byLine.delete(this.pending[this.head + i]!.no);
    this.head += n;
  }

  private settle(entry: Pending): void {
    const { text, no } = entry;
    const inHeader = this.inHeader;
    this.inHeader = false;
    if (entry.unknown) {
      this.owner = [];
      return this.unknownLine(text, no);
    }
    if (entry.records.length > 0) {
      this.owner = entry.records;
      return this.emit(text, this.redactLine(text, entry.records));
    }
    switch (entry.structural) {
      case 'continuation':
        if (inHeader) {
          this.headerLines.push(text);
          this.inHeader = true;
        }
        return this.emit(text, this.redactLine(text, this.owner));
      case 'prompt':
        this.owner = [];
        return this.emit(text, this.prompt(text));
      case 'header':
        this.owner = [];
        this.header = headerColumns(text);
        this.headerLines = [text];
        this.inHeader = true;
        return this.emit(text, text);
      case 'blank':
      case 'timestamp':
        return this.emit(text, text);
      default:
        // titles, notices, and a record line whose record never came (only past MAX_PENDING)
        this.owner = [];
        return this.emit(text, this.redactLine(text, []));
    }
  }

  /**
   * A row a terminal or mail client wrapped onto two lines: redacted as the one line it is (an
   * address may be cut in two), then cut again where it was cut.
   */
  private wrappedRow(first: Pending, second: Pending): void {
    this.owner = first.records;
    this.inHeader = false;
    const wrapped = redactWrapped(first.text, second.text, (line) => this.redactLine(line, first.records), (line) => this.reads(line));
    this.emit(first.text, wrapped[0]);
    this.emit(second.text, wrapped[1]);
  }

  /** Does `line` read as a record under the last table header (as the reader tried a join)? */
  private reads(line: string): boolean {
    const no = this.headerLines.length + 1;
    let ok = false;
    let bad = false;
    const replay = new Segmenter('-', {
      record: (r) => {
        if (r.line === no) ok = true;
      },
      diagnostic: (d) => {
        if (d.severity === 'error') bad = true;
      },
    }, this.formats);
    this.headerLines.forEach((h, i) => replay.line(h, i + 1));
    replay.line(line, no);
    replay.end();
    return ok && !bad;
  }

  private unknownLine(text: string, no: number): void {
    this.noteUnknown(no);
    if (this.options.keepUnknown) {
      this.report.written++;
      this.write(text);
    }
  }

  private noteUnknown(no: number): void {
    this.report.unknownCount++;
    if (this.report.unknown.length < UNKNOWN_LIMIT) this.report.unknown.push(no);
  }

  private emit(before: string, after: string): void {
    this.report.written++;
    if (after !== before) this.report.changed++;
    this.write(after);
  }

  /**
   * "alice@web1:~$ netstat -an", "PS C:\\Users\\alice> netstat -ano": the user and the host of a
   * prompt, a user's home directory in it, and any address in the command.
   */
  private prompt(text: string): string {
    const p = this.pseudonyms;
    const replaced = text
      .replace(/^(\[?)([\w.-]{1,64})@([\w.-]{1,64})/, (_m, open: string, user: string, host: string) => `${open}${p.user(user)}@${p.host(host)}`)
      .replace(/([\\/](?:Users|home)[\\/])([^\\/\s>$#]{1,64})/g, (_m, dir: string, user: string) => `${dir}${p.user(user)}`);
    return this.redactLine(replaced, []);
  }

  /**
   * A line netsnap read, with the records it holds (or continues): their fields say which tokens
   * are addresses, users, programs and paths; IP and MAC literals are replaced anywhere.
   */
  redactLine(text: string, records: readonly NetRecord[]): string {
    const p = this.pseudonyms;
    const opts = this.options;
    let line = text;
    const addresses = new AddressValues();
    const users = new Set<string>();
    for (const r of records) {
      const fields = r as unknown as { readonly [k: string]: unknown };
      for (const [field, value] of Object.entries(fields)) {
        if (value === null || value === undefined) continue;
        switch (fieldClass(r.kind, field)) {
          case 'host':
          case 'network':
          case 'mask':
          case 'mac':
            if (typeof value !== 'string') break;
            // a kept value (a netmask, "*", "lo0") is listed too, so nothing overwrites it by its form
            addresses.add(value, fieldReplacement(field, value, fields, p, opts) as string);
            // Windows route print's "00 0c 29 9a e2 26" is six tokens: replaced where it stands
            if (value.length >= 11 && value.length <= 23) line = replaceMacSpaced(line, value, p);
            break;
          case 'user':
            if (typeof value === 'string') users.add(value);
            break;
          case 'program':
            if (typeof value === 'string') line = this.program(line, value, users);
            break;
          case 'path':
            // Masks keep the length, so they are made in the line before it is cut into tokens.
            if (opts.maskPaths && typeof value === 'string') line = replaceLast(line, value, p.path(value));
            break;
          default:
            if (field === 'users' && Array.isArray(value)) {
              for (const u of value as { program_name?: unknown }[]) {
                if (typeof u.program_name === 'string') line = this.program(line, u.program_name, users);
              }
            } else if (field === 'ipv6' && Array.isArray(value)) {
              for (const a of value as { addr?: unknown }[]) if (typeof a.addr === 'string') addresses.add(a.addr, p.address(a.addr));
            }
        }
      }
    }
    const keywords = records.some((r) => r.kind === 'interface');
    const toks = tokens(line);
    for (const t of toks) {
      const at = t.text.indexOf('@');
      const name = at > 0 ? t.text.slice(0, at) : t.text;
      if (users.has(name)) {
        t.out = literalToken(p.user(name) + (at > 0 ? t.text.slice(at) : ''), p);
        continue;
      }
      redactToken(t, addresses, p, keywords);
    }
    const { text: out, shifted } = layout(line, toks, this.header);
    if (shifted) this.report.shifted++;
    return out;
  }

  /** A program name: masked with maskArgs (the same length), else the user of an sshd title noted. */
  private program(line: string, name: string, users: Set<string>): string {
    if (this.options.maskArgs) return replaceAll(line, name, this.pseudonyms.args(name));
    const sshd = sshdUser(name);
    if (sshd !== null) users.add(sshd);
    return line;
  }
}

/** A line event is settled when the segmenter has said what the line is. */
function settled(entry: Pending): boolean {
  return entry.unknown || entry.records.length > 0 || entry.structural !== null;
}

/**
 * Redact a row wrapped onto two lines: the two are joined as the reader joined them, redacted as
 * one line (an address may be cut in two), and cut again at the same place. With spaces at the
 * cut, end to end (the spaces are kept, as many on each line as fit); inside a word, end to end if
 * that reads as a row (`reads`) and the join with a space does not, else with a space (a mail
 * client dropped it at the break; it is dropped again).
 */
export function redactWrapped(first: string, second: string, redact: (line: string) => string, reads: (line: string) => boolean): [string, string] {
  const trailing = first.length - first.trimEnd().length;
  const leading = second.length - second.trimStart().length;
  const spaced = trailing === 0 && leading === 0 && !reads(first + second) && reads(`${first} ${second}`);
  const joined = spaced ? `${first} ${second}` : first + second;
  const cut = first.length;
  const out = redact(joined);
  const before = tokens(joined);
  const after = tokens(out);
  const k = before.findIndex((t) => t.end > cut);
  if (after.length !== before.length || k <= 0) return [out.slice(0, cut), out.slice(cut)];
  const t = before[k]!;
  const u = after[k]!;
  if (t.start < cut) {
    // inside word k: at the same offset, a character at least on each line
    const at = u.start + Math.max(1, Math.min(cut - t.start, u.text.length - 1));
    return [out.slice(0, at), out.slice(at)];
  }
  const gap = after[k - 1]!.end;
  if (spaced) return [out.slice(0, gap), out.slice(u.start)];
  const at = u.start - Math.min(leading, u.start - gap);
  return [out.slice(0, at), out.slice(at)];
}

/** Replace the last occurrence of `from` in `line` (a path is the last column). */
function replaceLast(line: string, from: string, to: string): string {
  if (from === '' || from === to) return line;
  const at = line.lastIndexOf(from);
  return at < 0 ? line : line.slice(0, at) + to + line.slice(at + from.length);
}

/** Replace every occurrence of `from` (a program name: after its PID, in ss's users:, in -b's [brackets]). */
function replaceAll(line: string, from: string, to: string): string {
  if (from === '' || from === to) return line;
  return line.split(from).join(to);
}

/**
 * A MAC address printed with spaces between its bytes (Windows route print's Interface List) is
 * replaced where it stands; the pseudonym has the same length.
 */
function replaceMacSpaced(line: string, mac: string, p: Pseudonymizer): string {
  const parsed = parseMac(mac);
  if (parsed === null || parsed.short) return line;
  const spaced = parsed.bytes.map((b) => b.toString(16).padStart(2, '0')).join(' ');
  const at = asciiLower(line).indexOf(spaced);
  if (at < 0) return line;
  const raw = line.slice(at, at + spaced.length);
  return line.slice(0, at) + p.mac(raw) + line.slice(at + spaced.length);
}

/** Lower case for ASCII letters only, so positions stay the same. */
function asciiLower(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out += c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : text[i];
  }
  return out;
}

/** Redact one input (bytes, or text held in memory), writing lines to `write` as they are read. */
export async function redactInput(input: ByteSource | string, options: RedactOptions, write: (line: string) => void, pseudonyms?: Pseudonymizer): Promise<RedactReport> {
  const redactor = new Redactor(options, write, pseudonyms);
  await readLines(input, redactor, options);
  redactor.end();
  return redactor.report;
}

/** Redact text held in memory; returns the redacted text (lines joined with "\n") and the report. */
export function redactText(text: string, options: RedactOptions, pseudonyms?: Pseudonymizer): { text: string; report: RedactReport } {
  const lines: string[] = [];
  const redactor = new Redactor(options, (l) => lines.push(l), pseudonyms);
  const splitter = new LineSplitter(redactor);
  splitter.push(text);
  splitter.end();
  redactor.end();
  return { text: lines.length === 0 ? '' : `${lines.join('\n')}\n`, report: redactor.report };
}
