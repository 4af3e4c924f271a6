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
