/**
 * Linux net-tools `netstat -ie` / `-ei`: ifconfig-style blocks of several lines, one `interface`
 * record per block, with the same field names as `netstat -i` where the meaning is the same
 * (rx_ok = RX packets, rx_drp = RX dropped, ...) and jc's ifconfig names for the rest. Both the
 * net-tools 2.x form ("eth0: flags=4163<UP,...>  mtu 1400") and the older one ("eth0  Link
 * encap:Ethernet  HWaddr ...") are read; so is Czech output, whose keywords net-tools translates.
 *
 * A block starts at its first line (no header: "Kernel Interface table" is the title of -i too) and
 * its record is emitted when the next block starts or the section ends; the record has the line
 * number of the block's first line. Every line is read by grammar/ifconfig.ne.
 *
 * Schema: InterfaceRecord in src/types.ts.
 */
import ifconfigGrammar from '../generated/ifconfig.js';
import type { Diagnostic, InterfaceRecord } from '../../types.js';
import { TokenBuffer, typeId } from '../lexer.js';
import { scanIfconfigLine } from '../ifconfig-lexer.js';
import {
  RECORD,
  rowParser,
  STRUCTURAL,
  syntaxDiagnostic,
  type Emit,
  type FormatPlugin,
  type LineContext,
  type LineOutcome,
  type Opened,
  type Section,
} from '../format.js';
import { emptyInterface, FieldError, toInt } from '../normalize.js';
import { hwTypeName, ifconfigWord } from '../l10n.js';
import type { FieldSpan } from '../row-parser.js';

const rows = rowParser(ifconfigGrammar);
const tokens = new TokenBuffer();

const T_KV = typeId('kv');
const T_PAREN = typeId('paren');
const T_DIR = typeId('dir');
const T_NUMBER = typeId('number');

/** The first line of a block: "eth0: flags=4163<...>  mtu 1400" or "eth0      Link encap:Ethernet". */
const HEAD_NEW = /^\S+: flags=\d+<[^>\s]*>\s+mtu \d+/;
const HEAD_OLD = /^\S+\s+Link encap:/;

/** -ie flag names (net-tools' IFF_ names) in the vocabulary of `netstat -i`'s flag_names. */
const FLAG_NAMES: { readonly [flag: string]: string } = {
  UP: 'up', BROADCAST: 'broadcast', DEBUG: 'debug', LOOPBACK: 'loopback', POINTOPOINT: 'pointopoint',
  NOTRAILERS: 'notrailers', RUNNING: 'running', NOARP: 'noarp', PROMISC: 'promisc', ALLMULTI: 'allmulti',
  SLAVE: 'slave', MASTER: 'master', MULTICAST: 'multicast', DYNAMIC: 'dynamic',
};

type Block = InterfaceRecord;

function emptyBlock(ctx: LineContext, iface: string): Block {
  return { ...emptyInterface(ctx, 'linux', iface), mtu: 0 };
}

/** Counter keyword (English) -> field, for RX and TX lines. */
const RX_FIELDS: { readonly [key: string]: keyof Block } = {
  packets: 'rx_ok', bytes: 'rx_bytes', errors: 'rx_err', dropped: 'rx_drp', overruns: 'rx_ovr', frame: 'rx_frame',
};
const TX_FIELDS: { readonly [key: string]: keyof Block } = {
  packets: 'tx_ok', bytes: 'tx_bytes', errors: 'tx_err', dropped: 'tx_drp', overruns: 'tx_ovr', carrier: 'tx_carrier',
  collisions: 'tx_collisions',
};

function scopeName(text: string): string {
  return ifconfigWord(text).toLowerCase();
}

class IfconfigSection implements Section {
  readonly label = 'Kernel Interface table (-ie)';
  private block: Block | null = null;

  constructor(readonly plugin: FormatPlugin) {}

