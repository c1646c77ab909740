/**
 * The summary as markdown, read back with a GitHub-flavoured markdown parser (marked): every
 * table has the structure we meant (header, one row per item, the same number of cells in every
 * row, cell text as it was after unescaping). And the terminal report, with and without colour.
 */
import { marked, type Tokens } from 'marked';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/index.js';
import { StringOut } from '../../src/output/writer.js';
import { summarize, type Summary } from '../../src/summary/index.js';
import { renderSummary } from '../../src/summary/render.js';
import type { InetRecord } from '../../src/types.js';
import { readSample } from '../helpers.js';

function summaryOf(file: string): Summary {
  const r = parseText(readSample(file), { source: file });
  return summarize(r.records, { snapshots: r.snapshotInfo });
}

function render(s: Summary, format: 'markdown' | 'table' | 'json', color = false): string {
  const out = new StringOut();
  renderSummary(s, format, out, { color });
  return out.toString();
}

/** Tables of a markdown document, each after the heading it follows. */
function tables(md: string): { heading: string; table: Tokens.Table }[] {
  const out: { heading: string; table: Tokens.Table }[] = [];
  let heading = '';
  for (const t of marked.lexer(md)) {
    if (t.type === 'heading') heading = (t as Tokens.Heading).text;
    if (t.type === 'table') out.push({ heading, table: t as Tokens.Table });
  }
  return out;
}

