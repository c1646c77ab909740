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
