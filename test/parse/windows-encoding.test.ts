/**
 * Windows output as the bytes Windows writes: cmd.exe redirects in the OEM code page (CP850 on a
 * German system: ABHÖREN has byte 0x99) with CRLF; PowerShell 5 redirects UTF-16 LE with a BOM.
 * Read through parseAll (streamed, in chunks) and through `netsnap convert`.
 */
import { describe, expect, it } from 'vitest';
import { parseAll, parseText, type WindowsInetRecord, type WindowsStatRecord } from '../../src/index.js';
import { readSample, runCli } from '../helpers.js';

/** The CP850 bytes of the few non-ASCII letters German netstat prints. */
const CP850: { [ch: string]: number } = { Ä: 0x8e, Ö: 0x99, Ü: 0x9a, ä: 0x84, ö: 0x94, ü: 0x81, ß: 0xe1 };

function cp850(text: string): Buffer {
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code < 0x80) out.push(code);
    else if (CP850[ch] !== undefined) out.push(CP850[ch]!);
    else throw new Error(`no CP850 byte for ${ch} in this test`);
  }
  return Buffer.from(out);
}

const crlf = (text: string) => text.replace(/\n/g, '\r\n');

async function* chunks(bytes: Buffer, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

const ANO = readSample('samples/windows/windows-de-win81-netstat-ano.txt');
const STATS = readSample('samples/windows/windows-de-win81-netstat-s.txt');

describe('Windows encodings', () => {
  it('reads cmd.exe output in CP850 (ABHÖREN as byte 0x99) with CRLF, as one chunk and in small ones', async () => {
    const bytes = cp850(crlf(ANO));
    expect(bytes.includes(0x99)).toBe(true);
    const expected = parseText(ANO).records;
    for (const size of [1 << 20, 4096, 333]) {
      const r = await parseAll(chunks(bytes, size), { source: 'ano.txt' });
      expect(r.encoding, `chunks of ${size}`).toBe('cp850');
      expect(r.diagnostics).toEqual([]);
      expect(r.records.map((x) => ({ ...x, source: '' }))).toEqual(expected.map((x) => ({ ...x, source: '' })));
      const listen = (r.records as WindowsInetRecord[]).filter((x) => x.state === 'LISTEN');
      expect(listen.length).toBe(45);
      expect(listen.every((x) => x.state_text === 'ABHÖREN')).toBe(true);
    }
  });

  it('reads German -s in CP850 (ü, ö, ß) into the English counter names', async () => {
    const r = await parseAll(chunks(cp850(crlf(STATS)), 1 << 20));
    expect(r.encoding).toBe('cp850');
    const rows = r.records as WindowsStatRecord[];
    expect(rows).toHaveLength(122);
    expect(rows.find((x) => x.counter === 'received_packets_delivered' && x.section === 'IPv4')).toMatchObject({
      value: 510996, text: 'Empfangene übermittelte Pakete       = 510996',
    });
    expect(rows.find((x) => x.counter === 'packet_too_big_received')!.text).toContain('Paket zu groß');
    expect(rows.find((x) => x.section === 'TCPv6')!.section_text).toBe('TCP-Statistik für IPv6');
  });

  it('reads PowerShell 5 redirects: UTF-16 LE with a BOM, split at odd byte counts', async () => {
    const bytes = Buffer.from(`\ufeff${crlf(ANO)}`, 'utf16le');
    expect([bytes[0], bytes[1]]).toEqual([0xff, 0xfe]);
    for (const size of [1 << 20, 1001]) {
      const r = await parseAll(chunks(bytes, size));
      expect(r.encoding).toBe('utf-16le');
      expect(r.diagnostics).toEqual([]);
      expect(r.records.map((x) => ({ ...x, source: '' }))).toEqual(parseText(ANO).records.map((x) => ({ ...x, source: '' })));
    }
  });

  it('netsnap convert reads CP850 and UTF-16 bytes from standard input', () => {
    for (const bytes of [cp850(crlf(ANO)), Buffer.from(`\ufeff${crlf(ANO)}`, 'utf16le')]) {
      const out = runCli(['convert', '-f', 'ndjson'], bytes);
      expect(out.status).toBe(0);
      const rows = out.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as WindowsInetRecord);
      expect(rows).toHaveLength(123);
      expect(rows[0]).toMatchObject({ platform: 'windows', state: 'LISTEN', state_text: 'ABHÖREN', pid: 4 });
      expect(out.stderr).toBe('netsnap: 127 lines: 123 records, 4 structural, 0 skipped, 0 unparsed\n');
    }
  });
});
