/**
 * The `netstat -s` counters the summary looks at, recognised by their section and their words
 * rather than by one platform's spelling, so that Linux ("34 segments retransmitted",
 * "TCPLostRetransmit: 24"), BSD/macOS ("12 data packets (3400 bytes) retransmitted") and Windows
 * ("Segments Retransmitted = 12") counters are all found. Stat records come from StatRecord
 * (src/types.ts): section, counter (a stable name) and text (the line as printed).
 */
import type { StatCategory } from './model.js';

interface Rule {
  category: StatCategory;
  /** Section test (lower case, "tcp", "tcpext", "tcp statistics for ipv4", ...). */
  section?: RegExp;
  /** Test on the counter name and the text, lower case, runs of other characters as one space. */
  words: RegExp | ((words: string) => boolean);
  not?: RegExp;
}

const TCP_SECTION = /^tcp(?:6)?\b(?!ext)/;

/**
 * `first` somewhere, then `second` later ("listen queue ... overflow"): what /a.*b/ tests, without
 * its quadratic search. Both patterns have the g flag; `second` is searched from where `first`
 * ended, so its \b still sees the character before.
 */
function followedBy(first: RegExp, second: RegExp): (words: string) => boolean {
  return (words) => {
    first.lastIndex = 0;
    const m = first.exec(words);
    if (m === null) return false;
    second.lastIndex = m.index + m[0].length;
    return second.test(words);
  };
}

const LISTEN_QUEUE_OVERFLOW = followedBy(/listen queue\b/g, /\boverflow/g);
const DATA_PACKETS_RETRANSMITTED = followedBy(/\bdata packets\b/g, /\bretransmitted\b/g);

const RULES: readonly Rule[] = [
  { category: 'listen_overflows', words: (w) => LISTEN_QUEUE_OVERFLOW(w) || /\blistenoverflows\b/.test(w) },
  { category: 'listen_drops', words: /\bsyns to listen sockets (?:dropped|ignored)|\blistendrops\b/ },
  {
    category: 'retransmits',
    section: TCP_SECTION,
    words: (w) => /\bsegments? retransmitted\b|\bretranssegs\b/.test(w) || DATA_PACKETS_RETRANSMITTED(w),
  },
  // "\d packets sent" finds what "\d+ packets sent" does; "sent out" is "sent" and a word boundary
  { category: 'segments_sent', section: TCP_SECTION, words: /\bsegments? (?:sent|send)\b|\boutsegs\b|^packets sent\b|\d packets sent\b/, not: /retrans|reset|rst/ },
  { category: 'checksum_errors', words: /csum|checksum|\bbad segments received\b|\binerrs\b/ },
  { category: 'resets', words: /\breset|\brsts?\b|\bestabresets\b|\boutrsts\b/ },
];

/** Which counter of interest a stat record is, or null. */
export function classifyStat(section: string, counter: string, text: string): StatCategory | null {
  const sec = section.toLowerCase().trim();
  const words = `${counter} ${text}`.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  for (const rule of RULES) {
    if (rule.section !== undefined && !rule.section.test(sec)) continue;
    if (!(typeof rule.words === 'function' ? rule.words(words) : rule.words.test(words))) continue;
    if (rule.not?.test(words)) continue;
    return rule.category;
  }
  return null;
}
