/**
 * The diff's index of the first snapshot: for each record, its packed key and packed values (see
 * encode.ts), its line, and whether a record of the second snapshot has taken it.
 *
 * Built to hold a million records in little memory and with little work for the garbage collector:
 * keys and values are held in large strings (one per 1024 records, or one per batch a worker thread
 * sent: see addBatch), the per-record numbers live in typed arrays, and the hash table is open
 * addressing over an Int32Array. No JavaScript object is made per record, so the collector has a
 * few thousand objects to look at, not millions.
 */

const CHUNK = 1024;
const PAIRED = 1;
const HEAD = 2;

/** FNV-1a over UTF-16 code units. */
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

function grow8(a: Uint8Array<ArrayBuffer>, size: number): Uint8Array<ArrayBuffer> {
  if (size <= a.length) return a;
  const b = new Uint8Array(Math.max(size, a.length * 2));
  b.set(a);
  return b;
}

/**
 * Text appended a piece at a time, kept as one string per CHUNK pieces; or a string of many pieces
 * taken whole (a batch from a worker thread, already one string).
 */
class Arena {
  private readonly chunks: string[] = [];
  /** Pieces not joined yet; pending[0] is piece number pendingFirst. */
  private pending: string[] = [];
  private pendingFirst = 0;
  /**
   * Piece i is chunks[meta[3i]] from meta[3i + 1], meta[3i + 2] long (or pending, while it is): the
   * three side by side, so that looking a piece up touches one place in memory, not three.
   */
  private meta = new Int32Array(3 * 1024);
  private offset = 0;

  /** Append piece number `i` (pieces are appended in order, from 0). */
  push(i: number, s: string): void {
    this.reserve(i + 1);
    if (this.pending.length === 0) this.pendingFirst = i;
    const m = 3 * i;
    this.meta[m] = this.chunks.length;
    this.meta[m + 1] = this.offset;
    this.meta[m + 2] = s.length;
    this.offset += s.length;
    this.pending.push(s);
    if (this.pending.length === CHUNK) this.seal();
  }

  /** Append pieces i, i + 1, ...: `text` cut at `lengths`, kept as it is. */
  adopt(i: number, text: string, lengths: Int32Array): void {
    this.seal();
    this.reserve(i + lengths.length);
    const c = this.chunks.length;
    this.chunks.push(text);
    const meta = this.meta;
    let offset = 0;
    for (let k = 0, m = 3 * i; k < lengths.length; k++, m += 3) {
      meta[m] = c;
      meta[m + 1] = offset;
      meta[m + 2] = lengths[k]!;
      offset += lengths[k]!;
    }
  }

  get(i: number): string {
    const m = 3 * i;
    const c = this.meta[m]!;
    if (c >= this.chunks.length) return this.pending[i - this.pendingFirst]!;
    const start = this.meta[m + 1]!;
    return this.chunks[c]!.slice(start, start + this.meta[m + 2]!);
  }

  /** Whether piece `i` equals `s`, without making a string. */
  equals(i: number, s: string): boolean {
    const m = 3 * i;
    if (this.meta[m + 2] !== s.length) return false;
    const c = this.meta[m]!;
    if (c >= this.chunks.length) return this.pending[i - this.pendingFirst] === s;
    return this.chunks[c]!.startsWith(s, this.meta[m + 1]!);
  }

  private seal(): void {
    if (this.pending.length === 0) return;
    this.chunks.push(this.pending.join(''));
    this.pending = [];
    this.offset = 0;
  }

  private reserve(n: number): void {
    this.meta = grow32(this.meta, 3 * n);
  }
}

export class KeyIndex {
  private readonly keys = new Arena();
  private readonly values = new Arena();
  private count = 0;
  private lines = new Int32Array(1024);
  /** Next record with the same key (index + 1; 0: none), and the last one of a key's chain. */
  private next = new Int32Array(1024);
  private tail = new Int32Array(1024);
  private tags = new Uint8Array(1024);
  /** PAIRED: a record of the second snapshot took it; HEAD: the first record of its key. */
  private flags = new Uint8Array(1024);
  /**
   * Open addressing over pairs: slots[2s] is the record index + 1 of the first record with a key (0:
   * empty), slots[2s + 1] its key's hash, side by side so that a probe touches one place in memory.
   */
  private slots = new Int32Array(2 * 2048);
  private used = 0;
  private sharing = 0;

