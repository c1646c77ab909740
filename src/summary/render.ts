/**
 * Writing a Summary: a terminal report (tables, findings coloured by severity), markdown to paste
 * into a GitHub or Jira comment (headings, GFM tables, a findings table first), or JSON (the
 * Summary object as it is, integers beyond 2^53 exact).
 */
import { escapeControl } from '../errors.js';
import { markdownCell } from '../output/markdown.js';
import { paint, styleFor } from '../output/color.js';
import { createWriter, type Out, type Row } from '../output/writer.js';
import { splitAt } from './collect.js';
import { cut } from './evidence.js';
import type { Finding, Growth, SnapshotSummary, Summary } from './model.js';

export type SummaryFormat = 'table' | 'markdown' | 'json';
export const SUMMARY_FORMATS: readonly SummaryFormat[] = ['table', 'markdown', 'json'];

export interface RenderOptions {
  color?: boolean;
}

/** Findings of one kind shown per snapshot; the rest are counted (JSON has them all). */
export const FINDINGS_PER_ID = 5;

/** The findings to show, at most FINDINGS_PER_ID of each id, and how many of each were left out. */
export function capFindings(findings: readonly Finding[]): { shown: Finding[]; more: string[] } {
  const seen = new Map<string, number>();
  const shown: Finding[] = [];
  for (const f of findings) {
    const n = (seen.get(f.id) ?? 0) + 1;
    seen.set(f.id, n);
    if (n <= FINDINGS_PER_ID) shown.push(f);
  }
  const more = [...seen].filter(([, n]) => n > FINDINGS_PER_ID).map(([id, n]) => `${n - FINDINGS_PER_ID} more ${id} findings (-f json lists them all)`);
  return { shown, more };
}

/** "a.txt:40, 41, 120; b.txt:7 (and 3 more)" */
export function formatLines(lines: readonly string[], total: number): string {
  const byFile = new Map<string, number[]>();
  for (const ref of lines) {
    const { source, line } = splitAt(ref);
    const list = byFile.get(source) ?? [];
    list.push(line);
    byFile.set(source, list);
  }
  const text = [...byFile].map(([file, nums]) => `${file}:${nums.join(', ')}`).join('; ');
  return total > lines.length ? `${text} (and ${total - lines.length} more)` : text;
}

/** Characters of a cited line shown in the terminal and in markdown (JSON has EVIDENCE_TEXT_MAX). */
export const QUOTE_WIDTH = 160;

/**
 * A finding's cited lines as "  8 | tcp  1  0 ...", the label the line number (the file is named on
 * the evidence line above), or file:line when they come from more than one file. Lines that were
 * not there when the input was read again are left out; none without line_texts.
 */
export function quoteLines(f: Finding): string[] {
  if (f.line_texts === undefined) return [];
  const refs = f.lines.map(splitAt);
  const oneFile = refs.every((r) => r.source === refs[0]!.source);
  const rows: [string, string][] = [];
  f.line_texts.forEach((text, i) => {
    if (text === null || i >= refs.length) return;
    // A tab would be escaped as \x09; trailing blanks (netstat pads its headers) would only wrap.
    const shown = escapeControl(cut(text.replaceAll('\t', ' ').trimEnd(), QUOTE_WIDTH));
    rows.push([oneFile ? String(refs[i]!.line) : escapeControl(f.lines[i]!), shown]);
  });
  const width = Math.max(0, ...rows.map(([label]) => label.length));
  return rows.map(([label, text]) => `${label.padStart(width)} | ${text}`);
}

/**
 * The snapshot is named by its index within its input, from 0, as `snapshots` lists it and
 * `diff --from` and `query --snapshot` take it; not by its place in the report, which counts the
 * snapshots of every input together.
 */
function snapshotTitle(s: SnapshotSummary, count: number): string {
  const parts = [`${s.source}`];
  if (count > 1) parts.push(`snapshot ${s.snapshot}`);
  if (s.command) parts.push(s.command);
  if (s.timestamp) parts.push(s.timestamp);
  return parts.join(' · ');
}

interface Section {
  title: string;
  columns: readonly string[];
  rows: Row[];
  note?: string;
}

