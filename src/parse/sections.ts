/**
 * The segmenter: decides for each line which snapshot and which section it belongs to, hands table
 * rows to the section's parser, and accounts for every other line (title, header, prompt,
 * timestamp, notice, blank, skipped text or diagnostic). Nothing is dropped in silence.
 */
import type { Diagnostic, LineStats, NetRecord, SnapshotInfo, StructuralKind } from '../types.js';
import type { Emit, FormatPlugin, LineContext, Opened, Section } from './format.js';
import { RECORD, STRUCTURAL, squash } from './format.js';
import { FORMATS } from './formats/index.js';
import { isNotice, matchPrompt, matchTimestamp } from './markers.js';

/** Receives what the segmenter makes of each line. Only `record` and `diagnostic` are required. */
export interface ParseSink {
  record(record: NetRecord): void;
  diagnostic(diagnostic: Diagnostic): void;
  structural?(kind: StructuralKind, line: number, text: string): void;
  /** A line outside any table that is not netstat output (commentary, other commands). */
  skipped?(line: number, text: string): void;
  /** A snapshot is complete (called once per snapshot, in order). */
  snapshot?(snapshot: SnapshotInfo): void;
}

export interface SegmenterOptions {
  /** Formats to recognise; all known formats by default. */
  formats?: readonly FormatPlugin[];
}

/**
 * Titles netstat prints, recognised even when a paste has damaged them ("Active Internt connectons"):
 * words are compared by their first four letters.
 */
const TITLE_STEMS = new Set(['acti', 'inte', 'conn', 'unix', 'doma', 'sock', 'kern', 'tabl', 'rout']);
const TITLE_QUALIFIER = /\((?:w\/o servers|servers and established|only servers|including servers)\)/i;

function looksLikeTitle(words: string): boolean {
  if (words.length > 80 || /\d/.test(words)) return false;
  const list = words.split(' ');
  if (list.length > 8) return false;
  let hits = TITLE_QUALIFIER.test(words) ? 2 : 0;
  for (const w of list) if (TITLE_STEMS.has(w.slice(0, 4).toLowerCase())) hits++;
  return hits >= 3;
}

interface OpenSnapshot extends SnapshotInfo {
  /** Has a title, header or record: a boundary marker now starts a new snapshot. */
  hasContent: boolean;
  /** Sections already seen (by format id or title), so a repeated one starts a new snapshot. */
  seen: Set<string>;
}

export class Segmenter {
  readonly stats: LineStats = { lines: 0, records: 0, structural: 0, skipped: 0, unparsed: 0 };
  private section: Section | null = null;
  private snap: OpenSnapshot;
  private nextIndex = 0;
  /** Key of the title just seen, so the header after it does not count as a repeat. */
  private pendingTitle: string | null = null;
  /** A row the section rejected, held for one line in case the next one is the rest of it. */
  private held: { diagnostic: Diagnostic; ctx: LineContext } | null = null;
  /** A line of text that was not netstat output, held for one line (see resolveHeldText). */
  private heldText: { text: string; line: number } | null = null;
  /** The header that opened the section, on the line before: a wrapped header may go on. */
  private header: { format: FormatPlugin; text: string; line: number } | null = null;
  /** The last prompt ran a command other than netstat or ss (and no table has followed yet). */
  private otherCommand: { command: string; line: number } | null = null;
  private readonly emit: Emit;
  private readonly formats: readonly FormatPlugin[];
  private readonly ctx: LineContext;

  constructor(
    readonly source: string,
    private readonly sink: ParseSink,
    options: SegmenterOptions = {},
  ) {
    this.formats = options.formats ?? FORMATS;
    this.snap = this.newSnapshot();
    this.ctx = { text: '', line: 0, source, snapshot: 0 };
    this.emit = {
      record: (record) => {
        this.snap.records[record.kind] = (this.snap.records[record.kind] ?? 0) + 1;
        // A section may hold a row until the lines after it are read (ss continuation lines).
        if (record.line > this.snap.last_line) this.snap.last_line = record.line;
        this.snap.hasContent = true;
        this.sink.record(record);
      },
    };
  }

