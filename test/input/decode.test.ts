import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseAll } from '../../src/index.js';
import { Decoder } from '../../src/input/decode.js';
import { readSample } from '../helpers.js';

const TEXT = readSample('samples/linux/netstat-tulpn.txt');

/** Feed bytes to the parser in chunks of `size`, as a stream would. */
async function* chunks(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function records(bytes: Uint8Array, size = 7) {
  const r = await parseAll(chunks(bytes, size));
  expect(r.diagnostics).toEqual([]);
  return r;
}

describe('decoding', () => {
  const expected = (() => {
    let n = 0;
    for (const l of TEXT.split('\n')) if (/^(tcp|udp)/.test(l)) n++;
    return n;
  })();

  it('reads UTF-8 with and without a BOM', async () => {
    expect((await records(Buffer.from(TEXT))).records).toHaveLength(expected);
    const r = await records(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(TEXT)]));
    expect(r.records).toHaveLength(expected);
    expect(r.encoding).toBe('utf-8');
  });

  it('reads UTF-16 LE and BE with a BOM (PowerShell redirects), and LE without one', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]);
    expect((await records(le)).records).toHaveLength(expected);
    expect((await records(le)).encoding).toBe('utf-16le');
    const be = Buffer.from(TEXT, 'utf16le').swap16();
    expect((await records(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).records).toHaveLength(expected);
    expect((await records(Buffer.from(TEXT, 'utf16le'), 1000)).encoding).toBe('utf-16le');
  });

  it('reads CRLF and lone CR line breaks, across chunk boundaries', async () => {
    for (const size of [1, 2, 3, 64]) {
      const crlf = await records(Buffer.from(TEXT.replace(/\n/g, '\r\n')), size);
      expect(crlf.records).toHaveLength(expected);
      expect(crlf.stats.lines).toBe(TEXT.split('\n').length - 1);
      const cr = await records(Buffer.from(TEXT.replace(/\n/g, '\r')), size);
      expect(cr.records).toHaveLength(expected);
    }
  });

  it('reads gzip, detected by its magic bytes', async () => {
    const r = await records(gzipSync(Buffer.from(TEXT)), 100);
    expect(r.records).toHaveLength(expected);
  });

  it('falls back to a legacy code page when the bytes are not UTF-8', () => {
    const cp850 = new Decoder();
    expect(cp850.push(Buffer.from([0x41, 0x42, 0x48, 0x99, 0x52, 0x45, 0x4e]))).toBe('ABHÖREN');
    expect(cp850.encoding).toBe('cp850');
    const latin1 = new Decoder();
    expect(latin1.push(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x20]))).toBe('café  ');
    expect(latin1.encoding).toBe('windows-1252');
  });

  it('removes ANSI escapes and NUL bytes, and counts a last line without a line break', async () => {
    const text = '\x1b[1mActive Internet connections (w/o servers)\x1b[0m\n' + 'Proto Recv-Q Send-Q Local Address Foreign Address State\n' + 'tcp 0 0 127.0.0.1:1 127.0.0.1:2 \x1b[32mESTABLISHED\x1b[0m\0';
    const r = await records(Buffer.from(text));
    expect(r.records).toHaveLength(1);
    expect(r.stats.lines).toBe(3);
  });

  it('reports a line longer than the limit without holding it', async () => {
    const long = 'x'.repeat(300_000);
    const r = await parseAll(chunks(Buffer.from(`${TEXT}${long}\n${long}`), 4096), { source: 'long.txt' });
    expect(r.records).toHaveLength(expected);
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([
      ['NETSNAP_PARSE_LINE_TOO_LONG', TEXT.split('\n').length],
      ['NETSNAP_PARSE_LINE_TOO_LONG', TEXT.split('\n').length + 1],
    ]);
    expect(r.diagnostics[0]!.text.length).toBeLessThanOrEqual(200);
  });
});
