import type { DatabaseSync, StatementSync } from 'node:sqlite';

// Keyed by connection: a closed connection's statements go with it, a new connection prepares afresh.
const caches = new WeakMap<DatabaseSync, Map<string, StatementSync>>();

/**
 * The prepared statement for `sql` on `db`, prepared once per connection: a run writes a row and an
 * event per step, and re-preparing each time cost more than running them. SQLite re-prepares a
 * cached statement by itself when the schema changed. Only for gao-db's own fixed SQL (one
 * statement each), never for migration files.
 *
 * @example
 * cachedStatement(db, 'DELETE FROM schema_version WHERE version = ?').run('001');
 */
export function cachedStatement(db: DatabaseSync, sql: string): StatementSync {
  let cache = caches.get(db);
  if (cache === undefined) {
    cache = new Map();
    caches.set(db, cache);
  }
  let statement = cache.get(sql);
  if (statement === undefined) {
    statement = db.prepare(sql);
    cache.set(sql, statement);
  }
  return statement;
}

/**
 * The connection's `PRAGMA data_version`: it changes only when another connection commits, so an
 * unchanged value means what this connection read earlier still holds.
 *
 * @example
 * const before = readDataVersion(db); // ... later, inside the lock:
 * if (readDataVersion(db) === before) console.log('nobody else committed');
 */
export function readDataVersion(db: DatabaseSync): number {
  return (cachedStatement(db, 'PRAGMA data_version').get() as { data_version: number }).data_version;
}
