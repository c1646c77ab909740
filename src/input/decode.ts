/**
 * Bytes to text in whatever encoding a real machine wrote: UTF-8 with or without BOM, UTF-16 LE/BE
 * (PowerShell 5 redirects, with or without a BOM), and where bytes are not UTF-8, a legacy code
 * page: CP850 (the Windows console in Western Europe: "ABHÖREN"), Windows-1252 / Latin-1 (Linux in
 * a "de_DE.ISO-8859-1" locale), or EUC-JP (Linux in "ja_JP.eucJP").
 *
 * Detection without a BOM starts as UTF-8. At the first byte that is not UTF-8 the decoder picks a
 * legacy code page from the bytes around it and keeps it for the rest of the input. For a
 * single-byte code page it then decodes "mixed": every run of bytes that is valid UTF-8 stays UTF-8,
 * and each other byte is read in the code page. Real captures need that: net-tools in a Latin-1
 * locale prints its translated words in Latin-1 but socket paths as the raw (UTF-8) bytes the
 * kernel has. EUC-JP pairs often look like valid UTF-8, so EUC-JP input is decoded as EUC-JP whole.
 *
 * Chunks may split a character anywhere: the decoder holds back the (at most 3) bytes of an
 * incomplete sequence at the end of a chunk and decodes them with the next one, so nothing is lost
 * or decoded twice, whatever the chunk size.
 */
import { TextDecoder } from 'node:util';

export type Encoding =
  | 'auto'
  | 'utf-8'
  | 'utf-16le'
  | 'utf-16be'
  | 'latin1'
  | 'windows-1252'
  | 'cp850'
  | 'euc-jp'
  | 'shift_jis'
  | 'cp866'
  | 'windows-1251'
  | 'gbk'
  | 'big5'
  | 'euc-kr';

export const ENCODINGS: readonly Encoding[] = [
  'auto',
  'utf-8',
  'utf-16le',
  'utf-16be',
  'latin1',
  'windows-1252',
  'cp850',
  'euc-jp',
  'shift_jis',
  // Only when asked for (--encoding): the Windows console in Russian (CP866), Russian Windows
  // programs (1251), Chinese (GBK, Big5) and Korean; detection does not guess them.
  'cp866',
  'windows-1251',
  'gbk',
  'big5',
  'euc-kr',
];

/** Legacy code pages that auto-detection can fall back to. */
type Legacy = 'cp850' | 'windows-1252' | 'euc-jp';

// prettier-ignore
const CP850_HIGH =
  'ÇüéâäàåçêëèïîìÄÅÉæÆôöòûùÿÖÜø£Ø×ƒáíóúñÑªº¿®¬½¼¡«»░▒▓│┤ÁÂÀ©╣║╗╝¢¥┐' +
  '└┴┬├─┼ãÃ╚╔╩╦╠═╬¤ðÐÊËÈıÍÎÏ┘┌█▄¦Ì▀ÓßÔÒõÕµþÞÚÛÙýÝ¯´\u00ad±‗¾¶§÷¸°¨·¹³²■\u00a0';

// Windows-1252 (what WHATWG and browsers mean by "latin1"): punctuation at 0x80-0x9F, then Latin-1.
// Written out because Node 20's TextDecoder reads "windows-1252" as ISO-8859-1 (0x80 -> U+0080).
// prettier-ignore
const WINDOWS_1252_HIGH =
  '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ' +
  String.fromCharCode(...Array.from({ length: 96 }, (_, i) => 0xa0 + i));

function decodeSingleByte(bytes: Uint8Array, high: string): string {
  let out = '';
  let ascii = 0;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x80) continue;
    if (ascii < i) out += latin(bytes, ascii, i);
    out += high[b - 0x80]!;
    ascii = i + 1;
  }
  return ascii === 0 ? latin(bytes, 0, bytes.length) : out + latin(bytes, ascii, bytes.length);
}

/** ASCII bytes to a string. */
function latin(bytes: Uint8Array, from: number, to: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset + from, to - from).toString('latin1');
}

/**
 * The length of the UTF-8 sequence that starts at `i` (1 to 4), 0 when the byte there does not
 * start a valid sequence, or -1 when the bytes up to the end of the buffer are a valid but
 * incomplete start of one. Follows the Unicode table of well-formed sequences (no overlongs, no
 * surrogates, nothing above U+10FFFF), as TextDecoder does.
 */
