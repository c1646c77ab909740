/**
 * The moo lexer for `netstat -ie` blocks (ifconfig style), both the net-tools 2.x form
 * ("eth0: flags=4163<UP,...>  mtu 1400", "RX packets 2749  bytes 79843309 (76.1 MiB)") and the
 * older one ("eth0      Link encap:Ethernet  HWaddr ...", "RX packets:31682 errors:0 ...").
 *
 * Whitespace is dropped. Keywords are token types; a translated keyword (Czech netstat translates
 * them: "síťová_maska" for netmask) gets the type of the English one, from net-tools' catalogues.
 */
import moo from 'moo';
import { TokenBuffer, typeId } from './lexer.js';
import { ifconfigWord } from './l10n.js';

export const ifconfigLexer: moo.Lexer = moo.compile({
  ws: { match: /\s+/, lineBreaks: true },
  // "flags=4163<UP,BROADCAST,RUNNING,MULTICAST>"
  flags: /flags=\d+<[^>\s]*>/,
  // "0x20<link>", the value of scopeid
  scope: /0x[0-9a-fA-F]+<[^>\s]*>/,
  // "(Ethernet)", "(76.1 MiB)", "(Local Loopback)": one token, spaces and all
  paren: /\([^)\n]*\)/,
  // old style: "MTU:1500" ends the flags line
  mtu_kv: /MTU:\d+(?=\s|$)/,
  // old style "key:value": "addr:10.0.2.15", "Bcast:...", "packets:9423", "P-t-P:...", "encap:Ethernet"
  kv: /[A-Za-z][A-Za-z-]*:\S+/,
  number: /\d+(?=\s|$)/,
  word: /\S+/,
});

/** English keyword -> token type. */
const KEYWORDS = new Map<string, string>([
  ['inet', 'inet'], ['inet6', 'inet6'], ['netmask', 'netmask'], ['broadcast', 'broadcast'],
  ['destination', 'destination'], ['prefixlen', 'prefixlen'], ['scopeid', 'scopeid'],
  ['txqueuelen', 'txqueuelen'], ['mtu', 'mtu'], ['metric', 'metric'], ['RX', 'dir'], ['TX', 'dir'],
  ['packets', 'counter'], ['bytes', 'counter'], ['errors', 'counter'], ['dropped', 'counter'],
  ['overruns', 'counter'], ['frame', 'counter'], ['carrier', 'counter'], ['collisions', 'counter'],
  ['Link', 'link'], ['HWaddr', 'hwaddr'], ['device', 'device'],
]);

const TYPE_IDS = new Map<string, number>();
for (const name of ['flags', 'scope', 'paren', 'mtu_kv', 'kv', 'number', 'word', ...KEYWORDS.values()]) {
  TYPE_IDS.set(name, typeId(name));
}

/** Tokenise one line into `buf`. */
export function scanIfconfigLine(line: string, buf: TokenBuffer): void {
  buf.reset(line);
  ifconfigLexer.reset(line);
  for (let t = ifconfigLexer.next(); t !== undefined; t = ifconfigLexer.next()) {
    if (t.type === 'ws') continue;
    let type = t.type!;
    if (type === 'word') type = KEYWORDS.get(ifconfigWord(t.text)) ?? 'word';
    buf.push(TYPE_IDS.get(type)!, t.offset, t.offset + t.text.length);
  }
}

export function tokenizeIfconfigLine(line: string): ReturnType<TokenBuffer['toToks']> {
  const buf = new TokenBuffer();
  scanIfconfigLine(line, buf);
  return buf.toToks();
}
