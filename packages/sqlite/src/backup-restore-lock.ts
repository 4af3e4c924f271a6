import { backup, DatabaseSync } from 'node:sqlite';
import { setTimeout as sleep } from 'node:timers/promises';
import { sqliteErrcode } from './backup-error.ts';
import { DatabaseError } from './errors.ts';

/** One backup step copies everything, so other connections never see a half-restored file. */
const ALL_PAGES = 2 ** 31 - 1;
const UNREADABLE_CODES = new Set([11, 26]); // SQLITE_CORRUPT, SQLITE_NOTADB
/**
 * How node's `backup()` reports a destination it could not lock: SQLITE_BUSY or SQLITE_LOCKED, or
 * errcode 0 ("not an error") when the busy step was the last one and it reads the destination
 * connection's (empty) error instead of the step's.
 */
const BUSY_CODES = new Set([0, 5, 6]);
/** Pause between two attempts when another connection took the database between probe and copy. */
const RETRY_PAUSE_MS = 20;

/** Whether the live database could be locked: `unreadable` when it is not a database SQLite can read. */
export type LockProbe = 'free' | 'busy' | 'unreadable';

/**
 * Takes and releases an exclusive lock on `live`, waiting up to `timeoutMs` for other connections:
 * writers, and in rollback-journal mode readers too, whose shared lock would make the copy's final
 * write fail (in WAL mode EXCLUSIVE is IMMEDIATE: readers do not matter there).
 *
 * @example
 * if (probeLock('/srv/app/app.db', 5000) === 'busy') throw restoreLockedError('/srv/app/app.db', 5000);
 */
export function probeLock(live: string, timeoutMs: number): LockProbe {
  const probe = new DatabaseSync(live, { timeout: Math.max(1, Math.floor(timeoutMs)) });
  try {
    probe.exec('BEGIN EXCLUSIVE');
    probe.prepare('SELECT count(*) FROM sqlite_schema').get(); // NOTADB/CORRUPT surface on the first read
    probe.exec('ROLLBACK');
    return 'free';
  } catch (error) {
    const code = sqliteErrcode(error);
    return code !== null && UNREADABLE_CODES.has(code) ? 'unreadable' : 'busy';
  } finally {
    if (probe.isTransaction) probe.exec('ROLLBACK');
    probe.close();
  }
}

/**
 * Copies `sourceDb` into the live file through SQLite's backup API. node opens the destination itself,
 * without a busy timeout, so a connection that takes the database between the probe and the copy
 * makes the copy fail at once: it is retried, probing again, until `busyTimeoutMs` has passed. A
 * failed attempt changes nothing (SQLite rolls the destination back). `busy`: still locked at the end.
 *
 * @example
 * if ((await copyOnline(sourceDb, '/srv/app/app.db', 5000)) === 'busy') throw restoreLockedError('/srv/app/app.db', 5000);
 */
export async function copyOnline(
  sourceDb: DatabaseSync,
  live: string,
  busyTimeoutMs: number,
): Promise<'copied' | 'busy'> {
  const deadline = Date.now() + busyTimeoutMs;
  for (;;) {
    if (probeLock(live, Math.max(1, deadline - Date.now())) !== 'free') return 'busy';
    try {
      await backup(sourceDb, live, { rate: ALL_PAGES });
      return 'copied';
    } catch (error) {
      const code = sqliteErrcode(error);
      if (code === null || !BUSY_CODES.has(code)) throw error;
      if (Date.now() >= deadline) return 'busy';
      await sleep(RETRY_PAUSE_MS);
    }
  }
}

/**
 * The `database_locked` error of a restore that could not lock the database: nothing was restored.
 *
 * @example
 * throw restoreLockedError('/srv/app/app.db', 5000);
 */
export function restoreLockedError(live: string, busyTimeoutMs: number): DatabaseError {
  return new DatabaseError(
    'database_locked',
    `The database ${live} is locked by another process; nothing was restored.`,
    {
      hint: `Another gao-db, or the application reading or writing the database, holds a lock. Stop it (restore with the application stopped) and retry, or raise --busy-timeout (now ${busyTimeoutMs} ms).`,
      database: live,
    },
  );
}
