/**
 * Lines around netstat output that mark where one run ends and the next begins: shell prompts,
 * timestamps (`date` and friends), and the notices netstat and ss print on stderr.
 *
 * Every regular expression here is linear on any input: no nested quantifiers, bounded prefixes.
 */
import { isTranslatedNotice } from './l10n.js';

export interface PromptMatch {
  /** The command after the prompt: "sudo netstat -tulpn". */
  command: string;
  /** True when the command runs netstat or ss (so a new snapshot starts). */
  netstat: boolean;
}

// user@host:~# / [user@host dir]$ / host% / PS C:\dir> / C:\dir> / bare "$ ".
const PROMPT_PREFIX =
  /^(?:(?<ps>PS [A-Za-z]:[^>]{0,200}>)|(?<win>[A-Za-z]:\\[^>]{0,200}>)|(?<br>\[[^\]\n]{1,200}\][$#%])|(?<uh>[\w.-]{1,64}@[\w.-]{1,64}(?::[^\s$#]{0,200})?[$#%>])|(?<bare>[$#%>]))[ ]?/;

// netstat, ss, busybox netstat, with sudo and a path; options only (or a pipe) after it.
const NETSTAT_COMMAND =
  /^(?:sudo\s+(?:-\S+\s+){0,4})?(?:\S{0,100}\/)?(?:busybox\s+)?(?:netstat|ss)(?:\.exe)?(?:\s+[-|>].*|\s*)$/i;

// No \s* around the separators: split parts are trimmed instead (\s* before an alternation is
// quadratic on a long run of spaces).
const COMMAND_SPLIT = /;|&&|\|\||\bdo\b|\bthen\b/;

/** A shell prompt line, and whether it runs netstat. */
export function matchPrompt(line: string): PromptMatch | null {
  const m = PROMPT_PREFIX.exec(line);
  if (m === null) return null;
  const command = line.slice(m[0].length).trim();
  const netstat = command.split(COMMAND_SPLIT).some((part) => NETSTAT_COMMAND.test(part.trim()));
  // A bare "#" or ">" is also how comments and quotes start: only a netstat command makes it a prompt.
  if (m.groups?.bare !== undefined && m.groups.bare !== '$' && !netstat) return null;
  if (command === '' && m.groups?.bare !== undefined) return null;
  return { command, netstat };
}

export interface TimestampMatch {
  /** ISO 8601; without an offset when the line gave a zone we cannot resolve. */
  iso: string;
}

const MONTHS: { [name: string]: number } = {};
for (const [i, names] of [
  ['jan', 'january', 'januar', 'janvier', 'ene', 'enero', 'janv', 'jän', 'jänner'],
  ['feb', 'february', 'februar', 'fév', 'févr', 'février', 'febrero', 'fev'],
  ['mar', 'march', 'mär', 'märz', 'mars', 'marzo', 'mrz'],
  ['apr', 'april', 'avr', 'avril', 'abr', 'abril'],
  ['may', 'mai', 'mayo'],
  ['jun', 'june', 'juni', 'juin', 'junio'],
  ['jul', 'july', 'juli', 'juil', 'juillet', 'julio'],
  ['aug', 'august', 'août', 'aoû', 'ago', 'agosto'],
  ['sep', 'sept', 'september', 'septembre', 'septiembre'],
  ['oct', 'october', 'okt', 'oktober', 'octobre', 'octubre'],
  ['nov', 'november', 'novembre', 'noviembre'],
  ['dec', 'december', 'dez', 'dezember', 'déc', 'décembre', 'dic', 'diciembre'],
].entries()) {
  for (const n of names) MONTHS[n] = i + 1;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d{1,9})?)?\s?(Z|[+-]\d{2}:?\d{2}|UTC|GMT)?/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;
const ZONES_UTC = new Set(['UTC', 'GMT', 'Z', 'UT']);

/**
 * A line that is only a timestamp: `date` output (C locale and common others), ISO 8601,
 * "=== 2026-11-27 10:00:01 ===" style markers, or epoch seconds.
 */
export function matchTimestamp(line: string): TimestampMatch | null {
  let text = line.trim();
  if (text.length < 8 || text.length > 80) return null;
  // Decorations around a marker: "=== ... ===", "--- ... ---", "[...]", "# ...".
  text = text.replace(/^[=#*\-[<> ]{1,10}/, '').replace(/[=#*\-\]<> ]{1,10}$/, '').trim();
  if (/^@?\d{9,10}(?:\.\d{1,9})?$/.test(text)) {
    const seconds = Number(text.replace('@', ''));
    return { iso: new Date(seconds * 1000).toISOString().replace('.000Z', 'Z') };
  }
  const iso = ISO.exec(text);
  if (iso !== null && iso[0].length >= text.length - 4) {
    const [, y, mo, d, h, mi, s = '00', frac = '', zone] = iso;
    return { iso: `${y}-${mo}-${d}T${h}:${mi}:${s}${frac}${zoneSuffix(zone)}` };
  }
  return matchDateWords(text);
}

function zoneSuffix(zone: string | undefined): string {
  if (zone === undefined) return '';
  if (ZONES_UTC.has(zone)) return 'Z';
  if (/^[+-]\d{2}:?\d{2}$/.test(zone)) return zone.includes(':') ? zone : `${zone.slice(0, 3)}:${zone.slice(3)}`;
  return '';
}

/**
 * `date` in words, in any order its locales use: "Sat Nov 28 00:02:26 UTC 2026",
 * "Sat 28 Nov 2026 12:02:26 AM UTC", "Sa 28. Nov 00:02:26 CET 2026", "samedi 28 novembre 2026,
 * 00:02:26 (UTC+0100)", "Saturday, November 28, 2026 12:02:26 AM".
 */
function matchDateWords(text: string): TimestampMatch | null {
  const words = text.replace(/[,()]/g, ' ').split(/\s+/).filter(Boolean);
  if (words.length < 4 || words.length > 9) return null;
  let year: number | null = null;
  let month: number | null = null;
  let day: number | null = null;
  let time: RegExpExecArray | null = null;
  let ampm: string | null = null;
  let zone: string | undefined;
  let unknown = 0;
  for (const raw of words) {
    const w = raw.replace(/\.$/, '');
    const lower = w.toLowerCase();
    if (time === null && TIME.test(w)) time = TIME.exec(w);
    else if (/^\d{4}$/.test(w) && year === null) year = Number(w);
    else if (/^\d{1,2}$/.test(w) && day === null) day = Number(w);
    else if (MONTHS[lower] !== undefined && month === null) month = MONTHS[lower]!;
    else if (/^(am|pm)$/i.test(w)) ampm = lower;
    else if (/^(?:[A-Z]{2,5}|[+-]\d{4}|UTC[+-]\d{2,4})$/.test(w) && zone === undefined) zone = w;
    else if (/^[a-zäéèûôíáúñç]{2,12}$/i.test(w)) unknown++; // weekday names
    else return null;
  }
  if (year === null || month === null || day === null || time === null || unknown > 1) return null;
  let hour = Number(time[1]);
  if (ampm === 'pm' && hour < 12) hour += 12;
  if (ampm === 'am' && hour === 12) hour = 0;
  if (hour > 23 || day < 1 || day > 31) return null;
  const pad = (n: number): string => String(n).padStart(2, '0');
  const offset = zone === undefined ? '' : /^UTC[+-]/.test(zone) ? zoneSuffix(zone.slice(3).padEnd(5, '0')) : zoneSuffix(zone);
  return {
    iso: `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${time[2]}:${time[3] ?? '00'}${offset}`,
  };
}

/** Messages netstat and ss print on stderr, which end up in pasted output. */
const NOTICES = [
  /^\(?Not all processes could be identified/,
  /^\s*will not be shown, you would have to be root/,
  /^\(No info could be read for "-p"/,
  /^netstat: /,
  /^ss: /,
  /^busybox: /,
  /^RTNETLINK answers: /,
  /^Cannot open netlink socket/,
  /^warning, got bogus /,
];

export function isNotice(line: string): boolean {
  for (const re of NOTICES) if (re.test(line)) return true;
  return isTranslatedNotice(line);
}
