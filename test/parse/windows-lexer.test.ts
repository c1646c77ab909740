/** The Windows lexers: which token types the grammars see for the lines that matter. */
import { describe, expect, it } from 'vitest';
import { tokenizeIfListLine, tokenizeWindowsLine } from '../../src/parse/formats/windows-lexer.js';

const types = (toks: { type: string; text: string }[]) => toks.map((t) => `${t.type}:${t.text}`);

describe('Windows lexer', () => {
  it('types protocols and known states as keywords, other capitals as upper, the offload state as a word', () => {
    expect(types(tokenizeWindowsLine('  TCP    127.0.0.1:54995   127.0.0.1:1110   SCHLIESSEN_WARTEN    12600'))).toEqual([
      'proto:TCP', 'endpoint:127.0.0.1:54995', 'endpoint:127.0.0.1:1110', 'win_state:SCHLIESSEN_WARTEN', 'number:12600',
    ]);
    expect(types(tokenizeWindowsLine('  TCPv6  [::]:135  [::]:0  ESCUCHANDO  InHost'))).toEqual([
      'proto:TCPv6', 'endpoint:[::]:135', 'endpoint:[::]:0', 'upper:ESCUCHANDO', 'word:InHost',
    ]);
    expect(types(tokenizeWindowsLine('  TCP  0.0.0.0:102  0.0.0.0:0  ABH™REN'))[3]).toBe('win_state:ABH™REN');
  });

  it('keeps a bracketed program name with spaces as one token, but never an address in brackets', () => {
    expect(types(tokenizeWindowsLine(' [NVIDIA Web Helper.exe]'))).toEqual(['bracket:[NVIDIA Web Helper.exe]']);
    expect(types(tokenizeWindowsLine('  UDP  [fe80::1%9]:546  *:*'))).toEqual(['proto:UDP', 'endpoint:[fe80::1%9]:546', 'endpoint:*:*']);
  });

  it('tells IPv4 addresses, numbers and "=" apart in routes and statistics', () => {
    expect(types(tokenizeWindowsLine('        127.0.0.0        255.0.0.0   Auf Verbindung         127.0.0.1    306'))).toEqual([
      'dotted:127.0.0.0', 'dotted:255.0.0.0', 'word:Auf', 'word:Verbindung', 'dotted:127.0.0.1', 'number:306',
    ]);
    expect(types(tokenizeWindowsLine('  MLD Queries    719   0'))).toEqual(['upper:MLD', 'word:Queries', 'number:719', 'number:0']);
    expect(types(tokenizeWindowsLine('  Packets Received = 9147172'))).toEqual(['word:Packets', 'word:Received', 'eq:=', 'number:9147172']);
  });

  it('reads the interface index only at the start of an Interface List line', () => {
    expect(types(tokenizeIfListLine('  6...b0 85 b3 5d 5d 47 ......Sierra Wireless EM7345 4G LTE'))).toEqual([
      'ifindex:6...', 'hexbyte:b0', 'hexbyte:85', 'hexbyte:b3', 'hexbyte:5d', 'hexbyte:5d', 'hexbyte:47', 'filler:......',
      'word:Sierra', 'word:Wireless', 'word:EM7345', 'word:4G', 'word:LTE',
    ]);
    expect(types(tokenizeIfListLine(' 10 ...00 0c 29 9a e2 26 ...... Intel(R) PRO/1000'))).toEqual([
      'ifindex:10 ...', 'hexbyte:00', 'hexbyte:0c', 'hexbyte:29', 'hexbyte:9a', 'hexbyte:e2', 'hexbyte:26', 'filler:......',
      'word:Intel(R)', 'word:PRO/1000',
    ]);
    expect(types(tokenizeIfListLine('0x1 ........................... MS TCP Loopback interface')).slice(0, 3)).toEqual([
      'ifindex:0x1 ...', 'filler:........................', 'word:MS',
    ]);
  });
});
