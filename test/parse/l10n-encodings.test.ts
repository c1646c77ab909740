/** Translated net-tools output in a legacy encoding reads like its UTF-8 twin. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAll, type InetRecord } from '../../src/index.js';
import { ROOT } from '../helpers.js';

async function read(path: string) {
  return parseAll(readFileSync(join(ROOT, path)), { source: path });
}

describe('legacy encodings of translated output', () => {
  it('reads ja_JP.eucJP like ja_JP.UTF-8: EUC-JP detected, titles and headers recognised, states in English', async () => {
    const euc = await read('samples/l10n/ja_JP.eucJP/netstat-an.txt');
    const utf8 = await read('samples/l10n/ja_JP.UTF-8/netstat-an.txt');
    expect(euc.encoding).toBe('euc-jp');
    expect(euc.stats).toMatchObject({ unparsed: 0, skipped: 0 });
    expect(euc.stats.structural).toBe(utf8.stats.structural);
    const states = new Set(euc.records.filter((r): r is InetRecord => r.kind === 'inet').map((r) => r.state));
    expect([...states].filter((s) => s !== null && !/^[A-Z_0-9]+$/.test(s))).toEqual([]);
    expect(states.has('LISTEN')).toBe(true);
  });

  it('reads de_DE.ISO-8859-1 like de_DE.UTF-8', async () => {
    const latin1 = await read('samples/l10n/de_DE.ISO-8859-1/netstat-an.txt');
    const utf8 = await read('samples/l10n/de_DE.UTF-8/netstat-an.txt');
    expect(latin1.stats).toMatchObject({ unparsed: 0, skipped: 0 });
    expect(latin1.stats.structural).toBe(utf8.stats.structural);
  });

  // Console code pages detection does not guess, read when --encoding names them: the Russian and
  // Chinese captures (saved as UTF-8) written back into the bytes the console had.
  it.each([
    ['cp866', 'ibm866', 'samples/windows/windows-ru-netstat-a-n-fragment.txt'],
    ['gbk', 'gbk', 'samples/windows/windows-zh-cn-netstat-ano-fragment-a.txt'],
  ] as const)('reads %s when asked to, like the UTF-8 capture', async (encoding, whatwg, path) => {
    const text = readFileSync(join(ROOT, path), 'utf8');
    const bytes = encodeLegacy(text, whatwg);
    const legacy = await parseAll(bytes, { source: path, encoding });
    const utf8 = await read(path);
    expect(legacy.encoding).toBe(encoding);
    expect(legacy.records).toEqual(utf8.records);
    expect(legacy.stats).toEqual(utf8.stats);
    expect(legacy.records.length).toBeGreaterThan(0);
    // Not valid UTF-8: read as UTF-8 they would not give the same lines.
    expect(Buffer.from(bytes).toString('utf8')).not.toBe(text);
  });
});

/** Text in a legacy code page, by inverting its decoder over every one- and two-byte sequence. */
function encodeLegacy(text: string, whatwg: string): Uint8Array {
  const decoder = new TextDecoder(whatwg, { fatal: true });
  const table = new Map<string, number[]>();
  const learn = (seq: number[]): void => {
    let ch: string;
    try {
      ch = decoder.decode(Uint8Array.from(seq));
    } catch {
      return;
    }
    if ([...ch].length === 1 && !table.has(ch)) table.set(ch, seq);
  };
  for (let a = 0; a < 256; a++) learn([a]);
  for (let a = 0x81; a < 0xff; a++) for (let b = 0x40; b < 0xff; b++) learn([a, b]);
  const out: number[] = [];
  for (const ch of text) {
    const seq = table.get(ch);
    if (seq === undefined) throw new Error(`${whatwg} has no ${JSON.stringify(ch)}`);
    out.push(...seq);
  }
  return Uint8Array.from(out);
}
