/**
 * The items ss prints after a socket's addresses and on its continuation lines: users:((...)),
 * timer:(...), the -e details (uid:, ino:, sk:, cgroup:, "<->"), -m memory (skmem:(...)) and the -i
 * TCP information (cwnd:10, rtt:0.162/0.303, "send 17.8Gbps", ...). Each is typed into the field the
 * README documents; an item the record kind has no field for is kept in info_other (key:value) or
 * info_flags (a bare word), so nothing printed is lost.
 */
import type { Int, SsUser } from '../types.js';
import { typeName, type TokenBuffer } from './lexer.js';
import { FieldError, toInt, toSmallInt } from './normalize.js';
import { msValue, parseMem, parseTimer, parseUsers, rateBps, toSsDecimal, type SsTimer } from './ss-fields.js';

/** The typed fields read from items (any subset; which ones a record keeps depends on its kind). */
export interface Items {
  users?: SsUser[];
  proc_ctx?: string | null;
  sock_ctx?: string | null;
  timer?: SsTimer;
  /** Field name -> typed value. */
  fields: { [field: string]: unknown };
  info_flags: string[];
  info_other: { [key: string]: string };
  /** Saw -i TCP information (or a TCP timer): the socket is TCP-like. */
  tcpInfo: boolean;
  /** Saw -e details (ino:, sk:): a missing uid: means uid 0. */
  details: boolean;
  /** Saw MPTCP connection information (subflows:): an mptcp socket. */
  mptcpInfo: boolean;
  /** Keys already read into fields: a repeated key goes to info_other. */
  seen: string[];
}

export function emptyItems(): Items {
  return { fields: {}, info_flags: [], info_other: {}, tcpInfo: false, details: false, mptcpInfo: false, seen: [] };
}

type Reader = (value: string, key: string, out: { [field: string]: unknown }) => void;

const int = (field: string): Reader => (v, k, out) => {
  out[field] = toInt(v, k);
};
const small = (field: string): Reader => (v, k, out) => {
  out[field] = toSmallInt(v, k);
};
const dec = (field: string): Reader => (v, k, out) => {
  out[field] = toSsDecimal(v, k);
};
const str = (field: string): Reader => (v, _k, out) => {
  out[field] = v;
};
/** "8ms(50.0%)": the time; the share of busy time can be worked out from busy_ms. */
const msShare = (field: string): Reader => (v, k, out) => {
  const paren = v.indexOf('(');
  out[field] = msValue(paren < 0 ? v : v.slice(0, paren), k);
};
const pair = (sep: string, a: string, b: string, read: (s: string, k: string) => unknown): Reader => (v, k, out) => {
  const at = v.indexOf(sep);
  if (at < 0) throw new FieldError(k, v, `"${v}" is not two values separated by "${sep}"`);
  out[a] = read(v.slice(0, at), k);
  out[b] = read(v.slice(at + 1), k);
};

/** key:value items (and netlink's key=value) that have a field: the fields they set, and how. */
interface Key {
  fields: readonly string[];
  read: Reader;
  /** A TCP information item (-i). */
  tcp?: boolean;
  /** An -e detail. */
  details?: boolean;
}

function key(fields: string | readonly string[], read: Reader, flags: { tcp?: boolean; details?: boolean } = {}): Key {
  return { fields: typeof fields === 'string' ? [fields] : fields, read, ...flags };
}
const T = { tcp: true };

