/**
 * Every input format netsnap knows, in the order their headers are tried. Adding a format: its
 * grammar in grammar/, its module here, one line in this list.
 */
import type { FormatPlugin } from '../format.js';
import { linuxInet, linuxInterface, linuxUnix } from './linux-net-tools.js';
import { unsupportedSections } from './unsupported.js';
import { ssSockets, ssSocketsForced } from './ss.js';
import { ssSummary } from './ss-summary.js';

export const FORMATS: readonly FormatPlugin[] = [
  linuxInet,
  linuxUnix,
  linuxInterface,
  unsupportedSections,
  ssSockets,
  ssSummary,
];

/** Names of what netsnap reads, for the "no netstat data" message. */
export const KNOWN_FORMATS =
  'Linux net-tools netstat (sockets -a -n -l -t -u -w -x -p -o -e -W -c, interfaces -i); ' +
  'iproute2 ss (sockets of every family, -a -l -n -p -o -e -m -i -O -Z -H, summary -s)';

/** The platforms netsnap has formats for ("linux", "ss", ...), for --platform. */
export const PLATFORMS: readonly string[] = [...new Set(FORMATS.map((f) => f.platform))];

/**
 * The formats of one platform, for when the user knows what printed the text (--platform): only
 * these are tried, and ss tables are found even from a bare row ("0 0 10.0.0.1:22 10.0.0.2:5000", as
 * ss -H prints with a state filter), which is not recognised on its own.
 */
export function formatsFor(platform: string): readonly FormatPlugin[] {
  return FORMATS.filter((f) => f.platform === platform).map((f) => (f === ssSockets ? ssSocketsForced : f));
}
