/**
 * The BSD-family readers (macOS, FreeBSD, OpenBSD, NetBSD), in the order their headers are tried.
 * src/parse/formats/index.ts puts them before the Linux readers.
 */
import type { FormatPlugin } from '../format.js';
import { bsdInet, darwinMultipath } from './bsd-inet.js';
import { bsdInterface } from './bsd-interface.js';
import { bsdRoute } from './bsd-route.js';
import { bsdListenQueueTitle, darwinKernelModulesTitle, darwinSkippedSections, darwinVsockTitle } from './bsd-skipped.js';
import { bsdStat } from './bsd-stat.js';
import { bsdUnix } from './bsd-unix.js';

export const BSD_FORMATS: readonly FormatPlugin[] = [
  bsdInet,
  darwinMultipath,
  bsdUnix,
  bsdInterface,
  bsdRoute,
  bsdStat,
  darwinSkippedSections,
  darwinKernelModulesTitle,
  darwinVsockTitle,
  bsdListenQueueTitle,
];