  line(ctx: LineContext, emit: Emit): LineOutcome {
    const text = ctx.text;
    const head = HEAD_NEW.test(text) || HEAD_OLD.test(text);
    // Detail lines are indented; an unindented line that is not a block's first line is not ours.
    if (!head && !/^\s/.test(text)) return { diagnostic: null };
    scanIfconfigLine(text, tokens);
    const result = rows.parse('ifconfig_line', tokens);
    if (!result.ok) {
      return { diagnostic: syntaxDiagnostic(ctx, tokens, result.at, result.expected, this.label) };
    }
    const spans = new Map<string, FieldSpan>();
    for (const span of result.spans) spans.set(span[0], span);
    const get = (field: string): string | undefined => {
      const s = spans.get(field);
      return s === undefined ? undefined : tokens.span(s[1], s[2]);
    };
    try {
      if (spans.has('iface')) {
        if (!head) return { diagnostic: this.misplaced(ctx, 'a block must start at the beginning of a line') };
        if (this.block !== null) emit.record(this.block);
        this.block = this.readHead(ctx, get);
        return RECORD;
      }
      if (this.block === null) return { diagnostic: this.misplaced(ctx, 'a line of an interface block before its first line') };
      this.readDetail(this.block, spans, get);
      return STRUCTURAL;
    } catch (err) {
      if (!(err instanceof FieldError)) throw err;
      return {
        diagnostic: {
          ...syntaxDiagnostic(ctx, tokens, 0, [], this.label),
          code: 'NETSNAP_PARSE_BAD_NUMBER',
          message: `${err.message} (${err.field}) in ${this.label}`,
        },
      };
    }
  }

  end(emit: Emit): void {
    if (this.block !== null) emit.record(this.block);
    this.block = null;
  }

  private misplaced(ctx: LineContext, message: string): Diagnostic {
    return { ...syntaxDiagnostic(ctx, tokens, 0, [], this.label), message };
  }

  private readHead(ctx: LineContext, get: (f: string) => string | undefined): Block {
    const name = get('iface')!;
    const encap = get('encap');
    if (encap === undefined) {
      // net-tools 2.x: "eth0: flags=4163<UP,BROADCAST,RUNNING,MULTICAST>  mtu 1400  metric 2"
      const block = emptyBlock(ctx, name.replace(/:$/, ''));
      const flags = get('flags')!;
      const list = flags.slice(flags.indexOf('<') + 1, -1);
      block.flg = list;
      block.flag_names = list === '' ? [] : list.split(',').map((f) => FLAG_NAMES[ifconfigWord(f)] ?? f.toLowerCase());
      block.mtu = toInt(get('mtu')!, 'mtu');
      const metric = get('metric');
      if (metric !== undefined) block.met = toInt(metric, 'met');
      return block;
    }
    // older net-tools: "eth0      Link encap:Ethernet  HWaddr 00:16:36:f8:b2:64"
    const block = emptyBlock(ctx, name);
    const words = get('encap_words');
    block.type = hwTypeName(encap.slice('encap:'.length) + (words === undefined ? '' : ` ${words}`));
    block.mac_addr = get('hw_addr') ?? null;
    return block;
  }

