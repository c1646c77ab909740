import { describe, expect, it } from 'vitest';
import { socketLexer, tokenize, tokenizeSocketLine } from '../../src/parse/lexer.js';
import { readSample, sampleFiles, seededRandom } from '../helpers.js';

/** Tokens as comparable tuples. */
const shape = (toks: { type: string; text: string; offset: number }[]) => toks.map((t) => [t.type, t.text, t.offset]);

/** Seeded random lines built from the characters and words that matter to the lexer. */
function randomLines(count: number, seed: number): string[] {
  const rnd = seededRandom(seed);
  const pieces = [
    ' ', '  ', '\t', '\u00a0', '\u3000', '0', '12', '/', '17/x', '[', ']', '[ ]', '[ ACC ]', '(', ')', '(0.00/0/0)',
    '(-1.5/2/3)', '-', 'tcp', 'tcp6', 'unix', 'LISTEN', 'UNKNOWN', 'STREAM', 'CONNECTED', 'a', 'Z', ':', '.',
    '127.0.0.1:80', ':::*', 'é', '@x', '12x', '1/', 'sshd:', '\u2028',
  ];
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    let line = '';
    const n = Math.floor(rnd() * 12);
    for (let k = 0; k < n; k++) line += pieces[Math.floor(rnd() * pieces.length)];
    lines.push(line);
  }
  return lines;
}

describe('fast socket scanner', () => {
  it('gives the same tokens as the moo lexer on every sample line', () => {
    let lines = 0;
    for (const file of sampleFiles()) {
      for (const line of readSample(file).split(/\r?\n/)) {
        expect(shape(tokenizeSocketLine(line)), `${file}: ${line}`).toEqual(shape(tokenize(socketLexer, line)));
        lines++;
      }
    }
    expect(lines).toBeGreaterThan(3000);
  }, 120_000);

  it('gives the same tokens as the moo lexer on random lines', () => {
    for (const line of randomLines(20_000, 7)) {
      expect(shape(tokenizeSocketLine(line)), JSON.stringify(line)).toEqual(shape(tokenize(socketLexer, line)));
    }
  });

  it('types the words of a program name with spaces as progword, but not the path after it', () => {
    const toks = tokenizeSocketLine('unix  2 [ ] DGRAM  123  7298/dns: resolver  /run/x.sock');
    expect(toks.map((t) => t.type)).toEqual([
      'proto', 'number', 'flags', 'unix_type', 'number', 'pidprog', 'progword', 'word',
    ]);
  });
});