const KEYS: { readonly [key: string]: Key } = {
  uid: key('uid', small('uid'), { details: true }),
  ino: key('ino', int('ino'), { details: true }),
  sk: key('sk', str('sk'), { details: true }),
  cb: key('cb', str('cb')),
  groups: key('groups', str('groups')),
  cgroup: key('cgroup', str('cgroup')),
  v6only: key('v6only', small('v6only')),
  fwmark: key('fwmark', str('fwmark')),
  dev: key('vfs_dev', str('vfs_dev')),
  proc_ctx: key('proc_ctx', str('proc_ctx')),
  wscale: key(['wscale_snd', 'wscale_rcv'], pair(',', 'wscale_snd', 'wscale_rcv', toSmallInt), T),
  rto: key('rto', dec('rto'), T),
  backoff: key('backoff', small('backoff'), T),
  rtt: key(['rtt', 'rttvar'], pair('/', 'rtt', 'rttvar', toSsDecimal), T),
  ato: key('ato', dec('ato'), T),
  qack: key('qack', small('qack'), T),
  mss: key('mss', small('mss'), T),
  pmtu: key('pmtu', small('pmtu'), T),
  rcvmss: key('rcvmss', small('rcvmss'), T),
  advmss: key('advmss', small('advmss'), T),
  cwnd: key('cwnd', small('cwnd'), T),
  ssthresh: key('ssthresh', small('ssthresh'), T),
  bytes_sent: key('bytes_sent', int('bytes_sent'), T),
  bytes_retrans: key('bytes_retrans', int('bytes_retrans'), T),
  bytes_acked: key('bytes_acked', int('bytes_acked'), T),
  bytes_received: key('bytes_received', int('bytes_received'), T),
  segs_out: key('segs_out', int('segs_out'), T),
  segs_in: key('segs_in', int('segs_in'), T),
  data_segs_out: key('data_segs_out', int('data_segs_out'), T),
  data_segs_in: key('data_segs_in', int('data_segs_in'), T),
  lastsnd: key('lastsnd', int('lastsnd'), T),
  lastrcv: key('lastrcv', int('lastrcv'), T),
  lastack: key('lastack', int('lastack'), T),
  delivered: key('delivered', int('delivered'), T),
  delivered_ce: key('delivered_ce', int('delivered_ce'), T),
  busy: key('busy_ms', (v, k, out) => (out.busy_ms = msValue(v, k)), T),
  rwnd_limited: key('rwnd_limited_ms', msShare('rwnd_limited_ms'), T),
  sndbuf_limited: key('sndbuf_limited_ms', msShare('sndbuf_limited_ms'), T),
  unacked: key('unacked', int('unacked'), T),
  retrans: key(['retrans', 'retrans_total'], pair('/', 'retrans', 'retrans_total', toInt), T),
  lost: key('lost', int('lost'), T),
  sacked: key('sacked', int('sacked'), T),
  dsack_dups: key('dsack_dups', int('dsack_dups'), T),
  fackets: key('fackets', int('fackets'), T),
  reordering: key('reordering', int('reordering'), T),
  reord_seen: key('reord_seen', int('reord_seen'), T),
  rcv_rtt: key('rcv_rtt', dec('rcv_rtt'), T),
  rcv_space: key('rcv_space', int('rcv_space'), T),
  rcv_ssthresh: key('rcv_ssthresh', int('rcv_ssthresh'), T),
  notsent: key('notsent', int('notsent'), T),
  minrtt: key('minrtt', dec('minrtt'), T),
  snd_wnd: key('snd_wnd', int('snd_wnd'), T),
  rcv_wnd: key('rcv_wnd', int('rcv_wnd'), T),
  rehash: key('rehash', int('rehash'), T),
};

/**
 * Congestion control modules of Linux (net/ipv4/tcp_*.c) and common out-of-tree ones: -i prints
 * the socket's after the TCP option words. Other bare words go to info_flags.
 */
const CONGESTION = /^(?:bbr\d*|cubic|reno|bic|dctcp|highspeed|htcp|hybla|illinois|lp|nv|scalable|vegas|veno|westwood|yeah|cdg|prague|newreno|lia|olia|balia|wvegas|tcp_\w+)$/;

/** MPTCP connection information (ss.c mptcp_stats_print): marks an mptcp socket. */
const MPTCP_KEYS = new Set([
  'subflows', 'subflows_max', 'add_addr_signal', 'add_addr_accepted', 'add_addr_signal_max', 'add_addr_accepted_max',
]);
const MPTCP_WORDS = new Set(['remote_key', 'fallback']);

const RATE_FIELDS: { readonly [word: string]: readonly [string, string | null] } = {
  send: ['send_bps', null],
  pacing_rate: ['pacing_rate_bps', 'pacing_rate_max_bps'],
  delivery_rate: ['delivery_rate_bps', null],
};

/** A key the item is kept under in info_other: repeated keys are numbered ("md5keys#2"). */
function otherKey(other: { [key: string]: string }, key: string): string {
  if (!(key in other)) return key;
  let n = 2;
  while (`${key}#${n}` in other) n++;
  return `${key}#${n}`;
}

/**
 * Read the items tokens[first..last] into `into`, typing those whose fields are in `allowed` (the
 * fields of the record kind) and keeping the others as printed in info_other / info_flags. When
 * `atomic`, all or nothing: on a FieldError `into` is unchanged.
 */
