/** ss through the real `netsnap convert` entry point. */
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';

describe('netsnap convert on ss output', () => {
  it('writes ss records as JSON with their extra fields, and picks a kind', () => {
    const r = runCli(['convert', '-f', 'json', '--kind', 'netlink', 'samples/ss/mix/ss-a.txt']);
    expect(r.status).toBe(0);
    const rows = JSON.parse(r.stdout) as { kind: string; platform: string; nl_protocol: string; netid: string }[];
    expect(rows).toHaveLength(16);
    expect(rows.every((x) => x.kind === 'netlink' && x.platform === 'ss' && x.netid === 'nl')).toBe(true);
    expect(r.stderr).toContain('243 lines: 242 records, 1 structural, 0 skipped, 0 unparsed');
  }, 30_000);

  it('writes a table with a heading per kind', () => {
    const r = runCli(['convert', '-f', 'table', 'samples/ss/mix/ss-0-a.txt']);
    expect(r.status).toBe(0);
    expect(r.stdout.split('\n').slice(0, 4)).toEqual([
      'Packet sockets',
      'proto  recv_q  send_q  protocol  iface',
      'p_raw  262656       0  *         lo',
      'p_dgr  213780       0  ip        lo',
    ]);
  }, 30_000);

  it('names ss in the "no data" message', () => {
    const r = runCli(['convert'], 'nothing here\n');
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('iproute2 ss');
  }, 30_000);
});

describe('--platform', () => {
  // ss -H -tnp state established: neither Netid nor State, no header (from the terminal session capture)
  const BARE = '0      0          127.0.0.1:47000    127.0.0.1:52822 users:(("sockmix",pid=4966,fd=11))\n5000   0          127.0.0.1:47000    127.0.0.1:52862 users:(("sockmix",pid=4966,fd=29))\n';

  it('reads bare ss rows only when told the text is ss', () => {
    const detected = runCli(['convert', '-f', 'json'], BARE);
    expect(detected.status).toBe(1);
    const told = runCli(['convert', '-f', 'json', '--platform', 'ss'], BARE);
    expect(told.status).toBe(0);
    const rows = JSON.parse(told.stdout) as { proto: string; recv_q: number; pid: number; platform: string }[];
    expect(rows.map((x) => [x.proto, x.recv_q, x.pid, x.platform])).toEqual([['tcp', 0, 4966, 'ss'], ['tcp', 5000, 4966, 'ss']]);
  }, 30_000);

  it('reads nothing of another platform', () => {
    const r = runCli(['convert', '-f', 'json', '--platform', 'linux', 'samples/ss/ss-tulpn.txt']);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('29 lines: 0 records, 0 structural, 29 skipped, 0 unparsed');
  }, 30_000);

  it('offers the platforms netsnap has formats for', () => {
    const r = runCli(['convert', '--platform', 'nosuch', 'samples/ss/ss-tulpn.txt']);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/linux.*ss/);
  }, 30_000);
});
