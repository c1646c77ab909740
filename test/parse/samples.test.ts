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

const range = (a: number, b: number): number[] => Array.from({ length: b - a + 1 }, (_, i) => a + i);

/**
 * Samples with lines that are not netstat output on purpose (pasted sessions: commentary, other
 * commands' output) or not read yet, each with why. Every other sample is read completely.
 */
const EXPECTED: { readonly [file: string]: { skipped: number[]; unparsed?: number[]; why: string } } = {
  'samples/sessions/bug-report-restart.txt': { skipped: [1, 2, 33, 65], why: 'commentary around the runs' },
  'samples/sessions/dated-loop-variants.txt': { skipped: [1, 2, 18], why: 'comments in the log' },
  'samples/sessions/mixed-options.txt': { skipped: [1, 25, 34, 43, 57, 59], why: 'commentary between the runs' },
  'samples/sessions/terminal-session.script.txt': {
    skipped: [1, ...range(21, 29).filter((l) => l !== 23), 62, 64],
    why: 'script(1) start and end lines, the output of `exit`; 21-29: `ss -s` (ss is not read yet)',
  },
  'samples/sessions/terminal-session.txt': {
    skipped: [1, 50, ...range(52, 57), ...range(59, 64), 66, 79],
    unparsed: range(81, 84),
    why:
      '1, 50, 66: commentary; 52-57: ss output (ss is not read yet); 59-64: netstat rows grepped out of their table ' +
      '(no header); 79, 81-84: German title and state VERBUNDEN (translated output is not read yet)',
  },
};

describe('samples', () => {
  for (const file of sampleFiles()) {
    const expected = EXPECTED[file];
    it(`${file} parses with ${expected ? `only the expected lines left (${expected.why})` : 'no unparsed or skipped line'}`, () => {
      const r = parseText(readSample(file), { source: file });
      expect(r.diagnostics.map((d) => d.line)).toEqual(expected?.unparsed ?? []);
      expect(r.skipped.map((s) => s.line)).toEqual(expected?.skipped ?? []);
      expect(r.stats.unparsed).toBe(expected?.unparsed?.length ?? 0);
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