  /** Read one line (without its line break). `no` is its 1-based line number. */
  line(text: string, no: number): void {
    this.stats.lines++;
    const ctx = this.ctx;
    ctx.text = text;
    ctx.line = no;
    ctx.snapshot = this.snap.index;
    if (this.held !== null && this.resolveHeld(ctx)) return;
    if (this.header !== null && this.resolveHeader(ctx)) return;
    if (this.heldText !== null && this.resolveHeldText(ctx)) return;

    if (isBlank(text)) return this.structural('blank', no, text);

    let diagnostic: Diagnostic | null = null;
    if (this.section !== null) {
      const outcome = this.section.line(ctx, this.emit);
      if (outcome === RECORD) return this.recordLine();
      if (outcome === STRUCTURAL) return this.structural('continuation', no, text);
      diagnostic = outcome.diagnostic;
    }

    const prompt = matchPrompt(text);
    if (prompt !== null) {
      this.closeSection();
      if (prompt.run !== null) {
        this.otherCommand = null;
        this.boundary(no, this.snap.command !== null);
        this.snap.command = prompt.command;
        this.snap.options = prompt.run.options;
      } else if (prompt.command !== '') {
        // Another command: what it prints is not netstat's, unless a table follows (`cat before.txt`).
        this.otherCommand = { command: prompt.command, line: no };
      }
      return this.structural('prompt', no, text);
    }

    const stamp = matchTimestamp(text);
    if (stamp !== null) {
      this.closeSection();
      this.otherCommand = null;
      this.boundary(no, this.snap.timestamp !== null);
      this.snap.timestamp = stamp.iso;
      this.snap.timestamp_text = text.trim();
      return this.structural('timestamp', no, text);
    }

    const title = this.titleKey(text);
    if (title !== null) {
      this.closeSection();
      this.afterOtherCommand();
      if (this.snap.seen.has(title)) this.boundary(no);
      this.snap.seen.add(title);
      this.pendingTitle = title;
      this.touch(no);
      return this.structural('title', no, text);
    }

    for (const format of this.formats) {
      const opened = format.open(text);
      if (opened === null) continue;
      this.openWith(format, opened, no);
      if (opened.consumed === 'header') {
        this.header = { format, text, line: no };
        return this.structural('header', no, text);
      }
      const outcome = opened.section.line(ctx, this.emit);
      if (outcome === RECORD) return this.recordLine();
      if (outcome === STRUCTURAL) return this.structural('continuation', no, text);
      diagnostic = outcome.diagnostic;
      break;
    }

    if (isNotice(text)) return this.structural('notice', no, text);

    if (diagnostic !== null) {
      if (this.section?.rejoin !== undefined) {
        this.held = { diagnostic, ctx: { ...ctx } };
        return;
      }
      return this.unparsed(diagnostic);
    }
    // Held for one line: with the next, it may be a header that a terminal wrapped.
    this.heldText = { text, line: no };
  }

  private openWith(format: FormatPlugin, opened: Opened, no: number): void {
    this.closeSection();
    this.afterOtherCommand();
    const repeat = this.pendingTitle === null && this.snap.seen.has(format.id);
    if (repeat && format.repeatStartsSnapshot !== false) this.boundary(no);
    this.snap.seen.add(format.id);
    this.pendingTitle = null;
    this.section = opened.section;
    this.touch(no);
    this.ctx.snapshot = this.snap.index;
  }

  /** A line longer than the reader's limit: reported, never parsed (only its start was kept). */
  tooLong(start: string, no: number, length: number): void {
    this.flushHeld();
    this.stats.lines++;
    this.stats.unparsed++;
    this.sink.diagnostic({
      code: 'NETSNAP_PARSE_LINE_TOO_LONG',
      severity: 'error',
      source: this.source,
      line: no,
      column: 1,
      length: 1,
      message: `line is longer than ${length} characters; skipped`,
      expected: [],
      text: start.slice(0, 200),
      section: this.section?.label ?? null,
    });
  }

