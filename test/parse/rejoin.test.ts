/** Rows that a terminal or mail client wrapped onto two lines: rejoined when the grammar proves it. */
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/index.js';
import type { NetRecord } from '../../src/types.js';
import { readSample } from '../helpers.js';

/** A terminal's hard wrap: every `width` characters, mid-word if need be. */
function hardWrap(text: string, width: number): string {
  return text
    .split('\n')
    .flatMap((l) => {
      const parts: string[] = [];
      for (let i = 0; i < l.length || i === 0; i += width) parts.push(l.slice(i, i + width));
      return parts;
    })
    .join('\n');
}

/** A mail client's wrap: at the last space before `width`, the space dropped, trailing spaces trimmed. */
function softWrap(text: string, width: number): string {
  return text
    .split('\n')
    .flatMap((l) => {
      l = l.trimEnd();
      const parts: string[] = [];
      while (l.length > width) {
        const at = l.lastIndexOf(' ', width);
        if (at <= 0) break;
        parts.push(l.slice(0, at).trimEnd());
        l = l.slice(at + 1).trimStart();
      }
      parts.push(l);
      return parts;
    })
    .join('\n');
}

/** Records without their line numbers, for comparing a wrapped input with the original. */
const strip = (records: NetRecord[]) => records.map(({ line: _l, ...rest }) => rest);

function balanced(r: ReturnType<typeof parseText>): void {
  expect(r.stats.lines).toBe(r.stats.records + r.stats.structural + r.stats.skipped + r.stats.unparsed);
}

