import { downChecksumOf } from './checksum-fills.ts';
import type { History, HistoryEvent, HistoryRecord } from './history.ts';
import { appendEvent, removeRecord, upsertRecord } from './history-edit.ts';
import { type Migration, runsInTransaction } from './migration.ts';
import type { ChecksumFill, Plan, Step } from './plan.ts';
import { assertNever } from './result.ts';

/** The success record a migration gets once applied (or baselined) at `at`. */
function successRecord(
  migration: Migration,
  previous: HistoryRecord | undefined,
  at: string,
  durationMs: number | null,
): HistoryRecord {
  return {
    version: migration.version,
    // A retry keeps the stored key as written, so legacy rows are never rewritten.
    versionText: previous?.versionText ?? migration.versionText,
    migrationName: migration.id,
    appliedAt: at,
    status: 'success',
    durationMs,
    errorMessage: null,
    checksum: migration.checksum,
    downChecksum: downChecksumOf(migration),
    fileChecksum: migration.fileChecksum,
    transactional: runsInTransaction(migration),
  };
}

/** The event of an applied or baselined migration, from its new record. */
function successEvent(
  kind: 'applied' | 'baselined',
  record: HistoryRecord,
  at: string,
  durationMs: number | null,
  detail: string | null,
): Omit<HistoryEvent, 'id'> {
  // Spelled out rather than spread over defaults: the runner builds one per step.
  return {
    at,
    kind,
    version: record.version,
    versionText: record.versionText,
    migrationName: record.migrationName,
    durationMs,
    checksum: record.checksum,
    error: null,
    stack: null,
    detail,
    schemaFingerprint: null,
  };
}

/** Records the checksum of a row written without one. */
function fillChecksum(history: History, fill: ChecksumFill, at: string): History {
  const record = history.records.find((candidate) => candidate.version === fill.version);
  if (record === undefined) return history;
  return {
    records: upsertRecord(history.records, {
      ...record,
      checksum: fill.checksum,
      downChecksum: fill.downChecksum,
      fileChecksum: fill.fileChecksum,
    }),
    events: appendEvent(history.events, {
      at,
      kind: 'checksum_recorded',
      version: record.version,
      versionText: record.versionText,
      migrationName: record.migrationName,
      checksum: fill.checksum,
      detail: 'the row was written without a checksum',
    }),
  };
}

/** What one successful step changes: the version's record afterwards and the event it appends. */
export interface StepOutcome {
  /** The version's record once the step is done; `null` when its row is removed (a revert). */
  readonly record: HistoryRecord | null;
  /** The event the step appends (its id comes from where it is stored). */
  readonly event: Omit<HistoryEvent, 'id'>;
}

/**
 * The record and event one successful step writes, given the version's record before it (`undefined`
 * when it has no row). Pure, and what {@link applyPlan} applies for each step: the runner writes
 * exactly this once per step, without building whole histories.
 *
 * @example
 * stepOutcome({ kind: 'apply', migration, retry: false, outOfOrder: false }, undefined, '2026-11-24T07:48:00Z', 3).record?.status // 'success'
 */
export function stepOutcome(
  step: Step,
  previous: HistoryRecord | undefined,
  at: string,
  durationMs: number | null,
): StepOutcome {
  const { migration } = step;
  switch (step.kind) {
    case 'apply': {
      const record = successRecord(migration, previous, at, durationMs);
      const detail = step.retry
        ? 'retried after a failed attempt'
        : step.outOfOrder
          ? 'applied out of order'
          : null;
      return { record, event: successEvent('applied', record, at, durationMs, detail) };
    }
    case 'baseline': {
      // Baselining runs nothing, so there is no duration to record.
      const record = successRecord(migration, previous, at, null);
      const detail = previous === undefined ? null : 'replaced a failed attempt';
      return { record, event: successEvent('baselined', record, at, null, detail) };
    }
    case 'revert':
      return {
        record: null,
        event: {
          at,
          kind: 'rolled_back',
          version: migration.version,
          versionText: step.record.versionText,
          migrationName: step.record.migrationName,
          durationMs,
          checksum: step.record.checksum,
          error: null,
          stack: null,
          detail: null,
          schemaFingerprint: null,
        },
      };
    default:
      return assertNever(step, 'step kind');
  }
}

/** The history after one step succeeded. */
function applyStep(history: History, step: Step, at: string, durationMs: number | null): History {
  const { version } = step.migration;
  const previous = history.records.find((record) => record.version === version);
  const { record, event } = stepOutcome(step, previous, at, durationMs);
  return {
    records: record === null ? removeRecord(history.records, version) : upsertRecord(history.records, record),
    events: appendEvent(history.events, event),
  };
}

/**
 * The history after `plan` ran successfully: checksums filled first, then every step in order
 * (records upserted or removed, one event each). Pure: the clock comes in as `at`. Used by the
 * property tests and by in-memory storage in the adapter's tests.
 *
 * @example
 * const result = planMigrate(set, EMPTY_HISTORY);
 * if (result.ok) applyPlan(EMPTY_HISTORY, result.value, '2026-11-24T07:48:00Z', 3).records.length // set size
 */
export function applyPlan(history: History, plan: Plan, at: string, durationMs?: number): History {
  const fills = plan.kind === 'rollback' ? [] : plan.checksumFills;
  let next = fills.reduce((current, fill) => fillChecksum(current, fill, at), history);
  for (const step of plan.steps) next = applyStep(next, step, at, durationMs ?? null);
  return next;
}
