/**
 * Bytes to numbered lines: decoding (see decode.ts), line breaks (LF, CRLF, lone CR), ANSI escape
 * sequences and NUL bytes removed, and a cap on line length so that one endless line cannot exhaust
 * memory. Works a chunk at a time; nothing holds the whole input.
 */

export const DEFAULT_MAX_LINE = 64 * 1024;

export interface LineHandler {
  line(text: string, no: number): void;
  /** A line longer than the limit; `start` is its first `max` characters. */
  tooLong(start: string, no: number, max: number): void;
}

// CSI (colours, cursor moves), OSC (titles, links) and two-character escapes. Linear: each
// alternative is a fixed prefix followed by single character classes.
// eslint-disable-next-line no-control-regex
const ANSI = /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]|\x9b[0-?]*[ -/]*[@-~]/g;

/** Remove terminal escape sequences and NUL bytes. */
export function cleanLine(text: string): string {
  if (text.includes('\x1b') || text.includes('\x9b')) text = text.replace(ANSI, '');
  if (text.includes('\0')) text = text.replace(/\0/g, '');
  return text;
}

/** Splits decoded text into lines across chunk boundaries. */
export class LineSplitter {
  private pending = '';
  private no = 0;
  /** The previous chunk ended in CR: a LF at the start of the next belongs to it. */
  private afterCR = false;
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

  push(chunk: string): void {
    // Most input has only LF line breaks and no escapes: find lines with the native indexOf.
    if (!this.afterCR && chunk.indexOf('\r') === -1) {
      const clean = chunk.indexOf('\x1b') === -1 && chunk.indexOf('\x9b') === -1 && chunk.indexOf('\0') === -1;
      let start = 0;
      for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', start)) {
        this.emit(chunk.slice(start, nl), clean);
        start = nl + 1;
      }
      if (start < chunk.length) this.add(chunk.slice(start));
      return;
    }
    let start = 0;
    if (this.afterCR && chunk.charCodeAt(0) === 10) start = 1;
    this.afterCR = false;
    const n = chunk.length;
    let i = start;
    while (i < n) {
      const c = chunk.charCodeAt(i);
      if (c === 10 || c === 13) {
        this.emit(chunk.slice(start, i));
        if (c === 13) {
          if (i + 1 < n) {
            if (chunk.charCodeAt(i + 1) === 10) i++;
          } else {
            this.afterCR = true;
          }
        }
        start = i + 1;
      }
      i++;
    }
    if (start < n) this.add(chunk.slice(start));
  }

  /** End of input: a last line without a line break still counts. */
  end(): void {
    if (this.pending !== '' || this.overflowing) this.emit('');
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
