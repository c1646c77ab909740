/**
 * Redaction round trips on every sample in samples/ (iterated, so samples added later are covered):
 * the redacted text parses to the same records, line for line, except for the values redaction
 * replaces, and each of those is exactly what fieldReplacement says; nothing that was read becomes
 * unreadable; no address that identifies a machine survives; unchanged tokens keep their columns.
 */
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/index.js';
import { fieldClass } from '../../src/redact/fields.js';
import { headerColumns, layout, tokens } from '../../src/redact/line.js';
import { classifyIp, parseIp, rangeOf } from '../../src/redact/ip.js';
import { parseMac, Pseudonymizer } from '../../src/redact/pseudonym.js';
import { fieldReplacement, redactText, type RedactOptions } from '../../src/redact/redactor.js';
import { readSample, sampleFiles } from '../helpers.js';

const KEY = 'round-trip-key';
const MODES: { name: string; options: Omit<RedactOptions, 'key'> }[] = [
  { name: 'default', options: { keepUnknown: true } },
  { name: 'masking paths and arguments', options: { keepUnknown: true, maskPaths: true, maskArgs: true } },
];

const IPV4 = /(?<![\d.])\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?!\d)/g;

/**
 * IPv4 literals that name a machine (not wildcard, loopback, multicast, masks, documentation, nor
 * the base of a range, such as the route to 169.254.0.0/16).
 */
function identifying(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(IPV4)) {
    const ip = parseIp(m[0]);
    if (ip === null || !['private', 'public', 'link-local', 'shared'].includes(classifyIp(ip))) continue;
    const range = rangeOf(4, ip.value);
    if (range !== null && ip.value % (1n << BigInt(32 - range.bits)) === 0n) continue;
    out.add(m[0]);
  }
  return out;
}

/** Does `word` occur in `text` with no letter or digit right before or after it? */
function containsWord(text: string, word: string): boolean {
  const alnum = (c: string | undefined): boolean => c !== undefined && /[A-Za-z0-9]/.test(c);
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + 1)) {
    if (!alnum(text[at - 1]) && !alnum(text[at + word.length])) return true;
  }
  return false;
}

/**
 * The values in address, network and MAC fields that redaction replaces (4 characters or more, so
 * that a word such as "api" is not looked for in other words), with the forms MACs are printed in.
 * A value that another field keeps as it is (fe80::%utun0 is a gateway, and in fe80::%utun0/64 a
 * network) is left out.
 */
function replacedValues(records: readonly object[], p: Pseudonymizer, options: Omit<RedactOptions, 'key'>): Set<string> {
  const out = new Set<string>();
  const kept = new Set<string>();
  const add = (value: string, replaced: unknown): void => {
    // a network kept as it is keeps its address part too ("fe80::%utun0/64")
    if (replaced === value) kept.add(value).add(value.replace(/\/\d+$/, ''));
    if (value.length < 4 || replaced === value) return;
    out.add(value);
    const mac = parseMac(value);
    if (mac !== null && !mac.short) out.add(mac.bytes.map((b) => b.toString(16).padStart(2, '0')).join(' '));
  };
  for (const rec of records) {
    const r = rec as { [k: string]: unknown };
    for (const [field, value] of Object.entries(r)) {
      if (typeof value === 'string' && ['host', 'network', 'mac'].includes(fieldClass(String(r.kind), field))) {
        add(value, fieldReplacement(field, value, r, p, options));
      }
    }
    for (const a of (r.ipv6 as { addr: string }[] | undefined) ?? []) add(a.addr, p.address(a.addr));
  }
  for (const k of kept) out.delete(k);
  return out;
}

