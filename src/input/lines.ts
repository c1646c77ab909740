/**
 * Decoded text to numbered lines: line breaks (LF, CRLF, or lone CR in files that use it), ANSI
 * escape sequences, NUL bytes and terminal carriage returns removed, and a cap on line length so
 * that one endless line cannot exhaust memory. Works a chunk at a time; nothing holds the input.
 *
 * A lone CR means one of two things. In a file whose line breaks are CR (classic Mac OS) it ends a
 * line. In a file whose line breaks are LF or CRLF it is a carriage return that a terminal recording
 * kept (`script`, a progress line): the text after it overwrites the start of the line, as the
 * terminal showed it, and line numbers stay those of `wc -l`, `grep -n` and editors. The start of
 * the input decides which: a LF before the third lone CR means LF line breaks; three lone CRs
 * before any LF (or a lone CR and no LF within the first line's limit) mean CR line breaks.
 */

export const DEFAULT_MAX_LINE = 64 * 1024;

export interface LineHandler {
  line(text: string, no: number): void;
  /** A line longer than the limit; `start` is its first `max` characters. */
  tooLong(start: string, no: number, max: number): void;
}

// CSI (colours, cursor moves), OSC (titles, links), other escapes (ESC, intermediates, a final
// byte: "\x1b(B", "\x1b7", "\x1b="), and the one-byte C1 CSI. Linear: each alternative is a fixed
// prefix followed by character classes that do not overlap.
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[ -/]*[0-~]|\x9b[0-?]*[ -/]*[@-~]/g;

/** Remove terminal escape sequences and NUL bytes, and apply carriage returns as a terminal would. */
export function cleanLine(text: string): string {
  if (text.includes('\x1b') || text.includes('\x9b')) {
    text = text.replace(ANSI, '');
    // What is left of a sequence cut short ("\x1b[12" at the end of a line).
    if (text.includes('\x1b')) text = text.split('\x1b').join('');
  }
  if (text.includes('\0')) text = text.split('\0').join('');
  if (text.includes('\r')) text = overprint(text);
  return text;
}

/** "progress 10%\rprogress 100%" as a terminal shows it: each part after a CR overwrites from column 0. */
export function overprint(text: string): string {
  const parts = text.split('\r');
  const cells: string[] = [];
  let width = 0;
  // Linear in the length of the line: each part writes its own characters once.
  for (const part of parts) {
    for (let j = 0; j < part.length; j++) cells[j] = part[j]!;
    if (part.length > width) width = part.length;
  }
  return cells.slice(0, width).join('');
}

type Breaks = 'unknown' | 'lf' | 'cr';

/** Splits decoded text into lines across chunk boundaries. */
export class LineSplitter {
  private pending = '';
  private no = 0;
  /** LF (and CRLF) line breaks, or lone CR ones; unknown until the first break. */
  private breaks: Breaks = 'unknown';
  /** The previous chunk ended in CR: held back until the next shows whether a LF follows. */
  private heldCR = false;
  /** Inside a line that is already too long: drop text until its end. */
  private overflowing = false;

  constructor(
    private readonly handler: LineHandler,
    private readonly maxLine: number = DEFAULT_MAX_LINE,
  ) {}

  /** Lines read so far. */
  get lines(): number {
    return this.no;
  }

  /** Characters held for the line in progress (never more than the limit): for tests. */
  get held(): number {
    return this.pending.length;
  }

  push(chunk: string): void {
    if (this.heldCR) {
      chunk = '\r' + chunk;
      this.heldCR = false;
    }
    if (chunk.length === 0) return;
    if (chunk.charCodeAt(chunk.length - 1) === 13) {
      this.heldCR = true;
      chunk = chunk.slice(0, -1);
      if (chunk.length === 0) return;
    }
    if (this.breaks === 'unknown') {
      this.breaks = this.decide(chunk);
      if (this.breaks === 'unknown') {
        this.add(chunk);
        return;
      }
      if (this.breaks === 'cr') {
        // Text held while undecided (never more than the limit) is split again, by CR.
        chunk = this.pending + chunk;
        this.pending = '';
      }
    }
    if (this.breaks === 'cr') this.pushCR(chunk);
    else this.pushLF(chunk);
  }

