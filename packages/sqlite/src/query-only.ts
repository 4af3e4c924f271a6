import { DatabaseSync } from 'node:sqlite';

/**
 * Runs `read` on a connection to `path` that cannot write, then closes it. Read-write but
 * `query_only`: a read-only connection could not make the -shm file of a WAL copy.
 *
 * @example
 * const n = withQueryOnly('/tmp/copy.db', (db) => db.prepare('SELECT count(*) AS n FROM t').get());
 */
export function withQueryOnly<T>(path: string, read: (db: DatabaseSync) => T): T {
  const db = new DatabaseSync(path);
  try {
    db.exec('PRAGMA query_only = ON');
    return read(db);
  } finally {
    db.close();
  }
}

/**
 * Switches `query_only` off on `db` if something (a migration) switched it on; `true` when it was
 * on. The runner's connection must stay writable to record what happened; never throws.
 *
 * @example
 * if (leaveQueryOnly(context.db)) console.log('the migration had made the connection read-only');
 */
export function leaveQueryOnly(db: DatabaseSync): boolean {
  try {
    const row = db.prepare('PRAGMA query_only').get();
    if (row === undefined || Number(Object.values(row)[0]) === 0) return false;
    db.exec('PRAGMA query_only = OFF');
    return true;
  } catch {
    // A connection that cannot even say: the original error is the one to report.
    return false;
  }
}
