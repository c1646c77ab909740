/**
 * Windows netstat "Active Connections": `netstat`, `-a`, `-n`, `-o`, `-b`, `-t`, `-p PROTO` and
 * their mixes, in any display language.
 *
 * Schema: WindowsInetRecord in src/types.ts (InetRecord plus state_text, component, owner_note,
 * offload_state). Rows are read by grammar/windows-inet.ne. With -b, the lines under a row name its
 * owner: a component (service) line, then "[program.exe]", or one sentence saying the owner is
 * unknown. They belong to that row's record, so the section holds the record until the next row.
 */
import type { WindowsInetRecord } from '../../types.js';
import {
  RECORD,
  STRUCTURAL,
  fieldDiagnostic,
  squash,
  type Emit,
  type FormatPlugin,
  type LineContext,
  type LineOutcome,
  type Opened,
  type RawFields,
  type Section,
} from '../format.js';
import { FieldError, splitHostPort, toSmallInt } from '../normalize.js';
import { WINDOWS_STATES } from './windows-lexer.js';
import {
  WINDOWS_INET,
  isIndented,
  readRow,
  rowDiagnostic,
  tokenType,
  tokens,
} from './windows-rows.js';

const LABEL = 'Active Connections';

/**
 * The title in the languages of real captures (and a few close relatives). A title netsnap does not
 * know is only a skipped line: the header or the first row opens the table all the same.
 */
const TITLES =
  /^\s*(?:Active Connections|Aktive Verbindungen|Conexiones activas|Connexions actives|Connessioni attive|Conexões ativas|Actieve verbindingen|Aktywne połączenia|Активные подключения|Активные соединения|活动连接|活動連線|アクティブな接続|활성 연결)\s*$/iu;

/** The first word of the header: "Proto" in most languages; Russian and Chinese translate it. */
const PROTO_WORDS = new Set([
  'proto', 'protocol', 'protocolo', 'protocole', 'protokoll', 'protocollo', 'protokol', 'protokół',
  'имя', 'протокол', '协议', '協定', 'プロトコル', '프로토콜',
]);

const FIRST_WORD = /^\s*(\S{1,12})\s/;

/** The -t column ("Offload State"; German "Abladungsstatus"). */
const OFFLOAD_HEADER = /offload|abladung/i;

interface InetLayout {
  start: string;
  pid: boolean;
  offload: boolean;
}

/** A table pasted without its header: state and PID are told apart by their token types. */
const ANY_LAYOUT: InetLayout = { start: 'win_inet_row_any', pid: true, offload: false };

/** The column layout a header announces, or null when the line is not a Windows connection header. */
export function windowsInetHeader(line: string): InetLayout | null {
  const first = FIRST_WORD.exec(line);
  if (first === null || !PROTO_WORDS.has(first[1]!.replace(/\.$/, '').toLowerCase())) return null;
  const text = squash(line);
  if (text.length > 200 || /\d/.test(text)) return null;
  const list = text.split(' ');
  if (list.length < 4 || list.length > 14) return null;
  // Linux, BSD and macOS headers have queue columns; they are not Windows tables.
  if (/Recv-Q|Send-Q/i.test(text)) return null;
  const pid = list.includes('PID');
  const offload = OFFLOAD_HEADER.test(text);
  const start = `win_inet_row${pid || offload ? '_' : ''}${pid ? 'p' : ''}${offload ? 't' : ''}`;
  return { start, pid, offload };
}

/** What the owner lines of -b have told about the held record. */
type Owner = 'none' | 'component' | 'done';

/** A component (service) name: one word of letters, digits and a few signs ("CDPUserSvc_46a8de2e"). */
const COMPONENT = /^[A-Za-z0-9][\w.$@-]*$/;

class WindowsInetSection implements Section {
  readonly label = LABEL;
  private held: WindowsInetRecord | null = null;
  private owner: Owner = 'none';

  constructor(
    readonly plugin: FormatPlugin,
    private readonly columns: InetLayout,
  ) {}

