#!/usr/bin/env node
// Writes src/parse/l10n-data.ts: the messages of net-tools' translations (cs, de, et, fr, ja, pt_BR,
// the catalogues Debian ships) that netstat prints in the tables netsnap reads: titles, column
// headers, TCP and unix socket states, unix socket types, the -s histogram headings, and the words
// of `netstat -ie` blocks. Run by hand when the catalogues change (needs gettext's msgunfmt and the
// net-tools package):
//
//   node scripts/gen-l10n.mjs [/usr/share/locale]
//
// The output is committed: the build does not need net-tools or gettext.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const localeDir = process.argv[2] ?? '/usr/share/locale';
const LANGS = ['cs', 'de', 'et', 'fr', 'ja', 'pt_BR'];

/** Messages netsnap matches whole (after collapsing whitespace). */
const WHOLE = [
  // titles and their qualifiers
  'Active Internet connections ', 'Active UNIX domain sockets ', '(servers and established)', '(only servers)',
  '(w/o servers)', 'Kernel Interface table\n', 'Kernel IP routing table\n', 'Kernel IPv6 routing table\n',
  'Kernel IP routing cache\n', 'Kernel IPv6 Neighbour Cache\n', 'IPv4 Group Memberships\n',
  // column headers
  '\nProto Recv-Q Send-Q Local Address           Foreign Address         State      ',
  ' User       Inode     ', ' Timer', ' Path\n',
  '\nProto RefCnt Flags       Type       State         I-Node',
  '\nProto RefCnt Flags       Type       State         I-Node  ',
  'Interface       RefCnt Group\n',
  'Destination     Gateway         Genmask         Flags   MSS Window  irtt Iface\n',
  'Destination     Gateway         Genmask         Flags Metric Ref    Use Iface\n',
  'Destination     Gateway         Genmask         Flags Metric Ref    Use Iface    MSS   Window irtt\n',
  'Destination                    Next Hop                   Flag Met Ref Use If\n',
  'Destination                                 Next Hop                                Flags Metric Ref    Use Iface\n',
  'Source          Destination     Gateway         Flags   MSS Window  irtt Iface\n',
  'Source          Destination     Gateway         Flags Metric Ref    Use Iface\n',
  'Source          Destination     Gateway         Flags Metric Ref    Use Iface    MSS   Window irtt  HH  Arp\n',
  'Source          Destination     Gateway         Flags Metric Ref    Use Iface    MSS   Window irtt  TOS HHRef HHUptod     SpecDst\n',
  '     - no statistics available -',
  // notices on stderr that end up in pastes
  '(Not all processes could be identified, non-owned process info\n will not be shown, you would have to be root to see it all.)\n',
  '(No info could be read for "-p": geteuid()=%d but you should be root.)\n',
  // netstat -s
  'ICMP input histogram:', 'ICMP output histogram:',
  // states and types
  'ESTABLISHED', 'SYN_SENT', 'SYN_RECV', 'FIN_WAIT1', 'FIN_WAIT2', 'TIME_WAIT', 'CLOSE', 'CLOSE_WAIT', 'LAST_ACK',
  'LISTEN', 'CLOSING', 'UNKNOWN', 'FREE', 'LISTENING', 'CONNECTING', 'CONNECTED', 'DISCONNECTING', 'STREAM', 'DGRAM',
  'RAW', 'RDM', 'SEQPACKET',
  // link types printed in parentheses by -ie (lib/*.c hardware titles)
  'UNSPEC', 'Local Loopback', 'Ethernet', 'Serial Line IP', 'VJ Serial Line IP', '6-bit Serial Line IP',
  'VJ 6-bit Serial Line IP', 'Adaptive Serial Line IP', 'Point-to-Point Protocol', 'IPIP Tunnel', 'IPv6-in-IPv4',
  'Fiber Distributed Data Interface', 'InfiniBand', 'Generic EUI-64', 'Frame Relay DLCI', 'Frame Relay Access Device',
  '16/4 Mbps Token Ring', '16/4 Mbps Token Ring (New)', 'ARCnet', 'Econet', 'HIPPI', 'IrLAP', 'AMPR AX.25',
  'AMPR NET/ROM', 'AMPR ROSE', '(Cisco)-HDLC', 'LAPB', 'Ash',
];

/** -ie format strings whose words are aligned one to one with their translation. */
const ALIGNED = [
  '%s: flags=%d<%s>  mtu %d', '  netmask %s', '  broadcast %s', '  destination %s', '        %s %s  prefixlen %d',
  '  scopeid 0x%x', '  txqueuelen %d', 'RX packets %llu  bytes %llu (%lu.%lu %s)\n',
  'TX packets %llu  bytes %llu (%lu.%lu %s)\n', 'RX errors %lu  dropped %lu  overruns %lu  frame %lu\n',
  'TX errors %lu  dropped %lu overruns %lu  carrier %lu  collisions %lu\n',
  // flag and scope names, printed joined by commas
  'UP,', 'BROADCAST,', 'DEBUG,', 'LOOPBACK,', 'POINTOPOINT,', 'NOTRAILERS,', 'RUNNING,', 'NOARP,', 'PROMISC,',
  'ALLMULTI,', 'SLAVE,', 'MASTER,', 'MULTICAST,', 'DYNAMIC,', 'global,', 'link,', 'host,', 'site,', 'compat,',
];

function parsePo(text) {
  const out = new Map();
  const re = /msgid ((?:"(?:[^"\\]|\\.)*"\s*)+)msgstr ((?:"(?:[^"\\]|\\.)*"\s*)+)/g;
  const join = (s) => [...s.matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((m) => JSON.parse(`"${m[1]}"`)).join('');
  for (const m of text.matchAll(re)) out.set(join(m[1]), join(m[2]));
  return out;
}

const messages = {};
const words = {};
for (const lang of LANGS) {
  const mo = join(localeDir, lang, 'LC_MESSAGES', 'net-tools.mo');
  const po = execFileSync('msgunfmt', [mo], { encoding: 'buffer' });
  const charset = /charset=([\w-]+)/.exec(po.toString('latin1'))?.[1] ?? 'UTF-8';
  const catalogue = parsePo(new TextDecoder(charset).decode(po));
  messages[lang] = {};
  for (const id of WHOLE) {
    const str = catalogue.get(id);
    if (str && str !== id) messages[lang][id] = str;
  }
  for (const id of ALIGNED) {
    const str = catalogue.get(id);
    if (!str || str === id) continue;
    const a = id.trim().split(/\s+/);
    const b = str.trim().split(/\s+/);
    if (a.length !== b.length) continue;
    a.forEach((w, k) => {
      const en = w.replace(/,$/, '');
      const tr = b[k].replace(/,$/, '');
      if (en !== tr && !en.includes('%') && !tr.includes('%')) words[tr] = en;
    });
  }
}

const body = `/**
 * Generated by scripts/gen-l10n.mjs from the net-tools 2.10 message catalogues Debian ships
 * (/usr/share/locale/{${LANGS.join(',')}}/LC_MESSAGES/net-tools.mo). Do not edit by hand.
 *
 * MESSAGES: per language, English msgid -> translation, for the messages netsnap matches.
 * IFCONFIG_WORDS: translated word of a \`netstat -ie\` line -> the English word it stands for.
 */
export const MESSAGES: { readonly [lang: string]: { readonly [msgid: string]: string } } = ${JSON.stringify(messages, null, 2)};

export const IFCONFIG_WORDS: { readonly [word: string]: string } = ${JSON.stringify(words, null, 2)};
`;
writeFileSync(join(root, 'src', 'parse', 'l10n-data.ts'), body);
