import { downChecksumOf, type History, type HistoryRecord, type MigrationSet } from '@gao/migrate-core';
import { classifySqliteError } from './database-errors.ts';
import { DatabaseError, type StepResult } from './errors.ts';
import { persistHistory, readHistory } from './history-store.ts';
import { beginImmediate, commit, rollbackQuietly } from './lock.ts';
import { recordSchema } from './recorded-schema.ts';
import { now, type RunContext } from './run-context.ts';
import { ensureHistoryTables, readHistoryShape } from './schema.ts';

/**
 * A person's decision about one record: `mark_applied` / `mark_rolled_back` after finishing or undoing
 * a half-applied (non-transactional) migration by hand, `accept_checksum` after a deliberate edit.
 */
export type RepairAction = 'mark_applied' | 'mark_rolled_back' | 'accept_checksum';

/** The plan of a repair (a `RunReport`'s `plan` for `repair`). */
export interface RepairPlan {
  readonly kind: 'repair';
  readonly version: number;
  readonly action: RepairAction;
}

function refuse(database: string, message: string, hint: string): DatabaseError {
  return new DatabaseError('invalid_repair', message, { hint, database });
}

/** The history after the repair, or why it does not apply. */
function repaired(context: RunContext, set: MigrationSet, before: History, plan: RepairPlan): History {
  const { version, action } = plan;
  const record = before.records.find((candidate) => candidate.version === version);
  const migration = set.migrations.find((candidate) => candidate.version === version) ?? null;
  if (record === undefined) {
    throw refuse(
      context.database,
      `Migration ${version} has no record to repair.`,
      'gao-db status lists the recorded versions.',
    );
  }
  const others = before.records.filter((candidate) => candidate.version !== version);
  const event = {
    id: 1,
    at: now(context),
    kind: 'repaired' as const,
    version,
    versionText: record.versionText,
    migrationName: record.migrationName,
    durationMs: null,
    // The error belongs to the `failed` event before this one; the repair only records the decision.
    error: null,
    stack: null,
    // A person decided the database is right as it is: its schema is the one to compare with now.
    schemaFingerprint: recordSchema(context.db),
  };
  switch (action) {
    case 'mark_rolled_back':
      // An applied migration whose file is there is undone by its down part, not forgotten: the
      // history would say pending while its changes stay, and the next migrate would run it again.
      if (record.status === 'success' && migration !== null) {
        throw refuse(
          context.database,
          `Migration ${version} is applied and its file is there, so there is nothing to mark rolled back.`,
          `To undo it, run gao-db rollback (its down part). mark-rolled-back is for a migration that failed outside a transaction and was undone by hand, or a record whose file is gone.`,
        );
      }
      return {
        records: others,
        events: [{ ...event, checksum: record.checksum, detail: 'mark_rolled_back' }],
      };
    case 'mark_applied': {
      if (record.status !== 'failed' || record.transactional) {
        throw refuse(
          context.database,
          record.status === 'success'
            ? `Migration ${version} is already applied.`
            : `Migration ${version} failed inside a transaction, so nothing of it was applied.`,
          'Fix the migration and run gao-db migrate; to record it without running it, use gao-db baseline.',
        );
      }
      const next: HistoryRecord = {
        ...record,
        status: 'success',
        errorMessage: null,
        checksum: migration?.checksum ?? record.checksum,
        downChecksum: migration === null ? record.downChecksum : downChecksumOf(migration),
        fileChecksum: migration === null ? record.fileChecksum : migration.fileChecksum,
      };
      return {
        records: [...others, next],
        events: [{ ...event, checksum: next.checksum, detail: 'mark_applied' }],
      };
    }
    case 'accept_checksum': {
      if (migration === null || record.status !== 'success') {
        throw refuse(
          context.database,
          migration === null
            ? `Migration ${version} has no file, so there is no checksum to accept.`
            : `Migration ${version} is not applied, so there is no checksum to accept.`,
          'accept-checksum records the current file of an applied migration that was edited on purpose.',
        );
      }
      const next: HistoryRecord = {
        ...record,
        checksum: migration.checksum,
        downChecksum: downChecksumOf(migration),
        fileChecksum: migration.fileChecksum,
      };
      const detail = `accept_checksum (was ${record.checksum ?? 'not recorded'})`;
      return {
        records: [...others, next],
        events: [{ ...event, checksum: next.checksum, detail }],
      };
    }
  }
}

/**
 * Applies a repair decision under the lock, with a `repaired` event naming it.
 *
 * @example
 * runRepair(context, set, { kind: 'repair', version: 5, action: 'mark_rolled_back' });
 */
export function runRepair(context: RunContext, set: MigrationSet, plan: RepairPlan): StepResult[] {
  const { db, database } = context;
  beginImmediate(db, context, context.onWait);
  try {
    const shape = readHistoryShape(db, database);
    const before = readHistory(db, shape, database, { events: false });
    const after = repaired(context, set, before, plan);
    ensureHistoryTables(db, shape);
    persistHistory(db, before, after);
    commit(db, context);
  } catch (error) {
    rollbackQuietly(db);
    throw classifySqliteError(error, context) ?? error;
  }
  const migration = set.migrations.find((candidate) => candidate.version === plan.version);
  return [
    {
      kind: 'repair',
      version: plan.version,
      name: migration?.name ?? '',
      file: migration?.file ?? null,
      durationMs: 0,
    },
  ];
}
