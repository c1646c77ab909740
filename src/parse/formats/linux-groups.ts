/**
 * Linux net-tools multicast group memberships (netstat -g, -gn), in English or translated:
 *
 *   IPv6/IPv4 Group Memberships
 *   Interface       RefCnt Group
 *   --------------- ------ ---------------------
 *   lo              1      224.0.0.251
 *
 * Schema: GroupRecord in src/types.ts.
 */
import groupGrammar from '../generated/group.js';
import type { GroupRecord } from '../../types.js';
import { scanSocketLine, T_NUMBER } from '../lexer.js';
import {
  rowParser,
  squash,
  STRUCTURAL,
  TableSection,
  type Emit,
  type LineContext,
  type LineOutcome,
  type Layout,
  type Opened,
  type RawFields,
  type TableFormat,
} from '../format.js';
import { toInt } from '../normalize.js';
import { alternation, collapse, variants } from '../l10n.js';

interface GroupLayout extends Layout {
  /**
   * net-tools prints the IPv4 memberships (/proc/net/igmp) before the IPv6 ones (/proc/net/igmp6):
   * once an IPv6 address has been seen, a resolved name below it is an IPv6 group too.
   */
  seenV6: boolean;
}

const HEADER = new RegExp(`^${alternation('Interface       RefCnt Group\n')}$`);
const SEPARATOR = /^\s*-+\s+-+\s+-+\s*$/;
const TITLES = variants('IPv4 Group Memberships\n');

/** The dashes under the header are part of the section. */
class GroupSection extends TableSection<GroupLayout> {
  override line(ctx: LineContext, emit: Emit): LineOutcome {
    if (SEPARATOR.test(ctx.text)) return STRUCTURAL;
    return super.line(ctx, emit);
  }
}

export const linuxGroups: TableFormat<GroupLayout> = {
  id: 'linux-groups',
  platform: 'linux',
  kinds: ['group'],
  label: 'IPv6/IPv4 Group Memberships',
  scan: scanSocketLine,
  rows: rowParser(groupGrammar),

  isTitle(line: string) {
    const text = collapse(line).replace(/^IPv6\//, '');
    return TITLES.includes(text);
  },

  open(line: string): Opened | null {
    if (!HEADER.test(squash(line))) return null;
    return { section: new GroupSection(this, { start: 'group_row', seenV6: false }), consumed: 'header' };
  },

  looksLikeRow: (tokens) => tokens.length >= 2 && tokens.length <= 4 && tokens.types[1] === T_NUMBER,

  normalize(raw: RawFields, ctx: LineContext, layout: GroupLayout): GroupRecord {
    const group = raw.group!;
    if (group.includes(':')) layout.seenV6 = true;
    return {
      kind: 'group',
      snapshot: ctx.snapshot,
      source: ctx.source,
      line: ctx.line,
      platform: 'linux',
      iface: raw.iface!,
      refcnt: toInt(raw.refcnt!, 'refcnt'),
      group,
      ip_version: group.includes(':') || layout.seenV6 ? 6 : 4,
    };
  },
};
