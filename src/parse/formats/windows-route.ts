/**
 * Windows `netstat -r` (the same report as `route print`), in any display language:
 *
 *     ===========================================================================
 *     Interface List                                  -> interface records (if_index, mac_addr)
 *       8...f0 2f 74 cc fe 5c ......Realtek PCIe GbE Family Controller
 *     ===========================================================================
 *     IPv4 Route Table                                -> route records, ip_version 4
 *     Active Routes:  /  Persistent Routes:  (then "None" or a table)
 *     IPv6 Route Table                                -> route records, ip_version 6
 *
 * Schemas: WindowsRouteRecord and WindowsInterfaceRecord in src/types.ts. Rows are read by
 * grammar/windows-route.ne and grammar/windows-interface.ne (Interface List). Titles, rules and
 * headers are told by their shape rather than their words, so a translation netsnap has never
 * seen still reads: a table title names IPv4 or IPv6, a sub-title ends with ":", a header follows
 * a sub-title and has no digits.
 */
import type { WindowsInterfaceRecord, WindowsRouteRecord } from '../../types.js';
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
import { emptyInterface, FieldError, toInt, toSmallInt } from '../normalize.js';
import {
  WINDOWS_IFLIST,
  WINDOWS_ROUTE,
  isIndented,
  readRow,
  rowDiagnostic,
  tokenType,
  tokens,
  words,
} from './windows-rows.js';

const LABEL = 'route table';

const RULE = /^\s*={10,}\s*$/;
/** Words of route-table titles and sub-titles: route, Routen, rutas, rotas, itinéraires, маршрут, 路由. */
const ROUTE_STEM = /rout|rut|rot|itin|маршрут|路由|ルート|trasy/i;
const PERSISTENT_STEM = /persist|ständig|beständig|permanent|постоян|永久|固定|trwał/i;
/** Words of Interface List titles: interface, Schnittstelle, interfaz, интерфейс, 接口. */
const IFLIST_STEM = /interf|schnittstell|интерфейс|接口|介面|インターフェ|arabirim|rozhran/i;
const IFLIST_ENTRY = /^\s*(?:0x[0-9a-fA-F]+|\d+) ?\.\.\./;
/** Windows XP printed the default gateway under the table: "Default Gateway:       192.168.1.1". */
const DEFAULT_GATEWAY_LINE = /^\s*[^\d:=\s][^\d:=]*:\s+\d{1,3}(?:\.\d{1,3}){3}\s*$/;

type Table = 'start' | 'iflist' | 'v4' | 'v6';
type Sub = 'none' | 'active' | 'persistent';

/** "IPv4 Route Table", "IPv4-Routentabelle", "IPv6 Tabla de enrutamiento": 4 or 6, else null. */
function tableTitle(text: string): 4 | 6 | null {
  const m = /\bIPv([46])\b/.exec(text);
  if (m === null || !ROUTE_STEM.test(text.replace(/IPv[46]/, ''))) return null;
  const list = words(text);
  if (list.length > 6 || text.trimEnd().endsWith(':') || /\d/.test(text.replace(/IPv[46]/, ''))) return null;
  return m[1] === '6' ? 6 : 4;
}

/** "Active Routes:", "Rutas persistentes:", "Itinéraires actifs :". */
function subTitle(text: string): Sub | null {
  const t = text.trim();
  if (!t.endsWith(':') || /\d/.test(t) || words(t).length > 4 || !ROUTE_STEM.test(t)) return null;
  return PERSISTENT_STEM.test(t) ? 'persistent' : 'active';
}

