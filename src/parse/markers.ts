/**
 * Lines around netstat output that mark where one run ends and the next begins: shell prompts (and
 * the command and options they ran), timestamps (`date` and friends), and the notices netstat and
 * ss print on stderr.
 *
 * Every regular expression here is linear on any input: no nested quantifiers, bounded prefixes.
 */
import { isTranslatedNotice } from './l10n.js';

export interface PromptMatch {
  /** The command after the prompt: "sudo netstat -tulpn". */
  command: string;
  /** True when the command runs netstat or ss (so a new snapshot starts). */
  netstat: boolean;
  /** What the command runs, when it runs netstat or ss: its options, and whether it was piped. */
  run: CommandInfo | null;
}

// user@host:~# / user@host ~ % / [user@host dir]$ / PS C:\dir> / C:\dir> / bare "$ ".
const PROMPT_PREFIX =
  /^(?:(?<ps>PS [A-Za-z]:[^>]{0,200}>)|(?<win>[A-Za-z]:\\[^>]{0,200}>)|(?<br>\[[^\]\n]{1,200}\][$#%])|(?<uh>[\w.-]{1,64}@[\w.-]{1,64}(?::[^\s$#]{0,200}| [^\s$#%>]{1,200} ?)?[$#%>])|(?<bare>[$#%>]))[ ]?/;

/** A shell prompt line, and whether it runs netstat. */
export function matchPrompt(line: string): PromptMatch | null {
  const m = PROMPT_PREFIX.exec(line);
  if (m === null) return null;
  const command = line.slice(m[0].length).trim();
  const windows = m.groups?.ps !== undefined || m.groups?.win !== undefined;
  let run = parseCommand(command, windows);
  // A bare "#" or ">" is also how comments and quotes start: only a netstat command with nothing but
  // options makes it a prompt ("# netstat -an", not "# netstat output before restart").
  if (m.groups?.bare !== undefined && m.groups.bare !== '$') {
    if (run !== null && run.args.length > 0) run = null;
    if (run === null) return null;
  }
  const netstat = run !== null;
  if (command === '' && m.groups?.bare !== undefined && m.groups.bare !== '$') return null;
  return { command, netstat, run };
}

// ---------------------------------------------------------------------------------------------
// Commands

/** What a command line runs, when it runs netstat or ss. */
export interface CommandInfo {
  /** "netstat" or "ss" (busybox netstat is "netstat"). */
  tool: 'netstat' | 'ss';
  /**
   * The tool's options as argv words, normalised: combined short flags split (`-anp` is `-a -n
   * -p`), an option's value as the word after it (`-A inet,inet6`), long options as typed.
   */
  options: string[];
  /** Other words after the tool: a delay, an ss filter (`state established`). */
  args: string[];
  /** The output went through a pipe (`| grep`, `| head`): the snapshot may be partial. */
  piped: boolean;
}

/** Short options that take a value, per tool. */
const SHORT_WITH_VALUE: { readonly [tool: string]: string } = {
  netstat: 'A',
  ss: 'fADFN',
  'netstat-windows': 'p',
};
/** Long options that take a value as the next word when not written `--name=value`. */
const LONG_WITH_VALUE = new Set(['--protocol', '--family', '--query', '--diag', '--filter', '--net']);

/**
 * Programs that run another command given later on their command line (`sudo netstat`,
 * `LANG=C timeout 3 netstat -c`, `ssh web1 netstat -an`, `watch -n1 'netstat -tn'`), with how many
 * words that are not options come before that command (timeout's duration, ssh's host, ...).
 */
const WRAPPERS: { readonly [name: string]: number } = {
  sudo: 0, doas: 0, env: 0, time: 0, nice: 0, ionice: 0, stdbuf: 0, command: 0, exec: 0, watch: 0,
  nsenter: 0, strace: 0, unbuffer: 0, xargs: 0, busybox: 0, bash: 0, sh: 0, zsh: 0,
  timeout: 1, ssh: 1, chroot: 1, su: 1, runuser: 1, taskset: 1, docker: 2, podman: 2, kubectl: 2, ip: 3,
};
/** Short options of those programs that take the next word as their value (sudo -u USER, watch -n 1). */
const WRAPPER_OPTION_WITH_VALUE = /^-[ugnciltpoeCUhHsSDrRkwfN]$/;

const SEPARATORS = new Set([';', '&&', '||', '&', '\n']);
const KEYWORDS = new Set(['do', 'then', 'else', 'elif', '{', '(', '!']);
const MAX_COMMAND = 4096;
const MAX_DEPTH = 4;
/** `sudo env LANG=C timeout 3 nice netstat`: wrappers in a row, at most. */
const MAX_WRAPPERS = 32;

/** Characters that separate shell words (outside quotes). */
function isBlank(c: string): boolean {
  return c === ' ' || c === '\t';
}

/** A word with a blank in it came from quotes: a command line of its own, maybe. */
function hasBlank(word: string): boolean {
  return word.includes(' ') || word.includes('\t');
}

/**
 * What a command line runs, if it runs netstat or ss: `sudo netstat -anp | grep 80` is netstat
 * with options -a -n -p, piped. Null for other commands (`uptime`, `man netstat`, `grep netstat`).
 * `windows` reads the options as Windows netstat's (`-p tcp` takes a value).
 */
export function parseCommand(command: string, windows = false): CommandInfo | null {
  return commandAt(command, windows, 0);
}

/** `depth`: how many quoted commands deep (`bash -c "sudo sh -c '...'"`); a few at most. */
function commandAt(command: string, windows: boolean, depth: number): CommandInfo | null {
  if (depth > MAX_DEPTH) return null;
  const words = shellWords(command.length > MAX_COMMAND ? command.slice(0, MAX_COMMAND) : command, windows);
  // Split into simple commands (at ; && || &), each a pipeline of stages (at |).
  let start = 0;
  for (let i = 0; i <= words.length; i++) {
    const w = words[i];
    if (i < words.length && !(w !== undefined && w.op && SEPARATORS.has(w.text))) continue;
    const found = inPipeline(words.slice(start, i), windows, depth);
    if (found !== null) return found;
    start = i + 1;
  }
  return null;
}

function inPipeline(words: Word[], windows: boolean, depth: number): CommandInfo | null {
  let end = words.findIndex((w) => w.op && w.text === '|');
  const piped = end !== -1;
  if (end === -1) end = words.length;
  // Redirections end the words of the command too.
  let stop = words.findIndex((w, i) => i < end && w.op);
  if (stop === -1) stop = end;
  const stage = words.slice(0, stop).map((w) => w.text);
  const found = inStage(stage, windows, depth);
  if (found === null) return null;
  return { ...found, piped: found.piped || piped };
}

function inStage(words: string[], windows: boolean, depth: number): CommandInfo | null {
  if (depth > MAX_WRAPPERS) return null;
  let i = 0;
  while (i < words.length && (KEYWORDS.has(words[i]!) || /^[A-Za-z_][A-Za-z0-9_]{0,63}=/.test(words[i]!))) i++;
  if (i >= words.length) return null;
  const w = words[i]!;
  const name = toolName(w);
  if (name === 'netstat' || name === 'ss') return toolOptions(name, words.slice(i + 1), windows || /\.exe$/i.test(w));
  // A quoted command (`watch 'netstat -tn'`): read it as a command line of its own.
  if (hasBlank(w)) return commandAt(w, windows, depth + 1);
  const positionals = WRAPPERS[name];
  if (positionals === undefined) return null;
  // A wrapper: skip its options (and their values) and its own positional words; the tool, another
  // wrapper, or a quoted command (`bash -c 'netstat -an'`) must come next.
  let left = positionals;
  for (let j = i + 1; j < words.length; j++) {
    const word = words[j]!;
    const next = toolName(word);
    if (next === 'netstat' || next === 'ss' || hasBlank(word) || (WRAPPERS[next] !== undefined && left === 0)) {
      return inStage(words.slice(j), windows, depth + 1);
    }
    if (word === '--' || /^[A-Za-z_][A-Za-z0-9_]{0,63}=/.test(word)) continue;
    if (word.startsWith('-')) {
      const value = words[j + 1];
      if (WRAPPER_OPTION_WITH_VALUE.test(word) && value !== undefined && !hasBlank(value) && !['netstat', 'ss'].includes(toolName(value))) j++;
      continue;
    }
    if (left-- <= 0) return null;
  }
  return null;
}

function toolName(word: string): string {
  const slash = Math.max(word.lastIndexOf('/'), word.lastIndexOf('\\'));
  return word.slice(slash + 1).toLowerCase().replace(/\.exe$/, '');
}

function toolOptions(tool: 'netstat' | 'ss', words: string[], windows: boolean): CommandInfo {
  const withValue = SHORT_WITH_VALUE[tool === 'netstat' && windows ? 'netstat-windows' : tool] ?? '';
  const options: string[] = [];
  const args: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w === '--') {
      args.push(...words.slice(i + 1));
      break;
    }
    if (w.startsWith('--')) {
      options.push(w);
      if (LONG_WITH_VALUE.has(w) && i + 1 < words.length) options.push(words[++i]!);
      continue;
    }
    if (/^[-/][A-Za-z0-9]/.test(w) && (w[0] === '-' || windows)) {
      for (let k = 1; k < w.length; k++) {
        const letter = w[k]!;
        options.push(`-${letter}`);
        if (withValue.includes(letter)) {
          const rest = w.slice(k + 1);
          if (rest !== '') options.push(rest);
          else if (i + 1 < words.length) options.push(words[++i]!);
          break;
        }
      }
      continue;
    }
    args.push(w);
  }
  return { tool, options, args, piped: false };
}

