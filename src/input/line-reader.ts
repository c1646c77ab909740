/**
 * An input's numbered lines, a chunk at a time: gzip detected, bytes decoded (the encoding detected
 * or given), lines split and cleaned as the parser's are, so line N here is line N of a record.
 */
import { Decoder, type Encoding } from './decode.js';
import { DEFAULT_MAX_LINE, LineSplitter, type LineHandler } from './lines.js';
import { gunzipIfNeeded, type ByteSource } from './read.js';

export interface LineReadOptions {
  /** Name for messages (the file name, or "-"). */
  source?: string;
  encoding?: Encoding;
  /** Longer lines go to the handler's tooLong (default 64 KiB). */
  maxLineLength?: number;
  /** Awaited after each chunk: lets a writer apply backpressure. */
  afterChunk?: () => Promise<void> | void;
  /**
   * Asked after each chunk: true stops reading there (a file is closed), for a caller that has the
   * lines it wanted. Lines of that chunk after the one it wanted have been handed over already.
   */
  stop?: () => boolean;
}

/** Hand each line of an input to `handler`; the last line need not end in a line break. */
export async function readLines(input: ByteSource | string, handler: LineHandler, options: LineReadOptions = {}): Promise<void> {
  const splitter = new LineSplitter(handler, options.maxLineLength ?? DEFAULT_MAX_LINE);
  if (typeof input === 'string') {
    splitter.push(input);
  } else {
    const decoder = new Decoder(options.encoding ?? 'auto');
    for await (const chunk of gunzipIfNeeded(input, options.source)) {
      splitter.push(typeof chunk === 'string' ? chunk : decoder.push(chunk));
      // Leaving the loop closes the source (its iterator's return), so a file is not read on.
      if (options.stop?.()) return;
      if (options.afterChunk) await options.afterChunk();
    }
    const tail = decoder.end();
    if (tail !== '') splitter.push(tail);
  }
  splitter.end();
}
