/**
 * Every input format netsnap knows, in the order their headers are tried. Adding a format: its
 * grammar in grammar/, its module here, one line in this list.
 */
import type { FormatPlugin } from '../format.js';
import { linuxInet, linuxInterface, linuxUnix } from './linux-net-tools.js';
import { unsupportedSections } from './unsupported.js';
import { windowsInet } from './windows-inet.js';
import { windowsInterfaceStats } from './windows-interface.js';
import { windowsRoute } from './windows-route.js';
import { windowsStat } from './windows-stat.js';

export const FORMATS: readonly FormatPlugin[] = [
  linuxInet,
  linuxUnix,
  linuxInterface,
  unsupportedSections,
  windowsInet,
  windowsInterfaceStats,
  windowsStat,
  windowsRoute,
];

/** Names of what netsnap reads, for the "no netstat data" message. */
export const KNOWN_FORMATS =
  'Linux net-tools netstat (sockets -a -n -l -t -u -w -x -p -o -e -W -c, interfaces -i)' +
  '; Windows netstat (connections -a -n -o -b -t -p, -e, -r / route print, -s)';
