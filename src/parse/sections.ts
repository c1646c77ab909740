/**
 * The segmenter: decides for each line which snapshot and which section it belongs to, hands table
 * rows to the section's parser, and accounts for every other line (title, header, prompt,
 * timestamp, notice, blank, skipped text or diagnostic). Nothing is dropped in silence.
 */
import type { Diagnostic, LineStats, NetRecord, SnapshotInfo, StructuralKind } from '../types.js';
import type { Emit, FormatPlugin, LineContext, Section } from './format.js';
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
        this.stats.records++;
        this.snap.records[record.kind] = (this.snap.records[record.kind] ?? 0) + 1;
        this.snap.last_line = record.line;
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

    if (isBlank(text)) return this.structural('blank', no, text);

    let diagnostic: Diagnostic | null = null;
    if (this.section !== null) {
      const outcome = this.section.line(ctx, this.emit);
      if (outcome === RECORD) return;
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
      this.closeSection();
      this.afterOtherCommand();
      const repeat = this.pendingTitle === null && this.snap.seen.has(format.id);
      if (repeat && format.repeatStartsSnapshot !== false) this.boundary(no);
      this.snap.seen.add(format.id);
      this.pendingTitle = null;
      this.section = opened.section;
      this.touch(no);
      ctx.snapshot = this.snap.index;
      if (opened.consumed === 'header') return this.structural('header', no, text);
      const outcome = opened.section.line(ctx, this.emit);
      if (outcome === RECORD || outcome === STRUCTURAL) return;
      diagnostic = outcome.diagnostic;
      break;
    }

    if (isNotice(text)) return this.structural('notice', no, text);

    if (diagnostic !== null) {
      this.stats.unparsed++;
      this.snap.last_line = no;
      this.sink.diagnostic(diagnostic);
      return;
    }
    this.stats.skipped++;
    this.sink.skipped?.(no, text);
  }

  /** A line longer than the reader's limit: reported, never parsed (only its start was kept). */
  tooLong(start: string, no: number, length: number): void {
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
    this.closeSection();
    this.finishSnapshot();
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
    return `title:${words.toLowerCase().replace(/\s*\(.*$/, '')}`;
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

function isBlank(text: string): boolean {
  // Most lines start with a visible character: decide those without a regex.
  const c = text.charCodeAt(0);
  if (c > 32 && c < 127) return false;
  return !NOT_SPACE.test(text);
}
