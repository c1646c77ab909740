/**
 * Errors with stable codes, and the renderer that shows a diagnostic as file:line:col, the line,
 * a caret under the offending text, and what was expected.
 */
import type { Diagnostic } from './types.js';

export type ErrorCode =
  | 'NETSNAP_PARSE_UNEXPECTED_TOKEN'
  | 'NETSNAP_PARSE_UNEXPECTED_END'
  | 'NETSNAP_PARSE_BAD_NUMBER'
  | 'NETSNAP_PARSE_LINE_TOO_LONG'
  | 'NETSNAP_PARSE_REJOINED'
  | 'NETSNAP_NO_DATA'
  | 'NETSNAP_USAGE'
  | 'NETSNAP_IO'
  | 'NETSNAP_INTERNAL';

/** Base class: every error netsnap raises on purpose has a stable `code`. */
export class NetsnapError extends Error {
  constructor(
    readonly code: ErrorCode | (string & {}),
    message: string,
  ) {
    super(message);
    this.name = 'NetsnapError';
  }
}

/** A usage error: bad option, bad argument. Exit code 2. */
export class UsageError extends NetsnapError {
  constructor(message: string, code: string = 'NETSNAP_USAGE') {
    super(code, message);
    this.name = 'UsageError';
  }
}

/** A file could not be read. Exit code 2. */
export class InputError extends NetsnapError {
  constructor(message: string) {
    super('NETSNAP_IO', message);
    this.name = 'InputError';
  }
}

/** A bug in netsnap (for instance an ambiguous grammar). */
export class InternalError extends NetsnapError {
  constructor(message: string) {
    super('NETSNAP_INTERNAL', `internal error: ${message}`);
    this.name = 'InternalError';
  }
}

/** Words for token types, used in "expected ..." lines. */
const TOKEN_WORDS: { [type: string]: string } = {
  number: 'a number',
  dash: '"-"',
  word: 'an address or name',
  proto: 'a protocol (tcp, udp, raw, unix, ...)',
  tcp_state: 'a TCP state',
  unix_state: 'a unix socket state',
  unix_type: 'a unix socket type',
  unknown: '"UNKNOWN"',
  flags: 'unix socket flags ("[ ]", "[ ACC ]")',
  timer: 'timer values "(0.00/0/0)"',
  pidprog: 'PID/Program name',
  progword: 'the rest of a program name',
  // BSD and macOS (src/parse/bsd-lexer.ts)
  colnum: 'a process:pid or an address',
  decimal: 'a decimal number',
  tcp_state_mark: 'a TCP state',
  lparen: '"("',
  rparen: '")"',
  // Windows (src/parse/formats/windows-lexer.ts)
  endpoint: 'an address:port',
  win_state: 'a TCP state',
  upper: 'a word in capitals (a state)',
  dotted: 'an IPv4 address',
  eq: '"="',
  bracket: '"[program.exe]"',
  ifindex: 'an interface index "8..."',
  hexbyte: 'a byte of a hardware address',
  filler: 'dots "......"',
};

/** "a number or "-"" from a list of token types. */
export function describeExpected(types: readonly string[]): string[] {
  const words = [...new Set(types.map((t) => TOKEN_WORDS[t] ?? t))];
  return words.sort();
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/;
// eslint-disable-next-line no-control-regex
const CONTROL_ALL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/** Show control characters and other invisible code points escaped, so a terminal never gets them raw. */
export function escapeControl(text: string): string {
  if (!CONTROL.test(text)) return text;
  return text.replace(CONTROL_ALL, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

const MAX_SHOWN = 200;

/**
 * Render a diagnostic the way compilers do:
 *
 *     netsnap: samples/x.txt:7:31: unexpected "9012x" in Kernel Interface table
 *        7 | eth0   1500  0  9012x  0 ...
 *          |                 ^^^^^
 *       expected a number
 */
export function renderDiagnostic(d: Diagnostic, prefix = 'netsnap: '): string {
  const head = `${prefix}${d.source}:${d.line}:${d.column}: ${d.message}`;
  // Long lines are shown around the offending column only.
  let text = d.text.replace(/\t/g, ' ');
  let col = d.column - 1;
  if (text.length > MAX_SHOWN) {
    const from = Math.max(0, Math.min(col - 40, text.length - MAX_SHOWN));
    text = (from > 0 ? '…' : '') + text.slice(from, from + MAX_SHOWN) + (from + MAX_SHOWN < text.length ? '…' : '');
    col = col - from + (from > 0 ? 1 : 0);
  }
  const shown = escapeControl(text);
  // Escaping widens control characters; move the caret by what was widened before it.
  const caretCol = escapeControl(text.slice(0, col)).length;
  const caretLen = Math.max(1, Math.min(d.length, MAX_SHOWN));
  const num = String(d.line);
  const pad = ' '.repeat(num.length);
  const lines = [head, `  ${num} | ${shown}`, `  ${pad} | ${' '.repeat(caretCol)}${'^'.repeat(caretLen)}`];
  if (d.expected.length > 0) lines.push(`  expected ${joinOr(d.expected)}`);
  return lines.join('\n');
}

function joinOr(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