/** What a reader sees in a cell: the inline markdown rendered, as text (no tag may be left). */
function plain(cell: Tokens.TableCell): string {
  const html = marked.parseInline(cell.text, { async: false });
  expect(html).not.toMatch(/<[a-z]/i);
  return html.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

function cells(row: Tokens.TableCell[]): string[] {
  return row.map(plain);
}

describe('markdown', () => {
  it('has a findings table and one table per section, each well formed', () => {
    const s = summaryOf('samples/findings/close-wait-leak.txt');
    const md = render(s, 'markdown');
    const found = tables(md);
    expect(found.map((t) => t.heading)).toEqual([
      'Findings',
      'Records by kind, protocol and state',
      'Listening sockets',
      'Top remote peers',
      'Top local ports',
      'Sockets with data queued',
    ]);
    for (const { table } of found) {
      for (const row of table.rows) expect(row).toHaveLength(table.header.length);
    }
    const findings = found[0]!.table;
    expect(cells(findings.header)).toEqual(['severity', 'finding', 'what it means', 'evidence']);
    expect(findings.rows.map((r) => plain(r[1]!))).toEqual(s.snapshots[0]!.findings.map((f) => f.id));
    // the text of a cell reads back as written, escapes undone
    expect(findings.rows.map((r) => plain(r[2]!))).toEqual(s.snapshots[0]!.findings.map((f) => f.message));
    const listen = found[2]!.table;
    expect(cells(listen.header)).toEqual(['proto', 'address', 'port', 'scope', 'program', 'recv_q', 'send_q', 'line']);
    expect(listen.rows).toHaveLength(4);
    expect(cells(listen.rows[0]!)).toEqual(['tcp6', '::', '22', 'all interfaces', 'sshd (pid 610)', '0', '0', 'samples/findings/close-wait-leak.txt:6']);
    expect(listen.align.slice(5, 7)).toEqual(['right', 'right']);
  });

  it('keeps pipes, brackets and markup in cells from breaking a table', () => {
    const evil: InetRecord = {
      kind: 'inet', snapshot: 0, source: 'x|y.txt', line: 3, platform: 'linux', proto: 'tcp', transport_protocol: 'tcp',
      network_protocol: 'ipv4', ip_version: 4, recv_q: 0, send_q: 0, local_address: '0.0.0.0', local_port: '80',
      local_port_num: 80, foreign_address: '0.0.0.0', foreign_port: '*', foreign_port_num: null, state: 'LISTEN', user: null,
      inode: null, pid: 7, program_name: 'a|b<script>*_x_`', timer: null, timer_name: null, timer_expires: null,
      timer_retransmits: null, timer_probes: null,
    };
    const md = render(summarize([evil]), 'markdown');
    const listen = tables(md).find((t) => t.heading === 'Listening sockets')!.table;
    expect(listen.rows).toHaveLength(1);
    expect(plain(listen.rows[0]![4]!)).toBe('a|b<script>*_x_` (pid 7)');
    expect(plain(listen.rows[0]![7]!)).toBe('x|y.txt:3');
    expect(md).not.toContain('<script>');
  });

  it('has a growth section per kind of snapshot', () => {
    const md = render(summaryOf('samples/findings/growth-two-snapshots.txt'), 'markdown');
    const grew = tables(md).filter((t) => t.heading === 'What grew');
    expect(grew).toHaveLength(2);
    expect(cells(grew[1]!.table.rows[0]!)).toEqual(['eth0 rx_drp', '10', '75', '+65']);
    expect(md).toContain('### From the first snapshot to the last (inet)');
  });
});

describe('terminal report', () => {
  const s = summaryOf('samples/findings/close-wait-leak.txt');

  it('lists findings with their evidence, then the tables', () => {
    const text = render(s, 'table');
    expect(text).toContain('  WARNING  close_wait: java (pid 4242) holds 12 connections');
    expect(text).toContain('evidence: samples/findings/close-wait-leak.txt:8, 9, 10, 11, 12, 13, 14, 15, 16, 17 (and 2 more)');
    expect(text).toMatch(/^Listening sockets\nproto\s+address\s+port\s+scope/m);
    expect(text).not.toContain('\x1b');
  });

  it('colours severities, states and headings only when asked, never inside the text', () => {
    const text = render(s, 'table', true);
    expect(text).toContain('\x1b[33mWARNING \x1b[0m');
    expect(text).toContain('\x1b[36mINFO    \x1b[0m');
    expect(text).toContain('\x1b[1mListening sockets\x1b[0m');
    // stripping the colour gives the plain report back
    expect(text.replace(/\x1b\[[0-9;]*m/g, '')).toBe(render(s, 'table'));
  });
});

describe('snapshot numbers', () => {
  // Two inputs: quiet.txt has snapshots 0 and 1, growth-two-snapshots.txt 0 to 3, as `netsnap
  // snapshots` lists them and `diff --from`, `query --snapshot` take them.
  const quiet = summaryOf('samples/findings/quiet.txt');
  const growth = summaryOf('samples/findings/growth-two-snapshots.txt');
  const both = summarize([
    ...parseText(readSample('samples/findings/quiet.txt'), { source: 'q.txt' }).records,
    ...parseText(readSample('samples/findings/growth-two-snapshots.txt'), { source: 'g.txt' }).records,
  ]);

  it('are the index within each input, from 0, in titles of text and markdown', () => {
    expect(quiet.snapshots.map((s) => s.snapshot)).toEqual([0, 1]);
    const text = render(both, 'table');
    expect(text.match(/^== .* ==$/gm)!.slice(0, 6)).toEqual([
      '== q.txt · snapshot 0 ==',
      '== q.txt · snapshot 1 ==',
      '== g.txt · snapshot 0 ==',
      '== g.txt · snapshot 1 ==',
      '== g.txt · snapshot 2 ==',
      '== g.txt · snapshot 3 ==',
    ]);
    const md = render(growth, 'markdown');
    expect(md).toContain('### samples/findings/growth-two-snapshots.txt · snapshot 0 · netstat -tanp · 2026-11-27T10:00:00\n');
    expect(md).toContain('### samples/findings/growth-two-snapshots.txt · snapshot 3 · netstat -i\n');
  });

  it('are the same index in the growth section as in its JSON', () => {
    const g = both.growth.find((x) => x.kinds === 'interface')!;
    expect([g.from.snapshot, g.to.snapshot]).toEqual([1, 3]);
    expect(render(both, 'table')).toContain('\nFrom q.txt snapshot 1 to g.txt snapshot 3: ');
    expect(render(growth, 'markdown')).toContain('\nFrom samples/findings/growth-two-snapshots.txt snapshot 0 to snapshot 2 (300 s apart): ');
  });
});

describe('evidence lines', () => {
  const LEAK = 'samples/findings/close-wait-leak.txt';
  const leakLines = readSample(LEAK).split('\n');

  /** The close-wait sample's summary with the text of its cited lines, as `text` has them. */
  function withTexts(text: (no: number) => string): Summary {
    const s = summaryOf(LEAK);
    for (const f of s.snapshots[0]!.findings) f.line_texts = f.lines.map((ref) => text(Number(ref.split(':').pop())));
    return s;
  }

  it('are quoted under each finding in the terminal, by line number', () => {
    const text = render(withTexts((n) => leakLines[n - 1]!), 'table');
    expect(text).toContain(
      '           evidence: samples/findings/close-wait-leak.txt:8, 9, 10, 11, 12, 13, 14, 15, 16, 17 (and 2 more)\n' +
        '              8 | tcp        1      0 10.20.0.15:8080         10.20.0.30:50100        CLOSE_WAIT  4242/java\n' +
        '              9 | tcp        1      0 10.20.0.15:8080         10.20.0.31:50101        CLOSE_WAIT  4242/java\n',
    );
    expect(text).toContain('             17 | tcp        1      0 10.20.0.15:8080         10.20.0.30:50109        CLOSE_WAIT  4242/java\n  WARNING  syn_sent');
    // Without the text (standard input), only the references.
    expect(render(summaryOf(LEAK), 'table')).not.toContain(' 8 | tcp');
  });

  it('are escaped, cut at 160 characters and left out where the line was not there', () => {
    const evil = `tcp \x1b[31mred\x1b[0m\ttab\x07 ${'y'.repeat(300)}`;
    const text = render(withTexts((n) => (n === 8 ? evil : n === 9 ? null! : leakLines[n - 1]!)), 'table');
    const quoted = text.split('\n').find((l) => l.includes(' 8 | '))!;
    expect(quoted).toMatch(/^ {14}8 \| tcp \\x1b\[31mred\\x1b\[0m tab\\x07 y+…$/);
    expect(text).not.toContain('\x1b');
    expect(text).not.toMatch(/^ +9 \| /m);
    expect(text).toMatch(/^ +10 \| tcp/m);
  });

  it('follow the findings table in markdown as code blocks, read literally', () => {
    const s = withTexts((n) => (n === 8 ? 'tcp | `x` <b>*y*</b> [z](u) \x1b' : leakLines[n - 1]!));
    const md = render(s, 'markdown');
    expect(tables(md).map((t) => t.heading)).toEqual(tables(render(summaryOf(LEAK), 'markdown')).map((t) => t.heading));
    const tokens = marked.lexer(md);
    const at = tokens.findIndex((t) => t.type === 'table');
    const after = tokens.slice(at + 1, tokens.findIndex((t, i) => i > at && t.type === 'heading'));
    const paragraphs = after.filter((t) => t.type === 'paragraph').map((t) => (t as Tokens.Paragraph).text);
    const codes = after.filter((t) => t.type === 'code').map((t) => (t as Tokens.Code).text);
    expect(paragraphs).toHaveLength(s.snapshots[0]!.findings.length);
    expect(paragraphs[1]).toBe('Evidence of close_wait, samples/findings/close-wait-leak.txt:8, 9, 10, 11, 12, 13, 14, 15, 16, 17 (and 2 more):');
    expect(codes[1]!.split('\n')).toEqual([
      ' 8 | tcp | `x` <b>*y*</b> [z](u) \\x1b',
      ...[9, 10, 11, 12, 13, 14, 15, 16, 17].map((n) => `${String(n).padStart(2)} | ${leakLines[n - 1]}`),
    ]);
    expect(render(summaryOf(LEAK), 'markdown')).not.toContain('Evidence of');
  });
});

describe('many findings of one kind', () => {
  it('shows five per snapshot and counts the rest; JSON keeps them all', () => {
    const rows: InetRecord[] = [];
    for (let prog = 0; prog < 7; prog++) {
      for (let k = 0; k < 10; k++) {
        rows.push({
          kind: 'inet', snapshot: 0, source: 'm.txt', line: rows.length + 3, platform: 'linux', proto: 'tcp', transport_protocol: 'tcp',
          network_protocol: 'ipv4', ip_version: 4, recv_q: 1, send_q: 0, local_address: '10.0.0.1', local_port: String(8000 + prog),
          local_port_num: 8000 + prog, foreign_address: '10.0.0.2', foreign_port: String(40000 + k), foreign_port_num: 40000 + k,
          state: 'CLOSE_WAIT', user: null, inode: null, pid: 100 + prog, program_name: `svc${prog}`, timer: null, timer_name: null,
          timer_expires: null, timer_retransmits: null, timer_probes: null,
        });
      }
    }
    const s = summarize(rows);
    expect(s.snapshots[0]!.findings.filter((f) => f.id === 'close_wait')).toHaveLength(7);
    const text = render(s, 'table');
    expect(text.match(/ close_wait: /g)).toHaveLength(5);
    expect(text).toContain('  ... 2 more close_wait findings (-f json lists them all)\n');
    const md = render(s, 'markdown');
    expect(tables(md)[0]!.table.rows).toHaveLength(5);
    expect(marked.parse(md, { async: false })).toContain('<em>2 more close_wait findings (-f json lists them all)</em>');
  });
});

describe('json', () => {
  it('is the Summary object, integers beyond 2^53 exact', () => {
    const s = summaryOf('samples/findings/iface-errors.txt');
    s.snapshots[0]!.interfaces[0]!.rx_ok = 18446744073709551615n;
    const text = render(s, 'json');
    expect(text).toContain('"rx_ok": 18446744073709551615');
    const back = JSON.parse(text) as Summary;
    expect(back.snapshots[0]!.findings.map((f) => f.id)).toEqual(['iface_errors', 'iface_drops']);
  });
});
