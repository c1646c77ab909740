/**
 * Opening inputs: files (gzip detected by its magic bytes, not its name) and byte streams.
 */
import { createReadStream } from 'node:fs';
import { pipeline, Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { InputError } from '../errors.js';

/** An input: chunks of bytes or text (a stream, a generator, an array), or one buffer. */
export type ByteSource = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string> | Uint8Array;

const CHUNK = 1 << 20;

/** Read a file as byte chunks. Errors (missing file, directory) become InputError. */
export function readFileChunks(path: string): AsyncIterable<Uint8Array> {
  return wrapErrors(createReadStream(path, { highWaterMark: CHUNK }), path);
}

async function* wrapErrors(stream: AsyncIterable<Uint8Array>, name: string): AsyncGenerator<Uint8Array> {
  try {
    yield* stream;
  } catch (err) {
    throw new InputError(`cannot read ${name}: ${describeIoError(err)}`);
  }
}

export function describeIoError(err: unknown): string {
  const e = err as NodeJS.ErrnoException;
  switch (e?.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
      return 'is a directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'Z_DATA_ERROR':
      return 'damaged gzip data';
    case 'Z_BUF_ERROR':
      return 'gzip data ends early (the file was cut short)';
    default:
      return e?.message ?? String(err);
  }
}

/** Pass chunks through, gunzipping them when the input starts with the gzip magic bytes. */
export async function* gunzipIfNeeded(source: ByteSource, name = '-'): AsyncGenerator<Uint8Array | string> {
  const it = chunksOf(source);
  const first = await it.next();
  if (first.done) return;
  let head = first.value;
  // The magic number is two bytes; a stream may hand over one at first.
  while (typeof head !== 'string' && head.length < 2) {
    const next = await it.next();
    if (next.done) break;
    const more = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    head = Buffer.concat([head, more]);
  }
  const rest: AsyncIterable<Uint8Array | string> = { [Symbol.asyncIterator]: () => it };
  if (typeof head !== 'string' && head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b) {
    const magic = head;
    async function* all(): AsyncGenerator<Uint8Array> {
      yield magic;
      for await (const c of rest) yield typeof c === 'string' ? Buffer.from(c) : c;
    }
    const gunzip = createGunzip();
    // pipeline forwards a failing source into gunzip, which the loop below then throws.
    pipeline(Readable.from(all()), gunzip, () => {});
    try {
      yield* gunzip;
    } catch (err) {
      throw new InputError(`cannot read ${name}: ${describeIoError(err)}`);
    }
    return;
  }
  yield head;
  yield* rest;
}

/** An async iterator over the chunks of any ByteSource. */
function chunksOf(source: ByteSource): AsyncIterator<Uint8Array | string> {
  if (source instanceof Uint8Array) source = [source];
  if (Symbol.asyncIterator in source) return source[Symbol.asyncIterator]();
  const sync = (source as Iterable<Uint8Array | string>)[Symbol.iterator]();
  return {
    next: async () => sync.next(),
  };
}
