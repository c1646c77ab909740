/** The progress line: only for large inputs on a terminal, throttled, and cleared at the end. */
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { Progress, wantProgress } from '../../src/cli/progress.js';
import { readSample } from '../helpers.js';
import { fakeIO } from './fake-io.js';

function stream() {
  const writes: string[] = [];
  return { writes, s: { isTTY: true, write: (t: string) => writes.push(t) } };
}

describe('progress line', () => {
  it('shows bytes and records of a large input, at most once per interval, and clears itself', () => {
    let now = 0;
    const { writes, s } = stream();
    const p = new Progress(s, { now: () => now, minBytes: 1000, intervalMs: 100 });
    p.start('big.txt', 4 * 1024 * 1024);
    p.read(1024 * 1024);
    for (let i = 0; i < 4096; i++) p.record();
    now = 50;
    p.read(1024 * 1024); // within the interval: not drawn
    now = 150;
    p.read(1024 * 1024);
    p.clear();
    expect(writes).toEqual([
      '\r\x1b[Knetsnap: big.txt: 1.0 MB of 4.0 MB (25%), 0 records',
      '\r\x1b[Knetsnap: big.txt: 3.0 MB of 4.0 MB (75%), 4096 records',
      '\r\x1b[K',
    ]);
  });

  it('stays silent for small inputs, and draws for stdin once it has grown large', () => {
    const { writes, s } = stream();
    const p = new Progress(s, { minBytes: 1000 });
    p.start('small.txt', 999);
    p.read(999);
    p.clear();
    expect(writes).toEqual([]);
    p.start('-', null);
    p.read(500);
    expect(writes).toEqual([]);
    p.read(600);
    expect(writes).toEqual(['\r\x1b[Knetsnap: -: 0.0 MB, 0 records']);
  });

  it('is wanted only on a terminal, without --quiet, NETSNAP_NO_PROGRESS or a dumb terminal', () => {
    expect(wantProgress({ isTTY: true, write: () => 0 }, false, {})).toBe(true);
    expect(wantProgress({ isTTY: false, write: () => 0 }, false, {})).toBe(false);
    expect(wantProgress({ isTTY: true, write: () => 0 }, true, {})).toBe(false);
    expect(wantProgress({ isTTY: true, write: () => 0 }, false, { NETSNAP_NO_PROGRESS: '1' })).toBe(false);
    expect(wantProgress({ isTTY: true, write: () => 0 }, false, { TERM: 'dumb' })).toBe(false);
  });

  it('appears on stderr for a 5 MB input read by convert, and is cleared before the counts', async () => {
    const body = readSample('samples/linux/netstat-tanp.txt');
    const chunks: string[] = [];
    let size = 0;
    while (size < 5 * 1024 * 1024) {
      chunks.push(body);
      size += body.length;
    }
    const io = fakeIO({ stderrTTY: true, input: chunks });
    expect(await main(['convert', '-f', 'ndjson', '-'], io.io)).toBe(0);
    const err = io.err();
    expect(err).toMatch(/\r\x1b\[Knetsnap: -: \d+\.\d MB, \d+ records/);
    expect(err).toMatch(/\r\x1b\[Knetsnap: \d+ lines: /);
    const quiet = fakeIO({ stderrTTY: false, input: chunks });
    await main(['convert', '-f', 'ndjson', '-'], quiet.io);
    expect(quiet.err()).not.toContain('\r');
  }, 120_000);
});
