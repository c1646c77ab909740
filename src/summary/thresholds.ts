/**
 * The thresholds the findings use, their defaults, and the `name=value` form the command line
 * takes them in. A finding fires when what it measures is at or above its threshold; a threshold
 * set to `off` turns its finding off.
 */
import { UsageError } from '../errors.js';

export interface ThresholdInfo {
  name: string;
  /** The default; null means "decided per platform" (ephemeral_ports). */
  default: number | null;
  unit: string;
  describe: string;
}

export const THRESHOLD_INFO: readonly ThresholdInfo[] = [
  { name: 'close_wait', default: 10, unit: 'sockets', describe: 'CLOSE_WAIT sockets held by one program (or one local port when netstat had no -p)' },
  { name: 'time_wait_pct', default: 50, unit: '% of the ephemeral ports', describe: 'TIME_WAIT sockets, as a share of the ephemeral port range' },
  { name: 'ephemeral_ports', default: null, unit: 'ports', describe: 'size of the ephemeral port range: 28232 on Linux (32768-60999), 16384 elsewhere (49152-65535)' },
  { name: 'syn_recv', default: 20, unit: 'sockets', describe: 'SYN_RECV sockets (half-open incoming connections)' },
  { name: 'syn_sent', default: 10, unit: 'sockets', describe: 'SYN_SENT sockets (outgoing connections not answered yet)' },
  { name: 'listen_recv_q', default: 1, unit: 'connections', describe: 'Recv-Q of a listening socket (connections waiting to be accepted)' },
  { name: 'send_q', default: 65536, unit: 'bytes', describe: 'Send-Q of an established socket (data the peer has not acknowledged)' },
  { name: 'recv_q', default: 65536, unit: 'bytes', describe: 'Recv-Q of an established socket (data the program has not read)' },
  { name: 'listen_all', default: 1, unit: 'sockets', describe: 'sockets listening on all interfaces' },
  { name: 'iface_errors', default: 1, unit: 'errors', describe: 'receive or send errors of one interface (RX-ERR + TX-ERR, with overruns, frame and carrier errors)' },
  { name: 'iface_drops', default: 1, unit: 'packets', describe: 'dropped packets of one interface (RX-DRP + TX-DRP)' },
  { name: 'listen_overflows', default: 1, unit: 'events', describe: 'listen queue overflows and SYNs to listening sockets dropped (netstat -s)' },
  { name: 'retransmit_pct', default: 1, unit: '% of segments sent', describe: 'TCP segments retransmitted, as a share of segments sent (netstat -s)' },
];

export type ThresholdName =
  | 'close_wait'
  | 'time_wait_pct'
  | 'ephemeral_ports'
  | 'syn_recv'
  | 'syn_sent'
  | 'listen_recv_q'
  | 'send_q'
  | 'recv_q'
  | 'listen_all'
  | 'iface_errors'
  | 'iface_drops'
  | 'listen_overflows'
  | 'retransmit_pct';

/** A threshold's value: a number, null for "the default for the platform", or 'off'. */
export type Thresholds = { [K in ThresholdName]: number | null | 'off' };

export function defaultThresholds(): Thresholds {
  const t = {} as Thresholds;
  for (const info of THRESHOLD_INFO) t[info.name as ThresholdName] = info.default;
  return t;
}

/** Ephemeral port range sizes: Linux's default 32768-60999, and the IANA range others use. */
export function ephemeralPorts(platform: string): number {
  return platform === 'linux' || platform === 'busybox' || platform === 'ss' ? 28232 : 16384;
}

/**
 * Thresholds from `name=value` settings (repeatable, comma-separated lists allowed):
 * `close_wait=50`, `send_q=1m`, `listen_all=off`. Suffixes k and m multiply by 1024 and 1024².
 */
export function parseThresholds(settings: readonly string[]): Thresholds {
  const t = defaultThresholds();
  const names = new Set(THRESHOLD_INFO.map((i) => i.name));
  for (const setting of settings.flatMap((s) => s.split(','))) {
    const text = setting.trim();
    if (text === '') continue;
    const m = /^([a-z_]+)\s*=\s*(\S+)$/.exec(text);
    if (m === null) throw new UsageError(`--threshold ${JSON.stringify(text)}: expected name=value, e.g. close_wait=50`);
    const [, name, value] = m as unknown as [string, string, string];
    if (!names.has(name)) {
      throw new UsageError(`--threshold: unknown name "${name}"; known: ${[...names].join(', ')}`);
    }
    t[name as ThresholdName] = parseValue(name, value);
  }
  return t;
}

function parseValue(name: string, value: string): number | 'off' {
  if (value === 'off') return 'off';
  const m = /^(\d+(?:\.\d+)?)([kKmM]?)$/.exec(value);
  if (m === null) throw new UsageError(`--threshold ${name}=${value}: expected a number (k and m suffixes allowed) or "off"`);
  const mult = m[2] === '' ? 1 : m[2]!.toLowerCase() === 'k' ? 1024 : 1024 * 1024;
  return Number(m[1]) * mult;
}