export function utf8Length(bytes: Uint8Array, i: number): number {
  const b = bytes[i]!;
  if (b < 0x80) return 1;
  let need: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (b >= 0xc2 && b <= 0xdf) need = 1;
  else if (b >= 0xe0 && b <= 0xef) {
    need = 2;
    if (b === 0xe0) lo = 0xa0;
    else if (b === 0xed) hi = 0x9f;
  } else if (b >= 0xf0 && b <= 0xf4) {
    need = 3;
    if (b === 0xf0) lo = 0x90;
    else if (b === 0xf4) hi = 0x8f;
  } else return 0;
  const n = bytes.length;
  for (let k = 1; k <= need; k++) {
    if (i + k >= n) return -1;
    const c = bytes[i + k]!;
    if (c < lo || c > hi) return 0;
    lo = 0x80;
    hi = 0xbf;
  }
  return need + 1;
}

/** Where an incomplete UTF-8 sequence at the end of `bytes` starts (bytes.length when there is none). */
function incompleteTail(bytes: Uint8Array): number {
  const n = bytes.length;
  for (let j = n - 1; j >= 0 && j >= n - 3; j--) {
    const b = bytes[j]!;
    if (b < 0x80) return n;
    if (b >= 0xc0) return utf8Length(bytes, j) === -1 ? j : n;
  }
  return n;
}

/**
 * Which legacy code page bytes that are not UTF-8 most likely are, judged from the runs of bytes
 * >= 0x80 that hold a byte that is not UTF-8.
 *
 * - Japanese text is runs of byte pairs in 0xA1-0xFE (EUC-JP); European text is single accented
 *   letters between ASCII ones.
 * - CP850 has its common accented letters (äöüéèàç ÄÖÜ) at 0x80-0x9A, where Windows-1252 has rare
 *   punctuation; Latin-1 / Windows-1252 has its letters at 0xC0-0xFF.
 */
export function guessLegacy(bytes: Uint8Array): Legacy {
  let low = 0;
  let high = 0;
  let eucBytes = 0;
  let runBytes = 0;
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    if (bytes[i]! < 0x80) {
      i++;
      continue;
    }
    // A run of bytes >= 0x80 (valid UTF-8 sequences inside it are skipped whole).
    const start = i;
    let invalid = false;
    let euc = true;
    while (i < n && bytes[i]! >= 0x80) {
      const len = utf8Length(bytes, i);
      if (len <= 0) invalid = true;
      i += len > 0 ? len : 1;
    }
    if (!invalid) continue;
    for (let k = start; k < i; k++) {
      const b = bytes[k]!;
      if (b < 0xa0) low++;
      else high++;
      if (!(b >= 0xa1 && b <= 0xfe) && !(b === 0x8e && k + 1 < i)) euc = false;
    }
    const len = i - start;
    runBytes += len;
    if (euc && len >= 2 && len % 2 === 0) eucBytes += len;
  }
  if (runBytes > 0 && eucBytes * 3 >= runBytes * 2) return 'euc-jp';
  return low > high ? 'cp850' : 'windows-1252';
}

/** How many bytes detection wants to see (unless the input is shorter). */
const DETECT_BYTES = 64;

type Mode =
  /** Waiting for the first bytes. */
  | 'detect'
  /** Auto-detected UTF-8 so far: fast native decoding, chunk by chunk. */
  | 'utf-8-auto'
  /** Auto-detection fell back to a single-byte code page: UTF-8 runs stay UTF-8. */
  | 'mixed'
  /** A TextDecoder in streaming mode (given encodings, BOMs, EUC-JP). */
  | 'stream'
  /** One code page for every byte (given with --encoding). */
  | 'cp850'
  | 'windows-1252';

/** Streaming decoder: push byte chunks, get text; detects the encoding from the first bytes. */
export class Decoder {
  private mode: Mode = 'detect';
  private resolved: Encoding;
  private head: Uint8Array = new Uint8Array(0);
  /** Bytes of a UTF-8 sequence that the previous chunk cut (auto and mixed modes). */
  private carry: Uint8Array | null = null;
  private stream: TextDecoder | null = null;
  private legacyHigh = CP850_HIGH;
  private readonly utf8Fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  private readonly utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

  constructor(private readonly requested: Encoding = 'auto') {
    this.resolved = requested;
  }

  /** The encoding in use ("auto" until enough bytes were seen; the fallback code page after one). */
  get encoding(): Encoding {
    return this.resolved;
  }

  push(bytes: Uint8Array): string {
    if (this.mode === 'detect') {
      const joined = concat(this.head, bytes);
      if (joined.length < DETECT_BYTES) {
        this.head = joined;
        return '';
      }
      this.head = new Uint8Array(0);
      return this.decode(this.detect(joined), false);
    }
    return this.decode(bytes, false);
  }

