import { statSync } from 'node:fs';
import { getStatus } from '@gao/migrate-core';
import { listBackups } from './backup.ts';
import { withDatabaseErrors } from './database-errors.ts';
import { MEMORY } from './open-database.ts';
import { readSet } from './read-set.ts';
import type { Inspection } from './run-report.ts';
import { schemaDrift } from './schema-drift.ts';
import { errorContext, readState, type Session } from './session.ts';

/**
 * What `status` and `history` show, read-only: the set, the history with its events, the status
 * report, the file's size and journal mode, the newest backup, and whether the schema was changed
 * outside gao-db since its newest event recorded it.
 *
 * @example
 * const inspection = inspectCommand(current);
 * inspection.status.counts.pending; // 2
 */
export function inspectCommand(current: Session): Inspection {
  const { db, options } = current;
  const set = readSet(options.migrationsDir);
  const { history } = readState(current, true);
  const journalMode =
    db === null
      ? null
      : withDatabaseErrors(errorContext(options), () => {
          const row = db.prepare('PRAGMA journal_mode').get() as { journal_mode: string } | undefined;
          return row?.journal_mode ?? null;
        });
  const exists = db !== null;
  const sizeBytes = exists && options.path !== MEMORY ? statSync(options.path).size : 0;
  const lastBackup =
    options.backupDir === null ? null : (listBackups(options.backupDir, options.path)[0] ?? null);
  const drift =
    db === null ? null : withDatabaseErrors(errorContext(options), () => schemaDrift(db, history));
  return {
    database: options.database,
    exists,
    sizeBytes,
    journalMode,
    set,
    history,
    status: getStatus(set, history),
    lastBackup,
    schemaDrift: drift,
  };
}
