/**
 * BSD-family interface tables (netstat -i, -ib, -in, -id, -ibdn): macOS, FreeBSD, OpenBSD, NetBSD.
 *
 *   Name Mtu Network Address Ipkts Ierrs [Idrop] [Ibytes] Opkts Oerrs [Obytes] Coll [Drop]
 *
 * One record per row: the link row of an interface (Network "<Link#N>", Address its MAC address)
 * and each of its address rows (Network the subnet, Address the interface's address) are separate
 * records with the same iface. Counters map onto the Linux names (Ipkts -> rx_ok, Ierrs -> rx_err,
 * Idrop -> rx_drp, Ibytes -> rx_bytes, Opkts -> tx_ok, Oerrs -> tx_err, Obytes -> tx_bytes,
 * Coll -> tx_collisions, Drop -> tx_drp); "-" is null.
 *
 * Schema: InterfaceRecord (src/types.ts).
 */
import interfaceGrammar from '../generated/bsd-interface.js';
import type { InterfaceRecord, Platform } from '../../types.js';
import { scanBsdRow, T_BSD_DASH, T_BSD_NUMBER } from '../bsd-lexer.js';
import { rowParser, squash, TableSection, type Layout, type LineContext, type Opened, type RawFields, type TableFormat } from '../format.js';
import { emptyInterface, toIntOrNull } from '../normalize.js';
import type { BsdPlatform } from './bsd-common.js';

type CounterField =
  | 'rx_ok' | 'rx_err' | 'rx_drp' | 'rx_bytes' | 'tx_ok' | 'tx_err' | 'tx_drp' | 'tx_bytes' | 'tx_collisions';

/** Header column -> record field. */
const COUNTERS: { readonly [column: string]: CounterField } = {
  Ipkts: 'rx_ok',
  Ierrs: 'rx_err',
  Ifail: 'rx_err',
  Idrop: 'rx_drp',
  Idrops: 'rx_drp',
  Ibytes: 'rx_bytes',
  Opkts: 'tx_ok',
  Oerrs: 'tx_err',
  Ofail: 'tx_err',
  Obytes: 'tx_bytes',
  Coll: 'tx_collisions',
  Colls: 'tx_collisions',
  Drop: 'tx_drp',
  Odrops: 'tx_drp',
};

export interface BsdInterfaceLayout extends Layout {
  platform: BsdPlatform;
  /** Field of each counter column, in header order. */
  counters: CounterField[];
}

const HEADER = /^Name Mtu Network Address ((?:[A-Z][a-z]+ ?){2,12})$/;

const MAC = /^[0-9a-f]{1,2}(?::[0-9a-f]{1,2}){5}$/i;

/**
 * The platform of an interface header (README, "BSD and macOS"): Ifail/Ofail: openbsd;
 * Idrops/Colls/Odrops, or only Ibytes and Obytes (NetBSD and OpenBSD -ib): netbsd; Idrop: freebsd
 * (FreeBSD always prints it); otherwise darwin.
 */
export function interfacePlatform(columns: readonly string[]): BsdPlatform {
  const has = (c: string): boolean => columns.includes(c);
  if (has('Ifail') || has('Ofail')) return 'openbsd';
  if (has('Idrops') || has('Colls') || has('Odrops') || (has('Ibytes') && !has('Ipkts'))) return 'netbsd';
  if (has('Idrop')) return 'freebsd';
  return 'darwin';
}

export const bsdInterface: TableFormat<BsdInterfaceLayout> = {
  id: 'bsd-interface',
  platform: 'darwin',
  platforms: ['darwin', 'freebsd', 'openbsd', 'netbsd'],
  kinds: ['interface'],
  label: 'Interface table',
  scan: scanBsdRow,
  rows: rowParser(interfaceGrammar),

  open(line: string): Opened | null {
    if (!line.startsWith('Name')) return null;
    const m = HEADER.exec(squash(line));
    if (m === null) return null;
    const columns = m[1]!.trim().split(' ');
    const counters: CounterField[] = [];
    for (const c of columns) {
      const field = COUNTERS[c];
      if (field === undefined || counters.includes(field)) return null;
      counters.push(field);
    }
    const layout: BsdInterfaceLayout = {
      start: `bsd_iface_${counters.length}`,
      platform: interfacePlatform(columns),
      counters,
    };
    return { section: new TableSection(this, layout), consumed: 'header' };
  },

  looksLikeRow(tokens) {
    if (tokens.length < 4) return false;
    const t = tokens.types[1];
    return t === T_BSD_NUMBER || t === T_BSD_DASH;
  },

  normalize(raw: RawFields, ctx: LineContext, layout: BsdInterfaceLayout): InterfaceRecord {
    let iface = raw.iface!;
    // macOS and the BSDs mark an interface that is down with "*"
    const down = iface.length > 1 && iface.endsWith('*');
    if (down) iface = iface.slice(0, -1);
    const address = raw.address ?? null;
    const isMac = address !== null && MAC.test(address);
    const counts: { [F in CounterField]: InterfaceRecord[F] } = {
      rx_ok: null, rx_err: null, rx_drp: null, rx_bytes: null, tx_ok: null, tx_err: null, tx_drp: null,
      tx_bytes: null, tx_collisions: null,
    };
    layout.counters.forEach((field, i) => {
      counts[field] = toIntOrNull(raw[`c${i + 1}`], field);
    });
    return {
      ...emptyInterface(ctx, layout.platform as Platform, iface),
      mtu: toIntOrNull(raw.mtu, 'mtu'),
      rx_ok: counts.rx_ok,
      rx_err: counts.rx_err,
      rx_drp: counts.rx_drp,
      tx_ok: counts.tx_ok,
      tx_err: counts.tx_err,
      tx_drp: counts.tx_drp,
      flg: down ? '*' : null,
      flag_names: down ? ['down'] : [],
      rx_bytes: counts.rx_bytes,
      tx_bytes: counts.tx_bytes,
      tx_collisions: counts.tx_collisions,
      mac_addr: isMac ? address : null,
      network: raw.network ?? null,
      address: isMac ? null : address,
    };
  },
};