  end(): string {
    if (this.mode === 'detect') {
      const rest = this.head;
      this.head = new Uint8Array(0);
      return this.decode(this.detect(rest), true);
    }
    return this.decode(new Uint8Array(0), true);
  }

  /** Bytes held between chunks (at most 3, or the first bytes until detection): for tests. */
  get held(): number {
    return this.head.length + (this.carry?.length ?? 0);
  }

  private detect(bytes: Uint8Array): Uint8Array {
    const bom8 = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    if (this.requested !== 'auto') {
      this.begin(this.requested);
      return this.requested === 'utf-8' && bom8 ? bytes.subarray(3) : bytes;
    }
    if (bom8) {
      this.mode = 'utf-8-auto';
      this.resolved = 'utf-8';
      return bytes.subarray(3);
    }
    if (bytes[0] === 0xff && bytes[1] === 0xfe) {
      this.begin('utf-16le');
      return bytes.subarray(2);
    }
    if (bytes[0] === 0xfe && bytes[1] === 0xff) {
      this.begin('utf-16be');
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
    if (pairs >= 2 && oddZero > pairs * 0.4 && evenZero < pairs * 0.05) this.begin('utf-16le');
    else if (pairs >= 2 && evenZero > pairs * 0.4 && oddZero < pairs * 0.05) this.begin('utf-16be');
    else {
      this.mode = 'utf-8-auto';
      this.resolved = 'utf-8';
    }
    return bytes;
  }

  /** Decode with a given encoding from here on. */
  private begin(encoding: Encoding): void {
    this.resolved = encoding;
    if (encoding === 'cp850') {
      this.mode = 'cp850';
      return;
    }
    if (encoding === 'latin1' || encoding === 'windows-1252') {
      this.mode = 'windows-1252';
      return;
    }
    this.mode = 'stream';
    // WHATWG calls CP866 "ibm866".
    this.stream = new TextDecoder(encoding === 'cp866' ? 'ibm866' : encoding);
  }

  private decode(bytes: Uint8Array, last: boolean): string {
    switch (this.mode) {
      case 'cp850':
        return decodeSingleByte(bytes, CP850_HIGH);
      case 'windows-1252':
        return decodeSingleByte(bytes, WINDOWS_1252_HIGH);
      case 'stream':
        return this.stream!.decode(bytes, { stream: !last });
      case 'utf-8-auto':
      case 'mixed':
        return this.decodeUtf8(bytes, last);
      case 'detect':
        throw new Error('decoder used before detection');
    }
  }

  /** UTF-8 a chunk at a time, with the cut sequence of the previous chunk in front. */
  private decodeUtf8(bytes: Uint8Array, last: boolean): string {
    if (this.carry !== null) {
      bytes = concat(this.carry, bytes);
      this.carry = null;
    }
    let body = bytes;
    if (!last) {
      const cut = incompleteTail(bytes);
      if (cut < bytes.length) {
        this.carry = bytes.slice(cut);
        body = bytes.subarray(0, cut);
      }
    }
    if (this.mode === 'utf-8-auto') {
      try {
        return this.utf8Fatal.decode(body);
      } catch {
        const legacy = guessLegacy(body);
        this.resolved = legacy;
        if (legacy === 'euc-jp') {
          // EUC-JP pairs often look like UTF-8: decode the whole rest as EUC-JP, this chunk included.
          this.begin('euc-jp');
          const carried = this.carry;
          this.carry = null;
          return this.decode(carried === null ? body : concat(body, carried), last);
        }
        this.mode = 'mixed';
        this.legacyHigh = legacy === 'cp850' ? CP850_HIGH : WINDOWS_1252_HIGH;
      }
    }
    return this.decodeMixed(body);
  }

  /** Valid UTF-8 runs as UTF-8, every other byte in the legacy code page. */
  private decodeMixed(bytes: Uint8Array): string {
    let out = '';
    let run = 0;
    const n = bytes.length;
    let i = 0;
    while (i < n) {
      if (bytes[i]! < 0x80) {
        i++;
        continue;
      }
      const len = utf8Length(bytes, i);
      if (len > 0) {
        i += len;
        continue;
      }
      // Not UTF-8 here (or a sequence cut by the end of the input): one byte in the code page.
      if (run < i) out += this.utf8.decode(bytes.subarray(run, i));
      out += this.legacyHigh[bytes[i]! - 0x80]!;
      i++;
      run = i;
    }
    if (run < n) out += this.utf8.decode(bytes.subarray(run, n));
    return out;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}
