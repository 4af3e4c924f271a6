import type { DatabaseSync } from 'node:sqlite';
import { classifySqliteError, isSqliteError } from './database-errors.ts';
import type { DatabaseError } from './errors.ts';

/** Errors that are about the database being copied, not about the copy: locked, corrupt, not a database. */
const SOURCE_CODES = new Set([5, 6, 11, 26]); // SQLITE_BUSY, SQLITE_LOCKED, SQLITE_CORRUPT, SQLITE_NOTADB

/**
 * Runs `copy` (an online backup from `db`) while `db` holds a read transaction, and ends it after.
 * SQLite restarts an online backup from page 1 whenever another connection writes between two of its
 * steps, so under steady writes a copy in several steps never finishes. Holding the read transaction
 * keeps one snapshot for every step: in rollback-journal mode writers wait for it like for any reader
 * (up to their busy timeout), in WAL mode they carry on. The first read also makes a locked, corrupt
 * or non-database file fail here, as a {@link DatabaseError}, before anything is written.
 *
 * @example
 * const pages = await withReadTransaction(db, '/srv/app/app.db', () => backup(db, target));
 */
export async function withReadTransaction<T>(
  db: DatabaseSync,
  databasePath: string,
  copy: () => Promise<T>,
): Promise<T> {
  try {
    db.exec('BEGIN');
    // BEGIN takes no lock; the first read does (waiting up to the connection's busy timeout).
    db.prepare('SELECT count(*) FROM sqlite_schema').get();
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw sourceError(db, databasePath, error) ?? error;
  }
  try {
    return await copy();
  } finally {
    // Nothing was written: ROLLBACK only releases the read lock, and cannot be refused.
    if (db.isOpen && db.isTransaction) db.exec('ROLLBACK');
  }
}

/**
 * The {@link DatabaseError} (`database_locked`, `database_corrupt`, `not_a_database`) for a SQLite
 * error about the database `db` is open on; `null` for anything else, such as a full disk under the
 * copy, which is the copy's failure.
 *
 * @example
 * throw sourceError(db, '/srv/app/app.db', error) ?? error;
 */
export function sourceError(db: DatabaseSync, databasePath: string, error: unknown): DatabaseError | null {
  if (!isSqliteError(error) || !SOURCE_CODES.has(error.errcode & 0xff)) return null;
  return classifySqliteError(error, { database: databasePath, busyTimeoutMs: busyTimeoutOf(db) });
}

/** The connection's busy timeout in milliseconds, for the `database_locked` hint. */
function busyTimeoutOf(db: DatabaseSync): number {
  try {
    const row = db.prepare('PRAGMA busy_timeout').get();
    return Number(row === undefined ? 0 : Object.values(row)[0]);
  } catch {
    return 0; // A closed connection: the hint then says 0 ms, which is still the right advice.
  }
}
