/** `netsnap convert` through its real entry point, bin/netsnap.js, as a process. */
import { gzipSync } from 'node:zlib';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { readSample, runCli } from '../helpers.js';

const TULPN = 'samples/linux/netstat-tulpn.txt';

describe('netsnap convert', () => {
  it('reads a file and writes JSON when stdout is not a terminal', () => {
    const r = runCli(['convert', TULPN]);
    expect(r.status).toBe(0);
    const rows = JSON.parse(r.stdout) as { kind: string; line: number; source: string }[];
    expect(rows).toHaveLength(28);
    expect(rows[0]).toMatchObject({ kind: 'inet', line: 3, source: TULPN });
    expect(r.stderr).toBe('netsnap: 30 lines: 28 records, 2 structural, 0 skipped, 0 unparsed\n');
  });

  it('reads standard input when there is no file or the name is "-"', () => {
    for (const args of [['convert', '-f', 'ndjson'], ['convert', '-f', 'ndjson', '-']]) {
      const r = runCli(args, readSample(TULPN));
      expect(r.status).toBe(0);
      const lines = r.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { source: string });
      expect(lines).toHaveLength(28);
      expect(lines[0]!.source).toBe('-');
    }
  });

  it('reads gzip from standard input', () => {
    const r = runCli(['convert', '-f', 'ndjson'], gzipSync(Buffer.from(readSample(TULPN))));
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(28);
  });

  it('writes every format', () => {
    const table = runCli(['convert', '-f', 'table', TULPN]).stdout;
    expect(table.split('\n')[0]).toBe('Internet sockets');
    expect(table).toMatch(/^tcp\s+0\s+0\s+127\.0\.0\.1\s+7001\s+0\.0\.0\.0\s+\*\s+LISTEN\s+17431\s+very-long-dae$/m);
    const md = runCli(['convert', '-f', 'markdown', TULPN]).stdout;
    expect(md).toContain('| proto | recv_q | send_q | local_address |');
    expect(md).toContain('| tcp | 0 | 0 | 127.0.0.1 | 7001 | 0.0.0.0 | * | LISTEN | 17431 | very-long-dae |');
    const csv = parse(runCli(['convert', '-f', 'csv', TULPN]).stdout, { columns: true }) as { state: string }[];
    expect(csv).toHaveLength(28);
    expect(csv[0]!.state).toBe('LISTEN');
  });

  it('writes one kind to CSV, the first by default, and says what it left out', () => {
    const r = runCli(['convert', '-f', 'csv', 'samples/linux/netstat-an.txt']);
    expect(parse(r.stdout, { columns: true })).toHaveLength(151);
    expect(r.stderr).toContain('csv holds one record kind: wrote inet, left out unix (43); choose with --kind');
    const unix = runCli(['convert', '-f', 'csv', '--kind', 'unix', 'samples/linux/netstat-an.txt']);
    expect(parse(unix.stdout, { columns: true })).toHaveLength(43);
  });

  it('reports unparsed lines with file:line:col and a caret, and fails only with --strict', () => {
    const text = `${readSample(TULPN)}tcp        0      0 127.0.0.1:80\n`;
    const r = runCli(['convert', '-f', 'json', '-'], text);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain('netsnap: -:31:33: line ends early in Active Internet connections\n');
    expect(r.stderr).toContain('31 lines: 28 records, 2 structural, 0 skipped, 1 unparsed');
    expect(runCli(['convert', '--strict', '-'], text).status).toBe(1);
    expect(runCli(['convert', '--strict', TULPN]).status).toBe(0);
    expect(runCli(['convert', '--quiet', '-'], text).stderr).toBe('');
  });

  it('exits 1 with the list of known formats when the input has no netstat output', () => {
    const r = runCli(['convert'], 'hello\nworld\n');
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('[]\n');
    expect(r.stderr).toContain('no netstat output found; netsnap reads Linux net-tools netstat');
  });

  it('exits 2 with one line, no stack trace, for a missing file and for bad usage', () => {
    const missing = runCli(['convert', 'no/such/file.txt']);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toBe('netsnap: cannot read no/such/file.txt: no such file\n');
    // yargs writes invalid values over several lines: netsnap makes them one.
    const bad = runCli(['convert', '-f', 'xml', TULPN]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toBe('netsnap: invalid values: argument format, given "xml", choices: "table", "json", "ndjson", "csv", "markdown"\n');
    const two = runCli(['convert', '-f', 'xml', '--platform', 'amiga', TULPN]);
    expect(two.status).toBe(2);
    expect(two.stderr).toMatch(/^netsnap: invalid values: argument format, given "xml", choices: "table", .*; argument platform, given "amiga", choices: "linux", .*"ss"\n$/);
    // The completion script is output, not an error message: a bad option of completion is one line.
    const completion = runCli(['completion', '--frobnicate']);
    expect([completion.status, completion.stdout, completion.stderr]).toEqual([2, '', 'netsnap: Unknown argument: frobnicate\n']);
    expect(runCli(['frobnicate']).status).toBe(2);
    // With no command, netsnap summarises standard input (summary is the default command).
    expect(runCli([], '').status).toBe(1);
  });

  it('never crashes on binary data', () => {
    const bytes = Buffer.alloc(5000);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
    const r = runCli(['convert', '-f', 'ndjson'], bytes);
    expect([0, 1]).toContain(r.status);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('has --help with examples, --version and a completion script', () => {
    const help = runCli(['convert', '--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('netsnap convert -f csv --kind unix netstat-a.txt');
    expect(help.stdout).toContain('Examples:');
    expect(runCli(['--version']).stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const completion = runCli(['completion']);
    expect(completion.status).toBe(0);
    expect(completion.stdout).toContain('netsnap');
    expect(completion.stdout).toMatch(/complete|compdef/);
  });
});
