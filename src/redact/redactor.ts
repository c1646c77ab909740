/**
 * `netsnap redact` as a library: netstat text in, the same text out with addresses, host names and
 * user names replaced (and unix paths and program arguments masked on request), one line at a time.
 *
 * Each line goes through the same segmenter `netsnap convert` uses, so redaction works on every
 * format netsnap reads and knows what each line is. On a record line the record's own fields say
 * which tokens are addresses (so "::1:631" is the address "::1" and the port 631) and which are
 * user names, programs and paths; on every other line netsnap recognises (titles, headers,
 * ifconfig-style continuation lines, prompts) IP literals and MAC addresses are found by their
 * form. Lines netsnap does not read are left out and reported, or kept unchanged with
 * `keepUnknown`.
 */
import { Decoder, type Encoding } from '../input/decode.js';
import { DEFAULT_MAX_LINE, LineSplitter, type LineHandler } from '../input/lines.js';
import { gunzipIfNeeded, type ByteSource } from '../input/read.js';
import { Segmenter, type ParseSink } from '../parse/sections.js';
import type { NetRecord, StructuralKind } from '../types.js';
import { headerColumns, layout, redactToken, tokens, type HeaderColumns } from './line.js';
import { Pseudonymizer } from './pseudonym.js';

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

/** Fields that hold an address or a host name, in every record kind of the schema. */
export const ADDRESS_FIELDS = new Set([
  'local_address', 'foreign_address', 'destination', 'gateway', 'ipv4_addr', 'ipv4_bcast', 'network', 'address', 'group',
]);

const ADDRESS_FIELD_CACHE = new Map<string, boolean>();

/** Is this field an address field (the known ones, and any other field named *_address or *_addr)? */
export function isAddressField(field: string): boolean {
  let yes = ADDRESS_FIELD_CACHE.get(field);
  if (yes === undefined) {
    yes = ADDRESS_FIELDS.has(field) || /_(?:address|addr|ip)$/.test(field);
    if (ADDRESS_FIELD_CACHE.size < 10_000) ADDRESS_FIELD_CACHE.set(field, yes);
  }
  return yes;
}

const UNKNOWN_LIMIT = 10_000;

type LineEvent =
  | { kind: 'record'; record: NetRecord }
  | { kind: 'structural'; structural: StructuralKind }
  | { kind: 'unknown' };

export class Redactor implements LineHandler {
  readonly pseudonyms: Pseudonymizer;
  readonly report: RedactReport;
  private readonly segmenter: Segmenter;
  private readonly events: LineEvent[] = [];
  private current = 0;
  /** The columns of the last table header, for right-aligned columns. */
  private header: HeaderColumns | null = null;

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
        if (r.line === this.current) this.events.push({ kind: 'record', record: r });
      },
      diagnostic: (d) => {
        if (d.line === this.current) this.events.push({ kind: 'unknown' });
      },
      structural: (kind, line) => {
        if (line === this.current) this.events.push({ kind: 'structural', structural: kind });
      },
      skipped: (line) => {
        if (line === this.current) this.events.push({ kind: 'unknown' });
      },
    };
    this.segmenter = new Segmenter(source, sink);
  }

  line(text: string, no: number): void {
    this.report.lines++;
    this.current = no;
    this.events.length = 0;
    this.segmenter.line(text, no);
    const unknown = this.events.some((e) => e.kind === 'unknown');
    if (unknown) return this.unknownLine(text, no);
    const records = this.events.flatMap((e) => (e.kind === 'record' ? [e.record] : []));
    const structural = this.events.find((e) => e.kind === 'structural');
    let out: string;
    if (structural?.kind === 'structural' && structural.structural === 'header') this.header = headerColumns(text);
    if (structural?.kind === 'structural' && structural.structural === 'prompt') out = this.prompt(text);
    else if (structural?.kind === 'structural' && structural.structural !== 'continuation') out = text;
    else out = this.redactLine(text, records);
    this.emit(text, out);
  }

  tooLong(start: string, no: number): void {
    this.report.lines++;
    this.segmenter.tooLong(start, no, DEFAULT_MAX_LINE);
    // Only its start was kept: it cannot be written back, kept or not.
    if (this.report.tooLong.length < UNKNOWN_LIMIT) this.report.tooLong.push(no);
  }

  end(): void {
    this.segmenter.end();
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

  /** A line netsnap read: fields of its records say what is what; IP and MAC literals anywhere. */
  redactLine(text: string, records: readonly NetRecord[]): string {
    const p = this.pseudonyms;
    let line = text;
    const addresses = new Map<string, string>();
    const users = new Set<string>();
    for (const r of records) {
      const fields = r as unknown as { [k: string]: unknown };
      for (const [field, value] of Object.entries(fields)) {
        if (typeof value === 'string' && isAddressField(field) && !addresses.has(value)) {
          addresses.set(value, fieldReplacement(field, value, fields, p, this.options) as string);
        }
      }
      if (typeof fields.user === 'string') users.add(fields.user);
      const sshd = typeof fields.program_name === 'string' ? sshdUser(fields.program_name) : null;
      if (sshd !== null) users.add(sshd);
      // Masks keep the length, so they are made in the line before it is cut into tokens.
      if (this.options.maskArgs && typeof fields.program_name === 'string') line = replaceProgram(line, fields.program_name, p.args(fields.program_name));
      if (this.options.maskPaths && typeof fields.path === 'string') line = replaceLast(line, fields.path, p.path(fields.path));
    }
    const toks = tokens(line);
    for (const t of toks) {
      const at = t.text.indexOf('@');
      const name = at > 0 ? t.text.slice(0, at) : t.text;
      if (users.has(name)) {
        t.out = p.user(name) + (at > 0 ? t.text.slice(at) : '');
        continue;
      }
      redactToken(t, addresses, p);
    }
    const { text: out, shifted } = layout(line, toks, this.header);
    if (shifted) this.report.shifted++;
    return out;
  }
}