  /** Lone CRs seen before the first LF, and characters seen while undecided. */
  private loneCRs = 0;
  private offset = 0;

  /**
   * LF or CR line breaks (see the comment at the top), decided on positions in the input only, so
   * that chunks cut anywhere give the same answer: CR when three lone CRs come before the first
   * LF, or when one does and the first LF is not within the first line's limit of characters.
   */
  private decide(chunk: string): Breaks {
    const lf = chunk.indexOf('\n');
    const stop = lf === -1 ? chunk.length : lf;
    for (let i = chunk.indexOf('\r'); i !== -1 && i < stop; i = chunk.indexOf('\r', i + 1)) {
      // push() never leaves a CR at the end of a chunk, so a character follows it; a CRLF's LF is
      // the first LF, decided below.
      if (chunk.charCodeAt(i + 1) === 10) break;
      if (++this.loneCRs >= 3) return 'cr';
    }
    if (lf !== -1) return this.loneCRs > 0 && this.offset + lf >= this.maxLine ? 'cr' : 'lf';
    if (this.loneCRs > 0 && this.offset + chunk.length >= this.maxLine) return 'cr';
    this.offset += chunk.length;
    return 'unknown';
  }

  /** End of input: a last line without a line break still counts. */
  end(): void {
    if (this.breaks === 'unknown' && (this.loneCRs > 0 || this.heldCR)) {
      // Only lone CRs and no LF at all: a CR-only file.
      this.breaks = 'cr';
      const text = this.pending + (this.heldCR ? '\r' : '');
      this.pending = '';
      this.heldCR = false;
      this.pushCR(text.endsWith('\r') ? text.slice(0, -1) : text);
      if (text.endsWith('\r')) this.emit('');
    }
    if (this.heldCR) {
      this.heldCR = false;
      if (this.breaks === 'lf') this.add('\r');
      else {
        this.emit('');
        return;
      }
    }
    if (this.pending !== '' || this.overflowing) this.emit('');
  }

  /** LF line breaks; a CR before one (CRLF) or anywhere else is removed by cleanLine. */
  private pushLF(chunk: string): void {
    const clean =
      chunk.indexOf('\r') === -1 && chunk.indexOf('\x1b') === -1 && chunk.indexOf('\x9b') === -1 && chunk.indexOf('\0') === -1;
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', start)) {
      this.emit(chunk.slice(start, nl), clean);
      start = nl + 1;
    }
    if (start < chunk.length) this.add(chunk.slice(start));
  }

  /** CR, LF and CRLF all end a line. The chunk never ends in CR (push holds it back). */
  private pushCR(chunk: string): void {
    const n = chunk.length;
    let start = 0;
    for (let i = 0; i < n; i++) {
      const c = chunk.charCodeAt(i);
      if (c === 10 || c === 13) {
        this.emit(chunk.slice(start, i));
        if (c === 13 && chunk.charCodeAt(i + 1) === 10) i++;
        start = i + 1;
      }
    }
    if (start < n) this.add(chunk.slice(start));
  }

  private add(text: string): void {
    if (this.overflowing) return;
    this.pending += text;
    if (this.pending.length > this.maxLine) {
      this.overflowing = true;
      this.pending = this.pending.slice(0, this.maxLine);
    }
  }

  private emit(tail: string, clean = false): void {
    this.no++;
    if (this.overflowing || this.pending.length + tail.length > this.maxLine) {
      const start = (this.pending + tail.slice(0, this.maxLine)).slice(0, this.maxLine);
      this.pending = '';
      this.overflowing = false;
      this.handler.tooLong(start, this.no, this.maxLine);
      return;
    }
    // `clean` speaks for this chunk only; text held from the previous one is checked again.
    const whole = this.pending === '';
    const text = whole ? tail : this.pending + tail;
    this.pending = '';
    this.handler.line(clean && whole ? text : cleanLine(text), this.no);
  }
}
