import { describe, expect, it } from 'vitest';
import { parseAll } from '../../src/index.js';
import { cleanLine, LineSplitter, overprint } from '../../src/input/lines.js';
import type { StructuralKind } from '../../src/types.js';
import { fixture, splitLines } from './helpers.js';

describe('line breaks', () => {
  const lines = ['first', '', 'third  ', '\tfourth'];

  it('splits LF, CRLF and CR-only text into the same lines, wherever the chunks are cut', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const text = lines.join(eol) + eol;
      expect(splitLines([text]).lines, JSON.stringify(eol)).toEqual(lines);
      for (let cut = 0; cut <= text.length; cut++) {
        expect(splitLines([text.slice(0, cut), text.slice(cut)]).lines, `${JSON.stringify(eol)} cut at ${cut}`).toEqual(lines);
      }
      expect(splitLines([...text]).lines).toEqual(lines);
    }
  });

  it('counts a last line without a line break, and nothing for an empty input', () => {
    expect(splitLines(['a\nb']).lines).toEqual(['a', 'b']);
    expect(splitLines(['a\r\nb']).lines).toEqual(['a', 'b']);
    expect(splitLines(['a\rb']).lines).toEqual(['a', 'b']);
    expect(splitLines(['']).lines).toEqual([]);
    expect(splitLines(['\n']).lines).toEqual(['']);
    expect(splitLines(['\r']).lines).toEqual(['']);
  });

  it('treats a lone CR in LF text as a terminal carriage return, keeping the line numbers of wc -l', () => {
    expect(splitLines(['progress 10%\rprogress 100%\ndone\n']).lines).toEqual(['progress 100%', 'done']);
    expect(splitLines(['x\nabcdef\rXY\n']).lines).toEqual(['x', 'XYcdef']);
    expect(splitLines(['x\r\n\x1b[?2004l\rActive Internet connections\r\n']).lines).toEqual(['x', 'Active Internet connections']);
    // A CR at the end of a chunk is held until the next shows whether a LF follows.
    expect(splitLines(['a\n', 'b\r', '\n', 'c\r', 'd\r', '']).lines).toEqual(['a', 'b', 'd']);
    expect(overprint('\r\r\rabc\r\r')).toBe('abc');
  });

  it('removes ANSI sequences (also cut short), C1 CSI and NUL bytes', () => {
    expect(cleanLine('\x1b[1;31mred\x1b[0m \x1b]0;title\x07x \x1b(B\x1b[?25l')).toBe('red x ');
    expect(cleanLine('\x9b32mgreen\x9b0m')).toBe('green');
    expect(cleanLine('a\0b\0')).toBe('ab');
    expect(cleanLine('end \x1b[12')).toBe('end 12');
    expect(cleanLine('tab\tstays  ')).toBe('tab\tstays  ');
  });

  it('holds at most the limit of a line that never ends (memory stays bounded)', () => {
    const max = 64 * 1024;
    let tooLong: { start: string; no: number }[] = [];
    let lines = 0;
    const s = new LineSplitter(
      {
        line: () => lines++,
        tooLong: (start, no) => tooLong.push({ start, no }),
      },
      max,
    );
    const chunk = 'y'.repeat(65_536);
    // 32 MiB without a line break: the splitter never holds more than the limit.
    for (let i = 0; i < 512; i++) {
      s.push(chunk);
      expect(s.held).toBeLessThanOrEqual(max);
    }
    s.push('tail\nnext line\n');
    s.end();
    expect(tooLong.map((t) => [t.no, t.start.length])).toEqual([[1, max]]);
    expect(lines).toBe(1);
    tooLong = [];
    s.push('z'.repeat(max + 1));
    s.end();
    expect(tooLong.map((t) => t.no)).toEqual([3]);
  });
});

describe('a real `script` recording (CRLF, bracketed-paste codes, CR before output)', () => {
  const raw = fixture('terminal-session.script.txt');

  it('keeps the line numbers of wc -l and reads every netstat row', async () => {
    const text = raw.toString('utf8');
    const wcl = text.split('\n').length - 1;
    const rows = text.split('\n').filter((l) => /^(\x1b\[\?2004l\r)?tcp6? /.test(l)).length;
    const structural: { [kind: string]: number } = {};
    const seen: string[] = [];
    const r = await parseAll(
      (async function* () {
        yield raw;
      })(),
      { source: 'script.txt' },
    );
    const sink = await parseAll(
      (async function* () {
        for (let i = 0; i < raw.length; i += 13) yield raw.subarray(i, i + 13);
      })(),
    );
    expect(sink.records).toEqual(r.records.map((x) => ({ ...x, source: '-' })));
    expect(r.stats.lines).toBe(wcl);
    expect(r.records.filter((x) => x.kind === 'inet')).toHaveLength(rows);
    // ss -s between the two netstat runs gives its summary counters
    expect(r.records.filter((x) => x.kind === 'stat' && x.platform === 'ss').length).toBeGreaterThan(10);
    expect(r.stats.unparsed).toBe(0);
    expect(r.diagnostics).toEqual([]);
    for (const s of r.skipped) seen.push(s.text);
    for (const x of r.records) {
      if (x.kind === 'inet' && x.program_name !== null) seen.push(x.program_name);
    }
    expect(seen.join('\n')).not.toMatch(/[\x1b\r]/);
    expect(r.snapshotInfo.map((s) => s.command)).toEqual(['netstat -tn | head -12', 'ss -s', 'netstat -ltnp']);
    expect(r.records.find((x) => x.line === 7)).toMatchObject({ kind: 'inet', local_port: '36682', state: 'ESTABLISHED' });
    void structural as unknown as StructuralKind;
  });
});
