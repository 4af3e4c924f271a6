import { downChecksumOf } from './checksum-fills.ts';
import type { History } from './history.ts';
import { appendEvent, upsertRecord } from './history-edit.ts';
import { runsInTransaction } from './migration.ts';
import type { ApplyStep, RevertStep } from './plan.ts';
import { assertNever } from './result.ts';

/** What a failed step reports: an `Error` fits. */
export interface StepError {
  readonly message: string;
  readonly stack?: string | undefined;
}

/** Whether a migration's down part runs inside a transaction (code modules use their one flag). */
function downInTransaction(migration: RevertStep['migration']): boolean {
  return migration.kind === 'sql'
    ? (migration.down?.options.transaction ?? true)
    : runsInTransaction(migration);
}

/**
 * The history after `step` failed at `at`. A failed apply leaves one `failed` record (replacing an
 * earlier failed one, so a retry never collides) marked with whether it ran in a transaction; a
 * failed revert keeps the success record, unless its down part ran outside a transaction: then the
 * record turns `failed` and non-transactional, so a person repairs it before anything else runs.
 *
 * @example
 * recordFailure(history, step, '2026-11-24T07:48:00Z', new Error('no such table: users'), 12)
 */
export function recordFailure(
  history: History,
  step: ApplyStep | RevertStep,
  at: string,
  error: StepError,
  durationMs?: number,
): History {
  const { migration } = step;
  const duration = durationMs ?? null;
  const event = { at, version: migration.version, migrationName: migration.id, durationMs: duration };
  const failure = { error: error.message, stack: error.stack ?? null, checksum: migration.checksum };
  switch (step.kind) {
    case 'apply': {
      const previous = history.records.find((record) => record.version === migration.version);
      const versionText = previous?.versionText ?? migration.versionText;
      const record = {
        version: migration.version,
        versionText,
        migrationName: migration.id,
        appliedAt: at,
        status: 'failed' as const,
        durationMs: duration,
        errorMessage: error.message,
        checksum: migration.checksum,
        downChecksum: downChecksumOf(migration),
        // A failed row never proves the database up to date.
        fileChecksum: null,
        transactional: runsInTransaction(migration),
      };
      return {
        records: upsertRecord(history.records, record),
        events: appendEvent(history.events, { ...event, ...failure, kind: 'failed', versionText }),
      };
    }
    case 'revert': {
      const { record } = step;
      const transactional = downInTransaction(migration);
      const records = transactional
        ? history.records
        : upsertRecord(history.records, {
            ...record,
            status: 'failed',
            errorMessage: error.message,
            transactional,
          });
      return {
        records,
        events: appendEvent(history.events, {
          ...event,
          ...failure,
          kind: 'rollback_failed',
          versionText: record.versionText,
        }),
      };
    }
    default:
      return assertNever(step, 'step kind');
  }
}
