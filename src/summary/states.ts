/**
 * TCP states as the summary compares them. netstat (Linux, BSD, Windows) and ss spell some states
 * differently: ESTAB and ESTABLISHED, SYN_RCVD, SYN_RECEIVED and SYN-RECV, LISTENING and LISTEN.
 */
const ALIASES: { [state: string]: string | null } = {
  ESTAB: 'ESTABLISHED',
  LISTENING: 'LISTEN',
  SYN_RCVD: 'SYN_RECV',
  SYN_RECEIVED: 'SYN_RECV',
  NEW_SYN_RECV: 'SYN_RECV',
  FIN_WAIT_1: 'FIN_WAIT1',
  FIN_WAIT_2: 'FIN_WAIT2',
  CLOSED: 'CLOSE',
  UNCONN: null,
};

/** The state of an inet record in netstat's Linux spelling: LISTEN, ESTABLISHED, SYN_RECV, ... */
export function canonicalState(state: string | null | undefined): string | null {
  if (state === null || state === undefined || state === '') return null;
  const s = state.toUpperCase().replace(/[-\s]+/g, '_');
  return s in ALIASES ? ALIASES[s]! : s;
}
