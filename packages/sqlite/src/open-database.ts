import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { classifySqliteError, isSqliteError, SQLITE_READONLY_ROLLBACK } from './database-errors.ts';
import { DatabaseError } from './errors.ts';

/** How {@link openDatabase} opens the file. */
export interface OpenDatabaseOptions {
  /** `read` never creates or changes the file; `write` creates a missing file. */
  readonly mode: 'read' | 'write';
  /** How long SQLite waits for another connection's lock before `database_locked`. */
  readonly busyTimeoutMs: number;
}

/** The in-memory database name: never resolved, always read-write. */
export const MEMORY = ':memory:';

/** The absolute path gao-db opens (`:memory:` stays as it is). */
export function resolveDatabasePath(database: string): string {
  return database === MEMORY ? database : resolve(database);
}

/**
 * Rolls back the journal a killed writer left (a process stopped mid-migration by Ctrl+C or
 * `kill -9`): what any connection with write access does on its first read. The rollback restores
 * the last committed state, so nothing committed changes. `false` when the file cannot be written.
 */
function recoverHotJournal(path: string, busyTimeoutMs: number): boolean {
  try {
    const db = new DatabaseSync(path, { timeout: busyTimeoutMs });
    try {
      db.prepare('SELECT count(*) FROM sqlite_schema').get();
    } finally {
      db.close();
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * Opens the one connection a run uses, with the busy timeout set, and reads the schema once so that
 * a file that is not a database or is corrupt fails here, before anything runs. `read` mode refuses a
 * missing file (`database_not_found`) instead of creating an empty database, and recovers the journal
 * of an interrupted writer first when it may write the file (otherwise a read-only connection cannot
 * read it at all): `status` works right after a `migrate` stopped with Ctrl+C.
 *
 * @example
 * const db = openDatabase('app.db', { mode: 'read', busyTimeoutMs: 5000 });
 */
export function openDatabase(database: string, options: OpenDatabaseOptions): DatabaseSync {
  const path = resolveDatabasePath(database);
  const context = { database, busyTimeoutMs: options.busyTimeoutMs };
  const readOnly = options.mode === 'read' && path !== MEMORY;
  if (readOnly && !existsSync(path)) {
    throw new DatabaseError('database_not_found', `The database ${database} does not exist.`, {
      hint: 'Check the --db path; gao-db migrate creates the database on its first run.',
      database,
    });
  }
  // SQLite itself says only "disk I/O error" (or "unable to open") for a folder.
  if (path !== MEMORY && existsSync(path) && statSync(path).isDirectory()) {
    throw new DatabaseError('not_a_database', `The database path ${database} is a folder, not a file.`, {
      hint: 'Point --db (or "database" in gao-db.config.json) at a database file, for example inside that folder.',
      database,
    });
  }
  try {
    return openAndCheck(path, readOnly, context);
  } catch (error) {
    const leftover = error instanceof DatabaseError && error.cause !== undefined && isHotJournal(error.cause);
    if (!readOnly || !leftover || !recoverHotJournal(path, options.busyTimeoutMs)) throw error;
    return openAndCheck(path, readOnly, context);
  }
}

function isHotJournal(error: unknown): boolean {
  return isSqliteError(error) && error.errcode === SQLITE_READONLY_ROLLBACK;
}

function openAndCheck(
  path: string,
  readOnly: boolean,
  context: { readonly database: string; readonly busyTimeoutMs: number },
): DatabaseSync {
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(path, { readOnly, timeout: context.busyTimeoutMs });
  } catch (error) {
    throw classifySqliteError(error, context) ?? error;
  }
  try {
    // Reading the schema touches page 1: "not a database" and a corrupt header show up now.
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch (error) {
    db.close();
    throw classifySqliteError(error, context) ?? error;
  }
  return db;
}
