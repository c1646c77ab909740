/**
 * The diff's index of the first snapshot: for each record, its packed key and packed values (see
 * encode.ts), its line, and whether a record of the second snapshot has taken it.
 *
 * Built to hold a million records in little memory and with little work for the garbage collector:
 * records are kept as the batches of bytes they were packed into (a batch holds each record's key
 * followed by its values), the per-record numbers live in one typed array (a row each), and the
 * hash table is open addressing over an Int32Array. No JavaScript object or string is made per
 * record, so the collector has a few hundred objects to look at, not millions; a record of the
 * second snapshot is looked up and compared as bytes too.
 */
import type { PackedBatch } from './encode.js';

/** Keys past which the hash table grows fourfold. */
const BIG = 1 << 16;
const PAIRED = 1;
const HEAD = 2;

/** FNV-1a over UTF-16 code units: of a packed key as text, the same as hashBytes of its bytes. */
export function hashOf(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619);
  return h | 0;
}

function grow32(a: Int32Array<ArrayBuffer>, size: number): Int32Array<ArrayBuffer> {
  if (size <= a.length) return a;
  const b = new Int32Array(Math.max(size, a.length * 2));
  b.set(a);
  return b;
}

/** Whether bytes a[i..i+n) equal b[j..j+n). */
function sameBytes(a: Uint8Array, i: number, b: Uint8Array, j: number, n: number): boolean {
  for (let k = 0; k < n; k++) if (a[i + k] !== b[j + k]) return false;
  return true;
}

/**
 * A record's row in the index: its batch, where it starts there, the lengths of its key and values,
 * its line, the next record with the same key (index + 1; 0: none), the last one of its key's chain
 * (kept by the chain's first record), and its flags with its tag (flags | tag << 8).
 */
const ROW = 8;
const CHUNK = 0;
const START = 1;
const KEY_LENGTH = 2;
const VALUE_LENGTH = 3;
const LINE = 4;
const NEXT = 5;
const TAIL = 6;
const BITS = 7;

export class KeyIndex {
  /** The batches, as Buffers (to read a record back as text). */
  private readonly chunks: Buffer[] = [];
  /**
   * Record i's row is rows[ROW * i ..]: all it has side by side, so that looking a record up and
   * taking it touch one place in memory.
   */
  private rows = new Int32Array(ROW * 1024);
  private count = 0;
  /**
   * Open addressing over pairs: slots[2s] is the record index + 1 of the first record with a key (0:
   * empty), slots[2s + 1] its key's hash, side by side so that a probe touches one place in memory.
   */
  private slots = new Int32Array(2 * 2048);
  private used = 0;
  private sharing = 0;
  /** A key given as text, as bytes. */
  private scratch = Buffer.alloc(256);

  get size(): number {
    return this.count;
  }

  /** Records that share their key with an earlier one (0: every key is held by one record). */
  get chained(): number {
    return this.sharing;
  }

  /** Add a batch of packed records, with a small tag for each (the diff's spec number). The bytes are kept as they are. */
  addBatch(batch: PackedBatch, tags: Uint8Array): void {
    const first = this.count;
    const n = batch.keyLengths.length;
    this.rows = grow32(this.rows, ROW * (first + n));
    const c = this.chunks.length;
    const data = asBuffer(batch.data);
    this.chunks.push(data);
    const rows = this.rows;
    for (let k = 0, at = 0, r = ROW * first; k < n; k++, r += ROW) {
      const kl = batch.keyLengths[k]!;
      const vl = batch.valueLengths[k]!;
      rows[r + CHUNK] = c;
      rows[r + START] = at;
      rows[r + KEY_LENGTH] = kl;
      rows[r + VALUE_LENGTH] = vl;
      rows[r + LINE] = batch.lines[k]!;
      rows[r + BITS] = tags[k]! << 8;
      this.link(first + k, batch.hashes[k]!, data, at, kl);
      at += kl + vl;
    }
  }

  /** Record i joins the chain of its key (its bytes: data[at..at+keyLength)). */
  private link(i: number, h: number, data: Uint8Array, at: number, keyLength: number): void {
    this.count = i + 1;
    const rows = this.rows;
    const head = this.find(data, at, keyLength, h);
    if (head >= 0) {
      // Another record with this key: chain it after the last one.
      rows[ROW * rows[ROW * head + TAIL]! + NEXT] = i + 1;
      rows[ROW * head + TAIL] = i;
      this.sharing++;
      return;
    }
    rows[ROW * i + TAIL] = i;
    rows[ROW * i + BITS] = rows[ROW * i + BITS]! | HEAD;
    // Half full: twice as many slots, or four times once the table is large (a large snapshot is
    // usually larger still, and each growth places every key again).
    if ((this.used + 1) * 4 > this.slots.length) this.rehash(this.used < BIG ? this.slots.length : 2 * this.slots.length);
    this.place(i, h);
    this.used++;
  }

