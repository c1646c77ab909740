/**
 * `netsnap summary` as a library: feed records (and snapshot infos) as they are parsed, then
 * finish() for a Summary. Holds per-snapshot aggregates, never the records.
 */
import type { NetRecord, SnapshotInfo } from '../types.js';
import { SnapshotBuilder } from './collect.js';
import { evaluate } from './findings.js';
import { growthByKinds } from './growth.js';
import type { SnapshotSummary, Summary } from './model.js';
import { defaultThresholds, type Thresholds } from './thresholds.js';

export class SummaryBuilder {
  private readonly builders: SnapshotBuilder[] = [];
  private readonly index = new Map<string, SnapshotBuilder>();
  private readonly thresholds: Thresholds;

  constructor(thresholds: Partial<Thresholds> = {}) {
    this.thresholds = { ...defaultThresholds(), ...thresholds };
  }

  private builder(source: string, snapshot: number): SnapshotBuilder {
    const key = `${source}\u0000${snapshot}`;
    let b = this.index.get(key);
    if (b === undefined) {
      b = new SnapshotBuilder(source, snapshot, this.thresholds);
      this.index.set(key, b);
      this.builders.push(b);
    }
    return b;
  }

  record(record: NetRecord): void {
    this.builder(record.source, record.snapshot).add(record);
  }

  /** The segmenter's description of a finished snapshot (command, timestamp). */
  snapshot(info: SnapshotInfo): void {
    this.builder(info.source, info.index).info(info);
  }

  finish(): Summary {
    const snapshots: SnapshotSummary[] = this.builders
      .filter((b) => b.records > 0)
      .map((b) => ({ ...b.summary(), findings: evaluate(b, this.thresholds) }));
    return {
      snapshots,
      growth: growthByKinds(snapshots),
      thresholds: { ...this.thresholds },
    };
  }
}

/** Summarise records held in memory. */
export function summarize(records: Iterable<NetRecord>, options: { thresholds?: Partial<Thresholds>; snapshots?: Iterable<SnapshotInfo> } = {}): Summary {
  const b = new SummaryBuilder(options.thresholds);
  for (const s of options.snapshots ?? []) b.snapshot(s);
  for (const r of records) b.record(r);
  return b.finish();
}

export type * from './model.js';
export { FINDING_IDS } from './findings.js';
export { EVIDENCE_TEXT_MAX, withEvidenceText, type EvidenceTextOptions } from './evidence.js';
export { THRESHOLD_INFO, defaultThresholds, parseThresholds, type Thresholds, type ThresholdName } from './thresholds.js';