  private readDetail(block: Block, spans: Map<string, FieldSpan>, get: (f: string) => string | undefined): void {
    const each = (field: string, fn: (k: number) => void): void => {
      const s = spans.get(field);
      if (s !== undefined) for (let k = s[1]; k <= s[2]; k++) fn(k);
    };
    const inet = get('inet');
    if (inet !== undefined) {
      block.ipv4_addr = inet;
      const pairs: string[] = [];
      each('inet_pairs', (k) => pairs.push(tokens.text(k)));
      for (let k = 0; k + 1 < pairs.length; k += 2) {
        const key = ifconfigWord(pairs[k]!);
        if (key === 'netmask') block.ipv4_mask = pairs[k + 1]!;
        else if (key === 'broadcast') block.ipv4_bcast = pairs[k + 1]!;
      }
      return;
    }
    if (spans.has('inet_kv')) {
      // "inet addr:10.0.2.15  Bcast:10.0.2.255  Mask:255.255.255.0" (P-t-P has no field)
      each('inet_kv', (k) => {
        const [key, value] = splitKv(tokens.text(k));
        if (key === 'addr') block.ipv4_addr = value;
        else if (key === 'Bcast') block.ipv4_bcast = value;
        else if (key === 'Mask') block.ipv4_mask = value;
      });
      return;
    }
    const inet6 = get('inet6');
    if (inet6 !== undefined) {
      const scope = get('scope');
      block.ipv6.push({
        addr: inet6,
        prefixlen: Number(toInt(get('prefixlen')!, 'prefixlen')),
        scope: scope === undefined ? null : scopeName(scope.slice(scope.indexOf('<') + 1, -1)),
      });
      return;
    }
    const inet6Old = get('inet6_old');
    if (inet6Old !== undefined) {
      // "inet6 addr: fe80::216:36ff:fef8:b264/64 Scope:Link"
      const slash = inet6Old.lastIndexOf('/');
      const [, scope] = splitKv(get('inet6_scope_kv')!);
      block.ipv6.push({
        addr: slash < 0 ? inet6Old : inet6Old.slice(0, slash),
        prefixlen: slash < 0 ? null : Number(toInt(inet6Old.slice(slash + 1), 'prefixlen')),
        scope: scopeName(scope),
      });
      return;
    }
    if (spans.has('hw')) {
      // "ether 02:fc:00:00:00:01  txqueuelen 1000  (Ethernet)", "loop  txqueuelen 1000  (Local Loopback)"
      block.mac_addr = get('hw_addr') ?? null;
      const q = get('txqueuelen');
      if (q !== undefined) block.txqueuelen = toInt(q, 'txqueuelen');
      const type = get('hw_type');
      if (type !== undefined) block.type = hwTypeName(type.slice(1, -1));
      return;
    }
    const dir = get('dir');
    if (dir !== undefined) {
      let table = dir === 'RX' ? RX_FIELDS : TX_FIELDS;
      if (spans.has('counters')) {
        // "RX packets 2749  bytes 79843309 (76.1 MiB)": keyword, number, maybe a size in parentheses
        let key: string | null = null;
        each('counters', (k) => {
          const t = tokens.types[k]!;
          if (t === T_NUMBER && key !== null) setCounter(block, table, key, tokens.text(k));
          else if (t !== T_PAREN) key = ifconfigWord(tokens.text(k));
        });
      } else {
        // "RX packets:31682 errors:0 ...", "RX bytes:29637117 (29.6 MB)  TX bytes:4590583 (4.5 MB)"
        each('old_items', (k) => {
          const t = tokens.types[k]!;
          if (t === T_DIR) table = tokens.text(k) === 'RX' ? RX_FIELDS : TX_FIELDS;
          else if (t === T_KV) {
            const [key, value] = splitKv(tokens.text(k));
            setCounter(block, table, key, value);
          }
        });
      }
      return;
    }
    const mtu = get('mtu_kv');
    if (mtu !== undefined) {
      // "UP BROADCAST RUNNING MULTICAST  MTU:1500  Metric:1"
      const words = get('flag_words');
      block.flg = words ?? null;
      block.flag_names = words === undefined ? [] : words.split(/\s+/).map((f) => FLAG_NAMES[f] ?? f.toLowerCase());
      block.mtu = toInt(splitKv(mtu)[1], 'mtu');
      const metric = get('metric_kv');
      if (metric !== undefined) block.met = toInt(splitKv(metric)[1], 'met');
      return;
    }
    if (spans.has('kv_first')) {
      // "collisions:0 txqueuelen:1000", "Interrupt:18 Memory:da000000-da020000"
      const read = (k: number): void => {
        if (tokens.types[k] !== T_KV) return;
        const [key, value] = splitKv(tokens.text(k));
        if (key === 'collisions') block.tx_collisions = toInt(value, 'tx_collisions');
        else if (key === 'txqueuelen') block.txqueuelen = toInt(value, 'txqueuelen');
      };
      each('kv_first', read);
      each('kv_rest', read);
    }
    // "device interrupt 16  memory 0xfe9e0000-fea00000": no field for it
  }
}

function splitKv(text: string): [string, string] {
  const colon = text.indexOf(':');
  return [text.slice(0, colon), text.slice(colon + 1)];
}

function setCounter(block: Block, table: { readonly [key: string]: keyof Block }, key: string, value: string): void {
  const field = table[key];
  if (field === undefined) return;
  (block as unknown as { [f: string]: unknown })[field] = toInt(value, field);
}

export const linuxIfconfig: FormatPlugin = {
  id: 'linux-ifconfig',
  platform: 'linux',
  kinds: ['interface'],
  open(line: string): Opened | null {
    if (!HEAD_NEW.test(line) && !HEAD_OLD.test(line)) return null;
    return { section: new IfconfigSection(this), consumed: 'row' };
  },
};
