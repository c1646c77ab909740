import { describe, expect, it } from 'vitest';
import { matchPrompt, matchTimestamp } from '../../src/parse/markers.js';

describe('prompts', () => {
  it.each([
    ['$ netstat -an', 'netstat -an', true],
    ['root@web1:~# netstat -tulpn', 'netstat -tulpn', true],
    ['[user@host ~]$ sudo netstat -anp', 'sudo netstat -anp', true],
    ['PS C:\\> netstat -ano', 'netstat -ano', true],
    ['C:\\>netstat -an', 'netstat -an', true],
    ['user@mac ~ % netstat -anv', null, null],
    ['$ ss -tanp', 'ss -tanp', true],
    ['$ busybox netstat -an', 'busybox netstat -an', true],
    ['$ /usr/bin/netstat -an | grep 80', '/usr/bin/netstat -an | grep 80', true],
    ['$ date; netstat -an', 'date; netstat -an', true],
    ['$ uptime', 'uptime', false],
    ['# netstat -an', 'netstat -an', true],
  ])('%s', (line, command, netstat) => {
    const m = matchPrompt(line);
    if (command === null) expect(m).toBeNull();
    else expect(m).toEqual({ command, netstat });
  });

  it.each(['# netstat output before restart', '> quoted text', 'Proto Recv-Q Send-Q', '# comment', 'tcp 0 0 a:1 b:2 LISTEN'])(
    'is not a prompt: %s',
    (line) => expect(matchPrompt(line)).toBeNull(),
  );
});

describe('timestamps', () => {
  it.each([
    ['Sat Nov 28 00:02:26 UTC 2026', '2026-11-28T00:02:26Z'],
    ['Sat 28 Nov 2026 12:02:26 AM UTC', '2026-11-28T00:02:26Z'],
    ['Fri Nov 27 15:04:05 CET 2026', '2026-11-27T15:04:05'],
    ['Sa 28. Nov 00:02:26 CET 2026', '2026-11-28T00:02:26'],
    ['2026-11-27T10:00:01Z', '2026-11-27T10:00:01Z'],
    ['2026-11-27T10:00:01+01:00', '2026-11-27T10:00:01+01:00'],
    ['2026-11-27 10:00:01', '2026-11-27T10:00:01'],
    ['=== 2026-11-27 10:00:01 ===', '2026-11-27T10:00:01'],
    ['1764288146', '2025-11-28T00:02:26Z'],
    ['Saturday, November 28, 2026 12:02:26 PM', '2026-11-28T12:02:26'],
  ])('%s', (line, iso) => {
    expect(matchTimestamp(line)).toEqual({ iso });
  });

  it.each(['tcp 0 0 127.0.0.1:80 0.0.0.0:* LISTEN', 'hello world', '12345', 'Kernel Interface table'])(
    'is not a timestamp: %s',
    (line) => expect(matchTimestamp(line)).toBeNull(),
  );
});
