/**
 * The CLI's connection to the outside: standard streams and environment, passed in (so tests can
 * run the CLI in-process too), and a buffered stdout that respects backpressure and a closed pipe.
 */
import type { Out } from '../output/writer.js';

export interface CliIO {
  stdin: AsyncIterable<Uint8Array | string> & { isTTY?: boolean };
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
  env: { readonly [name: string]: string | undefined };
}

const FLUSH_AT = 1 << 16;

/** stdout with a buffer: many small writes become few large ones. */
export class BufferedOut implements Out {
  private parts: string[] = [];
  private size = 0;
  /** The reader went away (`netsnap ... | head`): stop writing, it is not an error. */
  closed = false;
  private waiting: Promise<void> | null = null;

  constructor(private readonly stream: NodeJS.WritableStream) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE' || err.code === 'ERR_STREAM_DESTROYED') this.closed = true;
      else throw err;
    });
  }

  write(text: string): void {
    if (this.closed) return;
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= FLUSH_AT) this.flush();
  }

  /** Hand the buffer to the stream. */
  flush(): void {
    const text = this.parts.join('');
    this.parts = [];
    this.size = 0;
    if (text === '' || this.closed) return;
    if (!this.stream.write(text) && this.waiting === null) {
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