interface Word {
  text: string;
  /** An operator (| ; && || & > <), not a word. */
  op: boolean;
}

/** Shell words: whitespace-separated, quotes removed ('...' and "..."), operators apart. */
function shellWords(text: string, windows: boolean): Word[] {
  const out: Word[] = [];
  let cur = '';
  let inWord = false;
  const flush = (): void => {
    if (inWord) out.push({ text: cur, op: false });
    cur = '';
    inWord = false;
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === "'" || c === '"') {
      const close = text.indexOf(c, i + 1);
      const end = close === -1 ? text.length : close;
      cur += text.slice(i + 1, end);
      inWord = true;
      i = end;
    } else if (c === '\\' && !windows && i + 1 < text.length) {
      cur += text[++i];
      inWord = true;
    } else if (isBlank(c)) {
      flush();
    } else if (c === '|' || c === '&' || c === ';' || c === '>' || c === '<') {
      // "2>&1" and ">>": the digits before belong to the redirection; all end the word.
      if (inWord && /^\d+$/.test(cur) && (c === '>' || c === '<')) {
        cur = '';
        inWord = false;
      }
      flush();
      let op = c;
      const next = text[i + 1];
      if ((c === '|' || c === '&') && next === c) op += text[++i];
      else if (c === '>' && (next === '>' || next === '&')) op += text[++i];
      out.push({ text: op, op: true });
      if (op === '>&' && /\d/.test(text[i + 1] ?? '')) i++;
    } else {
      cur += c;
      inWord = true;
    }
  }
  flush();
  return out;
}