export function readItems(
  tokens: TokenBuffer,
  first: number,
  last: number,
  into: Items,
  allowed: ReadonlySet<string>,
  atomic = true,
): void {
  const congestion = allowed.has('congestion');
  const next: Items = atomic
    ? {
        ...into,
        fields: { ...into.fields },
        info_flags: [...into.info_flags],
        info_other: { ...into.info_other },
        seen: [...into.seen],
      }
    : into;
  const fields = next.fields;
  for (let k = first; k <= last; k++) {
    const type = typeName(tokens.types[k]!);
    const text = tokens.text(k);
    switch (type) {
      case 'users': {
        const u = parseUsers(text);
        if (next.users === undefined) {
          next.users = u.users;
          next.proc_ctx = u.proc_ctx;
          next.sock_ctx = u.sock_ctx;
        } else {
          next.info_other[otherKey(next.info_other, 'users')] = text;
        }
        break;
      }
      case 'paren': {
        const colon = text.indexOf(':');
        const key = text.slice(0, colon);
        const value = text.slice(colon + 1);
        if (key === 'timer' && next.timer === undefined && allowed.has('timer')) {
          next.timer = parseTimer(text);
          if (next.timer.timer_name !== 'T3_RTX') next.tcpInfo = true;
        } else if ((key === 'skmem' || key === 'mem') && fields.skmem_r === undefined && allowed.has('skmem_r')) {
          for (const [part, v] of Object.entries(parseMem(text))) {
            if (SKMEM_PARTS.has(part)) fields[`skmem_${part}`] = v;
            else throw new FieldError('skmem', text, `"${part}" is not a memory counter ss prints`);
          }
        } else if (key === 'bbr' && allowed.has('bbr_bw_bps')) {
          readBbr(value, fields);
          next.tcpInfo = true;
        } else {
          next.info_other[otherKey(next.info_other, key)] = value;
        }
        break;
      }
      case 'peers': {
        if (!allowed.has('icons')) {
          next.info_other[otherKey(next.info_other, 'peers')] = text.slice('peers:'.length).trim();
          break;
        }
        const list: Int[] = [];
        for (const n of text.slice('peers:'.length).trim().split(/\s+/)) if (n !== '') list.push(toInt(n, 'peers'));
        fields.icons = list;
        break;
      }
      case 'shutdown':
        if (allowed.has('shutdown') && fields.shutdown === undefined) fields.shutdown = text;
        else next.info_flags.push(text);
        break;
      case 'tls': {
        const colon = text.indexOf(':');
        next.info_other[otherKey(next.info_other, text.slice(0, colon))] = text.slice(colon + 1).trim();
        break;
      }
      case 'ratekw': {
        const [field, maxField] = RATE_FIELDS[text]!;
        const rate = tokens.text(++k);
        if (!allowed.has(field)) {
          next.info_other[otherKey(next.info_other, text)] = rate;
          break;
        }
        const slash = rate.indexOf('/');
        fields[field] = rateBps(slash < 0 ? rate : rate.slice(0, slash), text);
        if (slash >= 0) {
          if (maxField === null) throw new FieldError(text, rate, `"${rate}" is not a rate`);
          fields[maxField] = rateBps(rate.slice(slash + 1), text);
        }
        next.tcpInfo = true;
        break;
      }
      case 'kv': {
        const sep = text.search(/[:=]/);
        const key = text.slice(0, sep);
        const value = text.slice(sep + 1);
        if (!/^[\w.-]+$/.test(key)) {
          // not key:value but a word holding a colon: packet -e's "fanout(id:1,type:hash)"
          next.info_flags.push(text);
          break;
        }
        const known = KEYS[key];
        if (known !== undefined && !next.seen.includes(key) && known.fields.every((f) => allowed.has(f))) {
          next.seen.push(key);
          known.read(value, key, fields);
          if (known.tcp) next.tcpInfo = true;
          if (known.details) next.details = true;
        } else {
          if (MPTCP_KEYS.has(key)) next.mptcpInfo = true;
          next.info_other[otherKey(next.info_other, key)] = value;
        }
        break;
      }
      default: {
        // bare words
        if (text === 'app_limited' && allowed.has('app_limited')) {
          fields.app_limited = true;
        } else if (text.startsWith('tcp-ulp-') && allowed.has('ulp')) {
          fields.ulp = text.slice('tcp-ulp-'.length);
        } else if (MPTCP_WORDS.has(text)) {
          next.mptcpInfo = true;
          next.info_flags.push(text);
        } else if (congestion && fields.congestion === undefined && CONGESTION.test(text)) {
          fields.congestion = text;
          next.tcpInfo = true;
        } else {
          next.info_flags.push(text);
        }
      }
    }
  }
  if (next !== into) Object.assign(into, next);
}

const SKMEM_PARTS = new Set(['r', 'rb', 't', 'tb', 'f', 'w', 'o', 'bl', 'd']);

/** bbr:(bw:217Mbps,mrtt:0.013,pacing_gain:2.88672,cwnd_gain:2.88672) */
function readBbr(value: string, fields: { [field: string]: unknown }): void {
  const inner = value.slice(1, -1);
  for (const part of inner.split(',')) {
    const colon = part.indexOf(':');
    const key = part.slice(0, colon);
    const v = part.slice(colon + 1);
    if (key === 'bw') fields.bbr_bw_bps = rateBps(v, 'bbr');
    else if (key === 'mrtt') fields.bbr_mrtt = toSsDecimal(v, 'bbr');
    else if (key === 'pacing_gain') fields.bbr_pacing_gain = toSsDecimal(v, 'bbr');
    else if (key === 'cwnd_gain') fields.bbr_cwnd_gain = toSsDecimal(v, 'bbr');
    else throw new FieldError('bbr', value, `"${part}" is not a BBR value ss prints`);
  }
}
