/**
 * Snapshots: where one netstat run ends and the next begins in real captures and pasted sessions,
 * and the library's listing and diffing of them.
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import {
  diffInputs,
  diffWithin,
  fileInput,
  listSnapshots,
  parseText,
  streamInput,
  textInput,
  type SnapshotInfo,
} from '../src/index.js';
import { readSample } from './helpers.js';

function snapshotsOf(file: string): SnapshotInfo[] {
  return parseText(readSample(file), { source: file }).snapshotInfo;
}

const brief = (s: SnapshotInfo) => [s.index, s.first_line, s.last_line, s.command, s.options, s.timestamp, s.records];

describe('snapshots in real captures', () => {
  it('netstat -c: a snapshot at each repeated title', () => {
    expect(snapshotsOf('samples/sessions/netstat-c-an.txt').map(brief)).toEqual([
      [0, 1, 223, null, null, null, { inet: 167, unix: 52 }],
      [1, 224, 447, null, null, null, { inet: 168, unix: 52 }],
      [2, 448, 671, null, null, null, { inet: 168, unix: 52 }],
    ]);
    expect(snapshotsOf('samples/linux/netstat-c-tn.txt').map((s) => [s.first_line, s.records.inet])).toEqual([
      [1, 115],
      [118, 117],
      [237, 117],
    ]);
  });

  it('netstat -ic: a snapshot at each repeated header (the title comes once)', () => {
    expect(snapshotsOf('samples/sessions/netstat-ic.txt').map((s) => [s.first_line, s.last_line, s.records])).toEqual([
      [1, 4, { interface: 2 }],
      [5, 7, { interface: 2 }],
      [8, 10, { interface: 2 }],
    ]);
  });

  it.each([
    ['samples/linux/netstat-an-dated.txt', ['2026-11-28T00:02:26Z', '2026-11-28T00:02:27Z', '2026-11-28T00:02:28Z'], 'Sat Nov 28 00:02:26 UTC 2026'],
    ['samples/sessions/dated-loop-plain-date.txt', ['2026-11-28T00:56:07Z', '2026-11-28T00:56:08Z', '2026-11-28T00:56:09Z'], 'Sat Nov 28 00:56:07 UTC 2026'],
    ['samples/sessions/dated-loop-iso.txt', ['2026-11-28T00:55:55+00:00', '2026-11-28T00:55:56+00:00', '2026-11-28T00:55:57+00:00'], '2026-11-28T00:55:55+00:00'],
    ['samples/sessions/dated-loop-epoch.txt', ['2026-11-28T00:55:58Z', '2026-11-28T00:55:59Z', '2026-11-28T00:56:00Z'], '1795827358'],
    ['samples/sessions/dated-loop-banner.txt', ['2026-11-28T00:56:01', '2026-11-28T00:56:02', '2026-11-28T00:56:03'], '=== 2026-11-28 00:56:01 ==='],
  ])('a dated loop: %s', (file, stamps, firstText) => {
    const s = snapshotsOf(file);
    expect(s.map((x) => x.timestamp)).toEqual(stamps);
    expect(s[0]!.timestamp_text).toBe(firstText);
    expect(s[0]!.first_line).toBe(1);
    // Each snapshot starts at its timestamp line, right after the previous one ends.
    for (let i = 1; i < s.length; i++) expect(s[i]!.first_line).toBe(s[i - 1]!.last_line + 1);
  });

  it('a dated log whose date format changes, with a comment between runs', () => {
    const s = snapshotsOf('samples/sessions/dated-loop-variants.txt');
    expect(s.map((x) => [x.first_line, x.timestamp])).toEqual([
      [3, '2026-11-28T00:02:26+00:00'],
      [8, '2026-11-28T00:03:26.503321811+00:00'],
      [13, '2026-11-28T00:04:26.123Z'],
      [19, '2026-11-28T09:05:26+09:00'],
      [24, '2026-11-28T00:06:26Z'],
    ]);
  });

  // Real pasted sessions (test/fixtures/sessions/, from the staging captures). They hold ss output
  // and translated netstat output too: the checks below are about the netstat runs and the text
  // around them, whichever of the others netsnap reads.
  const netstatRuns = (s: SnapshotInfo[]) =>
    s.filter((x) => x.command?.includes('netstat')).map((x) => [x.first_line, x.last_line, x.command, x.options, x.timestamp]);

  it('a pasted terminal session: prompts give the command and options, commentary is skipped', () => {
    const r = parseText(readSample('test/fixtures/sessions/terminal-session.txt'));
    expect(netstatRuns(r.snapshotInfo)).toEqual([
      [4, 48, 'netstat -tulpn', ['-t', '-u', '-l', '-p', '-n'], '2026-11-28T00:55:49Z'],
      [67, 77, 'netstat -tlnp | head -8', ['-t', '-l', '-n', '-p'], null],
      [78, 84, 'LANG=de_DE.UTF-8 netstat -tn | head -6', ['-t', '-n'], null],
    ]);
    expect(r.snapshotInfo.filter((x) => x.command?.startsWith('netstat -t')).map((x) => x.records)).toEqual([{ inet: 40 }, { inet: 6 }]);
    expect(r.skipped.slice(0, 2)).toEqual([
      { line: 1, text: 'Here is what the box showed right after the restart (pasted from my terminal):' },
      { line: 50, text: '--- connections to the :47000 service' },
    ]);
    expect(r.skipped.map((x) => x.line)).toContain(66);
    // No record comes from a line outside the tables.
    const skipped = new Set(r.skipped.map((x) => x.line));
    expect(r.records.some((x) => skipped.has(x.line))).toBe(false);
  });

  it('a script(1) typescript: CRLF, escape codes before prompts', () => {
    const r = parseText(readSample('test/fixtures/sessions/terminal-session.script.txt'));
    expect(netstatRuns(r.snapshotInfo)).toEqual([
      [3, 16, 'netstat -tn | head -12', ['-t', '-n'], '2026-11-28T00:55:50Z'],
      [28, 55, 'netstat -ltnp', ['-l', '-t', '-n', '-p'], null],
    ]);
    expect(r.snapshotInfo.filter((x) => x.command?.includes('netstat')).map((x) => x.records)).toEqual([{ inet: 10 }, { inet: 25 }]);
    expect(r.skipped.map((x) => x.text)).toContain('Script started on 2026-11-28 00:55:49+00:00 [COMMAND="bash --noprofile --rcfile /tmp/tmp.tBOteEogN9 -i" <not executed on terminal>]');
    // "ESC[?2004l CR Sat Nov 28 ..." is one line (the CR is a carriage return in a LF file), read as
    // the terminal showed it; line numbers are the file's own (grep -n): the first row is line 7.
    expect(r.snapshotInfo[0]!.timestamp_text).toBe('Sat Nov 28 00:55:50 UTC 2026');
    expect(r.records[0]!.line).toBe(7);
    expect(r.skipped).toContainEqual({ line: 57, text: 'exit' });
  });

  it('pasted runs with different options and prompt styles', () => {
    expect(snapshotsOf('samples/sessions/mixed-options.txt').map((s) => [s.first_line, s.command, s.options, s.records])).toEqual([
      [3, 'sudo netstat -tlnp', ['-t', '-l', '-n', '-p'], { inet: 18 }],
      [26, 'netstat -un', ['-u', '-n'], { inet: 4 }],
      [35, 'netstat -aw', ['-a', '-w'], { inet: 4 }],
      [44, 'netstat --tcp -n -o -e', ['--tcp', '-n', '-o', '-e'], { inet: 10 }],
      [60, 'netstat -xp', ['-x', '-p'], { unix: 37 }],
      [101, 'netstat -ia', ['-i', '-a'], { interface: 4 }],
    ]);
  });

  it('a bug report: `date -R; netstat ...` prompts, another command between', () => {
    expect(snapshotsOf('samples/sessions/bug-report-restart.txt').map(brief)).toEqual([
      [0, 4, 25, 'date -R; netstat -tlnp', ['-t', '-l', '-n', '-p'], '2026-11-28T00:02:26+00:00', { inet: 18 }],
      [1, 26, 31, 'date -R; netstat -i', ['-i'], '2026-11-28T00:02:27+00:00', { interface: 2 }],
      [2, 37, 57, 'netstat -tlnp', ['-t', '-l', '-n', '-p'], '2026-11-28T00:04:10+00:00', { inet: 17 }],
      [3, 58, 63, 'date -R; netstat -i', ['-i'], '2026-11-28T00:04:11+00:00', { interface: 2 }],
    ]);
  });
});

describe('snapshot boundaries', () => {
  const HEADER = 'Proto Recv-Q Send-Q Local Address           Foreign Address         State';
  const ROW = 'tcp        0      0 127.0.0.1:80            127.0.0.1:5000          ESTABLISHED';

  it('a second prompt or timestamp before any table starts the snapshot afresh', () => {
    const r = parseText(`$ ss -tn\nState Recv-Q\n$ netstat -tn\n${HEADER}\n${ROW}\n2026-11-28 10:00:00\n2026-11-28 10:00:05\n${HEADER}\n${ROW}\n`);
    expect(r.snapshotInfo.map((s) => [s.first_line, s.last_line, s.command, s.timestamp])).toEqual([
      [3, 5, 'netstat -tn', null],
      [7, 9, null, '2026-11-28T10:00:05'],
    ]);
  });

  it('a table printed by another command (`cat`) is a snapshot of its own, with that command', () => {
    const r = parseText(`$ netstat -tn\n${HEADER}\n${ROW}\n$ cat yesterday.txt\n${HEADER}\n${ROW}\n$ uptime\n 10:00:01 up 3 days\n`);
    expect(r.snapshotInfo.map((s) => [s.first_line, s.last_line, s.command, s.options])).toEqual([
      [1, 3, 'netstat -tn', ['-t', '-n']],
      [4, 6, 'cat yesterday.txt', null],
    ]);
    expect(r.skipped.map((s) => s.line)).toEqual([8]);
  });

  it('`date; netstat` on one prompt: the date line belongs to that run', () => {
    const r = parseText(`$ date; netstat -tn\nSat Nov 28 00:02:26 UTC 2026\n${HEADER}\n${ROW}\n$ date; netstat -tn\nSat Nov 28 00:02:36 UTC 2026\n${HEADER}\n${ROW}\n`);
    expect(r.snapshotInfo.map((s) => [s.first_line, s.timestamp, s.command])).toEqual([
      [1, '2026-11-28T00:02:26Z', 'date; netstat -tn'],
      [5, '2026-11-28T00:02:36Z', 'date; netstat -tn'],
    ]);
  });
});

describe('listing and diffing inputs', () => {
  it('lists the snapshots of an input', async () => {
    const { snapshots, summary } = await listSnapshots(fileInput('samples/sessions/dated-loop-iso.txt'));
    expect(snapshots.map((s) => s.index)).toEqual([0, 1, 2]);
    expect(summary.stats).toMatchObject({ lines: 365, skipped: 0, unparsed: 0 });
  });

  it('diffs the last snapshot of one input with the first of another, or the ones chosen', async () => {
    const loop = 'samples/sessions/dated-loop-iso.txt';
    const d = await diffInputs(fileInput(loop), fileInput(loop));
    expect([d.before!.index, d.after!.index, d.seconds]).toEqual([2, 0, -2]);
    const e = await diffInputs(fileInput(loop), fileInput(loop), { from: 0, to: -1 });
    expect([e.before!.index, e.after!.index, e.seconds]).toEqual([0, 2, 2]);
    const f = await diffInputs(fileInput(loop), fileInput(loop), { from: 'first', to: 'last' });
    expect(f.summary).toBe(e.summary);
  });

  it('diffs each consecutive pair of one input, as it reads', async () => {
    const all = await diffWithin(fileInput('samples/sessions/dated-loop-epoch.txt'));
    expect(all.map((d) => [d.before!.index, d.after!.index, d.seconds])).toEqual([
      [0, 1, 1],
      [1, 2, 1],
    ]);
    // Handed over as they come, and not kept, with onDiff.
    const seen: string[] = [];
    const kept = await diffWithin(fileInput('samples/sessions/dated-loop-epoch.txt'), { onDiff: (d) => seen.push(d.summary) });
    expect(kept).toEqual([]);
    expect(seen).toEqual(all.map((d) => d.summary));
    // Each pair is the diff of those two snapshots alone.
    const one = await diffWithin(fileInput('samples/sessions/dated-loop-epoch.txt'), { from: 1, to: 2 });
    expect(one[0]!.summary).toBe(all[1]!.summary);
  });

  it('diffs two snapshots of one input in either order', async () => {
    const input = fileInput('samples/sessions/netstat-c-an.txt');
    const [fwd] = await diffWithin(input, { from: 0, to: 2 });
    const [back] = await diffWithin(input, { from: 2, to: 0 });
    expect([fwd!.added.length, fwd!.removed.length]).toEqual([back!.removed.length, back!.added.length]);
    expect(fwd!.added.map((r) => r.line)).toEqual(back!.removed.map((r) => r.line));
    const [next] = await diffWithin(input, { from: 1 });
    expect([next!.before!.index, next!.after!.index]).toEqual([1, 2]);
    const [prev] = await diffWithin(input, { to: -1 });
    expect([prev!.before!.index, prev!.after!.index]).toEqual([1, 2]);
  });

  it('reads a stream once, and says so when a choice would need it twice', async () => {
    const text = readSample('samples/sessions/netstat-c-an.txt');
    const [d] = await diffWithin(streamInput(Readable.from([text]), '-'), { from: 0, to: 1 });
    expect(d!.after!.index).toBe(1);
    await expect(diffWithin(streamInput(Readable.from([text]), '-'), { from: 1, to: 0 })).rejects.toThrow(/reads the input twice/);
  });

  it('stops reading an input once the snapshot it needs is complete', async () => {
    const text = `${readSample('samples/sessions/netstat-ic.txt')}garbage after it\n`;
    const skipped: number[] = [];
    await diffInputs(textInput(text, 'a'), textInput(text, 'b'), { from: 0, to: 0, onSkipped: (l, _t, s) => s === 'b' && skipped.push(l) });
    expect(skipped).toEqual([]);
    await diffInputs(textInput(text, 'a'), textInput(text, 'b'), { from: 0, to: 2, onSkipped: (l, _t, s) => s === 'b' && skipped.push(l) });
    expect(skipped).toEqual([11]);
  });

  it('fails clearly: no netstat output, no such snapshot, one snapshot only', async () => {
    await expect(diffInputs(textInput('hello\n', 'x'), fileInput('samples/diff/after.txt'))).rejects.toMatchObject({
      code: 'NETSNAP_NO_DATA',
      message: 'x: no netstat output found',
    });
    await expect(diffInputs(fileInput('samples/diff/before.txt'), fileInput('samples/diff/after.txt'), { to: 3 })).rejects.toMatchObject({
      code: 'NETSNAP_NO_SNAPSHOT',
      message: 'samples/diff/after.txt has 1 snapshot (0-0): there is no snapshot 3',
    });
    await expect(diffWithin(fileInput('samples/diff/before.txt'))).rejects.toMatchObject({ code: 'NETSNAP_NO_SNAPSHOT' });
    await expect(diffWithin(fileInput('samples/sessions/netstat-ic.txt'), { from: 0, to: -9 })).rejects.toMatchObject({ code: 'NETSNAP_NO_SNAPSHOT' });
  });
});