  /** End of input: close the open section and the last snapshot. */
  end(): void {
    this.flushHeld();
    this.closeSection();
    this.finishSnapshot();
  }

  private unparsed(diagnostic: Diagnostic): void {
    this.stats.unparsed++;
    this.snap.last_line = diagnostic.line;
    this.sink.diagnostic(diagnostic);
  }

  /**
   * The line after a rejected row: if with it the row reads (a terminal or mail client wrapped it),
   * the row is a record, this line a continuation, and a note says so. Otherwise the held row is
   * reported and this line is read as usual. True when the line was used up.
   */
  private resolveHeld(ctx: LineContext): boolean {
    const held = this.held!;
    this.held = null;
    const joined = this.section?.rejoin && !isBlank(ctx.text) ? this.section.rejoin(held.ctx, ctx, this.emit) : null;
    if (joined === null) {
      this.unparsed(held.diagnostic);
      return false;
    }
    // The held line is the record's; this one continues it.
    this.recordLine();
    this.structural('continuation', ctx.line, ctx.text);
    this.sink.diagnostic(this.rejoinedNote(held.ctx.line, held.ctx.text, ctx.line, 'row'));
    return true;
  }

  /**
   * The line after a header: when the header with it is a wider header of the same format (a
   * terminal or mail client wrapped "... State       PID/Program name"), the section is opened
   * again with the whole header. Only lines without digits qualify (rows have numbers).
   */
  private resolveHeader(ctx: LineContext): boolean {
    const header = this.header!;
    this.header = null;
    if (isBlank(ctx.text) || HAS_DIGIT.test(ctx.text) || this.opensAlone(ctx.text)) return false;
    for (const joined of [header.text + ctx.text, `${header.text} ${ctx.text}`]) {
      const opened = header.format.open(joined);
      // Only tables read by a grammar: a header matched by its start would take any line.
      if (opened === null || opened.consumed !== 'header' || opened.section.rejoin === undefined) continue;
      this.closeSection();
      this.section = opened.section;
      this.structural('continuation', ctx.line, ctx.text);
      this.sink.diagnostic(this.rejoinedNote(header.line, header.text, ctx.line, 'header'));
      return true;
    }
    return false;
  }

  /**
   * The line after one that was not netstat output: when the two make a header (a terminal wrapped
   * "... State       User" / "Inode      PID/Program name     Timer"), they open its section.
   * Otherwise the held line is reported as skipped. Only lines without digits can continue a header.
   */
  private resolveHeldText(ctx: LineContext): boolean {
    const held = this.heldText!;
    this.heldText = null;
    if (!isBlank(ctx.text) && !HAS_DIGIT.test(ctx.text) && !this.opensAlone(ctx.text)) {
      for (const joined of [held.text + ctx.text, `${held.text} ${ctx.text}`]) {
        for (const format of this.formats) {
          const opened = format.open(joined);
          if (opened === null || opened.consumed !== 'header' || opened.section.rejoin === undefined) continue;
          this.openWith(format, opened, held.line);
          this.structural('header', held.line, held.text);
          this.structural('continuation', ctx.line, ctx.text);
          this.sink.diagnostic(this.rejoinedNote(held.line, held.text, ctx.line, 'header'));
          return true;
        }
      }
    }
    this.stats.skipped++;
    this.sink.skipped?.(held.line, held.text);
    return false;
  }

  /** Whether a line is a header or table start on its own (then it continues nothing). */
  private opensAlone(text: string): boolean {
    for (const format of this.formats) if (format.open(text) !== null) return true;
    return false;
  }