function sections(s: SnapshotSummary): Section[] {
  const out: Section[] = [];
  out.push({
    title: 'Records by kind, protocol and state',
    columns: ['kind', 'proto', 'state', 'count'],
    rows: s.counts.map((c) => ({ ...c, state: c.state ?? '-', proto: c.proto ?? '-' })),
  });
  if (s.listening.length > 0) {
    out.push({
      title: 'Listening sockets',
      columns: ['proto', 'address', 'port', 'scope', 'program', 'recv_q', 'send_q', 'line'],
      rows: s.listening.map((l) => ({ ...l, program: l.program ?? '-', port: l.port ?? '-', line: l.at })),
      ...(s.listening_total > s.listening.length ? { note: `${s.listening_total - s.listening.length} more not shown` } : {}),
    });
  }
  if (s.top_peers.length > 0) {
    out.push({ title: 'Top remote peers', columns: ['address', 'connections'], rows: s.top_peers });
  }
  if (s.top_local_ports.length > 0) {
    out.push({ title: 'Top local ports', columns: ['port', 'connections'], rows: s.top_local_ports });
  }
  if (s.queues.length > 0) {
    const shown = s.queues.slice(0, 20);
    out.push({
      title: 'Sockets with data queued',
      columns: ['proto', 'local', 'foreign', 'state', 'recv_q', 'send_q', 'program', 'line'],
      rows: shown.map((q) => ({ ...q, state: q.state ?? '-', program: q.program ?? '-', line: q.at })),
      ...(s.queues_total > shown.length ? { note: `${s.queues_total - shown.length} more not shown` } : {}),
    });
  }
  if (s.interfaces.length > 0) {
    out.push({
      title: 'Interface errors and drops',
      columns: ['iface', 'rx_ok', 'rx_err', 'rx_drp', 'rx_ovr', 'tx_ok', 'tx_err', 'tx_drp', 'tx_ovr', 'line'],
      rows: s.interfaces.map((i) => ({ ...i, line: i.at })),
    });
  }
  if (s.stats.length > 0) {
    out.push({
      title: 'Counters that matter (netstat -s)',
      columns: ['category', 'section', 'counter', 'value', 'line'],
      rows: s.stats.map((st) => ({ ...st, line: st.at })),
    });
  }
  return out;
}

function growthSections(g: Growth): Section[] {
  const out: Section[] = [];
  const listen = (l: Growth['new_listeners'][number]): Row => ({ ...l, program: l.program ?? '-', port: l.port ?? '-', line: l.at });
  out.push({
    title: 'What grew',
    columns: ['what', 'first', 'last', 'change'],
    rows: g.grew.slice(0, 40).map((r) => ({ ...r, change: `+${r.change}` })),
    ...(g.grew.length > 40 ? { note: `${g.grew.length - 40} more not shown` } : {}),
  });
  if (g.new_listeners.length > 0) {
    out.push({ title: 'New listening sockets', columns: ['proto', 'address', 'port', 'scope', 'program', 'line'], rows: g.new_listeners.map(listen) });
  }
  if (g.gone_listeners.length > 0) {
    out.push({ title: 'Listening sockets gone', columns: ['proto', 'address', 'port', 'scope', 'program', 'line'], rows: g.gone_listeners.map(listen) });
  }
  return out;
}

function growthIntro(g: Growth): string {
  const from = `${g.from.source} snapshot ${g.from.snapshot}`;
  const to = `${g.from.source === g.to.source ? '' : `${g.to.source} `}snapshot ${g.to.snapshot}`;
  const time = g.seconds !== null ? ` (${g.seconds} s apart)` : '';
  return `From ${from} to ${to}${time}: ${g.grew.length === 0 ? 'nothing grew' : `${g.grew.length} ${g.grew.length === 1 ? 'count' : 'counts'} grew`}` +
    `, ${g.new_findings.length} new ${g.new_findings.length === 1 ? 'finding' : 'findings'}, ${g.resolved_findings.length} gone.`;
}

// ------------------------------------------------------------------------------------------
// terminal

function writeTable(out: Out, section: Section, color: boolean): void {
  const w = createWriter('table', out, { columns: section.columns, heading: () => section.title, color });
  for (const r of section.rows) w.row(r);
  w.end();
  if (section.rows.length === 0) out.write(`${color ? paint(escapeControl(section.title), 'bold') : section.title}\n(none)\n`);
  if (section.note) out.write(`(${section.note})\n`);
}

function writeFindingsText(out: Out, findings: readonly Finding[], color: boolean, title = 'Findings'): void {
  out.write(`${color ? paint(title, 'bold') : title}\n`);
  if (findings.length === 0) {
    out.write('  nothing found above the thresholds\n');
    return;
  }
  const { shown, more } = capFindings(findings);
  for (const f of shown) {
    const sev = f.severity.toUpperCase().padEnd(8);
    const head = color ? paint(sev, styleFor('severity', f.severity)) : sev;
    out.write(`  ${head} ${escapeControl(f.id)}: ${escapeControl(f.message)}\n`);
    out.write(`  ${' '.repeat(8)} evidence: ${escapeControl(formatLines(f.lines, f.line_count))}\n`);
    for (const q of quoteLines(f)) out.write(`  ${' '.repeat(8)}   ${q}\n`);
  }
  for (const m of more) out.write(`  ... ${m}\n`);
}