describe('redaction round trip', () => {
  const files = sampleFiles();
  it('has samples to check', () => expect(files.length).toBeGreaterThan(50));

  for (const file of files) {
    for (const mode of MODES) {
      it(`${file} (${mode.name})`, () => {
        const text = readSample(file);
        const p = new Pseudonymizer(KEY);
        const before = parseText(text, { source: file });
        const { text: redacted, report } = redactText(text, { key: KEY, source: file, ...mode.options });
        const after = parseText(redacted, { source: file });

        expect(report.lines).toBe(before.stats.lines);
        expect(after.stats.unparsed).toBe(before.stats.unparsed);
        expect(after.stats.skipped).toBe(before.stats.skipped);
        expect(after.records).toHaveLength(before.records.length);
        before.records.forEach((rec, i) => {
          const a = rec as unknown as { [k: string]: unknown };
          const b = after.records[i] as unknown as { [k: string]: unknown };
          expect(Object.keys(b)).toEqual(Object.keys(a));
          for (const field of Object.keys(a)) {
            const expected = fieldReplacement(field, a[field], a, p, mode.options);
            expect(b[field], `${file}:${a.line} ${field} ${JSON.stringify(a[field])}`).toEqual(expected);
          }
        });

        for (const ip of identifying(text)) expect(redacted.includes(ip), `${ip} left in ${file}`).toBe(false);
        for (const value of replacedValues(before.records, p, mode.options)) {
          expect(containsWord(redacted, value), `${value} left in ${file}`).toBe(false);
        }

        // Unchanged tokens keep their column on every line that needed no shift.
        const inLines = text.split('\n');
        const outLines = redacted.split('\n');
        inLines.forEach((line, i) => {
          const a = tokens(line);
          const b = tokens(outLines[i] ?? '');
          expect(b.length, `${file}:${i + 1} token count`).toBe(a.length);
          const firstChanged = a.findIndex((t, k) => t.text !== b[k]!.text);
          const overflow = a.some((t, k) => b[k]!.text.length > t.text.length);
          // A prompt's user@host is not a column: the command after it just follows.
          if (firstChanged <= 0 || overflow) return;
          a.forEach((t, k) => {
            if (t.text === b[k]!.text) {
              expect(b[k]!.start, `${file}:${i + 1} column of ${t.text}`).toBe(t.start);
            }
          });
        });
      });
    }
  }

  it('changes what identifies a machine (so the round trips above are not trivial)', () => {
    const file = 'samples/redact/addresses-users-hosts.txt';
    const text = readSample(file);
    const { text: redacted, report } = redactText(text, { key: KEY, maskPaths: true });
    expect(identifying(text).size).toBeGreaterThanOrEqual(10);
    expect(report.changed).toBe(19);
    for (const secret of ['alice', 'bob', 'carol', 'web1', 'gateway.corp', 'www-data', 'prometheus', '2a01:4f8', 'fe80::a00:27ff', 'fd12:3456', '08:00']) {
      expect(redacted, secret).not.toContain(secret);
    }
    for (const kept of ['0.0.0.0:22', ':::22', 'root', '/run/', '@/tmp/', 'fe80::', '%eth0', '::ffff:10.', ' 172.', ' 10.']) {
      expect(redacted, kept).toContain(kept);
    }
  });

  it('maps the same address the same way in different files with the same key, not with another', () => {
    const a = redactText('tcp        0      0 10.0.0.5:22             192.168.1.9:50000       ESTABLISHED\n', { key: 'k' });
    const header = 'Proto Recv-Q Send-Q Local Address           Foreign Address         State      \n';
    const one = redactText(header + 'tcp        0      0 10.0.0.5:22             192.168.1.9:50000       ESTABLISHED\n', { key: 'k' }).text;
    const two = redactText(header + 'tcp        0      0 192.168.1.9:443         10.0.0.5:41000          TIME_WAIT\n', { key: 'k' }).text;
    const other = redactText(header + 'tcp        0      0 10.0.0.5:22             192.168.1.9:50000       ESTABLISHED\n', { key: 'k2' }).text;
    const p = new Pseudonymizer('k');
    expect(one).toContain(`${p.address('10.0.0.5')}:22`);
    expect(two).toContain(`${p.address('10.0.0.5')}:41000`);
    expect(two).toContain(`${p.address('192.168.1.9')}:443`);
    expect(other).not.toBe(one);
    expect(a.report.unknownCount).toBe(1); // a row without its header is not read
  });
});

describe('layout', () => {
  it('keeps the end of a changed token in a right-aligned column, the start in a left-aligned one', () => {
    // Windows `route print`: values right-aligned to the end of their header word.
    const header = 'Network Destination        Netmask          Gateway       Interface  Metric';
    const ends = headerColumns(header).ends;
    const cells = ['0.0.0.0', '0.0.0.0', '192.168.1.1', '192.168.1.100', '25'];
    const cols = [19, 34, 51, 67, 75];
    expect(cols.every((c) => ends.has(c))).toBe(true);
    let row = '';
    cells.forEach((c, i) => (row += c.padStart(cols[i]! - row.length)));
    const toks = tokens(row);
    toks[2]!.out = '192.168.77.201';
    toks[3]!.out = '192.168.77.9';
    const { text, shifted } = layout(row, toks, headerColumns(header));
    expect(text).toBe('            0.0.0.0        0.0.0.0   192.168.77.201    192.168.77.9      25');
    expect(tokens(text).map((t) => t.end)).toEqual(cols);
    expect(shifted).toBe(false);
    const left = tokens('tcp        0      0 10.0.0.5:22             10.0.0.9:5000           ESTABLISHED');
    left[3]!.out = '10.200.100.50:22';
    expect(layout('tcp        0      0 10.0.0.5:22             10.0.0.9:5000           ESTABLISHED', left, headerColumns('Proto Recv-Q Send-Q Local Address           Foreign Address         State')).text).toBe(
      'tcp        0      0 10.200.100.50:22        10.0.0.9:5000           ESTABLISHED',
    );
  });
});
