import type { DatabaseSync } from 'node:sqlite';
import { EMPTY_HISTORY, type History, type MigrationSet } from '@gao/migrate-core';
import type { BackupInfo } from './backup.ts';
import { type ErrorContext, withDatabaseErrors } from './database-errors.ts';
import { emitTo, type ProgressListener } from './events.ts';
import { readHistory } from './history-store.ts';
import type { ResolvedOptions } from './migrator-options.ts';
import type { ModuleCache } from './module-cache.ts';
import { type RunContext, waitNotifier } from './run-context.ts';
import { type HistoryShape, readHistoryShape } from './schema.ts';
import { readDataVersion } from './statement-cache.ts';

/** One command's connection (or `null`: a read of a database that does not exist) and settings. */
export interface Session {
  readonly db: DatabaseSync | null;
  readonly options: ResolvedOptions;
  readonly modules: ModuleCache;
  readonly emit: ProgressListener;
}

/** A session over an open connection (write commands). */
export interface OpenSession extends Session {
  readonly db: DatabaseSync;
}

/** Builds a session; events go through a guard so a listener's exception cannot break a run. */
export function session(db: DatabaseSync | null, options: ResolvedOptions, modules: ModuleCache): Session {
  return { db, options, modules, emit: emitTo(options.onEvent) };
}

/** The error context: the path for messages, the busy timeout for the `database_locked` hint. */
export function errorContext(options: ResolvedOptions): ErrorContext {
  return { database: options.database, busyTimeoutMs: options.busyTimeoutMs };
}

/** The run context of a write command over `set` (its loaded modules are the ones that run). */
export function runContext(current: OpenSession, set: MigrationSet): RunContext {
  const { db, options, modules, emit } = current;
  return {
    ...errorContext(options),
    db,
    clock: options.clock,
    emit,
    logger: options.logger,
    modules: modules.modulesOf(set),
    onWait: waitNotifier(emit),
  };
}

/** What the database holds, as read without a lock (advisory). */
export interface ReadState {
  /** `null`: no connection (a read of a database that does not exist). */
  readonly shape: HistoryShape | null;
  readonly history: History;
  /**
   * `PRAGMA data_version` read just before the history: while it stays the same, no other connection
   * has committed, so inside the lock the history and the plan made from it still hold.
   */
  readonly dataVersion: number | null;
}

/** What the database holds, read without a lock (advisory); an absent database has an empty history. */
export function readState(current: Session, events: boolean): ReadState {
  const { db, options } = current;
  if (db === null) return { shape: null, history: EMPTY_HISTORY, dataVersion: null };
  return withDatabaseErrors(errorContext(options), () => {
    const dataVersion = readDataVersion(db);
    const shape = readHistoryShape(db, options.database);
    return { shape, history: readHistory(db, shape, options.database, { events }), dataVersion };
  });
}

/** The highest applied version of a history (`null`: nothing applied). */
export function highestApplied(history: History): number | null {
  let highest: number | null = null;
  for (const record of history.records) {
    if (record.status === 'success' && (highest === null || record.version > highest))
      highest = record.version;
  }
  return highest;
}

/**
 * Takes the pre-run backup through the port, outside any transaction, when backups are on. An
 * empty database (just created, no tables) has nothing to lose and is not backed up.
 */
export async function backupBeforeRun(current: OpenSession, reason: string): Promise<BackupInfo | null> {
  const { db, options } = current;
  if (options.takeBackup === null) return null;
  const row = db.prepare('SELECT count(*) AS n FROM sqlite_schema').get() as { n: number };
  if (row.n === 0) return null;
  // Said before the copy starts: on a large database it is the first thing that takes time.
  const pages = db.prepare('PRAGMA page_count').get() as { page_count: number };
  current.emit({ type: 'backup_progress', copiedPages: 0, totalPages: pages.page_count });
  const backup = await options.takeBackup(db, reason, (copiedPages, totalPages) =>
    current.emit({ type: 'backup_progress', copiedPages, totalPages }),
  );
  current.emit({ type: 'backup_created', backup });
  return backup;
}
