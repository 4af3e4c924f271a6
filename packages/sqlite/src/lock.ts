import type { DatabaseSync } from 'node:sqlite';
import { classifySqliteError, type ErrorContext, isSqliteError } from './database-errors.ts';
import { cachedStatement } from './statement-cache.ts';

const SQLITE_BUSY = 5;

/**
 * Takes the database's write lock with `BEGIN IMMEDIATE`: this is what serialises runners in several
 * processes (a deferred `BEGIN` would fail at the first write instead of waiting). Tries once without
 * waiting so it can say `onWait()` before it waits up to the busy timeout; a lock still held after
 * that is a `database_locked` error. The timeout is set to 0 only for that first try and restored
 * right after: everything else under the lock (a large migration spilling its cache, `COMMIT` in
 * rollback-journal mode while readers finish) must wait the full timeout. With no timeout at all
 * there is nothing to toggle.
 *
 * @example
 * beginImmediate(db, { database: 'app.db', busyTimeoutMs: 5000 }, () => emit({ type: 'waiting_for_lock' }));
 */
export function beginImmediate(db: DatabaseSync, context: ErrorContext, onWait: () => void): void {
  const timeout = Math.max(0, Math.floor(context.busyTimeoutMs));
  try {
    if (timeout === 0) {
      cachedStatement(db, 'BEGIN IMMEDIATE').run();
      return;
    }
    if (tryBeginImmediate(db, timeout)) return;
    onWait();
    cachedStatement(db, 'BEGIN IMMEDIATE').run();
  } catch (error) {
    throw classifySqliteError(error, context) ?? error;
  }
}

/**
 * `BEGIN IMMEDIATE` without waiting: `false` when another connection holds the write lock. The busy
 * timeout is 0 for that one try and `busyTimeoutMs` again after it (prepared once per connection:
 * this runs once per step).
 *
 * @example
 * if (!tryBeginImmediate(db, 5000)) console.log('another process is migrating');
 */
export function tryBeginImmediate(db: DatabaseSync, busyTimeoutMs: number): boolean {
  try {
    cachedStatement(db, 'PRAGMA busy_timeout = 0').run();
    cachedStatement(db, 'BEGIN IMMEDIATE').run();
    return true;
  } catch (error) {
    if (!isSqliteError(error) || (error.errcode & 0xff) !== SQLITE_BUSY) throw error;
    return false;
  } finally {
    cachedStatement(db, `PRAGMA busy_timeout = ${Math.max(0, Math.floor(busyTimeoutMs))}`).run();
  }
}

/**
 * Commits, after checking the transaction is still open: a statement such as `INSERT OR ROLLBACK` or
 * a full disk can end it behind the runner's back, and committing then would commit nothing.
 */
export function commit(db: DatabaseSync, context: ErrorContext): void {
  if (!db.isTransaction) {
    throw new Error('The transaction ended before gao-db could commit it (SQLite rolled it back).');
  }
  try {
    cachedStatement(db, 'COMMIT').run();
  } catch (error) {
    throw classifySqliteError(error, context) ?? error;
  }
}

/** Rolls back if a transaction is open; never throws, so it cannot hide the error that caused it. */
export function rollbackQuietly(db: DatabaseSync): void {
  if (!db.isTransaction) return;
  try {
    db.exec('ROLLBACK');
  } catch {
    // The original error is the one to report; SQLite has already ended the transaction.
  }
}
