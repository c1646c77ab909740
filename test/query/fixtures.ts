/** Records of real samples, for the query tests. */
import { parseText } from '../../src/index.js';
import type { InetRecord, NetRecord, UnixRecord } from '../../src/types.js';
import { readSample } from '../helpers.js';

/** netstat -anp on the Debian 12 socket mix: 151 inet and 43 unix records. */
export const ANP = 'samples/linux/netstat-anp.txt';
/** netstat -tulpn: listeners only, with programs. */
export const TULPN = 'samples/linux/netstat-tulpn.txt';
/** netstat -c -tn: three snapshots. */
export const CTN = 'samples/linux/netstat-c-tn.txt';
/** busybox netstat -an: IPv4-mapped IPv6 addresses (::ffff:127.0.0.1) on tcp rows. */
export const BUSYBOX_AN = 'samples/busybox/busybox-an.txt';
/** jc's Ubuntu 18.04 netstat: host names (kbrazil-ubuntu, lb-192-30-253-113) and 192.168.71.1. */
export const UBUNTU = 'samples/jc-fixtures/ubuntu-18.04/netstat.out';
/** jc's CentOS 7.7 netstat -aeep: service names for ports (ssh, smtp), localhost. */
export const CENTOS_AEEP = 'samples/jc-fixtures/centos-7.7/netstat-sudo-aeep.out';
/** jc's Ubuntu netstat -lnp with 192.168.68.116 and 192.168.71.131. */
export const UBUNTU_LNP = 'samples/jc-fixtures/ubuntu-18.04/netstat-sudo-lnp-space.out';

const cache = new Map<string, NetRecord[]>();

/** Every record of a sample file, in order. */
export function recordsOf(path: string): NetRecord[] {
  let records = cache.get(path);
  if (records === undefined) {
    records = parseText(readSample(path), { source: path }).records;
    cache.set(path, records);
  }
  return records;
}

export function inetOf(path: string): InetRecord[] {
  return recordsOf(path).filter((r): r is InetRecord => r.kind === 'inet');
}

export function unixOf(path: string): UnixRecord[] {
  return recordsOf(path).filter((r): r is UnixRecord => r.kind === 'unix');
}

/** Records as an async iterable (what readRecords gives). */
export async function* asAsync<T>(items: Iterable<T>): AsyncGenerator<T> {
  for (const x of items) {
    await null;
    yield x;
  }
}

/** Parse inline netstat text (for cases no sample has, such as counters beyond 2^53). */
export function recordsFromText(text: string, source = 'inline'): NetRecord[] {
  return parseText(text, { source }).records;
}