function renderText(summary: Summary, out: Out, color: boolean): void {
  const count = summary.snapshots.length;
  summary.snapshots.forEach((s, i) => {
    const title = `== ${snapshotTitle(s, count)} ==`;
    out.write(`${i === 0 ? '' : '\n'}${color ? paint(escapeControl(title), 'bold') : escapeControl(title)}\n`);
    out.write(`${s.records} records\n\n`);
    writeFindingsText(out, s.findings, color);
    for (const section of sections(s)) {
      out.write('\n');
      writeTable(out, section, color);
    }
  });
  for (const g of summary.growth) {
    const title = `== From the first snapshot to the last (${g.kinds}) ==`;
    out.write(`\n${color ? paint(title, 'bold') : title}\n${escapeControl(growthIntro(g))}\n\n`);
    writeFindingsText(out, g.new_findings, color, 'New findings');
    for (const section of growthSections(g)) {
      out.write('\n');
      writeTable(out, section, color);
    }
  }
  if (count === 0) out.write('no records to summarise\n');
}

// ------------------------------------------------------------------------------------------
// markdown

function writeMarkdownTable(out: Out, section: Section, level = '####'): void {
  out.write(`${level} ${markdownCell(section.title)}\n\n`);
  if (section.rows.length === 0) {
    out.write('(none)\n\n');
    return;
  }
  const w = createWriter('markdown', out, { columns: section.columns, heading: () => null });
  for (const r of section.rows) w.row(r);
  w.end();
  out.write(section.note ? `\n_${markdownCell(section.note)}_\n\n` : '\n');
}

function writeFindingsMarkdown(out: Out, findings: readonly Finding[], title = 'Findings'): void {
  out.write(`#### ${title}\n\n`);
  if (findings.length === 0) {
    out.write('Nothing found above the thresholds.\n\n');
    return;
  }
  out.write('| severity | finding | what it means | evidence |\n| --- | --- | --- | --- |\n');
  const { shown, more } = capFindings(findings);
  for (const f of shown) {
    const sev = f.severity === 'critical' ? '**critical**' : f.severity;
    const evidence = markdownCell(formatLines(f.lines, f.line_count));
    out.write(`| ${sev} | ${markdownCell(f.id)} | ${markdownCell(f.message)} | ${evidence} |\n`);
  }
  out.write('\n');
  if (more.length > 0) out.write(`${more.map((m) => `_${markdownCell(m)}_`).join('  \n')}\n\n`);
  // The cited lines as indented code blocks: monospaced, so netstat's columns line up, and read
  // literally, so nothing in them is markdown (escapeControl still keeps escapes off a terminal).
  for (const f of shown) {
    const quoted = quoteLines(f);
    if (quoted.length === 0) continue;
    out.write(`Evidence of ${markdownCell(f.id)}, ${markdownCell(formatLines(f.lines, f.line_count))}:\n\n`);
    out.write(quoted.map((q) => `    ${q}\n`).join(''));
    out.write('\n');
  }
}

function renderMarkdown(summary: Summary, out: Out): void {
  const count = summary.snapshots.length;
  out.write('### netsnap summary\n\n');
  if (count === 0) out.write('No records to summarise.\n');
  for (const s of summary.snapshots) {
    out.write(`### ${markdownCell(snapshotTitle(s, count))}\n\n${s.records} records.\n\n`);
    writeFindingsMarkdown(out, s.findings);
    for (const section of sections(s)) writeMarkdownTable(out, section);
  }
  for (const g of summary.growth) {
    out.write(`### From the first snapshot to the last (${markdownCell(g.kinds)})\n\n${markdownCell(growthIntro(g))}\n\n`);
    writeFindingsMarkdown(out, g.new_findings, 'New findings');
    for (const section of growthSections(g)) writeMarkdownTable(out, section);
  }
}

// ------------------------------------------------------------------------------------------
// json

/** Indented JSON with bigints written as exact integer literals. */
export function prettyJson(value: unknown): string {
  const marker = '\u0000bigint:';
  const text = JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? `${marker}${v}` : v), 2);
  return text.replace(/"\\u0000bigint:(-?\d+)"/g, '$1');
}

export function renderSummary(summary: Summary, format: SummaryFormat, out: Out, options: RenderOptions = {}): void {
  switch (format) {
    case 'json':
      out.write(`${prettyJson(summary)}\n`);
      return;
    case 'markdown':
      return renderMarkdown(summary, out);
    case 'table':
      return renderText(summary, out, options.color === true);
  }
}
