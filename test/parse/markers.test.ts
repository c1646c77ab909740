import { describe, expect, it } from 'vitest';
import { matchPrompt, matchTimestamp, parseCommand } from '../../src/parse/markers.js';

describe('prompts', () => {
  it.each([
    ['$ netstat -an', 'netstat -an', ['-a', '-n']],
    ['root@web1:~# netstat -tulpn', 'netstat -tulpn', ['-t', '-u', '-l', '-p', '-n']],
    ['[user@host ~]$ sudo netstat -anp', 'sudo netstat -anp', ['-a', '-n', '-p']],
    ['PS C:\\> netstat -ano', 'netstat -ano', ['-a', '-n', '-o']],
    ['C:\\>netstat -an', 'netstat -an', ['-a', '-n']],
    ['user@mac ~ % netstat -anv', 'netstat -anv', ['-a', '-n', '-v']],
    ['$ ss -tanp', 'ss -tanp', ['-t', '-a', '-n', '-p']],
    ['$ busybox netstat -an', 'busybox netstat -an', ['-a', '-n']],
    ['$ /usr/bin/netstat -an | grep 80', '/usr/bin/netstat -an | grep 80', ['-a', '-n']],
    ['$ date; netstat -an', 'date; netstat -an', ['-a', '-n']],
    ['# netstat -an', 'netstat -an', ['-a', '-n']],
    ['root@vm:~# LANG=de_DE.UTF-8 netstat -tn | head -6', 'LANG=de_DE.UTF-8 netstat -tn | head -6', ['-t', '-n']],
    ['nobody@vm:/$ netstat -tlnp | head -8', 'netstat -tlnp | head -8', ['-t', '-l', '-n', '-p']],
  ])('%s', (line, command, options) => {
    const m = matchPrompt(line);
    expect(m).toMatchObject({ command, netstat: true });
    expect(m?.run?.options).toEqual(options);
  });

  it.each([
    ['$ uptime', 'uptime'],
    ['root@vm:~# # what is listening?', '# what is listening?'],
    ['root@vm:~# date', 'date'],
  ])('is a prompt running another command: %s', (line, command) => {
    expect(matchPrompt(line)).toEqual({ command, netstat: false, run: null });
  });

  it.each([
    '# netstat output before restart',
    '> quoted text',
    'Proto Recv-Q Send-Q',
    '# comment',
    'tcp 0 0 a:1 b:2 LISTEN',
    'bob@example.com wrote:',
    '# ',
  ])('is not a prompt: %s', (line) => expect(matchPrompt(line)).toBeNull());
});

describe('the command and options of a prompt', () => {
  it.each([
    ['netstat -anp', 'netstat', ['-a', '-n', '-p'], [], false],
    ['netstat -A inet,inet6 -an', 'netstat', ['-A', 'inet,inet6', '-a', '-n'], [], false],
    ['netstat -Ainet -n', 'netstat', ['-A', 'inet', '-n'], [], false],
    ['netstat --numeric-hosts -t --protocol inet', 'netstat', ['--numeric-hosts', '-t', '--protocol', 'inet'], [], false],
    ['netstat --inet6 -an', 'netstat', ['--inet6', '-a', '-n'], [], false],
    ['netstat -c 5', 'netstat', ['-c'], ['5'], false],
    ["ss -tnp state established '( sport = :47000 )'", 'ss', ['-t', '-n', '-p'], ['state', 'established', '( sport = :47000 )'], false],
    ['ss -f inet -an', 'ss', ['-f', 'inet', '-a', '-n'], [], false],
    ['for i in 1 2 3; do date -Is; netstat -tn; sleep 1; done', 'netstat', ['-t', '-n'], [], false],
    ['while true; do date; netstat -an; sleep 5; done >> net.log', 'netstat', ['-a', '-n'], [], false],
    ['timeout 3 netstat -c -an', 'netstat', ['-c', '-a', '-n'], [], false],
    ['ssh web1 netstat -an', 'netstat', ['-a', '-n'], [], false],
    ["ssh -p 2222 web1 'sudo netstat -tulpn | grep 80'", 'netstat', ['-t', '-u', '-l', '-p', '-n'], [], true],
    ['watch -n1 "netstat -tn"', 'netstat', ['-t', '-n'], [], false],
    ['bash -c "netstat -s"', 'netstat', ['-s'], [], false],
    ['sudo -u root env LC_ALL=C netstat -i', 'netstat', ['-i'], [], false],
    ['docker exec -it web netstat -an', 'netstat', ['-a', '-n'], [], false],
    ['kubectl exec pod -- ss -tan', 'ss', ['-t', '-a', '-n'], [], false],
    ['ip netns exec ns1 ss -s', 'ss', ['-s'], [], false],
    ['/usr/bin/netstat -an 2>&1 | tee x', 'netstat', ['-a', '-n'], [], true],
    ['netstat -an > out.txt', 'netstat', ['-a', '-n'], [], false],
    ['busybox netstat -an', 'netstat', ['-a', '-n'], [], false],
  ])('%s', (command, tool, options, args, piped) => {
    expect(parseCommand(command)).toEqual({ tool, options, args, piped });
  });

  it('reads Windows netstat options, where -p takes a protocol', () => {
    expect(parseCommand('C:\\Windows\\System32\\netstat.exe -ano -p tcp', true)).toEqual({
      tool: 'netstat',
      options: ['-a', '-n', '-o', '-p', 'tcp'],
      args: [],
      piped: false,
    });
    expect(matchPrompt('PS C:\\> netstat -ano -p TCP | Select-String 443')?.run).toEqual({
      tool: 'netstat',
      options: ['-a', '-n', '-o', '-p', 'TCP'],
      args: [],
      piped: true,
    });
  });

  it.each(['uptime', 'man netstat', 'grep netstat x', 'echo netstat', 'sudo systemctl restart ss', 'apt install net-tools', ''])(
    'runs no netstat: %s',
    (command) => expect(parseCommand(command)).toBeNull(),
  );

  it('never throws on garbage (random bytes, deep quotes, odd whitespace, long wrapper chains)', () => {
    let seed = 7;
    const rnd = (): number => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const lines: string[] = [
      `$ ${'bash -c "'.repeat(50)}netstat -an`,
      `$ ${'sudo '.repeat(3000)}netstat -an`,
      `$ a\vb\fc netstat\u00a0-an`,
      `# ${"'".repeat(999)}`,
    ];
    for (let n = 0; n < 2000; n++) {
      let t = '';
      const len = Math.floor(rnd() * 120);
      for (let i = 0; i < len; i++) t += String.fromCharCode(Math.floor(rnd() * (rnd() < 0.8 ? 128 : 0x3000)));
      lines.push(t, `$ ${t}`, `root@h:~# netstat ${t}`);
    }
    for (const line of lines) {
      expect(() => [matchPrompt(line), matchTimestamp(line), parseCommand(line), parseCommand(line, true)]).not.toThrow();
    }
    expect(parseCommand(`${'sudo '.repeat(3000)}netstat -an`)).toBeNull();
    expect(parseCommand(`${'sudo '.repeat(5)}netstat -an`)?.options).toEqual(['-a', '-n']);
  });

  it('stays fast on a long, unbalanced command line', () => {
    const t0 = performance.now();
    parseCommand(`sudo ${'"'.repeat(3000)} ${'-x '.repeat(3000)} netstat`);
    parseCommand(`${'a=b '.repeat(5000)}netstat -an`);
    expect(performance.now() - t0).toBeLessThan(2000);
  });
});

