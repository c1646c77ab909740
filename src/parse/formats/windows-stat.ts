/**
 * Windows `netstat -s` (and `-s -p PROTO`), in any language: one WindowsStatRecord (src/types.ts)
 * per counter. Rows are read by grammar/windows-stat.ne.
 *
 *     IPv4 Statistics                                  section "IPv4"
 *       Packets Received                   = 9147172   counter "packets_received"
 *     ICMPv4 Statistics                                section "ICMPv4"
 *                                 Received    Sent
 *       Messages                  5873        9527     counters "messages_received", "messages_sent"
 *     TCP Statistics for IPv4                          section "TCPv4"
 *
 * Sections get stable names from the protocol and version in the heading (IPv4, IPv6, ICMPv4,
 * ICMPv6, TCPv4, TCPv6, UDPv4, UDPv6; a heading without a version, as old Windows printed, is
 * IPv4). Counters get stable names from the English label, snake_cased. A German label is
 * translated by a table taken from a real capture; a label in another language is named by its
 * place, since Windows prints each section's counters in a fixed order.
 */
import type { Int, WindowsStatRecord } from '../../types.js';
import {
  RECORD,
  STRUCTURAL,
  fieldDiagnostic,
  type Emit,
  type FormatPlugin,
  type LineContext,
  type LineOutcome,
  type Opened,
  type Section,
} from '../format.js';
import { FieldError, toInt } from '../normalize.js';
import { WINDOWS_STAT, readRow, rowDiagnostic, tokenType, tokens, words } from './windows-rows.js';

const LABEL = 'statistics';

/** "Statistics" in the languages Windows is translated into (stems). */
const STATISTICS = /statisti|estad[ií]stic|estat[ií]stic|статистик|统计|統計|istatistik/iu;
/** A protocol name as a word of its own ("TCP-Statistik" and "TCP的" count, "TCPIP" does not). */
const word = (name: string) => new RegExp(`(?<![A-Za-z])${name}(?![A-Za-z])`);
const ICMP_VERSION = word('ICMPv([46])');
const ICMP = word('ICMP');
const TRANSPORT = word('(TCP|UDP)');
const IP_VERSION = word('IPv([46])');
const IP = word('IP');

type Family = 'ip' | 'icmp4' | 'icmp6' | 'tcp' | 'udp';

/** The counters of each family in the order Windows prints them (netstat.exe, Windows 10). */
const ENGLISH: { readonly [F in Family]: readonly string[] } = {
  ip: [
    'Packets Received', 'Received Header Errors', 'Received Address Errors', 'Datagrams Forwarded',
    'Unknown Protocols Received', 'Received Packets Discarded', 'Received Packets Delivered', 'Output Requests',
    'Routing Discards', 'Discarded Output Packets', 'Output Packet No Route', 'Reassembly Required',
    'Reassembly Successful', 'Reassembly Failures', 'Datagrams Successfully Fragmented',
    'Datagrams Failing Fragmentation', 'Fragments Created',
  ],
  icmp4: [
    'Messages', 'Errors', 'Destination Unreachable', 'Time Exceeded', 'Parameter Problems', 'Source Quenches',
    'Redirects', 'Echo Replies', 'Echos', 'Timestamps', 'Timestamp Replies', 'Address Masks',
    'Address Mask Replies', 'Router Solicitations', 'Router Advertisements',
  ],
  icmp6: [
    'Messages', 'Errors', 'Destination Unreachable', 'Packet Too Big', 'Time Exceeded', 'Parameter Problems',
    'Echos', 'Echo Replies', 'MLD Queries', 'MLD Reports', 'MLD Dones', 'Router Solicitations',
    'Router Advertisements', 'Neighbor Solicitations', 'Neighbor Advertisements', 'Redirects',
    'Router Renumberings',
  ],
  tcp: [
    'Active Opens', 'Passive Opens', 'Failed Connection Attempts', 'Reset Connections', 'Current Connections',
    'Segments Received', 'Segments Sent', 'Segments Retransmitted',
  ],
  udp: ['Datagrams Received', 'No Ports', 'Receive Errors', 'Datagrams Sent'],
};

