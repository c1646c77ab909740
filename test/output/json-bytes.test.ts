/**
 * JSON, NDJSON and table lines written as bytes (into the CLI's BufferedOut) are byte for byte the
 * UTF-8 of what the string path writes (which the golden JSON files pin): for every sample's records, and
 * for rows of any values fast-check can think of. BufferedOut keeps text and bytes in order and never
 * cuts a character between two chunks.
 */
import fc from 'fast-check';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { BufferedOut } from '../../src/cli/io.js';
import { parseText } from '../../src/index.js';
import { COLUMNS } from '../../src/output/columns.js';
import { isByteOut } from '../../src/output/json-bytes.js';
import { createWriter, StringOut, type Row, type WriterOptions } from '../../src/output/writer.js';
import { readSample, sampleFiles } from '../helpers.js';

/** A stream that keeps each chunk it is given. */
function capture(): { stream: Writable; chunks: Buffer[] } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, 'utf8'));
      done();
    },
  });
  return { stream, chunks };
}

/** What the string path writes (StringOut), as UTF-8. */
function viaStrings(format: 'json' | 'ndjson' | 'table', rows: readonly Row[], options: WriterOptions = {}): Buffer {
  const out = new StringOut();
  const w = createWriter(format, out, options);
  for (const r of rows) w.row(r);
  w.end();
  return Buffer.from(out.toString(), 'utf8');
}

/** What the byte path writes through BufferedOut with buffers of `size` bytes. */
async function viaBytes(format: 'json' | 'ndjson' | 'table', rows: readonly Row[], size?: number, options: WriterOptions = {}): Promise<{ bytes: Buffer; chunks: Buffer[] }> {
  const { stream, chunks } = capture();
  const out = new BufferedOut(stream, size);
  const w = createWriter(format, out, options);
  for (const r of rows) w.row(r);
  w.end();
  await out.end();
  return { bytes: Buffer.concat(chunks), chunks };
}

/** Every chunk is valid UTF-8 on its own: no character was cut between two writes. */
function expectWholeCharacters(chunks: readonly Buffer[]): void {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (const c of chunks) expect(() => decoder.decode(c)).not.toThrow();
}

