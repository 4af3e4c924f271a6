import { downChecksumOf } from './checksum-fills.ts';
import type { History, HistoryRecord } from './history.ts';
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

/** The history after one step succeeded. */
function applyStep(history: History, step: Step, at: string, durationMs: number | null): History {
  const { migration } = step;
  const previous = history.records.find((record) => record.version === migration.version);
  // Events spelled out rather than spread from a common part: the runner calls this once per step.
  const { version, id: migrationName, checksum } = migration;
  switch (step.kind) {
    case 'apply': {
      const record = successRecord(migration, previous, at, durationMs);
      const detail = step.retry
        ? 'retried after a failed attempt'
        : step.outOfOrder
          ? 'applied out of order'
          : null;
      return {
        records: upsertRecord(history.records, record),
        events: appendEvent(history.events, {
          at,
          kind: 'applied',
          version,
          versionText: record.versionText,
          migrationName,
          checksum,
          durationMs,
          detail,
        }),
      };
    }
    case 'baseline': {
      // Baselining runs nothing, so there is no duration to record.
      const record = successRecord(migration, previous, at, null);
      const detail = previous === undefined ? null : 'replaced a failed attempt';
      return {
        records: upsertRecord(history.records, record),
        events: appendEvent(history.events, {
          at,
          kind: 'baselined',
          version,
          versionText: record.versionText,
          migrationName,
          checksum,
          detail,
        }),
      };
    }
    case 'revert':
      return {
        records: removeRecord(history.records, version),
        events: appendEvent(history.events, {
          at,
          kind: 'rolled_back',
          version,
          versionText: step.record.versionText,
          migrationName: step.record.migrationName,
          checksum: step.record.checksum,
          durationMs,
        }),
      };
    default:
      return assertNever(step, 'step kind');
  }
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
