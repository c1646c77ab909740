import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { parseAll } from '../../src/index.js';
import { Decoder, guessLegacy, utf8Length } from '../../src/input/decode.js';
import { readSample } from '../helpers.js';
import { decodeChunked, decodeCut, fixture } from './helpers.js';

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

const bytes = (...parts: (string | number[])[]): Buffer =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : Buffer.from(p))));

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
    expect(decodeChunked(bytes([0xef, 0xbb, 0xbf], 'a\ufeffb'), 1).text).toBe('a\ufeffb');
  });

  it('reads UTF-16 LE and BE with a BOM (PowerShell redirects), and without one', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')]);
    expect((await records(le)).records).toHaveLength(expected);
    expect((await records(le)).encoding).toBe('utf-16le');
    const be = Buffer.from(TEXT, 'utf16le').swap16();
    expect((await records(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).records).toHaveLength(expected);
    // Without a BOM, even when the stream hands over a few bytes at a time.
    for (const size of [1, 5, 1000]) {
      expect((await records(Buffer.from(TEXT, 'utf16le'), size)).encoding).toBe('utf-16le');
      const r = await records(Buffer.from(TEXT, 'utf16le').swap16(), size);
      expect(r.encoding).toBe('utf-16be');
      expect(r.records).toHaveLength(expected);
    }
  });

  it('reads CRLF and lone CR line breaks, across chunk boundaries', async () => {
    for (const size of [1, 2, 3, 64]) {
      const crlf = await records(Buffer.from(TEXT.replace(/\n/g, '\r\n')), size);
      expect(crlf.records).toHaveLength(expected);
      expect(crlf.stats.lines).toBe(TEXT.split('\n').length - 1);
      const cr = await records(Buffer.from(TEXT.replace(/\n/g, '\r')), size);
      expect(cr.records).toHaveLength(expected);
      expect(cr.stats.lines).toBe(TEXT.split('\n').length - 1);
    }
  });

  it('reads gzip, detected by its magic bytes, whatever the text inside is encoded in', async () => {
    const r = await records(gzipSync(Buffer.from(TEXT)), 100);
    expect(r.records).toHaveLength(expected);
    // A stream that hands over the first byte alone (the magic number is two bytes).
    expect((await records(gzipSync(Buffer.from(TEXT)), 1)).records).toHaveLength(expected);
    const utf16 = await records(gzipSync(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(TEXT, 'utf16le')])), 3);
    expect(utf16.records).toHaveLength(expected);
    expect(utf16.encoding).toBe('utf-16le');
  });

  it('falls back to a legacy code page when the bytes are not UTF-8', () => {
    // German Windows console (CP850): ABHÖREN with Ö as 0x99.
    expect(decodeChunked(bytes('ABH', [0x99], 'REN'))).toEqual({ text: 'ABHÖREN', encoding: 'cp850' });
    // Latin-1 / Windows-1252.
    expect(decodeChunked(bytes('caf', [0xe9], '  '))).toEqual({ text: 'café  ', encoding: 'windows-1252' });
    expect(guessLegacy(bytes('Gr', [0x81], 'n ', [0x84], 'nd ', [0x94]))).toBe('cp850');
    expect(guessLegacy(bytes('Dom', [0xe4], 'ne H', [0xd6], 'RT'))).toBe('windows-1252');
  });

  it('keeps the valid UTF-8 before a bad byte in the same chunk, and a sequence cut by the previous chunk', () => {
    // "café" in UTF-8, then Latin-1 "Ö": the old decoder re-read the whole chunk as Windows-1252
    // ("cafÃ©") and dropped the bytes of a sequence the previous chunk had cut.
    const input = bytes('x'.repeat(70), 'caf\u00e9 /tmp/\u00fc ', 'H', [0xd6], 'RT \u20ac');
    const whole = decodeChunked(input);
    expect(whole).toEqual({ text: `${'x'.repeat(70)}café /tmp/ü HÖRT €`, encoding: 'windows-1252' });
    for (let cut = 1; cut < input.length; cut++) {
      expect(decodeCut(input, [cut]), `cut at ${cut}`).toBe(whole.text);
      expect(decodeCut(input, [cut, cut + 1, cut + 2]), `cuts at ${cut}..${cut + 2}`).toBe(whole.text);
    }
    for (const size of [1, 2, 3, 4, 5, 64, 65]) expect(decodeChunked(input, size).text).toBe(whole.text);
  });

  it('never loses the bytes of a sequence cut by the end of the input', () => {
    const input = bytes('abc ', [0xe2, 0x82]);
    for (const size of [0, 1, 2]) {
      const { text } = decodeChunked(input, size);
      expect(text).toBe('abc \u00e2\u201a');
    }
    expect(decodeChunked(bytes([0xf0, 0x9f]), 1).text).toHaveLength(2);
  });

  it('validates UTF-8 as the Unicode table of well-formed sequences does', () => {
    const len = (...b: number[]): number => utf8Length(Uint8Array.from(b), 0);
    expect(len(0x41)).toBe(1);
    expect(len(0xc3, 0xa9)).toBe(2);
    expect(len(0xc0, 0x80)).toBe(0); // overlong
    expect(len(0xe0, 0x80, 0x80)).toBe(0); // overlong
    expect(len(0xed, 0xa0, 0x80)).toBe(0); // surrogate
    expect(len(0xf4, 0x90, 0x80, 0x80)).toBe(0); // above U+10FFFF
    expect(len(0xf0, 0x9f, 0x98, 0x80)).toBe(4);
    expect(len(0xf0, 0x9f)).toBe(-1); // incomplete
    expect(len(0x80)).toBe(0);
    // Every 1-, 2- and 3-byte input decodes as TextDecoder would where it says the bytes are UTF-8.
    const fatal = new TextDecoder('utf-8', { fatal: true });
    for (let a = 0x80; a < 0x100; a++) {
      for (let b = 0; b < 0x100; b += 3) {
        const two = Uint8Array.from([a, b]);
        let valid = true;
        try {
          fatal.decode(two);
        } catch {
          valid = false;
        }
        expect(utf8Length(two, 0) === 2, `${a.toString(16)} ${b.toString(16)}`).toBe(valid);
      }
    }
  });

  it('decodes the mixed encodings of a real Latin-1 capture: translated words in Latin-1, paths in UTF-8', () => {
    // net-tools 2.10 in de_DE.ISO-8859-1 (from /work/staging/linux-captures/netstat-l10n/).
    const de = fixture('de_DE.ISO-8859-1-netstat-an.txt');
    const { text, encoding } = decodeChunked(de);
    expect(encoding).toBe('windows-1252');
    expect(text).toContain('Aktive Sockets in der UNIX-Domäne (Server und stehende Verbindungen)');
    expect(text).toMatch(/STREAM {5}HÖRT {10}12349 {4}\/tmp\/sockmix\/café\.sock\n/);
    expect(text).not.toContain('\ufffd');
    expect(text.split('\n')).toHaveLength(224);
    for (const size of [1, 3, 100, 4096]) expect(decodeChunked(de, size).text).toBe(text);
    const fr = decodeChunked(fixture('fr_FR.ISO-8859-1-netstat-an.txt'));
    expect(fr.text).toContain('Connexions Internet actives (serveurs et établies)');
    expect(fr.text).toContain('/tmp/sockmix/café.sock');
  });

  it('detects EUC-JP and decodes it as iconv does', () => {
    // The same netstat -an, once in ja_JP.eucJP and once in ja_JP.UTF-8 (the rows differ: two runs).
    const { text, encoding } = decodeChunked(fixture('ja_JP.eucJP-netstat-an.txt'));
    expect(encoding).toBe('euc-jp');
    const utf8 = fixture('ja_JP.UTF-8-netstat-an.txt').toString('utf8');
    expect(text.split('\n').slice(0, 2)).toEqual(utf8.split('\n').slice(0, 2));
    expect(text.split('\n')[0]).toBe('稼働中のインターネット接続 (サーバと確立)');
    expect(text).not.toContain('\ufffd');
    for (const size of [1, 2, 5, 4096]) expect(decodeChunked(fixture('ja_JP.eucJP-netstat-an.txt'), size).text).toBe(text);
  });

  it('uses the encoding given with --encoding, whatever the bytes look like', () => {
    const input = bytes('ABH', [0x99], 'REN ', [0xe9]);
    expect(decodeChunked(input, 1, 'cp850').text).toBe('ABHÖREN Ú');
    expect(decodeChunked(input, 1, 'latin1').text).toBe('ABH\u2122REN é');
    expect(decodeChunked(input, 1, 'windows-1252').text).toBe('ABH\u2122REN é');
    expect(decodeChunked(bytes('caf\u00e9'), 1, 'utf-8').text).toBe('café');
    expect(decodeChunked(bytes([0xef, 0xbb, 0xbf], 'x'), 1, 'utf-8').text).toBe('x');
    expect(decodeChunked(Buffer.from('ab', 'utf16le'), 1, 'utf-16le').text).toBe('ab');
    expect(decodeChunked(Buffer.from('ab', 'utf16le').swap16(), 1, 'utf-16be').text).toBe('ab');
    expect(decodeChunked(Buffer.from([0x82, 0xa0]), 1, 'shift_jis').text).toBe('あ');
    expect(decodeChunked(Buffer.from([0xa4, 0xa2]), 1, 'euc-jp').text).toBe('あ');
    // A UTF-8 file read as Latin-1 on purpose is not "repaired".
    expect(decodeChunked(bytes('\u00e9'), 0, 'latin1').text).toBe('Ã©');
  });

  it('holds at most the first bytes until detection, then at most 3 bytes between chunks', () => {
    const d = new Decoder();
    let text = '';
    const input = bytes('é'.repeat(5000));
    for (let i = 0; i < input.length; i += 7) {
      text += d.push(input.subarray(i, i + 7));
      expect(d.held).toBeLessThanOrEqual(64);
      if (i > 64) expect(d.held).toBeLessThanOrEqual(3);
    }
    expect(text + d.end()).toBe('é'.repeat(5000));
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
