/**
 * Reading the inputs in worker threads gives the same diff as reading them in turn, whichever
 * snapshots are chosen (the last of a log is found by resetting at each new snapshot). The worker is
 * the compiled one (dist/, built before the tests), so this runs the package's code.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type * as Netsnap from '../../src/index.js';
import { jsonValue } from '../../src/output/values.js';

const dist = (await import(new URL('../../dist/index.js', import.meta.url).href)) as typeof Netsnap;

async function both(a: string, b: string, options: Netsnap.DiffInputOptions = {}): Promise<[string, string]> {
  const parallel = await dist.diffInputs(dist.fileInput(a), dist.fileInput(b), { ...options, parallel: 'always' });
  const inTurn = await dist.diffInputs(dist.fileInput(a), dist.fileInput(b), { ...options, parallel: false });
  return [jsonValue(parallel), jsonValue(inTurn)];
}

describe('diff with the inputs read by workers', () => {
  it.each([
    ['samples/diff/before.txt', 'samples/diff/after.txt', {}],
    ['samples/sessions/netstat-c-an.txt', 'samples/sessions/netstat-c-an.txt', { from: 0, to: 2 }],
    ['samples/sessions/dated-loop-plain-date.txt', 'samples/sessions/netstat-c-an.txt', { to: 1 }],
    ['samples/sessions/netstat-ic.txt', 'samples/sessions/dated-loop-variants.txt', { to: 3 }],
    ['samples/diff/before.txt', 'samples/diff/after.txt', { key: ['proto', 'local_port'], ignore: ['pid'] }],
    ['samples/sessions/mixed-options.txt', 'samples/sessions/mixed-options.txt', { from: 0, to: 3 }],
    // The last snapshot of a log as BEFORE (read in a worker), its first as AFTER.
    ['samples/sessions/dated-loop-variants.txt', 'samples/sessions/dated-loop-variants.txt', {}],
    // Counted from the end: read here, not in a worker; the other side is.
    ['samples/sessions/netstat-c-an.txt', 'samples/sessions/dated-loop-variants.txt', { from: -2, to: 'last' }],
    ['samples/sessions/netstat-c-an.txt', 'samples/sessions/netstat-c-an.txt', { from: 'first', to: 1 }],
  ])('%s -> %s %j', async (a, b, options) => {
    const [parallel, inTurn] = await both(a, b, options as Netsnap.DiffInputOptions);
    expect(parallel).toBe(inTurn);
    expect(parallel.length).toBeGreaterThan(500);
  });

  it('reports what the worker met as the main thread would', async () => {
    const run = (b: string, to = 0) =>
      dist.diffInputs(dist.fileInput('samples/diff/before.txt'), dist.fileInput(b), { parallel: 'always', to });
    await expect(run('nope.txt')).rejects.toMatchObject({ name: 'InputError', code: 'NETSNAP_IO', message: 'cannot read nope.txt: no such file' });
    await expect(run('package.json')).rejects.toMatchObject({ code: 'NETSNAP_NO_DATA', message: 'package.json: no netstat output found' });
    await expect(run('samples/diff/after.txt', 4)).rejects.toMatchObject({ code: 'NETSNAP_NO_SNAPSHOT' });
    const skipped: number[] = [];
    await dist.diffInputs(dist.fileInput('samples/diff/before.txt'), dist.fileInput('samples/sessions/bug-report-restart.txt'), {
      parallel: 'always',
      onSkipped: (line) => skipped.push(line),
    });
    expect(skipped).toEqual([1, 2]);
  });

  it('takes an empty last snapshot (a header alone) as empty, not the one before it', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'netsnap-')), 'emptied.txt');
    const header = 'Active Internet connections (servers and established)\nProto Recv-Q Send-Q Local Address           Foreign Address         State\n';
    writeFileSync(file, `${header}tcp        0      0 127.0.0.1:22            0.0.0.0:*               LISTEN\n${header}`);
    const [parallel, inTurn] = await both(file, 'samples/diff/after.txt');
    expect(parallel).toBe(inTurn);
    const d = await dist.diffInputs(dist.fileInput(file), dist.fileInput('samples/diff/after.txt'), { parallel: 'always' });
    expect(d.before?.index).toBe(1);
    expect(d.removed).toEqual([]);
  });

  it('matches records whose text is not Latin-1 (packed as escaped JSON) as the main thread does', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'netsnap-'));
    const inet = (port: number, prog: string, state = 'LISTEN'): string =>
      `tcp        0      0 127.0.0.1:${port}`.padEnd(44) + '0.0.0.0:*'.padEnd(24) + state.padEnd(12) + `${1000 + port}/${prog}`;
    const unix = (inode: number, path: string): string => `unix  2      [ ]         STREAM     CONNECTED     ${inode}    17436/busd           ${path}`;
    const file = (name: string, rows: string[], socks: string[]): string => {
      const path = join(dir, name);
      writeFileSync(
        path,
        'Active Internet connections (servers and established)\nProto Recv-Q Send-Q Local Address           Foreign Address         State       PID/Program name\n' +
          `${rows.join('\n')}\nActive UNIX domain sockets (w/o servers)\nProto RefCnt Flags       Type       State         I-Node   PID/Program name     Path\n${socks.join('\n')}\n`,
      );
      return path;
    };
    const progs = ['nginx', 'сервер', '服务', 'café', 'naïve😀'];
    const rows = progs.map((p, i) => inet(7000 + i, p));
    const socks = ['/run/сокет', '/tmp/ünï.sock', '@抽象', '/plain'].map((p, i) => unix(24000 + i, p));
    const a = file('a.txt', rows, socks);
    const b = file('b.txt', [...rows.slice(0, 4), inet(7004, 'naïve😀', 'CLOSE_WAIT')], [...socks.slice(1), unix(25000, '/run/сокет')]);
    const [parallel, inTurn] = await both(a, b);
    expect(parallel).toBe(inTurn);
    const d = await dist.diffInputs(dist.fileInput(a), dist.fileInput(b), { parallel: 'always' });
    expect(d.unchanged).toBe(4 + 3);
    expect(d.changed.map((c) => c.changes.map((x) => [x.field, x.before, x.after]))).toEqual([[['state', 'LISTEN', 'CLOSE_WAIT']]]);
    expect(d.added.map((r) => r.path)).toEqual(['/run/сокет']);
    expect(d.removed.map((r) => r.path)).toEqual(['/run/сокет']);
  });

  it('reports an error of either worker', async () => {
    const run = (a: string, b: string) => dist.diffInputs(dist.fileInput(a), dist.fileInput(b), { parallel: 'always' });
    await expect(run('nope.txt', 'samples/diff/after.txt')).rejects.toMatchObject({ code: 'NETSNAP_IO' });
    await expect(run('package.json', 'samples/diff/after.txt')).rejects.toMatchObject({ code: 'NETSNAP_NO_DATA' });
  });
});