  private rejoinedNote(first: number, text: string, second: number, what: string): Diagnostic {
    return {
      code: 'NETSNAP_PARSE_REJOINED',
      severity: 'warning',
      source: this.source,
      line: first,
      column: text.length + 1,
      length: 1,
      message: `rejoined lines ${first} and ${second}: a ${what} wrapped by a terminal or mail client`,
      expected: [],
      text,
      section: this.section?.label ?? null,
    };
  }

  private flushHeld(): void {
    if (this.heldText !== null) {
      this.stats.skipped++;
      this.sink.skipped?.(this.heldText.line, this.heldText.text);
      this.heldText = null;
    }
    if (this.held === null) return;
    const held = this.held;
    this.held = null;
    this.unparsed(held.diagnostic);
  }

  /**
   * A line the section read as (part of) a record. Lines are counted, not records: a record held
   * over several lines (Windows -b owner lines, -e) counts once, and a line holding two counters
   * (Windows -s ICMP Received/Sent) counts once, so lines = records + structural + skipped + unparsed.
   */
  private recordLine(): void {
    this.stats.records++;
  }

  private structural(kind: StructuralKind, no: number, text: string): void {
    this.stats.structural++;
    if (kind !== 'blank' && kind !== 'prompt' && kind !== 'timestamp') this.snap.last_line = no;
    this.sink.structural?.(kind, no, text);
  }

  private touch(no: number): void {
    if (this.snap.first_line === 0) this.snap.first_line = no;
    this.snap.hasContent = true;
    this.snap.last_line = no;
  }

  private titleKey(text: string): string | null {
    for (const format of this.formats) if (format.isTitle?.(text)) return format.id;
    const words = squash(text);
    if (!looksLikeTitle(words)) return null;
    const paren = words.indexOf('(');
    return `title:${(paren < 0 ? words : words.slice(0, paren)).trimEnd().toLowerCase()}`;
  }

  private closeSection(): void {
    if (this.section === null) return;
    this.section.end(this.emit);
    this.section = null;
  }

  /**
   * A marker of a new run: start a new snapshot unless the current one is still empty. `again`: the
   * empty snapshot already has a marker of this kind (a second prompt or timestamp before any
   * table: the run before printed nothing netsnap reads), so it starts afresh at this line.
   */
  private boundary(no: number, again = false): void {
    this.pendingTitle = null;
    if (!this.snap.hasContent) {
      if (again) {
        const index = this.snap.index;
        this.snap = this.newSnapshot(index);
        this.snap.first_line = no;
      } else if (this.snap.first_line === 0) {
        this.snap.first_line = no;
      }
      return;
    }
    this.finishSnapshot();
    this.snap = this.newSnapshot();
    this.snap.first_line = no;
    this.ctx.snapshot = this.snap.index;
  }

  /**
   * A table starts after a prompt that ran another command (`cat before.txt`, `ssh web1 ...`): it
   * is a run of its own, and that command is its command.
   */
  private afterOtherCommand(): void {
    const other = this.otherCommand;
    if (other === null) return;
    this.otherCommand = null;
    this.boundary(other.line, this.snap.command !== null);
    this.snap.command = other.command;
    this.snap.options = null;
  }

  private finishSnapshot(): void {
    if (!this.snap.hasContent) return;
    const { hasContent: _h, seen: _s, ...info } = this.snap;
    this.sink.snapshot?.(info);
  }

  private newSnapshot(index = this.nextIndex++): OpenSnapshot {
    return {
      index,
      source: this.source,
      first_line: 0,
      last_line: 0,
      command: null,
      options: null,
      timestamp_text: null,
      timestamp: null,
      records: {},
      hasContent: false,
      seen: new Set(),
    };
  }
}

const NOT_SPACE = /\S/;
const HAS_DIGIT = /\d/;

function isBlank(text: string): boolean {
  // Most lines start with a visible character: decide those without a regex.
  const c = text.charCodeAt(0);
  if (c > 32 && c < 127) return false;
  return !NOT_SPACE.test(text);
}