/** sshd names its processes after the user it serves: "sshd: alice@pts/0", "sshd: alice [priv]". */
function sshdUser(program: string): string | null {
  const m = /^sshd:\s+([^\s/@[][^\s@]*)/.exec(program);
  return m === null ? null : m[1]!;
}

const IPV4_ANYWHERE = /(?<![\d.])\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?!\d)/g;
const MAC_ANYWHERE = /(?<![0-9A-Fa-f:-])[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(?:\1[0-9A-Fa-f]{2}){4}(?![0-9A-Fa-f:-])/g;

/**
 * What a record field becomes when its line is redacted: addresses and host names pseudonymised
 * (a route's destination as a network, its host bits zero), user names replaced, the user in an
 * sshd process title replaced, program arguments and paths masked when asked, MAC addresses and
 * IP literals inside other text pseudonymised. Everything else stays. The tests check that
 * parsing redacted text gives exactly these values.
 */
export function fieldReplacement(
  field: string,
  value: unknown,
  record: { readonly [k: string]: unknown },
  p: Pseudonymizer,
  options: Pick<RedactOptions, 'maskArgs' | 'maskPaths'>,
): unknown {
  if (Array.isArray(value)) {
    return value.map((v: unknown) =>
      v !== null && typeof v === 'object' && typeof (v as { addr?: unknown }).addr === 'string'
        ? { ...(v as object), addr: p.address((v as { addr: string }).addr) }
        : v,
    );
  }
  if (typeof value !== 'string') return value;
  if (isAddressField(field)) {
    const len = record.prefix_length;
    if ((field === 'destination' || field === 'network') && typeof len === 'number') {
      const net = p.network(value, len);
      if (net !== null) return net;
    }
    return p.address(value);
  }
  switch (field) {
    case 'user':
      return p.user(value);
    case 'program_name': {
      if (options.maskArgs) return p.args(value);
      const user = sshdUser(value);
      return user === null ? value : value.replace(user, p.user(user));
    }
    case 'path':
      return options.maskPaths ? p.path(value) : value;
    case 'kind':
    case 'source':
    case 'platform':
      return value;
    default:
      return value
        .replace(IPV4_ANYWHERE, (ip) => p.ip(ip) ?? ip)
        .replace(MAC_ANYWHERE, (mac) => p.mac(mac));
  }
}

/** Replace the last occurrence of `from` in `line` (a path is the last column). */
function replaceLast(line: string, from: string, to: string): string {
  if (from === '' || from === to) return line;
  const at = line.lastIndexOf(from);
  return at < 0 ? line : line.slice(0, at) + to + line.slice(at + from.length);
}

/** Replace a program name where it follows its PID ("1234/name"), else its last occurrence. */
function replaceProgram(line: string, from: string, to: string): string {
  if (from === '' || from === to) return line;
  const escaped = from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`\\d/${escaped}`).exec(line);
  const at = m !== null ? m.index + 2 : line.lastIndexOf(from);
  return at < 0 ? line : line.slice(0, at) + to + line.slice(at + from.length);
}

/** Redact one input (bytes, or text held in memory), writing lines to `write` as they are read. */
export async function redactInput(input: ByteSource | string, options: RedactOptions, write: (line: string) => void, pseudonyms?: Pseudonymizer): Promise<RedactReport> {
  const redactor = new Redactor(options, write, pseudonyms);
  const splitter = new LineSplitter(redactor);
  if (typeof input === 'string') {
    splitter.push(input);
  } else {
    const decoder = new Decoder(options.encoding ?? 'auto');
    for await (const chunk of gunzipIfNeeded(input, options.source)) {
      splitter.push(typeof chunk === 'string' ? chunk : decoder.push(chunk));
      if (options.afterChunk) await options.afterChunk();
    }
    const tail = decoder.end();
    if (tail !== '') splitter.push(tail);
  }
  splitter.end();
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
