import { describe, expect, it } from 'vitest';
import { escapeControl, renderDiagnostic } from '../src/errors.js';
import type { Diagnostic } from '../src/types.js';

const base: Diagnostic = {
  code: 'NETSNAP_PARSE_UNEXPECTED_TOKEN',
  severity: 'error',
  source: 'samples/linux/netstat-i.txt',
  line: 7,
  column: 16,
  length: 5,
  message: 'unexpected "9012x" in Kernel Interface table',
  expected: ['a number', '"-"'],
  text: 'eth0   1500  0  9012x  0  0  0  81234  0  0  0 BMRU',
  section: 'Kernel Interface table',
};

describe('renderDiagnostic', () => {
  it('shows file:line:col, the line, a caret under the offending text and what was expected', () => {
    expect(renderDiagnostic(base)).toBe(
      [
        'netsnap: samples/linux/netstat-i.txt:7:16: unexpected "9012x" in Kernel Interface table',
        '  7 | eth0   1500  0  9012x  0  0  0  81234  0  0  0 BMRU',
        '    |                ^^^^^',
        '  expected a number or "-"',
      ].join('\n'),
    );
  });

  it('escapes control characters and keeps the caret under the right text', () => {
    const out = renderDiagnostic({ ...base, text: 'a\x1bb 12x', column: 5, length: 3, expected: [] });
    expect(out.split('\n').slice(1)).toEqual(['  7 | a\\x1bb 12x', '    |        ^^^']);
  });

  it('shows only the part of a very long line around the column', () => {
    const text = `${'x'.repeat(5000)} BAD ${'y'.repeat(5000)}`;
    const out = renderDiagnostic({ ...base, text, column: 5002, length: 3 });
    const [, shown, caret] = out.split('\n');
    expect(shown!.length).toBeLessThan(260);
    expect(shown!.slice(caret!.indexOf('^'), caret!.indexOf('^') + 3)).toBe('BAD');
  });

  it('escapeControl leaves printable text alone', () => {
    expect(escapeControl('ABHÖREN 😀 tab\there')).toBe('ABHÖREN 😀 tab\\x09here');
  });
});
