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
  'samples/linux/netstat-rn6.txt',
  'samples/linux-captures/netstat-rnee.txt',
  'samples/jc-fixtures/ubuntu-18.04/netstat-rnee.out',
  'samples/busybox/busybox-r.txt',
  'samples/linux/netstat-ie.txt',
  'samples/linux-old/netstat-ie-r-ubuntu1404-forum.txt',
  'samples/l10n-made/cs_CZ.UTF-8/netstat-ie.txt',
  'samples/linux/netstat-s.txt',
  'samples/linux/netstat-s6.txt',
  'samples/linux/netstat-g.txt',
  'samples/l10n/cs_CZ.UTF-8/netstat-an.txt',
  'samples/l10n/pt_BR.UTF-8/netstat-anp.txt',
  'samples/busybox-captures/busybox-netstat-tuln.txt',
  'samples/jc-fixtures/osx-10.14.6/netstat.out',
  'samples/jc-fixtures/osx-10.14.6/netstat-An.out',
  'samples/jc-fixtures/osx-10.14.6/netstat-Abn.out',
  'samples/jc-fixtures/osx-10.14.6/netstat-i.out',
  'samples/jc-fixtures/osx-10.14.6/netstat-r.out',
  'samples/jc-fixtures/osx-10.14.6/netstat-rnl.out',
  'samples/jc-fixtures/freebsd12/netstat-Aa.out',
  'samples/jc-fixtures/freebsd12/netstat-AaT.out',
  'samples/jc-fixtures/freebsd12/netstat-AanP.out',
  'samples/jc-fixtures/freebsd12/netstat-Aax.out',
  'samples/jc-fixtures/freebsd12/netstat-aT.out',
  'samples/jc-fixtures/freebsd12/netstat-an.out',
  'samples/jc-fixtures/freebsd12/netstat-i.out',
  'samples/jc-fixtures/freebsd12/netstat-ib.out',
  'samples/jc-fixtures/freebsd12/netstat-r.out',
  'samples/macos/macos-26-netstat-anv-all-sections-edited-fixture.txt',
  'samples/macos/macos-netstat-anv-p-tcp-udp-porthole.txt',
  'samples/macos/macos-10.14-mojave-netstat-v-n-p-tcp-fragment.txt',
  'samples/macos/macos-osx-server-netstat-s-tcp-fragment.txt',
  'samples/macos/macos-10.10-netstat-ibdn-gopsutil-pr73.txt',
  'samples/macos/macos-netstat-rn-inet-fragment-bridge-expire.txt',
  'samples/bsd/openbsd55-netstat-rn-f-inet6.txt',
  'samples/bsd/netbsd-netstat-ind.txt',
  'samples/jc-fixtures/windows-10/netstat.out',
  'samples/jc-fixtures/windows-10/netstat-an.out',
  'samples/jc-fixtures/windows-10/netstat-aon.out',
  'samples/jc-fixtures/windows-10/netstat-aonb.out',
  'samples/windows/windows-de-win81-netstat-e.txt',
  'samples/windows/windows-de-win81-netstat-s.txt',
  'samples/windows/windows-de-win81-netstat-tn.txt',
  'samples/windows/windows-de-win81-netstat-rn.txt',
  'samples/windows/windows-en-ec2-route-print-persistent.txt',
  'samples/windows/windows-es-netstat-nabo-file-cp850-mojibake.txt',
  'samples/ss/ss-tulpn.txt',
  'samples/ss/ss-uan.txt',
  'samples/ss/ss-xap.txt',
  'samples/ss/mix/ss-s.txt',
  'samples/ss/mix/ss-0-a.txt',
  'samples/ss/mix/ss-A-netlink-a.txt',
  'samples/ss/mix/ss-e-xa.txt',
  'samples/ss/public/ss-4-iatM-mptcp.txt',
  'samples/ss/public/ss-a-p-grep-dhcpd-packet-raw.txt',
  'samples/ss/public/ss-sctp-multihomed-moler.txt',
  'samples/ss/public/wsl2-ubuntu-ss-a-part2-inet-vsock.txt',
];

/**
 * Lines of a sample that are expected not to become records, and why: rows of sections netsnap
 * recognises but does not read (skipped), and damaged rows (unparsed, with a diagnostic).
 */
const NOT_READ: { [file: string]: { skipped?: [number, number][]; unparsed?: number[]; why: string } } = {
  'samples/jc-fixtures/osx-10.14.6/netstat.out': {
    skipped: [[592, 608], [611, 637], [640, 737]],
    why: 'rows of "Registered kernel control modules", "Active kernel event sockets", "Active kernel control sockets"',
  },
  'samples/jc-fixtures/osx-10.14.6/netstat-An.out': {
    skipped: [[545, 561], [564, 590], [593, 689]],
    why: 'rows of the three macOS kernel sections (-A layout)',
  },
  'samples/jc-fixtures/osx-10.14.6/netstat-Abn.out': {
    skipped: [[545, 561], [564, 590], [593, 689]],
    why: 'rows of the three macOS kernel sections (-A -b layout)',
  },
  'samples/macos/macos-26-netstat-anv-all-sections-edited-fixture.txt': {
    skipped: [[12, 12], [15, 15], [18, 18]],
    why: 'the one row of each macOS kernel section (macOS 26 layout)',
  },
  'samples/macos/macos-netstat-a-with-kernel-sections-part2.txt': {
    skipped: [[12, 21], [24, 38], [41, 59]],
    why: 'rows of the three macOS kernel sections',
  },
  'samples/macos/macos-netstat-a-with-kernel-sections-part1.txt': {
    unparsed: [39],
    why: '"netudp6 ..." is a udp6 row with keystrokes typed into the output (SOURCES.md)',
  },
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