  line(ctx: LineContext, emit: Emit): LineOutcome {
    const read = readRow(WINDOWS_INET, this.columns.start, ctx.text);
    if (read.ok) {
      let record: WindowsInetRecord;
      try {
        record = inetRecord(read.raw, ctx);
      } catch (err) {
        if (!(err instanceof FieldError)) throw err;
        return { diagnostic: fieldDiagnostic(ctx, tokens, err, LABEL) };
      }
      this.flush(emit);
      this.held = record;
      this.owner = 'none';
      return RECORD;
    }
    const looksLikeRow = tokens.length > 0 && tokenType(0) === 'proto';
    if (looksLikeRow) return { diagnostic: rowDiagnostic(ctx, read, LABEL) };
    if (this.held === null) return { diagnostic: null };
    // A header or a title under a row starts another table; it is never an owner line.
    if (windowsInetHeader(ctx.text) !== null || TITLES.test(ctx.text)) return { diagnostic: null };
    return this.ownerLine(ctx.text) ? STRUCTURAL : { diagnostic: null };
  }

  end(emit: Emit): void {
    this.flush(emit);
  }

  private flush(emit: Emit): void {
    if (this.held !== null) emit.record(this.held);
    this.held = null;
  }

  /** A -b line under the held row: its program, its component, or the note that there is none. */
  private ownerLine(text: string): boolean {
    const read = readRow(WINDOWS_INET, 'win_owner', text);
    if (!read.ok || this.owner === 'done') return false;
    const held = this.held!;
    const { program, component, note } = read.raw;
    if (program !== undefined) {
      // "[svchost.exe]" is the last owner line; it may follow a component line.
      held.program_name = program.slice(1, -1).trim() || null;
      this.owner = 'done';
      return true;
    }
    // A component or a note is indented under its row; unindented text is not Windows output.
    if (!isIndented(text) || this.owner !== 'none') return false;
    if (component !== undefined && COMPONENT.test(component)) {
      held.component = component;
      this.owner = 'component';
      return true;
    }
    const sentence = component ?? note!;
    // The note is words: not a line with digits ("x: Windows Sockets initialization failed: 5"),
    // nor one without letters (the "..." of a paste that left rows out).
    if (/\d/.test(sentence) || !/\p{L}/u.test(sentence)) return false;
    held.owner_note = sentence;
    this.owner = 'done';
    return true;
  }
}

function inetRecord(raw: RawFields, ctx: LineContext): WindowsInetRecord {
  const proto = raw.proto!;
  const local = splitHostPort(raw.local!);
  const foreign = splitHostPort(raw.foreign!);
  const version = proto.endsWith('v6') || local.address.includes(':') ? 6 : 4;
  const stateText = raw.state ?? null;
  return {
    kind: 'inet',
    snapshot: ctx.snapshot,
    source: ctx.source,
    line: ctx.line,
    platform: 'windows',
    proto,
    transport_protocol: proto.toLowerCase().replace(/v6$/, ''),
    network_protocol: version === 6 ? 'ipv6' : 'ipv4',
    ip_version: version,
    recv_q: null,
    send_q: null,
    local_address: local.address,
    local_port: local.port,
    local_port_num: local.port_num,
    foreign_address: foreign.address,
    foreign_port: foreign.port,
    foreign_port_num: foreign.port_num,
    state: stateText === null ? null : (WINDOWS_STATES[stateText] ?? stateText),
    user: null,
    inode: null,
    pid: raw.pid === undefined ? null : toSmallInt(raw.pid, 'pid'),
    program_name: null,
    timer: null,
    timer_name: null,
    timer_expires: null,
    timer_retransmits: null,
    timer_probes: null,
    state_text: stateText,
    component: null,
    owner_note: null,
    offload_state: raw.offload ?? null,
  };
}

export const windowsInet: FormatPlugin = {
  id: 'windows-inet',
  platform: 'windows',
  kinds: ['inet'],

  isTitle: (line) => TITLES.test(line),

  open(line: string): Opened | null {
    const layout = windowsInetHeader(line);
    if (layout !== null) return { section: new WindowsInetSection(this, layout), consumed: 'header' };
    // A row without a header (a paste that starts at the rows).
    if (!/^\s*(?:TCP|UDP)/.test(line)) return null;
    if (!readRow(WINDOWS_INET, ANY_LAYOUT.start, line).ok) return null;
    return { section: new WindowsInetSection(this, ANY_LAYOUT), consumed: 'row' };
  },
};