describe('timestamps', () => {
  it.each([
    ['Sat Nov 28 00:02:26 UTC 2026', '2026-11-28T00:02:26Z'],
    ['Sat 28 Nov 2026 12:02:26 AM UTC', '2026-11-28T00:02:26Z'],
    ['Fri Nov 27 15:04:05 CET 2026', '2026-11-27T15:04:05+01:00'],
    ['Fri Nov 27 15:04:05 CST 2026', '2026-11-27T15:04:05'],
    ['Sa 28. Nov 00:02:26 CET 2026', '2026-11-28T00:02:26+01:00'],
    ['Sat, 28 Nov 2026 00:02:26 +0000', '2026-11-28T00:02:26+00:00'],
    ['sam. 28 nov. 2026 00:55:49 UTC', '2026-11-28T00:55:49Z'],
    ['samedi 28 novembre 2026, 00:02:26 (UTC+0100)', '2026-11-28T00:02:26+01:00'],
    ['sáb 28 nov 2026 00:55:49 -03', '2026-11-28T00:55:49-03:00'],
    ['sab 28 nov 2026, 00:55:49, CET', '2026-11-28T00:55:49+01:00'],
    ['so 28. lis 2026, 00:55:49 UTC', '2026-11-28T00:55:49Z'],
    ['Samstag, 28. November 2026 00:55:49', '2026-11-28T00:55:49'],
    ['Saturday, November 28, 2026 12:02:26 PM', '2026-11-28T12:02:26'],
    ['2026年 11月 28日 土曜日 00:55:49 JST', '2026-11-28T00:55:49+09:00'],
    ['2026-11-27T10:00:01Z', '2026-11-27T10:00:01Z'],
    ['2026-11-27T10:00:01+01:00', '2026-11-27T10:00:01+01:00'],
    ['2026-11-28T00:55:55,123456789+00:00', '2026-11-28T00:55:55.123456789+00:00'],
    ['2026-11-27 10:00:01', '2026-11-27T10:00:01'],
    ['2026-11-27 10:00:01 UTC', '2026-11-27T10:00:01Z'],
    ['20261128T005549Z', '2026-11-28T00:55:49Z'],
    ['=== 2026-11-27 10:00:01 ===', '2026-11-27T10:00:01'],
    ['--- Sat Nov 28 00:02:26 UTC 2026 ---', '2026-11-28T00:02:26Z'],
    ['[2026-11-27 10:00:01]', '2026-11-27T10:00:01'],
    ['Timestamp: 2026-11-28 00:55:55', '2026-11-28T00:55:55'],
    ['# date: Sat Nov 28 00:02:26 UTC 2026', '2026-11-28T00:02:26Z'],
    ['1764288146', '2025-11-28T00:02:26Z'],
    ['@1764288146', '2025-11-28T00:02:26Z'],
    ['1764288146.5', '2025-11-28T00:02:26.500Z'],
    ['1764288146123', '2025-11-28T00:02:26.123Z'],
    ['00:55:49', '00:55:49'],
    ['=== 10:00:01 ===', '10:00:01'],
  ])('%s', (line, iso) => {
    expect(matchTimestamp(line)).toEqual({ iso });
  });

  it.each([
    'tcp 0 0 127.0.0.1:80 0.0.0.0:* LISTEN',
    'hello world',
    '12345',
    'Kernel Interface table',
    '12:34',
    '25:61:99',
    '2026-13-45 10:00:01',
    'Sat Nov 31 25:02:26 UTC 2026',
    ' 10:00:01 up 3 days,  2 users,  load average: 0.00, 0.01, 0.05',
    'Script started on 2026-11-28 00:55:49+00:00 [COMMAND="bash"]',
    '# netstat output before restart',
  ])('is not a timestamp: %s', (line) => expect(matchTimestamp(line)).toBeNull());
});