/** Interface List titles of real captures (and close relatives), to open a report pasted without its first rule. */
const IFLIST_TITLES = /^\s*(?:Interface List|Schnittstellenliste|I?Lista de interfaces|Liste d'Interfaces|Elenco interfacce|Список интерфейсов|接口列表|介面清單|インターフェイス一覧)\s*$/iu;

/** After a report's first rule: a short line naming interfaces, in any language. */
function ifListTitle(text: string): boolean {
  const list = words(text);
  return list.length > 0 && list.length <= 3 && !/[\d:]/.test(text) && IFLIST_STEM.test(text);
}

/** Known headers of the IPv4 and IPv6 tables, to open a table pasted without its titles. */
const V4_HEADER = /^Network Destination Netmask Gateway Interface Metric$|^Netzwerkziel Netzwerkmaske Gateway Schnittstelle Metrik$|^Destino de red Máscara de red Puerta de enlace Interfaz Métrica$|^Destination réseau Masque réseau Adr\. passerelle Adr\. interface Métrique$/i;
const V6_HEADER = /^If Metric Network Destination Gateway$|^If Metrik Netzwerkziel Gateway$/i;

class WindowsRouteSection implements Section {
  readonly label = LABEL;
  private sub: Sub = 'none';
  /** Right after a sub-title: its column header (or "None") comes next. */
  private expectHeader = false;
  /** An IPv6 route whose gateway is on the next line. */
  private held: WindowsRouteRecord | null = null;
  /** The tables of this report so far. */
  private readonly seen = new Set<Table>();

  constructor(
    readonly plugin: FormatPlugin,
    private table: Table,
  ) {
    this.seen.add(table);
  }

  line(ctx: LineContext, emit: Emit): LineOutcome {
    const text = ctx.text;
    if (this.held !== null) {
      const outcome = this.gatewayLine(ctx, emit);
      if (outcome !== null) return outcome;
    }
    if (RULE.test(text)) return this.structural(emit, () => this.resume('none', false));
    if (IFLIST_ENTRY.test(text) && (this.table === 'start' || this.table === 'iflist')) {
      if (this.table === 'start') this.enter('iflist');
      return this.row(ctx, emit, 'win_iflist_row');
    }
    const version = tableTitle(text);
    if (version !== null) {
      // A table seen again is the next report: the segmenter starts a new snapshot.
      const table = version === 4 ? 'v4' : 'v6';
      if (this.seen.has(table)) return { diagnostic: null };
      return this.structural(emit, () => this.enter(table));
    }
    const sub = subTitle(text);
    if (sub !== null) {
      return this.structural(emit, () => {
        if (this.table === 'start' || this.table === 'iflist') this.enter('v4'); // Windows XP: no table title
        this.resume(sub, true);
      });
    }
    if (this.table === 'start' && ifListTitle(text)) return this.structural(emit, () => this.enter('iflist'));
    const list = words(text);
    if (this.expectHeader && list.length > 0 && !/\d/.test(text)) {
      // The column header; under Persistent Routes, "None" ("Keine", "Ninguno", "Aucun") when empty.
      if (list.length === 1 && this.sub !== 'persistent') return { diagnostic: null };
      return this.structural(emit, () => (this.expectHeader = false));
    }
    if (DEFAULT_GATEWAY_LINE.test(text) && this.table === 'v4') return this.structural(emit, () => {});
    if (this.table === 'v4' && this.sub !== 'none') {
      return this.row(ctx, emit, this.sub === 'persistent' ? 'win_route4_persistent_row' : 'win_route4_row');
    }
    if (this.table === 'v6' && this.sub !== 'none') return this.row(ctx, emit, 'win_route6_row');
    return { diagnostic: null };
  }

  end(emit: Emit): void {
    this.flush(emit);
  }

  private enter(table: Table): void {
    this.table = table;
    this.seen.add(table);
    this.resume('none', false);
  }

  /** Continue in sub-table `sub`, expecting its column header or not. */
  resume(sub: Sub, expectHeader: boolean): void {
    this.sub = sub;
    this.expectHeader = expectHeader;
  }

  private structural(emit: Emit, change: () => void): LineOutcome {
    this.flush(emit);
    change();
    return STRUCTURAL;
  }

  private flush(emit: Emit): void {
    if (this.held !== null) emit.record(this.held);
    this.held = null;
  }

  private row(ctx: LineContext, emit: Emit, start: string): LineOutcome {
    const family = start === 'win_iflist_row' ? WINDOWS_IFLIST : WINDOWS_ROUTE;
    const read = readRow(family, start, ctx.text);
    if (!read.ok) {
      // Only a line that starts like a row (an address, a number, an index) is worth a diagnostic.
      const first = tokens.length > 0 ? tokenType(0) : '';
      const looksLikeRow = first === 'dotted' || first === 'number' || first === 'ifindex';
      return { diagnostic: looksLikeRow ? rowDiagnostic(ctx, read, LABEL) : null };
    }
    this.flush(emit);
    try {
      if (start === 'win_iflist_row') {
        emit.record(ifListRecord(read.raw, ctx));
        return RECORD;
      }
      const record = routeRecord(read.raw, ctx, this.table === 'v6' ? 6 : 4, this.sub === 'persistent');
      // A long IPv6 destination pushes its gateway onto the next line.
      if (record.ip_version === 6 && read.raw.gateway === undefined) this.held = record;
      else emit.record(record);
    } catch (err) {
      if (!(err instanceof FieldError)) throw err;
      return { diagnostic: fieldDiagnostic(ctx, tokens, err, LABEL) };
    }
    return RECORD;
  }

  /** The line under an IPv6 route printed without its gateway: only the gateway, indented. */
  private gatewayLine(ctx: LineContext, emit: Emit): LineOutcome | null {
    if (!isIndented(ctx.text)) return null;
    const read = readRow(WINDOWS_ROUTE, 'win_route6_gateway', ctx.text);
    if (!read.ok) return null;
    setGateway(this.held!, read.raw.gateway!);
    this.flush(emit);
    return STRUCTURAL;
  }
}

/** "255.255.255.0" -> 24; null for a mask that is not a run of ones. */
export function maskLength(mask: string): number | null {
  let bits = 0;
  let ended = false;
  for (const part of mask.split('.')) {
    const n = Number(part);
    if (!Number.isInteger(n) || n > 255) return null;
    for (let b = 7; b >= 0; b--) {
      const one = (n >> b) & 1;
      if (one && ended) return null;
      if (one) bits++;
      else ended = true;
    }
  }
  return bits;
}

function setGateway(record: WindowsRouteRecord, gateway: string): void {
  // An address, or the words for on-link ("On-link", "Auf Verbindung", "En vínculo").
  const address = /^\d{1,3}(?:\.\d{1,3}){3}$/.test(gateway) || gateway.includes(':');
  record.gateway = address ? gateway : null;
  record.on_link = !address;
}

function routeRecord(raw: RawFields, ctx: LineContext, version: 4 | 6, persistent: boolean): WindowsRouteRecord {
  const destination = raw.destination!;
  const genmask = raw.genmask ?? null;
  const slash = destination.lastIndexOf('/');
  let prefix: number | null = null;
  if (genmask !== null) prefix = maskLength(genmask);
  else if (slash >= 0) prefix = toSmallInt(destination.slice(slash + 1), 'prefix_length');
  const metric = raw.metric!;
  const record: WindowsRouteRecord = {
    kind: 'route',
    snapshot: ctx.snapshot,
    source: ctx.source,
    line: ctx.line,
    platform: 'windows',
    ip_version: version,
    destination,
    prefix_length: prefix,
    gateway: null,
    genmask,
    route_flags: null,
    route_flags_pretty: [],
    // Persistent routes may say "Default" (the interface's metric) instead of a number.
    metric: /^\d+$/.test(metric) ? toInt(metric, 'metric') : null,
    route_refs: null,
    use: null,
    iface: raw.iface ?? null,
    mss: null,
    window: null,
    irtt: null,
    mtu: null,
    expire: null,
    if_index: raw.if_index === undefined ? null : toSmallInt(raw.if_index, 'if_index'),
    on_link: false,
    persistent,
  };
  if (raw.gateway !== undefined) setGateway(record, raw.gateway);
  return record;
}

function ifListRecord(raw: RawFields, ctx: LineContext): WindowsInterfaceRecord {
  const index = trimDots(raw.index!).trimEnd();
  const mac = raw.mac === undefined ? null : squash(raw.mac).toLowerCase().replace(/ /g, ':');
  return {
    ...emptyInterface(ctx, 'windows', raw.name!.trim()),
    mac_addr: mac,
    if_index: index.startsWith('0x') ? Number.parseInt(index.slice(2), 16) : toSmallInt(index, 'if_index'),
    rx_unicast: null,
    tx_unicast: null,
    rx_non_unicast: null,
    tx_non_unicast: null,
    rx_unknown_protos: null,
  };
}

export const windowsRoute: FormatPlugin = {
  id: 'windows-route',
  platform: 'windows',
  kinds: ['route', 'interface'],

  open(line: string): Opened | null {
    let table: Table | null = null;
    let sub: Sub = 'none';
    let expectHeader = false;
    // Cheap tests first: open() sees every line no section has taken.
    const version = line.includes('IPv') ? tableTitle(line) : null;
    if (RULE.test(line)) table = 'start';
    else if (version !== null) table = version === 6 ? 'v6' : 'v4';
    else if (line.trimEnd().endsWith(':')) {
      if (subTitle(line) === 'active') [table, sub, expectHeader] = ['v4', 'active', true];
    } else if (!/\d/.test(line)) {
      const text = squash(line);
      if (IFLIST_TITLES.test(line)) table = 'iflist';
      else if (V4_HEADER.test(text)) [table, sub] = ['v4', 'active'];
      else if (V6_HEADER.test(text)) [table, sub] = ['v6', 'active'];
    }
    if (table === null) return null;
    const section = new WindowsRouteSection(this, table);
    section.resume(sub, expectHeader);
    return { section, consumed: 'header' };
  },
};

/** "8..........." -> "8" (a loop: a regex ending in \.+$ would retry every run of dots). */
function trimDots(text: string): string {
  let end = text.length;
  while (end > 0 && text.charCodeAt(end - 1) === 46) end--;
  return text.slice(0, end);
}
