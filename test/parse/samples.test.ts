/**
 * Every sample parses with zero unparsed lines; records have exactly their kind's columns; golden
 * JSON pins the records of a representative set (regenerate with UPDATE_GOLDEN=1 after a deliberate
 * change, and read the diff).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/index.js';
import { recordColumns } from '../../src/output/columns.js';
import { jsonObject } from '../../src/output/values.js';
import { ROOT, readSample, sampleFiles } from '../helpers.js';

const GOLDEN = [
  'samples/linux/netstat-aenopW.txt',
  'samples/linux/netstat-uanp-spaced-prog.txt',
  'samples/linux/netstat-tnoe.txt',
  'samples/linux/netstat-xp.txt',
  'samples/linux/netstat-ia.txt',
  'samples/linux/netstat.txt',
  'samples/linux/netstat-c-tn.txt',
  'samples/busybox/busybox-an.txt',
  'samples/jc-fixtures/centos-7.7/netstat-sudo-aeep.out',
  'samples/jc-fixtures/ubuntu-18.04/netstat-sudo-lnp-space.out',
  'samples/jc-fixtures/generic/netstat-old.out',
];

/**
 * Lines of a sample that are expected not to become records, and why: commentary in pasted sessions
 * (skipped), and damaged rows (unparsed, with a diagnostic).
 */
const NOT_READ: { [file: string]: { skipped?: [number, number][]; unparsed?: number[]; why: string } } = {
  'samples/sessions/bug-report-restart.txt': { skipped: [[1, 2], [33, 33], [65, 65]], why: 'commentary around the runs' },
  'samples/sessions/dated-loop-variants.txt': { skipped: [[1, 2], [18, 18]], why: 'comments in the log' },
  'samples/sessions/mixed-options.txt': {
    skipped: [[1, 1], [25, 25], [34, 34], [43, 43], [57, 57], [59, 59]],
    why: 'commentary between the runs',
  },
};

function expandRanges(ranges: [number, number][] = []): number[] {
  const out: number[] = [];
  for (const [from, to] of ranges) for (let l = from; l <= to; l++) out.push(l);
  return out;
}

describe('samples', () => {
  for (const file of sampleFiles()) {
    const notRead = NOT_READ[file];
    const title = notRead ? `${file} parses, except ${notRead.why}` : `${file} parses with no unparsed or skipped line`;
    it(title, () => {
      const r = parseText(readSample(file), { source: file });
      expect(r.diagnostics.map((d) => d.line)).toEqual(notRead?.unparsed ?? []);
      expect(r.skipped.map((x) => x.line)).toEqual(expandRanges(notRead?.skipped));
      expect(r.stats.unparsed).toBe(notRead?.unparsed?.length ?? 0);
      expect(r.stats.lines).toBe(r.stats.records + r.stats.structural + r.stats.skipped + r.stats.unparsed);
      expect(r.snapshots).toBeGreaterThan(0);
      for (const rec of r.records) expect(Object.keys(rec)).toEqual(recordColumns(rec.kind, rec.platform));
    });
  }

  for (const file of GOLDEN) {
    it(`${file} matches its golden JSON`, () => {
      const r = parseText(readSample(file), { source: basename(file) });
      const json = `[\n${r.records.map((rec) => jsonObject(rec)).join(',\n')}\n]\n`;
      const golden = join(ROOT, 'test', 'golden', file.replace(/^samples\//, '').replace(/\.(txt|out)$/, '.json'));
      if (process.env.UPDATE_GOLDEN || !existsSync(golden)) {
        mkdirSync(dirname(golden), { recursive: true });
        writeFileSync(golden, json);
      }
      expect(json).toBe(readFileSync(golden, 'utf8'));
    });
  }

  it('counts what the corpus manifest counts', () => {
    // From ../shared/corpus/MANIFEST.md: netstat -an has tcp 107, tcp6 26, udp 8, udp6 6, raw 3, raw6 1
    // and 43 unix sockets; TIME_WAIT 48, LISTEN 18.
    const r = parseText(readSample('samples/linux/netstat-an.txt'));
    const by = (f: (x: (typeof r.records)[number]) => string | null) => {
      const m: { [k: string]: number } = {};
      for (const x of r.records) {
        const k = f(x) ?? '';
        m[k] = (m[k] ?? 0) + 1;
      }
      return m;
    };
    expect(by((x) => (x.kind === 'inet' ? x.proto : x.kind))).toEqual({
      tcp: 107, tcp6: 26, udp: 8, udp6: 6, raw: 3, raw6: 1, unix: 43,
    });
    const states = by((x) => (x.kind === 'inet' ? x.state : null));
    expect(states.TIME_WAIT).toBe(48);
    expect(states.LISTEN).toBe(18);
  });
});