/** German labels (from a real Windows 8.1 capture) and their English names. */
const GERMAN: { readonly [label: string]: string } = {
  'empfangene pakete': 'Packets Received',
  'empfangene vorspannfehler': 'Received Header Errors',
  'empfangene adressfehler': 'Received Address Errors',
  'weitergeleitete datagramme': 'Datagrams Forwarded',
  'empfangene unbekannte protokolle': 'Unknown Protocols Received',
  'empfangene verworfene pakete': 'Received Packets Discarded',
  'empfangene übermittelte pakete': 'Received Packets Delivered',
  ausgabeanforderungen: 'Output Requests',
  'verworfene routingpakete': 'Routing Discards',
  'verworfene ausgabepakete': 'Discarded Output Packets',
  'ausgabepakete ohne routing': 'Output Packet No Route',
  'reassemblierung erforderlich': 'Reassembly Required',
  'reassemblierung erfolgreich': 'Reassembly Successful',
  'reassemblierung erfolglos': 'Reassembly Failures',
  'erfolgreiche datagrammfragmentierung': 'Datagrams Successfully Fragmented',
  'erfolglose datagrammfragmentierung': 'Datagrams Failing Fragmentation',
  'erzeugte fragmente': 'Fragments Created',
  meldungen: 'Messages',
  fehler: 'Errors',
  'ziel nicht erreichbar': 'Destination Unreachable',
  zeitüberschreitung: 'Time Exceeded',
  parameterprobleme: 'Parameter Problems',
  quelldrosselung: 'Source Quenches',
  umleitungen: 'Redirects',
  echoantworten: 'Echo Replies',
  echos: 'Echos',
  zeiteinträge: 'Timestamps',
  zeiteintragantworten: 'Timestamp Replies',
  adressmasken: 'Address Masks',
  adressmaskenantworten: 'Address Mask Replies',
  routeranfragen: 'Router Solicitations',
  routerankündigungen: 'Router Advertisements',
  'paket zu groß': 'Packet Too Big',
  'mld-abfragen': 'MLD Queries',
  'mld-berichte': 'MLD Reports',
  'mld-beendigungen': 'MLD Dones',
  nachbaranfragen: 'Neighbor Solicitations',
  nachbarankündigungen: 'Neighbor Advertisements',
  routerneunummerierungen: 'Router Renumberings',
  'aktiv geöffnet': 'Active Opens',
  'passiv geöffnet': 'Passive Opens',
  'erfolglose verbindungsversuche': 'Failed Connection Attempts',
  'zurückgesetzte verbindungen': 'Reset Connections',
  'aktuelle verbindungen': 'Current Connections',
  'empfangene segmente': 'Segments Received',
  'gesendete segmente': 'Segments Sent',
  'erneut übertragene segmente': 'Segments Retransmitted',
  'empfangene datagramme': 'Datagrams Received',
  'keine anschlüsse': 'No Ports',
  empfangsfehler: 'Receive Errors',
  'gesendete datagramme': 'Datagrams Sent',
};

/** "Packets Received" -> "packets_received". */
export function snakeCase(label: string): string {
  return label
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_/, '')
    .replace(/_$/, '');
}

interface Heading {
  section: string;
  family: Family;
}

/** The section a heading announces, or null when the line is not a -s heading. */
export function statHeading(line: string): Heading | null {
  if (line.length > 80) return null;
  const text = line.trim();
  if (text === '' || text.length > 60 || text.includes('=') || !STATISTICS.test(text) || words(text).length > 6) return null;
  // The transport names the section, wherever it stands ("TCP Statistics for IPv4", and IPv4
  // first in languages that put it there); the IP version is any "IPv4"/"IPv6" of the heading. A
  // heading without a version is IPv4: old Windows printed "IP Statistics", "TCP Statistics".
  const ipVersion = IP_VERSION.exec(text);
  const version = ipVersion?.[1] === '6' ? 6 : 4;
  const icmp = ICMP_VERSION.exec(text);
  if (icmp !== null) return icmp[1] === '6' ? { section: 'ICMPv6', family: 'icmp6' } : { section: 'ICMPv4', family: 'icmp4' };
  if (ICMP.test(text)) return version === 6 ? { section: 'ICMPv6', family: 'icmp6' } : { section: 'ICMPv4', family: 'icmp4' };
  const transport = TRANSPORT.exec(text);
  if (transport !== null) {
    const name = transport[1] as 'TCP' | 'UDP';
    return { section: `${name}v${version}`, family: name === 'TCP' ? 'tcp' : 'udp' };
  }
  if (ipVersion !== null || IP.test(text)) return { section: `IPv${version}`, family: 'ip' };
  return null;
}