// ---------------------------------------------------------------------------------------------
// Timestamps

export interface TimestampMatch {
  /**
   * ISO 8601: a date and time, with its offset when the line gave one we can resolve ("Z",
   * "+01:00"), without one otherwise; or a time of day alone ("10:00:01") for `date +%T` lines.
   */
  iso: string;
}

const MONTHS: { [name: string]: number } = {};
for (const [i, names] of [
  ['jan', 'january', 'januar', 'janvier', 'ene', 'enero', 'janv', 'jän', 'jänner', 'gen', 'gennaio', 'janeiro', 'led', 'leden', 'ledna', 'jaan', 'jaanuar'],
  ['feb', 'february', 'februar', 'fév', 'févr', 'février', 'febrero', 'fev', 'febbraio', 'fevereiro', 'úno', 'únor', 'února', 'veebr', 'veebruar'],
  ['mar', 'march', 'mär', 'märz', 'mars', 'marzo', 'mrz', 'março', 'mrt', 'maart', 'bře', 'březen', 'března', 'märts'],
  ['apr', 'april', 'avr', 'avril', 'abr', 'abril', 'aprile', 'dub', 'duben', 'dubna', 'aprill'],
  ['may', 'mai', 'mayo', 'mag', 'maggio', 'maio', 'mei', 'kvě', 'květen', 'května'],
  ['jun', 'june', 'juni', 'juin', 'junio', 'giu', 'giugno', 'junho', 'čvn', 'červen', 'června', 'juuni'],
  ['jul', 'july', 'juli', 'juil', 'juillet', 'julio', 'lug', 'luglio', 'julho', 'čvc', 'červenec', 'července', 'juuli'],
  ['aug', 'august', 'août', 'aoû', 'ago', 'agosto', 'augustus', 'srp', 'srpen', 'srpna'],
  ['sep', 'sept', 'september', 'septembre', 'septiembre', 'set', 'settembre', 'setembro', 'zář', 'září'],
  ['oct', 'october', 'okt', 'oktober', 'octobre', 'octubre', 'ott', 'ottobre', 'out', 'outubro', 'říj', 'říjen', 'října'],
  ['nov', 'november', 'novembre', 'noviembre', 'novembro', 'lis', 'listopad', 'listopadu'],
  ['dec', 'december', 'dez', 'dezember', 'déc', 'décembre', 'dic', 'diciembre', 'dicembre', 'dezembro', 'pro', 'prosinec', 'prosince', 'dets', 'detsember'],
].entries()) {
  for (const n of names) MONTHS[n] = i + 1;
}

