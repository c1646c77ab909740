/**
 * Windows `netstat -e`: "Interface Statistics", the totals over all interfaces, in any language.
 *
 *     Interface Statistics
 *
 *                                Received            Sent
 *
 *     Bytes                    1060028650        90286628
 *     Unicast packets              781880          437480
 *     Non-unicast packets            8020          199784
 *     Discards                          0               0
 *     Errors                            0               0
 *     Unknown protocols                 0
 *
 * The six rows make one WindowsInterfaceRecord (src/types.ts) with `iface` "*": rx_bytes/tx_bytes,
 * rx_ok/tx_ok = unicast + non-unicast packets (both also kept on their own), rx_drp/tx_drp,
 * rx_err/tx_err and rx_unknown_protos. Rows are read by grammar/windows-interface.ne; a row is known
 * by its English or German label, else by its place (Windows always prints them in this order).
 */
import type { Int, WindowsInterfaceRecord } from '../../types.js';
import {
  RECORD,
  STRUCTURAL,
  fieldDiagnostic,
  type Emit,
  type FormatPlugin,
  type LineContext,
  type LineOutcome,
  type Opened,
  type Section,
} from '../format.js';
import { emptyInterface, FieldError, toInt } from '../normalize.js';
import {
  WINDOWS_ESTAT,
  addInt,
  isIndented,
  readRow,
  rowDiagnostic,
  tokenType,
  tokens,
  words,
} from './windows-rows.js';

const LABEL = 'Interface Statistics';

const TITLES =
  /^\s*(?:Interface Statistics|Schnittstellenstatistik|Estadísticas de interfaz|Statistiques de l'interface|Statistiche interfaccia|Estatísticas da interface|Статистика интерфейса|接口统计|介面統計資料)\s*$/iu;
const HEADER = /^\s*(?:Received|Empfangen|Recibidos|Reçus)\s+(?:Sent|Gesendet|Enviados|Envoyés)\s*$/iu;

/** The Bytes row ("Bytes", French "Octets") with its Received and Sent counts. */
const FIRST_ROW = /^\s*(?:Bytes|Octets)\s+\d+\s+\d+\s*$/;

type Row = 'bytes' | 'unicast' | 'non_unicast' | 'discards' | 'errors' | 'unknown';
const ORDER: readonly Row[] = ['bytes', 'unicast', 'non_unicast', 'discards', 'errors', 'unknown'];

/** Row labels of real captures, lower-cased: English and German. */
const LABELS: { readonly [label: string]: Row } = {
  bytes: 'bytes',
  'unicast packets': 'unicast',
  'non-unicast packets': 'non_unicast',
  discards: 'discards',
  errors: 'errors',
  'unknown protocols': 'unknown',
  unicastpakete: 'unicast',
  'nicht-unicastpakete': 'non_unicast',
  verworfen: 'discards',
  fehler: 'errors',
  'unbekannte protok.': 'unknown',
  'unbekannte protokolle': 'unknown',
};

interface Counts {
  rx: Int | null;
  tx: Int | null;
}

class WindowsEStatSection implements Section {
  readonly label = LABEL;
  private readonly values = new Map<Row, Counts>();
  private rows = 0;
  private first: LineContext | null = null;
  private done = false;

  constructor(readonly plugin: FormatPlugin) {}

  line(ctx: LineContext, emit: Emit): LineOutcome {
    if (this.done) return { diagnostic: null };
    // The Received / Sent header: known words, or (another language) two indented words.
    const header = HEADER.test(ctx.text) || (isIndented(ctx.text) && words(ctx.text).length === 2 && !/\d/.test(ctx.text));
    if (this.rows === 0 && header) return STRUCTURAL;
    const read = readRow(WINDOWS_ESTAT, 'win_estat_row', ctx.text);
    if (!read.ok) {
      const numbers = tokens.length > 1 && tokenType(tokens.length - 1) === 'number';
      return { diagnostic: numbers ? rowDiagnostic(ctx, read, LABEL) : null };
    }
    const label = read.raw.label!.replace(/\s+/g, ' ').toLowerCase();
    const row = LABELS[label] ?? ORDER[this.rows];
    if (row === undefined || this.values.has(row)) return { diagnostic: null };
    try {
      this.values.set(row, {
        rx: toInt(read.raw.received!, 'received'),
        tx: read.raw.sent === undefined ? null : toInt(read.raw.sent, 'sent'),
      });
    } catch (err) {
      if (!(err instanceof FieldError)) throw err;
      return { diagnostic: fieldDiagnostic(ctx, tokens, err, LABEL) };
    }
    this.rows++;
    if (this.first === null) {
      // The record is on the line of its first row; the other rows continue it.
      this.first = { ...ctx };
      if (this.rows === ORDER.length) this.end(emit);
      return RECORD;
    }
    if (this.rows === ORDER.length) this.end(emit);
    return STRUCTURAL;
  }

  end(emit: Emit): void {
    if (this.done || this.first === null) return;
    this.done = true;
    emit.record(this.record(this.first));
  }

  private record(ctx: LineContext): WindowsInterfaceRecord {
    const get = (row: Row): Counts => this.values.get(row) ?? { rx: null, tx: null };
    const unicast = get('unicast');
    const nonUnicast = get('non_unicast');
    return {
      ...emptyInterface(ctx, 'windows', '*'),
      rx_ok: addInt(unicast.rx, nonUnicast.rx),
      rx_err: get('errors').rx,
      rx_drp: get('discards').rx,
      tx_ok: addInt(unicast.tx, nonUnicast.tx),
      tx_err: get('errors').tx,
      tx_drp: get('discards').tx,
      rx_bytes: get('bytes').rx,
      tx_bytes: get('bytes').tx,
      if_index: null,
      rx_unicast: unicast.rx,
      tx_unicast: unicast.tx,
      rx_non_unicast: nonUnicast.rx,
      tx_non_unicast: nonUnicast.tx,
      rx_unknown_protos: get('unknown').rx,
    };
  }
}

export const windowsInterfaceStats: FormatPlugin = {
  id: 'windows-interface-statistics',
  platform: 'windows',
  kinds: ['interface'],

  open(line: string): Opened | null {
    if (TITLES.test(line) || HEADER.test(line)) return { section: new WindowsEStatSection(this), consumed: 'header' };
    // A title and header netsnap does not know: the first row still says what this is.
    if (FIRST_ROW.test(line)) return { section: new WindowsEStatSection(this), consumed: 'row' };
    return null;
  },
};
