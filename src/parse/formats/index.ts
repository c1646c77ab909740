/**
 * Every input format netsnap knows, in the order their headers are tried. Adding a format: its
 * grammar in grammar/, its module here, one line in this list.
 */
import type { Platform } from '../../types.js';
import type { FormatPlugin } from '../format.js';
import { linuxInet, linuxInterface, linuxUnix } from './linux-net-tools.js';
import { linuxRoute } from './linux-route.js';
import { linuxGroups } from './linux-groups.js';
import { linuxIfconfig } from './linux-ifconfig.js';
import { linuxStats } from './linux-stats.js';
import { unsupportedSections } from './unsupported.js';
import { BSD_FORMATS } from './bsd.js';
import { windowsInet } from './windows-inet.js';
import { windowsInterfaceStats } from './windows-interface.js';
import { windowsRoute } from './windows-route.js';
import { windowsStat } from './windows-stat.js';
import { ssSockets, ssSocketsForced } from './ss.js';
import { ssSummary } from './ss-summary.js';

export const FORMATS: readonly FormatPlugin[] = [
  // BSD and macOS first: their inet reader claims NetBSD's header, which has Linux's words
  ...BSD_FORMATS,
  linuxInet,
  linuxUnix,
  linuxInterface,
  linuxRoute,
  linuxGroups,
  linuxIfconfig,
  linuxStats,
  unsupportedSections,
  windowsInet,
  windowsInterfaceStats,
  windowsStat,
  windowsRoute,
  ssSockets,
  ssSummary,
];

/** Names of what netsnap reads, for the "no netstat data" message. */
export const KNOWN_FORMATS =
  'Linux net-tools netstat (sockets -a -n -l -t -u -w -x -p -o -e -W -c, interfaces -i -ie, routes -r, ' +
  'statistics -s, groups -g; translated output too) and busybox netstat; ' +
  'macOS, FreeBSD, OpenBSD and NetBSD netstat (sockets -a -n -A -b -v -T -x -P, interfaces -i -b -d, routes -r -l, statistics -s)' +
  '; Windows netstat (connections -a -n -o -b -t -p, -e, -r / route print, -s)' +
  '; iproute2 ss (sockets of every family, -a -l -n -p -o -e -m -i -O -Z -H, summary -s)';

/** Every platform a format's records can have (its `platforms`, or its one `platform`). */
export function platformsOf(format: FormatPlugin): readonly Platform[] {
  return format.platforms ?? [format.platform];
}

/** The order platforms are listed in (--help, the README). */
const PLATFORM_ORDER: readonly Platform[] = ['linux', 'busybox', 'darwin', 'freebsd', 'openbsd', 'netbsd', 'windows', 'ss'];

/** Every platform a record can have ("linux", "busybox", "freebsd", "ss", ...), for --platform. */
export const PLATFORMS: readonly Platform[] = (() => {
  const all = new Set(FORMATS.flatMap(platformsOf));
  return [...PLATFORM_ORDER.filter((p) => all.has(p)), ...[...all].filter((p) => !PLATFORM_ORDER.includes(p))];
})();

/**
 * The formats that can produce records of one platform, for when the user knows what printed the
 * text (--platform): only these are tried, and ss tables are found even from a bare row
 * ("0 0 10.0.0.1:22 10.0.0.2:5000", as ss -H prints with a state filter), which is not recognised
 * on its own.
 */
export function formatsFor(platform: string): readonly FormatPlugin[] {
  return FORMATS.filter((f) => (platformsOf(f) as readonly string[]).includes(platform)).map((f) => (f === ssSockets ? ssSocketsForced : f));
}