class WindowsStatSection implements Section {
  readonly label = LABEL;
  private index = 0;
  private language: 'en' | 'de' | 'other' | null = null;
  private readonly seen = new Set<string>();

  constructor(
    readonly plugin: FormatPlugin,
    private heading: Heading,
    private headingText: string,
  ) {
    this.seen.add(heading.section);
  }

  line(ctx: LineContext, emit: Emit): LineOutcome {
    const heading = statHeading(ctx.text);
    if (heading !== null) {
      // A section seen again is the next run (netstat -s 5): the segmenter starts a new snapshot.
      if (this.seen.has(heading.section)) return { diagnostic: null };
      this.seen.add(heading.section);
      this.heading = heading;
      this.headingText = ctx.text.trim();
      this.index = 0;
      this.language = null;
      return STRUCTURAL;
    }
    const read = readRow(WINDOWS_STAT, 'win_stat_row', ctx.text);
    if (!read.ok) {
      // ICMP's "Received Sent" header: two words before the first row of the section.
      const list = words(ctx.text);
      const family = this.heading.family;
      if ((family === 'icmp4' || family === 'icmp6') && this.index === 0 && list.length === 2 && !/[\d=]/.test(ctx.text)) {
        return STRUCTURAL;
      }
      const looksLikeRow = tokens.length > 1 && (tokenType(tokens.length - 1) === 'number' || ctx.text.includes(' = '));
      return { diagnostic: looksLikeRow ? rowDiagnostic(ctx, read, LABEL) : null };
    }
    const counter = this.counter(read.raw.label!);
    const text = ctx.text.trim();
    let values: [string, Int][];
    try {
      values =
        read.raw.value !== undefined
          ? [[counter, toInt(read.raw.value, 'value')]]
          : [
              [`${counter}_received`, toInt(read.raw.received!, 'received')],
              [`${counter}_sent`, toInt(read.raw.sent!, 'sent')],
            ];
    } catch (err) {
      if (!(err instanceof FieldError)) throw err;
      return { diagnostic: fieldDiagnostic(ctx, tokens, err, LABEL) };
    }
    this.index++;
    for (const [name, value] of values) {
      const record: WindowsStatRecord = {
        kind: 'stat',
        snapshot: ctx.snapshot,
        source: ctx.source,
        line: ctx.line,
        platform: 'windows',
        section: this.heading.section,
        counter: name,
        value,
        text,
        section_text: this.headingText,
      };
      emit.record(record);
    }
    return RECORD;
  }

  end(): void {}

  /** The stable name of the counter with this label, the `index`-th of its section. */
  private counter(label: string): string {
    const printed = label.replace(/\s+/g, ' ');
    const english = ENGLISH[this.heading.family];
    if (this.language === null) {
      if (english.some((e) => e.toLowerCase() === printed.toLowerCase())) this.language = 'en';
      else if (GERMAN[printed.toLowerCase()] !== undefined) this.language = 'de';
      else this.language = 'other';
    }
    if (this.language === 'en') return snakeCase(printed);
    const translated = GERMAN[printed.toLowerCase()];
    if (translated !== undefined) return snakeCase(translated);
    const byPlace = english[this.index];
    return snakeCase(this.language === 'other' && byPlace !== undefined ? byPlace : printed);
  }
}

export const windowsStat: FormatPlugin = {
  id: 'windows-statistics',
  platform: 'windows',
  kinds: ['stat'],

  open(line: string): Opened | null {
    const heading = statHeading(line);
    if (heading === null) return null;
    return { section: new WindowsStatSection(this, heading, line.trim()), consumed: 'header' };
  },
};
