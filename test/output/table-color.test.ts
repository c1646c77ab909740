/** Colour in terminal tables: states and severities coloured, widths kept, input never an escape. */
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/index.js';
import { paint, styleFor } from '../../src/output/color.js';
import { createWriter, StringOut, type Row } from '../../src/output/writer.js';
import { readSample } from '../helpers.js';

const SGR = /\x1b\[[0-9;]*m/g;

function table(rows: Row[], color: boolean): string {
  const out = new StringOut();
  const w = createWriter('table', out, { color });
  for (const r of rows) w.row(r);
  w.end();
  return out.toString();
}

describe('table colour', () => {
  const records = parseText(readSample('samples/linux/netstat-tanp.txt')).records;

  it('colours states and the header, and is the plain table once the codes are removed', () => {
    const plain = table(records, false);
    const colored = table(records, true);
    expect(plain).not.toMatch(SGR);
    expect(colored).toContain(`${paint('LISTEN', 'green')}  `);
    expect(colored).toContain(paint('CLOSE_WAIT', 'red'));
    expect(colored).toContain(paint('TIME_WAIT', 'dim'));
    expect(colored.split('\n')[1]).toMatch(/^\x1b\[1mproto\x1b\[0m/);
    expect(colored.replace(SGR, '')).toBe(plain);
  });

  it('escapes control characters in cells before colouring them', () => {
    const out = table([{ kind: 'inet', proto: 'tcp', state: 'LISTEN\x1b[31m', program_name: '\x1b]0;owned\x07' }], true);
    expect(out).not.toContain('\x07');
    expect(out).not.toContain('\x1b]');
    expect(out.replace(SGR, '')).toContain('LISTEN\\x1b[31m');
    expect(out.replace(SGR, '')).toContain('\\x1b]0;owned\\x07');
    // only our own SGR sequences remain
    expect(out.replace(SGR, '')).not.toContain('\x1b');
  });

  it('knows states in every spelling and severities', () => {
    expect(['LISTEN', 'LISTENING', 'ESTAB', 'SYN-RECV', 'SYN_RCVD', 'close_wait', 'UNKNOWN'].map((s) => styleFor('state', s))).toEqual([
      'green', 'green', 'cyan', 'yellow', 'yellow', 'red', null,
    ]);
    expect(['critical', 'warning', 'info'].map((s) => styleFor('severity', s))).toEqual(['boldRed', 'yellow', 'cyan']);
    expect(styleFor('program_name', 'LISTEN')).toBeNull();
  });
});
