/** The segmenter: sections found from headers, snapshots, and every line accounted for. */
import { describe, expect, it } from 'vitest';
import { parseText, renderDiagnostic } from '../../src/index.js';

const HEADER = 'Proto Recv-Q Send-Q Local Address           Foreign Address         State      ';
const ROW = 'tcp        0      0 127.0.0.1:80            127.0.0.1:5000          ESTABLISHED';

function kinds(text: string) {
  return parseText(text);
}

describe('sections', () => {
  it('recognises a table from its header when the title is missing', () => {
    const r = kinds(`some text pasted above\n${HEADER}\n${ROW}\n`);
    expect(r.records).toHaveLength(1);
    expect(r.skipped).toEqual([{ line: 1, text: 'some text pasted above' }]);
  });

  it('recognises a damaged title as a title', () => {
    const r = kinds(`Active Internt connectons (w/o servers)\n${HEADER}\n${ROW}\n`);
    expect(r.stats).toMatchObject({ records: 1, structural: 2, skipped: 0, unparsed: 0 });
  });

  it('starts a new table (and snapshot) at a header seen again', () => {
    const r = kinds(`${HEADER}\n${ROW}\n${HEADER}\n${ROW}\n`);
    expect(r.records.map((x) => [x.line, x.snapshot])).toEqual([[2, 0], [4, 1]]);
    expect(r.snapshotInfo.map((s) => [s.first_line, s.last_line])).toEqual([[1, 2], [3, 4]]);
  });

  it('splits netstat -c output at each repeated title', () => {
    const t = `Active Internet connections (w/o servers)\n${HEADER}\n${ROW}\n`;
    const r = kinds(t + t + t);
    expect(r.snapshots).toBe(3);
    expect(r.records.map((x) => x.snapshot)).toEqual([0, 1, 2]);
  });

  it('keeps commentary and other commands out of records, as skipped lines', () => {
    const r = kinds(
      `# netstat output before restart\n$ uptime\n 10:00:01 up 3 days\nActive Internet connections (w/o servers)\n${HEADER}\n${ROW}\nthat was all\n`,
    );
    expect(r.records).toHaveLength(1);
    expect(r.skipped.map((s) => s.line)).toEqual([1, 3, 7]);
    expect(r.stats).toMatchObject({ lines: 7, records: 1, structural: 3, skipped: 3, unparsed: 0 });
  });

  it('recognises the stderr banner of a non-root netstat -p', () => {
    const r = kinds(
      `(Not all processes could be identified, non-owned process info\n will not be shown, you would have to be root to see it all.)\n${HEADER}\n${ROW}\n`,
    );
    expect(r.stats).toMatchObject({ structural: 3, skipped: 0, unparsed: 0, records: 1 });
  });

  it('reports a damaged row inside a table with file, line, column and what was expected', () => {
    const r = parseText(`${HEADER}\n${ROW}\ntcp        0      0 127.0.0.1:80\n`, { source: 'paste.txt' });
    expect(r.stats).toMatchObject({ records: 1, unparsed: 1 });
    expect(renderDiagnostic(r.diagnostics[0]!)).toBe(
      [
        'netsnap: paste.txt:3:33: line ends early in Active Internet connections',
        '  3 | tcp        0      0 127.0.0.1:80',
        '    |                                 ^',
        '  expected an address or name',
      ].join('\n'),
    );
  });

  it('accounts for every line: records + structural + skipped + unparsed = lines', () => {
    const text = `\n\nhello\n${HEADER}\n${ROW}\ntcp 0 0 x\n\n$ netstat -an\nActive UNIX domain sockets (w/o servers)\n`;
    const r = parseText(text);
    const s = r.stats;
    expect(s.lines).toBe(text.split('\n').length - 1);
    expect(s.records + s.structural + s.skipped + s.unparsed).toBe(s.lines);
  });

  it('takes the command of a prompt and the time of a date line into the snapshot', () => {
    const r = kinds(
      `root@web1:~# netstat -tn\nSat Nov 28 00:02:26 UTC 2026\n${HEADER}\n${ROW}\n[user@host ~]$ sudo netstat -tn\n${HEADER}\n${ROW}\n`,
    );
    expect(r.snapshotInfo.map((s) => [s.index, s.command, s.timestamp, s.first_line, s.last_line, s.records])).toEqual([
      [0, 'netstat -tn', '2026-11-28T00:02:26Z', 1, 4, { inet: 1 }],
      [1, 'sudo netstat -tn', null, 5, 7, { inet: 1 }],
    ]);
  });

  it('reads sections it does not support (Bluetooth) as structural, never as errors', () => {
    const r = kinds(
      'Active Bluetooth connections (w/o servers)\nProto  Destination       Source            State         PSM DCID   SCID      IMTU    OMTU Security\nProto  Destination       Source            State     Channel\n',
    );
    expect(r.stats).toMatchObject({ structural: 3, skipped: 0, unparsed: 0 });
  });
});