  /** The first record with this key (as text), or -1. */
  first(key: string, h = hashOf(key)): number {
    if (this.scratch.length < key.length) this.scratch = Buffer.alloc(2 * key.length);
    this.scratch.write(key, 0, 'latin1');
    return this.find(this.scratch, 0, key.length, h);
  }

  /** The record after `i` with the same key, or -1. */
  after(i: number): number {
    return this.rows[ROW * i + NEXT]! - 1;
  }

  /**
   * Take (pair) a record whose key and values are the packed record at data[at..] (keyLength bytes
   * of key, hash h, then valueLength bytes of values) and no record took yet: its index; -1 when the
   * key is there but no such record is; -2 when no record has the key.
   */
  takeEqual(data: Uint8Array, at: number, keyLength: number, valueLength: number, h: number): number {
    const head = this.find(data, at, keyLength, h);
    if (head < 0) return -2;
    const rows = this.rows;
    const values = at + keyLength;
    for (let i = head; i >= 0; i = rows[ROW * i + NEXT]! - 1) {
      const r = ROW * i;
      if ((rows[r + BITS]! & PAIRED) === 0 && rows[r + VALUE_LENGTH] === valueLength) {
        if (sameBytes(this.chunks[rows[r + CHUNK]!]!, rows[r + START]! + keyLength, data, values, valueLength)) {
          rows[r + BITS] = rows[r + BITS]! | PAIRED;
          return i;
        }
      }
    }
    return -1;
  }

  isPaired(i: number): boolean {
    return (this.rows[ROW * i + BITS]! & PAIRED) !== 0;
  }

  pair(i: number): void {
    this.rows[ROW * i + BITS] = this.rows[ROW * i + BITS]! | PAIRED;
  }

  keyOf(i: number): string {
    const r = ROW * i;
    const at = this.rows[r + START]!;
    return this.chunks[this.rows[r + CHUNK]!]!.toString('latin1', at, at + this.rows[r + KEY_LENGTH]!);
  }

  valuesOf(i: number): string {
    const r = ROW * i;
    const at = this.rows[r + START]! + this.rows[r + KEY_LENGTH]!;
    return this.chunks[this.rows[r + CHUNK]!]!.toString('latin1', at, at + this.rows[r + VALUE_LENGTH]!);
  }

  /** Record i's key and values as one text (valuesOf starts at keyLengthOf). */
  textOf(i: number): string {
    const r = ROW * i;
    const at = this.rows[r + START]!;
    return this.chunks[this.rows[r + CHUNK]!]!.toString('latin1', at, at + this.rows[r + KEY_LENGTH]! + this.rows[r + VALUE_LENGTH]!);
  }

  keyLengthOf(i: number): number {
    return this.rows[ROW * i + KEY_LENGTH]!;
  }

  lineOf(i: number): number {
    return this.rows[ROW * i + LINE]!;
  }

  tagOf(i: number): number {
    return this.rows[ROW * i + BITS]! >>> 8;
  }

  /** Whether `i` is the first record of its key (to visit each key once). */
  isFirst(i: number): boolean {
    return (this.rows[ROW * i + BITS]! & HEAD) !== 0;
  }

  /** The first record whose key is the bytes data[at..at+keyLength) with hash h, or -1. */
  private find(data: Uint8Array, at: number, keyLength: number, h: number): number {
    const slots = this.slots;
    const rows = this.rows;
    const mask = (slots.length >> 1) - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const v = slots[2 * s]!;
      if (v === 0) return -1;
      const r = ROW * (v - 1);
      if (slots[2 * s + 1] === h && rows[r + KEY_LENGTH] === keyLength && sameBytes(this.chunks[rows[r + CHUNK]!]!, rows[r + START]!, data, at, keyLength)) return v - 1;
    }
  }

  private place(i: number, h: number): void {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    let s = h & mask;
    while (slots[2 * s] !== 0) s = (s + 1) & mask;
    slots[2 * s] = i + 1;
    slots[2 * s + 1] = h;
  }

  /** Twice as many slots (`pairs` of them now), every key placed again. */
  private rehash(pairs: number): void {
    const old = this.slots;
    this.slots = new Int32Array(2 * pairs);
    for (let s = 0; s < old.length; s += 2) if (old[s] !== 0) this.place(old[s]! - 1, old[s + 1]!);
  }
}

/** The same bytes as a Buffer (no copy). */
export function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