describe('wrapped rows', () => {
  it('rejoins netstat -tulpn wrapped by an 80-column terminal, with a note for each', () => {
    const text = readSample('samples/linux/netstat-tulpn.txt');
    const original = parseText(text);
    const wrapped = hardWrap(text, 80);
    const r = parseText(wrapped);
    balanced(r);
    expect(strip(r.records)).toEqual(strip(original.records));
    const notes = r.diagnostics.filter((d) => d.severity === 'warning' && d.message.includes('a row'));
    // The 100-column header was wrapped too: "PID/Program name" went on the next line.
    expect(r.diagnostics.filter((d) => d.message.includes('a header')).map((d) => d.line)).toEqual([2]);
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toEqual([]);
    const wrappedRows = text.split('\n').filter((l) => l.length > 80 && /^(tcp|udp)/.test(l)).length;
    expect(wrappedRows).toBeGreaterThan(10);
    expect(notes).toHaveLength(wrappedRows);
    const lines = wrapped.split('\n');
    for (const n of notes) {
      expect(n.code).toBe('NETSNAP_PARSE_REJOINED');
      expect(n.message).toBe(`rejoined lines ${n.line} and ${n.line + 1}: a row wrapped by a terminal or mail client`);
      expect(lines[n.line - 1]).toHaveLength(80);
      expect(r.records.some((x) => x.line === n.line)).toBe(true);
    }
    expect(r.stats.unparsed).toBe(0);
    expect(r.stats.structural).toBe(original.stats.structural + wrappedRows + 1);
  });

  it('rejoins rows a mail client broke at a space (the space dropped)', () => {
    const text = readSample('samples/linux/netstat-tulpn.txt');
    const r = parseText(softWrap(text, 76));
    balanced(r);
    expect(strip(r.records)).toEqual(strip(parseText(text).records));
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.diagnostics.filter((d) => d.severity === 'warning').length).toBeGreaterThan(10);
  });

  it('rejoins -aenopW socket rows broken once, at widths that break them once', () => {
    // Unix rows are left out: their path is optional and may hold anything, so a unix row cut in
    // its path reads on its own (with the path cut) and the rest is reported as skipped text.
    const text = readSample('samples/linux/netstat-aenopW.txt');
    const inet = text.split(/\n(?=Active UNIX)/)[0]!;
    const original = parseText(inet);
    const longest = Math.max(...inet.split('\n').map((l) => l.length));
    for (const width of [90, 100, 120, 150]) {
      expect(longest).toBeLessThanOrEqual(2 * width);
      const r = parseText(hardWrap(inet, width));
      balanced(r);
      expect(r.stats.unparsed, `width ${width}`).toBe(0);
      expect(strip(r.records)).toEqual(strip(original.records));
    }
  });

  it('reports what it cannot prove: a part that reads on its own, or a row in three parts', () => {
    const header = 'Proto Recv-Q Send-Q Local Address           Foreign Address         State      ';
    // "tcp 0 0 a b" is a row without a state (as UDP rows are): the wrap cannot be proven.
    const r = parseText(`${header}\ntcp        0      0 127.0.0.1:36682         127.0.0.1:47013\nESTABLISHED\n`);
    balanced(r);
    expect(r.records).toHaveLength(1);
    expect(r.records[0]).toMatchObject({ state: null });
    expect(r.skipped).toEqual([{ line: 3, text: 'ESTABLISHED' }]);

    const p = 'Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name    ';
    const three = parseText(`${p}\ntcp        0      0 127.0.0.1:7001\n          0.0.0.0:*               LISTEN\n      17431/very-long-dae\n`);
    balanced(three);
    expect(three.records).toEqual([]);
    expect(three.diagnostics.map((d) => [d.severity, d.line])).toEqual([['error', 2]]);
    expect(three.skipped.map((s) => s.line)).toEqual([3, 4]);
  });

  it('rejoins a header a terminal cut in the middle of its words ("User" / "Inode")', () => {
    const header = 'Proto Recv-Q Send-Q Local Address           Foreign Address         State       User       Inode      PID/Program name     Timer';
    const row = 'tcp        0      0 127.0.0.1:7001          0.0.0.0:*               LISTEN      0          24079      17431/very-long-dae  off (0.00/0/0)';
    const r = parseText(`text before\n${header.slice(0, 90)}\n${header.slice(90)}\n${row}\n`);
    balanced(r);
    expect(r.records).toHaveLength(1);
    expect(r.records[0]).toMatchObject({ inode: 24079, pid: 17431, timer_name: 'off' });
    expect(r.skipped).toEqual([{ line: 1, text: 'text before' }]);
    expect(r.diagnostics.map((d) => [d.line, d.message])).toEqual([
      [2, 'rejoined lines 2 and 3: a header wrapped by a terminal or mail client'],
    ]);
    // Two headers in a row are two headers, not one wrapped.
    const two = parseText(`${header.slice(0, 69)}\n${header}\n${row}\n`);
    expect(two.diagnostics).toEqual([]);
    expect(two.records).toHaveLength(1);
  });

  it('does not join a failed row with a row that reads on its own', () => {
    const p = 'Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name    ';
    const row = 'tcp        0      0 127.0.0.1:7001          0.0.0.0:*               LISTEN      17431/very-long-dae ';
    const r = parseText(`${p}\ntcp        0      0 127.0.0.1:7001\n${row}\n`);
    balanced(r);
    expect(r.records.map((x) => x.line)).toEqual([3]);
    expect(r.diagnostics.map((d) => [d.severity, d.line, d.code])).toEqual([['error', 2, 'NETSNAP_PARSE_UNEXPECTED_END']]);
  });

  it('reports a held row at the end of the input and before a line that is too long', () => {
    const p = 'Proto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name    ';
    const cut = 'tcp        0      0 127.0.0.1:7001          0.0.0.0:*               LISTEN';
    expect(parseText(`${p}\n${cut}`).diagnostics.map((d) => d.line)).toEqual([2]);
    const long = parseText(`${p}\n${cut}\n${'x'.repeat(70_000)}\n`);
    expect(long.diagnostics.map((d) => [d.line, d.code])).toEqual([
      [2, 'NETSNAP_PARSE_UNEXPECTED_END'],
      [3, 'NETSNAP_PARSE_LINE_TOO_LONG'],
    ]);
    balanced(long);
  });
});