/** Zone abbreviations with one meaning (CST, IST and the like have several, and are left unresolved). */
const ZONE_OFFSETS: { readonly [zone: string]: string } = {
  UTC: 'Z', GMT: 'Z', Z: 'Z', UT: 'Z',
  WET: '+00:00', WEST: '+01:00', BST: '+01:00', CET: '+01:00', CEST: '+02:00', MET: '+01:00', MEST: '+02:00',
  EET: '+02:00', EEST: '+03:00', MSK: '+03:00',
  EST: '-05:00', EDT: '-04:00', MDT: '-06:00', MST: '-07:00', PST: '-08:00', PDT: '-07:00', AKST: '-09:00', AKDT: '-08:00',
  HST: '-10:00', JST: '+09:00', KST: '+09:00', HKT: '+08:00', SGT: '+08:00', AEST: '+10:00', AEDT: '+11:00',
  ACST: '+09:30', ACDT: '+10:30', AWST: '+08:00', NZST: '+12:00', NZDT: '+13:00',
};

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ]|, ?)(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s?(Z|[+-]\d{2}(?::?\d{2})?|[A-Z]{2,5})?/;
/** ISO 8601 basic format: 20261128T005549Z, 20261128005549. */
const ISO_BASIC = /^(\d{4})(\d{2})(\d{2})T?(\d{2})(\d{2})(\d{2})(Z|[+-]\d{4})?$/;
/** Japanese and Chinese `date`: 2026年 11月 28日 土曜日 00:55:49 JST. */
const CJK = /^(\d{4})年\s{0,3}(\d{1,2})月\s{0,3}(\d{1,2})日\s{0,3}(?:\([^)]{1,9}\)\s{0,3}|\S{1,9}曜日\s{0,3})?(\d{1,2}):(\d{2}):(\d{2})(?:\s{1,3}([A-Z]{2,5}))?$/;
const TIME_ONLY = /^(\d{2}):(\d{2}):(\d{2})(?:[.,](\d{1,9}))?$/;
const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?$/;
/** Words that may introduce a timestamp: "Timestamp: ...", "snapshot at ...". */
const LABEL = /^(?:time ?stamp|date|time|snapshot|captured|taken|run|at)(?: at)?\s{0,3}[:=]?\s{1,3}/i;

/**
 * A line that is only a timestamp: `date` output (C locale and common others), ISO 8601, epoch
 * seconds (or milliseconds), a time of day alone, each maybe decorated as a marker
 * ("=== 2026-11-27 10:00:01 ===", "[...]", "# ...") or labelled ("Timestamp: ...").
 */
