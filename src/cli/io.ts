/**
 * The CLI's connection to the outside: standard streams and environment, passed in (so tests can
 * run the CLI in-process too), and a buffered stdout that respects backpressure and a closed pipe.
 */
import type { ByteOut } from '../output/json-bytes.js';

export interface CliIO {
  stdin: AsyncIterable<Uint8Array | string> & { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: { readonly [name: string]: string | undefined };
}

/** Colour in tables: standard output is a terminal and NO_COLOR (no-color.org) is not set. */
export function wantColor(io: CliIO): boolean {
  return io.stdout.isTTY === true && !io.env.NO_COLOR;
}

const FLUSH_AT = 1 << 16;
/** Size of a byte buffer; a larger one is taken for a value that does not fit. */
const BUFFER_SIZE = 1 << 18;

/**
 * stdout with a buffer: many small writes become few large ones. Text is held as strings and joined
 * when flushed; JSON and NDJSON writers write bytes into `buf` instead (ByteOut). Text written while
 * bytes are held is encoded after them, so the order is kept.
 */
export class BufferedOut implements ByteOut {
  private parts: string[] = [];
  private size = 0;
  /** Bytes: buf[start..pos] is written and not yet handed to the stream. */
  buf: Buffer = Buffer.alloc(0);
  pos = 0;
  private start = 0;
  /** The reader went away (`netsnap ... | head`): stop writing, it is not an error. */
  closed = false;
  private waiting: Promise<void> | null = null;

  constructor(
    private readonly stream: NodeJS.WritableStream,
    /** Size of each byte buffer (tests make it tiny, to flush between any two values). */
    private readonly bufferSize = BUFFER_SIZE,
  ) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') this.closed = true;
      else throw err;
    });
  }

  write(text: string): void {
    if (this.closed) return;
    if (this.pos > this.start) {
      this.reserve(text.length * 3);
      this.pos += this.buf.write(text, this.pos, 'utf8');
      return;
    }
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= FLUSH_AT) this.flush();
  }

  /** Room for n more bytes at buf[pos..]; text held before is encoded first. */
  reserve(n: number): void {
    if (this.parts.length > 0) {
      const text = this.parts.join('');
      this.parts = [];
      this.size = 0;
      this.ensure(text.length * 3 + n);
      this.pos += this.buf.write(text, this.pos, 'utf8');
    }
    this.ensure(n);
  }

  private ensure(n: number): void {
    if (this.buf.length - this.pos >= n) return;
    if (this.closed && this.buf.length >= n) {
      // Nobody reads any more: write over what was dropped.
      this.pos = 0;
      this.start = 0;
      return;
    }
    this.flush();
    // What was handed to the stream stays the stream's: a new buffer, never the old one reused.
    this.buf = Buffer.allocUnsafe(Math.max(this.bufferSize, n));
    this.pos = 0;
    this.start = 0;
  }

  /** Hand the buffer to the stream. */
  flush(): void {
    if (this.pos > this.start) {
      const bytes = this.buf.subarray(this.start, this.pos);
      this.start = this.pos;
      this.hand(bytes);
      return;
    }
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (text !== '') this.hand(text);
  }

  private hand(chunk: string | Buffer): void {
    if (this.closed) return;
    if (!this.stream.write(chunk) && this.waiting === null) {
      this.waiting = new Promise((resolve) => {
        const done = (): void => {
          this.stream.off('drain', done);
          this.stream.off('close', done);
          this.waiting = null;
          resolve();
        };
        this.stream.on('drain', done);
        this.stream.on('close', done);
      });
    }
  }

  /** Wait until the stream has taken what it was given (backpressure). */
  async drain(): Promise<void> {
    this.flush();
    if (this.waiting !== null) await this.waiting;
  }

  /** Flush everything and wait for it to be written. */
  async end(): Promise<void> {
    await this.drain();
  }
}
