/**
 * A progress line on standard error for large inputs: bytes and records read so far, redrawn at
 * most a few times a second, and cleared when reading ends (or before anything else is written to
 * standard error). Shown only when standard error is a terminal and the input is larger than a few
 * MB (or, for standard input, once that much has been read).
 */

/** Inputs at least this large get a progress line. */
export const PROGRESS_MIN_BYTES = 4 * 1024 * 1024;
/** Redraw at most this often. */
export const PROGRESS_INTERVAL_MS = 250;

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface ProgressOptions {
  /** Clock for the throttle (tests pass a fake one). */
  now?: () => number;
  minBytes?: number;
  intervalMs?: number;
  /** What record() counts: "records" (default), "lines". */
  unit?: string;
}

export class Progress {
  private bytes = 0;
  private records = 0;
  private total: number | null = null;
  private name = '';
  private shown = false;
  private lastDraw = -Infinity;
  private readonly now: () => number;
  private readonly minBytes: number;
  private readonly intervalMs: number;
  private readonly unit: string;

  constructor(
    private readonly stream: ProgressStream,
    options: ProgressOptions = {},
  ) {
    this.now = options.now ?? Date.now;
    this.minBytes = options.minBytes ?? PROGRESS_MIN_BYTES;
    this.intervalMs = options.intervalMs ?? PROGRESS_INTERVAL_MS;
    this.unit = options.unit ?? 'records';
  }

  /** A new input starts; `size` is its size in bytes when known (a file). */
  start(name: string, size: number | null): void {
    this.clear();
    this.name = name;
    this.total = size;
    this.bytes = 0;
    this.records = 0;
    this.lastDraw = -Infinity;
  }

  read(bytes: number): void {
    this.bytes += bytes;
    this.maybeDraw();
  }

  record(): void {
    this.records++;
    // Checking the clock for every record would cost more than the records: every 4096th.
    if ((this.records & 4095) === 0) this.maybeDraw();
  }

  /** Remove the line (before other output on the stream, and at the end of an input). */
  clear(): void {
    if (!this.shown) return;
    this.stream.write('\r\x1b[K');
    this.shown = false;
  }

  private maybeDraw(): void {
    const big = (this.total ?? this.bytes) >= this.minBytes;
    if (!big) return;
    const t = this.now();
    if (t - this.lastDraw < this.intervalMs) return;
    this.lastDraw = t;
    const done = this.total !== null && this.total > 0 ? ` (${Math.min(100, Math.floor((this.bytes / this.total) * 100))}%)` : '';
    this.stream.write(`\r\x1b[Knetsnap: ${this.name}: ${mb(this.bytes)}${this.total !== null ? ` of ${mb(this.total)}` : ''}${done}, ${this.records} ${this.unit}`);
    this.shown = true;
  }
}

function mb(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** The chunks of an input, counted for the progress line. */
export async function* counted(input: AsyncIterable<Uint8Array | string>, progress: Progress): AsyncGenerator<Uint8Array | string> {
  for await (const chunk of input) {
    progress.read(chunk.length);
    yield chunk;
  }
}

/** A progress line is wanted: stderr is a terminal, and the user did not ask for quiet. */
export function wantProgress(stderr: ProgressStream, quiet: boolean, env: { readonly [k: string]: string | undefined }): boolean {
  return stderr.isTTY === true && !quiet && !env.NETSNAP_NO_PROGRESS && env.TERM !== 'dumb';
}
