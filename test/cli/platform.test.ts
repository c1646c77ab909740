/**
 * --platform through the real entry point: every platform a record can have is offered, only the
 * formats that can produce it are tried, records take it where their fields allow, and a reader's
 * contradicting decision is kept with a warning. convert, query, summary and snapshots honour it.
 */
import { describe, expect, it } from 'vitest';
import { PLATFORMS } from '../../src/index.js';
import { runCli } from '../helpers.js';

type Rec = { kind: string; platform: string; line: number };

function convert(args: string[]): { status: number; records: Rec[]; stderr: string } {
  const r = runCli(['convert', '-f', 'json', ...args]);
  return { status: r.status, records: r.stdout === '' ? [] : (JSON.parse(r.stdout) as Rec[]), stderr: r.stderr };
}

/** "kind platform" -> count. */
function platforms(records: Rec[]): { [k: string]: number } {
  const out: { [k: string]: number } = {};
  for (const r of records) out[`${r.kind} ${r.platform}`] = (out[`${r.kind} ${r.platform}`] ?? 0) + 1;
  return out;
}

describe('--platform', () => {
  it('offers every platform a record can have, BSD variants and busybox included', () => {
    expect(PLATFORMS).toEqual(['linux', 'busybox', 'darwin', 'freebsd', 'openbsd', 'netbsd', 'windows', 'ss']);
    const r = runCli(['convert', '--platform', 'nosuch', 'samples/bsd/netbsd93-netstat-f-inet.txt']);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('"linux", "busybox", "darwin", "freebsd", "openbsd", "netbsd", "windows", "ss"');
    for (const p of ['freebsd', 'openbsd', 'netbsd', 'busybox']) expect(runCli(['convert', '-q', '--platform', p, '-'], '').status).toBe(1);
  }, 60_000);

  it('BSD variants: records of that platform, and nothing read from another platform', () => {
    expect(platforms(convert(['--platform', 'netbsd', 'samples/bsd/netbsd93-netstat-f-inet.txt']).records)).toEqual({ 'inet netbsd': 1 });
    expect(platforms(convert(['--platform', 'netbsd', 'samples/bsd/netbsd-netstat-ind.txt']).records)).toEqual({ 'interface netbsd': 7 });
    expect(platforms(convert(['--platform', 'openbsd', 'samples/bsd/openbsd-netstat-a-p-tcp-apache.txt']).records)).toEqual({ 'inet openbsd': 6 });
    expect(platforms(convert(['--platform', 'freebsd', 'samples/jc-fixtures/freebsd12/netstat-Aax.out']).records)).toEqual({ 'inet freebsd': 6, 'unix freebsd': 14 });
    const linux = convert(['--platform', 'openbsd', 'samples/linux/netstat-tn.txt']);
    expect(linux.records).toEqual([]);
    expect(linux.stderr).toContain('117 lines: 0 records, 1 structural, 116 skipped, 0 unparsed');
  }, 60_000);

  it('takes the platform where the reader guessed between look-alikes: busybox routes, OpenBSD unix sockets', () => {
    // busybox routing tables cannot be told from net-tools': linux by default, busybox when told.
    expect(platforms(convert(['samples/busybox-captures/busybox-netstat-rn.txt']).records)).toEqual({ 'route linux': 2 });
    expect(platforms(convert(['--platform', 'busybox', 'samples/busybox-captures/busybox-netstat-rn.txt']).records)).toEqual({ 'route busybox': 2 });
    // net-tools' socket table read as busybox's: the same fields.
    const an = convert(['--platform', 'busybox', '--kind', 'inet', 'samples/linux/netstat-an.txt']);
    expect(Object.keys(platforms(an.records))).toEqual(['inet busybox']);
    expect(an.stderr).not.toContain('NETSNAP');
    // The BSD unix table is labelled freebsd for all three BSDs; under --platform openbsd it is
    // OpenBSD's. Its FreeBSD -x socket table has FreeBSD-only columns: it stays freebsd, with a warning.
    const r = convert(['--platform', 'openbsd', 'samples/jc-fixtures/freebsd12/netstat-Aax.out']);
    expect(platforms(r.records)).toEqual({ 'inet freebsd': 6, 'unix openbsd': 14 });
    expect(r.stderr).toContain(`netstat-Aax.out:${r.records[0]!.line}:1: this inet table has freebsd's columns, not openbsd's (--platform): its records keep platform "freebsd"`);
    expect(r.stderr.match(/has freebsd's columns/g)).toHaveLength(1);
  }, 60_000);

  it('a macOS capture under --platform freebsd keeps darwin (its columns are macOS-only), with one warning per kind', () => {
    const r = convert(['--platform', 'freebsd', 'samples/jc-fixtures/osx-10.14.6/netstat.out']);
    expect(r.status).toBe(0);
    const counts = platforms(r.records);
    expect(Object.keys(counts).sort()).toEqual(['inet darwin', 'unix darwin']);
    expect(r.stderr.match(/this (inet|unix) table has darwin's columns, not freebsd's/g)).toEqual([
      "this inet table has darwin's columns, not freebsd's",
      "this unix table has darwin's columns, not freebsd's",
    ]);
  }, 60_000);

  it('query, summary and snapshots honour it too', () => {
    const q = runCli(['query', '-f', 'json', '--platform', 'busybox', '--kind', 'route', '--group-by', 'platform', 'samples/busybox-captures/busybox-netstat-rn.txt']);
    expect(q.status).toBe(0);
    expect(JSON.parse(q.stdout)).toEqual([{ platform: 'busybox', count: 2 }]);
    // A Linux capture read as Windows output: nothing is read.
    const snapshotsOf = (args: string[]) => (JSON.parse(runCli(['summary', '-f', 'json', ...args]).stdout) as { snapshots: { records: number }[] }).snapshots;
    expect(snapshotsOf(['--platform', 'windows', 'samples/linux/netstat-tn.txt'])).toEqual([]);
    expect(snapshotsOf(['samples/linux/netstat-tn.txt']).map((x) => x.records)).toEqual([115]);
    const listed = (p: string) => JSON.parse(runCli(['snapshots', '-f', 'json', '--platform', p, 'samples/linux/netstat-tn.txt']).stdout || '[]') as { records: number }[];
    expect(listed('ss').filter((x) => x.records > 0)).toEqual([]);
    expect(listed('linux').map((x) => x.records)).toEqual([115]);
  }, 60_000);
});