export function matchTimestamp(line: string): TimestampMatch | null {
  let text = line.trim();
  if (text.length < 8 || text.length > 100) return null;
  // Decorations around a marker: "=== ... ===", "--- ... ---", "[...]", "# ...".
  text = text.replace(/^[=#*\-[<> ]{1,10}/, '').replace(/[=#*\-\]<> ]{1,10}$/, '').trim();
  text = text.replace(LABEL, '');
  if (/^@?\d{9,10}(?:\.\d{1,9})?$/.test(text)) {
    const seconds = Number(text.replace('@', ''));
    return { iso: new Date(seconds * 1000).toISOString().replace('.000Z', 'Z') };
  }
  if (/^\d{13}$/.test(text)) return { iso: new Date(Number(text)).toISOString() };
  const time = TIME_ONLY.exec(text);
  if (time !== null) {
    if (Number(time[1]) > 23 || Number(time[2]) > 59 || Number(time[3]) > 60) return null;
    return { iso: `${time[1]}:${time[2]}:${time[3]}${time[4] ? `.${time[4]}` : ''}` };
  }
  const iso = ISO.exec(text);
  if (iso !== null && iso[0].length >= text.length - 4) {
    const [, y, mo, d, h, mi, s = '00', frac, zone] = iso;
    if (!validDate(+y!, +mo!, +d!, +h!, +mi!, +s)) return null;
    return { iso: `${y}-${mo}-${d}T${h}:${mi}:${s}${frac ? `.${frac}` : ''}${zoneSuffix(zone)}` };
  }
  const basic = ISO_BASIC.exec(text);
  if (basic !== null) {
    const [, y, mo, d, h, mi, s, zone] = basic;
    if (!validDate(+y!, +mo!, +d!, +h!, +mi!, +s!)) return null;
    return { iso: `${y}-${mo}-${d}T${h}:${mi}:${s}${zoneSuffix(zone)}` };
  }
  const cjk = CJK.exec(text);
  if (cjk !== null) {
    const [, y, mo, d, h, mi, s, zone] = cjk;
    if (!validDate(+y!, +mo!, +d!, +h!, +mi!, +s!)) return null;
    return { iso: `${y}-${pad(+mo!)}-${pad(+d!)}T${pad(+h!)}:${mi}:${s}${zoneSuffix(zone)}` };
  }
  return matchDateWords(text);
}

function validDate(y: number, mo: number, d: number, h: number, mi: number, s: number): boolean {
  return y >= 1970 && y <= 2200 && mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h <= 23 && mi <= 59 && s <= 60;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** The ISO suffix for a zone as printed: "Z", "+01:00", or "" when it cannot be resolved. */
function zoneSuffix(zone: string | undefined): string {
  if (zone === undefined) return '';
  const named = ZONE_OFFSETS[zone.toUpperCase()];
  if (named !== undefined) return named;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (m === null) return '';
  const suffix = `${m[1]}${m[2]}:${m[3] ?? '00'}`;
  return suffix === '+00:00' || suffix === '-00:00' ? '+00:00' : suffix;
}

/**
 * `date` in words, in any order its locales use: "Sat Nov 28 00:02:26 UTC 2026",
 * "Sat 28 Nov 2026 12:02:26 AM UTC", "Sa 28. Nov 00:02:26 CET 2026", "samedi 28 novembre 2026,
 * 00:02:26 (UTC+0100)", "Saturday, November 28, 2026 12:02:26 AM", RFC 2822
 * "Sat, 28 Nov 2026 00:02:26 +0000".
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
    else if (/^(am|pm|a\.m|p\.m)$/i.test(w)) ampm = lower.replace('.', '');
    else if (/^(?:[A-Z]{2,5}|[+-]\d{2}(?:\d{2})?|(?:UTC|GMT)[+-]\d{1,4}(?::\d{2})?)$/.test(w) && zone === undefined) zone = w;
    else if (/^\p{L}{2,12}$/u.test(w)) unknown++; // weekday names
    else return null;
  }
  if (year === null || month === null || day === null || time === null || unknown > 1) return null;
  let hour = Number(time[1]);
  if (ampm === 'pm' && hour < 12) hour += 12;
  if (ampm === 'am' && hour === 12) hour = 0;
  if (!validDate(year, month, day, hour, Number(time[2]), Number(time[3] ?? 0))) return null;
  let offset = '';
  if (zone !== undefined) {
    const gmt = /^(?:UTC|GMT)([+-])(\d{1,2}):?(\d{2})?$/.exec(zone);
    if (gmt !== null) offset = zoneSuffix(`${gmt[1]}${gmt[2]!.padStart(2, '0')}:${gmt[3] ?? '00'}`);
    else if (/^(?:UTC|GMT)[+-]\d{4}$/.test(zone)) offset = zoneSuffix(zone.slice(3));
    else offset = zoneSuffix(zone);
  }
  return { iso: `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${time[2]}:${time[3] ?? '00'}${offset}` };
}

// ---------------------------------------------------------------------------------------------
// Notices

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
