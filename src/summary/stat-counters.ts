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
  words: RegExp;
  not?: RegExp;
}

const TCP_SECTION = /^tcp(?:6)?\b(?!ext)/;

const RULES: readonly Rule[] = [
  { category: 'listen_overflows', words: /listen queue\b.*\boverflow|\blistenoverflows\b/ },
  { category: 'listen_drops', words: /\bsyns to listen sockets (?:dropped|ignored)|\blistendrops\b/ },
  {
    category: 'retransmits',
    section: TCP_SECTION,
    words: /\bsegments? retransmitted\b|\bretranssegs\b|\bdata packets\b.*\bretransmitted\b/,
  },
  { category: 'segments_sent', section: TCP_SECTION, words: /\bsegments? (?:sent|send)(?: out)?\b|\boutsegs\b|^packets sent\b|\d+ packets sent\b/, not: /retrans|reset|rst/ },
  { category: 'checksum_errors', words: /csum|checksum|\bbad segments received\b|\binerrs\b/ },
  { category: 'resets', words: /\breset|\brsts?\b|\bestabresets\b|\boutrsts\b/ },
];

/** Which counter of interest a stat record is, or null. */
export function classifyStat(section: string, counter: string, text: string): StatCategory | null {
  const sec = section.toLowerCase().trim();
  const words = `${counter} ${text}`.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim();
  for (const rule of RULES) {
    if (rule.section !== undefined && !rule.section.test(sec)) continue;
    if (!rule.words.test(words)) continue;
    if (rule.not?.test(words)) continue;
    return rule.category;
  }
  return null;
}
