/**
 * Terminal colours: the SGR codes netsnap uses and which cells get them (socket states, finding
 * severities). Kept apart from the writers so anything can import it without import cycles.
 */

/** SGR codes netsnap uses. */
export const STYLES = {
  bold: '1',
  dim: '2',
  red: '31',
  green: '32',
  yellow: '33',
  cyan: '36',
  boldRed: '1;31',
} as const;

export type Style = keyof typeof STYLES;

/** Text wrapped in an SGR colour and a reset. The text must already be escaped. */
export function paint(text: string, style: Style | null): string {
  if (style === null || text === '') return text;
  return `\x1b[${STYLES[style]}m${text}\x1b[0m`;
}

/** Socket states in the spellings of netstat (Linux, BSD, Windows) and ss. */
const STATE_STYLES: { [state: string]: Style } = {
  LISTEN: 'green',
  LISTENING: 'green',
  ESTABLISHED: 'cyan',
  ESTAB: 'cyan',
  CONNECTED: 'cyan',
  CLOSE_WAIT: 'red',
  SYN_RECV: 'yellow',
  SYN_RCVD: 'yellow',
  SYN_RECEIVED: 'yellow',
  SYN_SENT: 'yellow',
  CONNECTING: 'yellow',
  TIME_WAIT: 'dim',
  FIN_WAIT1: 'dim',
  FIN_WAIT2: 'dim',
  FIN_WAIT_1: 'dim',
  FIN_WAIT_2: 'dim',
  LAST_ACK: 'dim',
  CLOSING: 'dim',
  CLOSED: 'dim',
  CLOSE: 'dim',
};

const SEVERITY_STYLES: { [severity: string]: Style } = {
  critical: 'boldRed',
  warning: 'yellow',
  info: 'cyan',
};

/** The colour of a cell, by its column: `state` and `severity` columns are coloured. */
export function styleFor(column: string, text: string): Style | null {
  if (column === 'state') return STATE_STYLES[text.toUpperCase().replace(/-/g, '_')] ?? null;
  if (column === 'severity') return SEVERITY_STYLES[text.toLowerCase()] ?? null;
  return null;
}
