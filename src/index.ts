/**
 * netsnap as a library: read saved netstat text into typed records.
 *
 * This module is the package's whole public face. Nothing here touches `process`, prints or exits.
 */
export type {
  Diagnostic,
  GroupRecord,
  InetRecord,
  Int,
  InterfaceRecord,
  LineStats,
  NetlinkRecord,
  NetRecord,
  PacketRecord,
  Platform,
  RecordKind,
  RecordOf,
  RouteRecord,
  SnapshotInfo,
  SsCommonFields,
  SsInetFields,
  SsInetRecord,
  SsMemFields,
  SsUnixFields,
  SsUnixRecord,
  SsUser,
  StatRecord,
  StructuralKind,
  TipcRecord,
  UnixRecord,
  WindowsInetRecord,
  WindowsInterfaceRecord,
  WindowsRouteRecord,
  WindowsStatRecord,
  VsockRecord,
} from './types.js';
export {
  InputParser,
  parseAll,
  parseFile,
  parseInput,
  parseText,
  readRecords,
  type ParseOptions,
  type ParseResult,
  type ParseSummary,
} from './parse/parser.js';
export type { ParseSink } from './parse/sections.js';
export type {
  BsdStatExtras,
  BsdUnixExtras,
  DarwinInetExtras,
  DarwinRouteExtras,
  DarwinSocketExtras,
  FreebsdInetExtras,
  FreebsdRouteExtras,
  OpenbsdRouteExtras,
} from './parse/formats/bsd-common.js';
// Snapshots and diffs (issue 3).
export {
  diffInputs,
  diffSnapshots,
  diffWithin,
  fileInput,
  listSnapshots,
  streamInput,
  textInput,
  type DiffInputOptions,
  type InputRef,
  type ReadHooks,
  type ReadOptions,
  type SnapshotSelector,
} from './snapshots.js';
export {
  DEFAULT_KEYS,
  INTERFACE_COUNTERS,
  KeyedDiff,
  POSITION_FIELDS,
  diff,
  type DiffOptions,
  type DiffRecord,
  type DuplicateKey,
  type FieldChange,
  type KeyInfo,
  type KeySpec,
  type PairedRecord,
  type RecordDiff,
} from './query/verbs/diff.js';
export {
  SnapshotDiffer,
  type CounterDelta,
  type InterfaceDelta,
  type KindCounts,
  type ProgramCount,
  type SnapshotDiff,
  type StatDelta,
  type StateCount,
} from './diff/snapshot-diff.js';
export { DIFF_ROW_COLUMNS, DiffWriter, diffRows, writeDiffs, type DiffRow } from './diff/render.js';
export { matchPrompt, matchTimestamp, parseCommand, type CommandInfo } from './parse/markers.js';
export { ENCODINGS, type Encoding } from './input/decode.js';
export { readFileChunks, type ByteSource } from './input/read.js';
export {
  InputError,
  InternalError,
  NetsnapError,
  UsageError,
  renderDiagnostic,
  type ErrorCode,
} from './errors.js';
export { KNOWN_FORMATS, PLATFORMS, formatsFor } from './parse/formats/index.js';
// The query engine: the query as data, the verbs over iterables, the --where language.
export * from './query/index.js';
export {
  SummaryBuilder,
  summarize,
  FINDING_IDS,
  THRESHOLD_INFO,
  defaultThresholds,
  parseThresholds,
  withEvidenceText,
  EVIDENCE_TEXT_MAX,
  type EvidenceTextOptions,
  type Finding,
  type Growth,
  type Severity,
  type SnapshotSummary,
  type Summary,
  type ThresholdName,
  type Thresholds,
} from './summary/index.js';
export { renderSummary, SUMMARY_FORMATS, type SummaryFormat } from './summary/render.js';
export { Pseudonymizer } from './redact/pseudonym.js';
export { Redactor, fieldReplacement, redactInput, redactText, type RedactOptions, type RedactReport } from './redact/redactor.js';