describe('JSON, NDJSON and tables as bytes', () => {
  it('BufferedOut takes bytes and StringOut does not, so the writers pick their path', () => {
    expect(isByteOut(new BufferedOut(capture().stream))).toBe(true);
    expect(isByteOut(new StringOut())).toBe(false);
  });

  it('are the bytes of the string path for every sample file (buffers of 256 KiB and of 1 byte)', async () => {
    let records = 0;
    let nonAscii = 0;
    for (const file of sampleFiles()) {
      const rows = parseText(readSample(file), { source: file }).records;
      records += rows.length;
      for (const format of ['json', 'ndjson'] as const) {
        const expected = viaStrings(format, rows);
        if (format === 'json' && expected.some((b) => b >= 0x80)) nonAscii++;
        for (const size of [undefined, 1]) {
          const { bytes, chunks } = await viaBytes(format, rows, size);
          if (!bytes.equals(expected)) expect.fail(`${format} of ${file} (buffer ${size ?? 'default'}) differs`);
          expectWholeCharacters(chunks);
        }
      }
    }
    // The comparison covered real records, non-ASCII text (translations, Latin-1 paths) among them.
    expect(records).toBeGreaterThan(5000);
    expect(nonAscii).toBeGreaterThan(3);
  });

  it('tables: the bytes of the string path for every sample file, and for 1500 rows (the layout is fixed by the first 1000)', async () => {
    for (const file of sampleFiles()) {
      const rows = parseText(readSample(file), { source: file }).records;
      for (const options of [{}, { compact: false }] as WriterOptions[]) {
        const { bytes, chunks } = await viaBytes('table', rows, 1, options);
        if (!bytes.equals(viaStrings('table', rows, options))) expect.fail(`table of ${file} differs`);
        expectWholeCharacters(chunks);
      }
    }
    // Later rows wider than the layout, cells ending in spaces, a cell that needs escaping.
    const rows = Array.from({ length: 1500 }, (_, i) => ({ kind: 'x', a: i < 1000 ? 'ab' : 'a'.repeat(i % 7), b: i % 3 === 0 ? `t${i} ` : i, c: i === 1400 ? 'bell\u0007' : '' }));
    expect((await viaBytes('table', rows)).bytes.equals(viaStrings('table', rows))).toBe(true);
  });

  it('write many rows in 256 KiB chunks, the same bytes', async () => {
    const rows = parseText(readSample('samples/linux/netstat-aenopW.txt')).records;
    const many = Array.from({ length: 2000 }, (_, i) => rows[i % rows.length]!);
    const { bytes, chunks } = await viaBytes('ndjson', many);
    expect(bytes.equals(viaStrings('ndjson', many))).toBe(true);
    expect(chunks.length).toBeGreaterThan(1);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThanOrEqual(1 << 18);
  });

  // Values of every type a row may hold, strings with what must be escaped, non-ASCII text, lone
  // surrogates, long strings (past the inline loop's 512) and numbers around the inline limits.
  const text = fc.oneof(
    fc.string(),
    fc.string({ unit: 'grapheme' }),
    fc.string({ unit: 'binary' }),
    fc.string({ unit: fc.constantFrom('a', '"', '\\', '\n', '\u0000', '\u007f', 'é', '€', '\ud83d', '\ude00', '😀'), maxLength: 40 }),
    fc.string({ minLength: 500, maxLength: 1100 }),
    fc.constantFrom('', 'x'.repeat(512), 'x'.repeat(513), 'é'.repeat(512), `${'x'.repeat(511)}"`),
  );
  const number = fc.oneof(
    fc.integer(),
    fc.nat(),
    fc.double(),
    fc.constantFrom(0, -0, 9, 10, 99, 100, 2 ** 31 - 1, 2 ** 31, 2 ** 32, 2 ** 53, -1, 0.5, 1e21, 1e-7, NaN, Infinity, -Infinity),
  );
  const value = fc.oneof(
    text,
    number,
    fc.bigInt(),
    fc.constant(null),
    fc.constant(undefined),
    fc.boolean(),
    fc.array(fc.oneof(text, number, fc.constant(null))),
    fc.dictionary(fc.string(), fc.oneof(text, number)),
  );
  const columns = ['kind', 'a', 'b', 'c', 'd'];
  const row = fc.record({ kind: fc.constantFrom('x', 'inet'), a: value, b: value, c: value, d: value });

  it('are the bytes of the string path for rows of any values, with and without fixed columns', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(row, { maxLength: 6 }), fc.constantFrom(undefined, 1, 64), fc.boolean(), async (rows, size, fixed) => {
        const options: WriterOptions = fixed ? { columns } : {};
        for (const format of ['json', 'ndjson', 'table'] as const) {
          const { bytes, chunks } = await viaBytes(format, rows, size, options);
          expect(bytes.toString('latin1')).toBe(viaStrings(format, rows, options).toString('latin1'));
          expectWholeCharacters(chunks);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('write an empty column list, and keys that need escaping, as the string path does', async () => {
    const rows = [{ kind: 'x', 'we"ird\\': 1, 'ключ': 'значение' }];
    for (const cols of [[], ['we"ird\\', 'ключ', 'missing'], COLUMNS.inet]) {
      for (const format of ['json', 'ndjson'] as const) {
        expect((await viaBytes(format, rows, 1, { columns: cols })).bytes.equals(viaStrings(format, rows, { columns: cols }))).toBe(true);
      }
    }
  });
});

describe('BufferedOut', () => {
  it('keeps text and bytes in the order they were written', async () => {
    const { stream, chunks } = capture();
    const out = new BufferedOut(stream, 8);
    out.write('héllo ');
    out.reserve(3);
    out.buf[out.pos++] = 0x41;
    out.write('wörld ');
    out.reserve(1);
    out.buf[out.pos++] = 0x42;
    out.flush();
    out.write('€');
    await out.end();
    expect(Buffer.concat(chunks).toString('utf8')).toBe('héllo Awörld B€');
    expectWholeCharacters(chunks);
  });

  it('drops what is written after the reader went away, without an error', async () => {
    const stream = new Writable({
      write(_chunk, _enc, done) {
        const err = new Error('EPIPE') as NodeJS.ErrnoException;
        err.code = 'EPIPE';
        done(err);
      },
    });
    const out = new BufferedOut(stream, 16);
    const w = createWriter('ndjson', out);
    w.row({ kind: 'x', a: 1 });
    await out.drain();
    await new Promise((r) => setImmediate(r));
    expect(out.closed).toBe(true);
    for (let i = 0; i < 100; i++) w.row({ kind: 'x', a: 'y'.repeat(100) });
    // Nothing is held for a reader that is gone: the buffer is reused from its start.
    expect(out.pos).toBeLessThan(200);
    await out.end();
  });
});
