/**
 * Bad input never crashes the Windows sections: seeded random lines built from the pieces of
 * Windows output, inside every kind of Windows section, give records, structural lines, skipped
 * lines or diagnostics, never an exception (an ambiguous grammar would throw), and every line is
 * counted once.
 */
import { describe, expect, it } from 'vitest';
import { parseText } from '../../src/index.js';
import { seededRandom } from '../helpers.js';

const PIECES = [
  'TCP', 'UDP', 'TCPv6', '0.0.0.0:135', '[::]:0', '*:*', '[fe80::1%12]:49665', 'LISTENING', 'ABHÖREN', 'ESCUCHANDO',
  'InHost', '1712', '0', '18446744073709551616', '[svchost.exe]', 'RpcSs', 'Can', 'not', 'obtain', '=', '==========',
  '192.168.0.1', '255.255.255.0', 'On-link', 'Auf', 'Verbindung', 'fe80::/64', '::1/128', 'Default', 'None', '8...',
  '......', 'f0', '2f', 'e0', 'Bytes', 'Received', 'Sent', 'Messages', 'IPv4', 'Statistics', 'Routes:', '12x', 'é', '™',
  '\u3000', '\t', ':', '[', ']', '...',
];

const OPENERS = [
  '\nActive Connections\n\n  Proto  Local Address          Foreign Address        State           PID\n',
  '  Proto  Local Address          Foreign Address        State           PID      Offload State\n',
  'Interface Statistics\n\n                           Received            Sent\n\n',
  'ICMPv4 Statistics\n\n                            Received    Sent\n',
  'IPv4 Statistics\n\n',
  '===========================================================================\nInterface List\n',
  'IPv4 Route Table\n===========================================================================\nActive Routes:\nNetwork Destination        Netmask          Gateway       Interface  Metric\n',
  'IPv6 Route Table\n===========================================================================\nActive Routes:\n If Metric Network Destination      Gateway\n',
  'Persistent Routes:\n  Network Address          Netmask  Gateway Address  Metric\n',
];

describe('Windows sections on random input', () => {
  it('never throw and count every line once', () => {
    const rnd = seededRandom(11);
    for (let round = 0; round < 120; round++) {
      let text = OPENERS[Math.floor(rnd() * OPENERS.length)]!;
      for (let l = 0; l < 12; l++) {
        const n = Math.floor(rnd() * 9);
        let line = rnd() < 0.5 ? '  ' : ' ';
        for (let k = 0; k < n; k++) line += PIECES[Math.floor(rnd() * PIECES.length)]! + (rnd() < 0.8 ? ' ' : '   ');
        text += `${line}\n`;
      }
      const r = parseText(text);
      expect(r.stats.lines).toBe(r.stats.records + r.stats.structural + r.stats.skipped + r.stats.unparsed);
    }
  });
});
