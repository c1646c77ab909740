/**
 * Every input format netsnap knows, in the order their headers are tried. Adding a format: its
 * grammar in grammar/, its module here, one line in this list.
 */
import type { FormatPlugin } from '../format.js';
import { linuxInet, linuxInterface, linuxUnix } from './linux-net-tools.js';
import { unsupportedSections } from './unsupported.js';
import { ssSockets } from './ss.js';
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
