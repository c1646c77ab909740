/**
 * Bytes to text in whatever encoding a real machine wrote: UTF-8 with or without BOM, UTF-16 LE/BE
 * (PowerShell 5 redirects), and when UTF-8 decoding fails, a legacy code page: CP850 (the Windows
 * console in Western Europe: "ABHÖREN") or Windows-1252 / Latin-1.
 */
import { TextDecoder } from 'node:util';

export type Encoding = 'auto' | 'utf-8' | 'utf-16le' | 'utf-16be' | 'latin1' | 'windows-1252' | 'cp850';

export const ENCODINGS: readonly Encoding[] = [
  'auto',
  'utf-8',
  'utf-16le',
  'utf-16be',
  'latin1',
  'windows-1252',
  'cp850',
];

// prettier-ignore
const CP850_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒáíóúñÑªº¿®¬½¼¡«»░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐' +
  '└┴┬├─┼ãÃ╚╔╩╦╠═╬¤ðÐÊËÈıÍÎÏ┘┌█▄¦Ì▀ÓßÔÒõÕµþÞÚÛÙýÝ¯´\u00ad±‗¾¶§÷¸°¨·¹³²■\u00a0';

function decodeCp850(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    out += b < 0x80 ? String.fromCharCode(b) : CP850_HIGH[b - 0x80]!;
  }
  return out;
}

/** Which legacy code page bytes that are not UTF-8 most likely are. */
function guessLegacy(bytes: Uint8Array): 'cp850' | 'windows-1252' {
  // In CP850 the accented letters sit at 0x80-0x9F, where Windows-1252 has rare punctuation.
  let low = 0;
  let high = 0;
  for (const b of bytes) {
    if (b >= 0x80 && b < 0xa0) low++;
    else if (b >= 0xa0) high++;
  }
  return low > high ? 'cp850' : 'windows-1252';
}

/** Streaming decoder: push byte chunks, get text; detects the encoding from the first bytes. */
export class Decoder {
  private decoder: TextDecoder | null = null;
  private legacy: 'cp850' | null = null;
  private head: Uint8Array | null = new Uint8Array(0);
  private resolved: Encoding;

  constructor(encoding: Encoding = 'auto') {
    this.resolved = encoding;
    if (encoding !== 'auto') this.start(encoding);
  }

  /** The encoding in use ("auto" until enough bytes were seen). */
  get encoding(): Encoding {
    return this.resolved;
  }

  push(bytes: Uint8Array): string {
    if (this.head !== null) {
      const joined = new Uint8Array(this.head.length + bytes.length);
      joined.set(this.head);
      joined.set(bytes, this.head.length);
      if (joined.length < 4) {
        this.head = joined;
        return '';
      }
      this.head = null;
      bytes = this.detect(joined);
    }
    return this.decode(bytes, false);
  }

  end(): string {
    if (this.head !== null) {
      const rest = this.head;
      this.head = null;
      return this.decode(this.detect(rest), true);
    }
    return this.decode(new Uint8Array(0), true);
  }

  private detect(bytes: Uint8Array): Uint8Array {
    if (this.resolved !== 'auto') {
      if (this.resolved === 'utf-8' && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3);
      return bytes;
    }
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
      this.start('utf-8');
      return bytes.subarray(3);
    }
    if (bytes[0] === 0xff && bytes[1] === 0xfe) {
      this.start('utf-16le');
      return bytes.subarray(2);
    }
    if (bytes[0] === 0xfe && bytes[1] === 0xff) {
      this.start('utf-16be');
      return bytes.subarray(2);
    }
    // UTF-16 without a BOM: ASCII text leaves every other byte zero.
    const n = Math.min(bytes.length, 512) & ~1;
    let evenZero = 0;
    let oddZero = 0;
    for (let i = 0; i < n; i += 2) {
      if (bytes[i] === 0) evenZero++;
      if (bytes[i + 1] === 0) oddZero++;
    }
    const pairs = n / 2;
    if (pairs >= 2 && oddZero > pairs * 0.4 && evenZero < pairs * 0.05) this.start('utf-16le');
    else if (pairs >= 2 && evenZero > pairs * 0.4 && oddZero < pairs * 0.05) this.start('utf-16be');
    else this.start('utf-8', true);
    return bytes;
  }

  private start(encoding: Encoding, fatal = false): void {
    this.resolved = encoding;
    if (encoding === 'cp850') {
      this.legacy = 'cp850';
      return;
    }
    const label = encoding === 'latin1' ? 'windows-1252' : encoding;
    this.decoder = new TextDecoder(label, { fatal });
  }

  private decode(bytes: Uint8Array, last: boolean): string {
    if (this.legacy === 'cp850') return decodeCp850(bytes);
    try {
      return this.decoder!.decode(bytes, { stream: !last });
    } catch {
      // Not UTF-8 after all (only auto-detection decodes fatally): switch to a legacy code page for
      // the rest. Text before this chunk was valid UTF-8 and is kept as it was decoded.
      const legacy = guessLegacy(bytes);
      this.start(legacy);
      return this.decode(bytes, last);
    }
  }
}