  get size(): number {
    return this.count;
  }

  /** Records that share their key with an earlier one (0: every key is held by one record). */
  get chained(): number {
    return this.sharing;
  }

  /** Add a record: its packed key and values, its line, and a small tag (the diff's spec number). */
  add(key: string, values: string, line: number, tag: number): void {
    const i = this.count;
    this.reserve(i + 1);
    const h = hashOf(key);
    this.lines[i] = line;
    this.tags[i] = tag;
    this.keys.push(i, key);
    this.values.push(i, values);
    this.link(i, h, key);
  }

  /**
   * Add records packed by another thread: keys and values each one string, cut at their lengths,
   * with the keys' hashes ({@link hashOf}), lines and tags. The strings are kept as they are.
   */
  addBatch(keys: string, keyLengths: Int32Array, values: string, valueLengths: Int32Array, hashes: Int32Array, lines: Int32Array, tags: Uint8Array): void {
    const first = this.count;
    const n = keyLengths.length;
    this.reserve(first + n);
    this.keys.adopt(first, keys, keyLengths);
    this.values.adopt(first, values, valueLengths);
    this.lines.set(lines, first);
    this.tags.set(tags, first);
    for (let i = first; i < first + n; i++) this.link(i, hashes[i - first]!, null);
  }

  /** Record i joins the chain of its key (key: its text, or null to read it from the arena if needed). */
  private link(i: number, h: number, key: string | null): void {
    this.count = i + 1;
    const head = this.find(key, h, i);
    if (head >= 0) {
      // Another record with this key: chain it after the last one.
      this.next[this.tail[head]!] = i + 1;
      this.tail[head] = i;
      this.sharing++;
      return;
    }
    this.tail[i] = i;
    this.flags[i] = HEAD;
    if ((this.used + 1) * 4 > this.slots.length) this.rehash(this.slots.length);
    this.place(i, h);
    this.used++;
  }

  private reserve(n: number): void {
    this.lines = grow32(this.lines, n);
    this.next = grow32(this.next, n);
    this.tail = grow32(this.tail, n);
    this.tags = grow8(this.tags, n);
    this.flags = grow8(this.flags, n);
  }

  /** The first record with this key, or -1. */
  first(key: string, h = hashOf(key)): number {
    return this.find(key, h, -1);
  }

  /** The record after `i` with the same key, or -1. */
  after(i: number): number {
    return this.next[i]! - 1;
  }

  /**
   * Take (pair) a record under `key` whose values equal `values` and no record took yet: its index;
   * -1 when the key is there but no such record is; -2 when no record has the key.
   */
  takeEqual(key: string, values: string, h = hashOf(key)): number {
    const head = this.first(key, h);
    if (head < 0) return -2;
    for (let i = head; i >= 0; i = this.after(i)) {
      if ((this.flags[i]! & PAIRED) === 0 && this.values.equals(i, values)) {
        this.flags[i] = this.flags[i]! | PAIRED;
        return i;
      }
    }
    return -1;
  }

  isPaired(i: number): boolean {
    return (this.flags[i]! & PAIRED) !== 0;
  }

  pair(i: number): void {
    this.flags[i] = this.flags[i]! | PAIRED;
  }

  keyOf(i: number): string {
    return this.keys.get(i);
  }

  valuesOf(i: number): string {
    return this.values.get(i);
  }

  lineOf(i: number): number {
    return this.lines[i]!;
  }

  tagOf(i: number): number {
    return this.tags[i]!;
  }

  /** Whether `i` is the first record of its key (to visit each key once). */
  isFirst(i: number): boolean {
    return (this.flags[i]! & HEAD) !== 0;
  }

  /** The first record with this key (or, when key is null, with the key of record `self`), or -1. */
  private find(key: string | null, h: number, self: number): number {
    const slots = this.slots;
    const mask = (slots.length >> 1) - 1;
    for (let s = h & mask; ; s = (s + 1) & mask) {
      const v = slots[2 * s]!;
      if (v === 0) return -1;
      const i = v - 1;
      if (slots[2 * s + 1] === h && this.keys.equals(i, key ?? this.keys.get(self))) return i;
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
