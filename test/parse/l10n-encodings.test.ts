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
});
