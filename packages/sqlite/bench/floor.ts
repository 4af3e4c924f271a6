import { createHash, hash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { constants, DatabaseSync } from 'node:sqlite';
import { CREATE_EVENTS_TABLE, CREATE_HISTORY_TABLE } from '../src/schema.ts';

/**
 * The floors: the work any migration tool must do, written directly against node:sqlite with no
 * abstraction. gao-db is measured against these.
 */

interface FloorMigration {
  readonly version: string;
  readonly name: string;
  readonly up: string;
  readonly down: string;
  readonly checksum: string;
  /** The whole file, as gao-db hashes it for `file_checksum` when it records the row. */
  readonly text: string;
}

const DOWN_MARKER = /^-- migrate:down\s*$/m;
const UP_MARKER = /^-- migrate:up\s*$/m;

/** Lists the folder, reads each `.sql` file, splits it at the markers and hashes the up part. */
function readMigrations(dir: string): FloorMigration[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .sort()
    .map((file) => {
      const text = readFileSync(join(dir, file), 'utf8');
      const downAt = text.search(DOWN_MARKER);
      const upAt = text.search(UP_MARKER);
      const up = text.slice(upAt, downAt);
      const down = text.slice(downAt);
      const stem = file.slice(0, -4);
      return {
        version: stem.slice(0, stem.indexOf('_')),
        name: stem,
        up,
        down,
        checksum: createHash('sha256').update(up).digest('hex'),
        text,
      };
    });
}

/**
 * The floors as the issue defines them: apply = "the same SQL, one transaction per migration plus one
 * insert each"; rollback = "the down SQL, one transaction each plus one delete". These are THE floors
 * the ratio is computed against. The `withRequired` variants also do, per step, the two things the
 * issue itself requires of every migration: one `schema_version_events` row in the same transaction,
 * and `PRAGMA foreign_key_check` before `COMMIT` with enforcement off (set once, as gao-db does).
 * Printed as an informative column only: it shows what part of gao-db's ratio is required work.
 */
// Exactly gao-db's tables, so the floor writes rows of the same shape.
const CREATE_HISTORY = [CREATE_HISTORY_TABLE, CREATE_EVENTS_TABLE]
  .map((ddl) => ddl.replace('CREATE TABLE', 'CREATE TABLE IF NOT EXISTS'))
  .join(';\n');

const INSERT_EVENT =
  'INSERT INTO schema_version_events (at, kind, version, migration_name, duration_ms, checksum) VALUES (?, ?, ?, ?, ?, ?)';

/**
 * Apply floor: read the files, then per migration `BEGIN; <up SQL>; INSERT` the row; `COMMIT`. With
 * `withRequired`, also `INSERT` an event row and run the foreign-key check in the same transaction.
 *
 * @example
 * floorApply('/tmp/app.db', '/tmp/migrations');
 */
export function floorApply(database: string, dir: string, withRequired = false): number {
  const migrations = readMigrations(dir);
  const db = new DatabaseSync(database);
  try {
    db.exec(CREATE_HISTORY);
    const insert = db.prepare(
      "INSERT INTO schema_version (version, migration_name, status, duration_ms, checksum) VALUES (?, ?, 'success', ?, ?)",
    );
    const event = db.prepare(INSERT_EVENT);
    const foreignKeyCheck = db.prepare('PRAGMA foreign_key_check');
    if (withRequired) db.exec('PRAGMA foreign_keys = OFF');
    for (const m of migrations) {
      const started = performance.now();
      db.exec('BEGIN IMMEDIATE');
      db.exec(m.up);
      if (withRequired && foreignKeyCheck.all().length > 0) throw new Error(`${m.name} broke a foreign key`);
      const duration = Math.round(performance.now() - started);
      insert.run(m.version, m.name, duration, m.checksum);
      if (withRequired)
        event.run(new Date().toISOString(), 'applied', m.version, m.name, duration, m.checksum);
      db.exec('COMMIT');
    }
  } finally {
    db.close();
  }
  return migrations.length;
}

/**
 * Up-to-date check floor: list the folder, read and sha256 every file, SELECT every history row.
 *
 * @example
 * floorCheck('/tmp/app.db', '/tmp/migrations'); // 0 pending
 */
export function floorCheck(database: string, dir: string): number {
  const files = readdirSync(dir)
    .filter((file) => file.endsWith('.sql'))
    .sort();
  const hashes = new Map<string, string>();
  for (const file of files) {
    hashes.set(
      file.slice(0, file.indexOf('_')),
      createHash('sha256')
        .update(readFileSync(join(dir, file)))
        .digest('hex'),
    );
  }
  const db = new DatabaseSync(database);
  try {
    const rows = db.prepare('SELECT version, checksum FROM schema_version').all() as { version: string }[];
    let pending = hashes.size;
    for (const row of rows) if (hashes.has(row.version)) pending--;
    return pending;
  } finally {
    db.close();
  }
}

/**
 * Rollback floor: read the files, then newest first `BEGIN; <down SQL>; DELETE` the row; `COMMIT`.
 * With `withRequired`, also `INSERT` an event row and run the foreign-key check in the same transaction.
 *
 * @example
 * floorRollback('/tmp/app.db', '/tmp/migrations');
 */
export function floorRollback(database: string, dir: string, withRequired = false): number {
  const migrations = readMigrations(dir).reverse();
  const db = new DatabaseSync(database);
  try {
    const remove = db.prepare('DELETE FROM schema_version WHERE version = ?');
    const event = db.prepare(INSERT_EVENT);
    const foreignKeyCheck = db.prepare('PRAGMA foreign_key_check');
    if (withRequired) db.exec('PRAGMA foreign_keys = OFF');
    for (const m of migrations) {
      const started = performance.now();
      db.exec('BEGIN IMMEDIATE');
      db.exec(m.down);
      if (withRequired && foreignKeyCheck.all().length > 0) throw new Error(`${m.name} broke a foreign key`);
      remove.run(m.version);
      const duration = Math.round(performance.now() - started);
      if (withRequired)
        event.run(new Date().toISOString(), 'rolled_back', m.version, m.name, duration, m.checksum);
      db.exec('COMMIT');
    }
  } finally {
    db.close();
  }
  return migrations.length;
}

const INSERT_RECORD =
  'INSERT INTO schema_version (version, migration_name, applied_at, status, duration_ms, error_message, checksum, down_checksum, transactional, file_checksum) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';
const INSERT_FULL_EVENT =
  'INSERT INTO schema_version_events (at, kind, version, migration_name, duration_ms, checksum, error, stack, detail, schema_fingerprint) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)';

/**
 * gao-db's own per-step SQL, written as a raw loop (informative): what the floor + required does,
 * plus what gao-db's design adds to each step: the lock probe (`busy_timeout` 0, `BEGIN IMMEDIATE`,
 * `busy_timeout` back), `PRAGMA data_version` (to skip re-reading the history), the authorizer that
 * refuses transaction control (installed once, called on every prepare), the open-transaction checks,
 * the full ten-column row with `applied_at`, the down part's and the file's checksums, and the full event row.
 * gao-db minus this is the cost of its JavaScript; this minus "floor + required" is its SQL choices.
 */
function gaoSqlRun(database: string, dir: string, direction: 'up' | 'down'): number {
  const all = readMigrations(dir);
  const migrations = direction === 'up' ? all : all.reverse();
  const db = new DatabaseSync(database, { timeout: 5000 });
  try {
    db.exec(CREATE_HISTORY);
    const insert = db.prepare(INSERT_RECORD);
    const remove = db.prepare('DELETE FROM schema_version WHERE version = ?');
    const event = db.prepare(INSERT_FULL_EVENT);
    const foreignKeyCheck = db.prepare('PRAGMA foreign_key_check');
    const dataVersion = db.prepare('PRAGMA data_version');
    const noWait = db.prepare('PRAGMA busy_timeout = 0');
    const wait = db.prepare('PRAGMA busy_timeout = 5000');
    const begin = db.prepare('BEGIN IMMEDIATE');
    const commit = db.prepare('COMMIT');
    db.exec('PRAGMA foreign_keys = OFF');
    let watching = false;
    db.setAuthorizer((action) =>
      watching && (action === constants.SQLITE_TRANSACTION || !db.isTransaction)
        ? constants.SQLITE_DENY
        : constants.SQLITE_OK,
    );
    for (const m of migrations) {
      noWait.run();
      begin.run();
      wait.run();
      dataVersion.get();
      const started = performance.now();
      watching = true;
      db.exec(direction === 'up' ? m.up : m.down);
      watching = false;
      if (!db.isTransaction || foreignKeyCheck.all().length > 0) throw new Error(`${m.name} failed`);
      const duration = Math.round(performance.now() - started);
      const at = new Date().toISOString();
      if (direction === 'up') {
        // One-shot, as gao-db hashes text (read-set.ts sha256Text), not a Hash object per step.
        const downChecksum = hash('sha256', m.down, 'hex');
        const fileChecksum = hash('sha256', m.text, 'hex');
        insert.run(
          m.version,
          m.name,
          at,
          'success',
          duration,
          null,
          m.checksum,
          downChecksum,
          1,
          fileChecksum,
        );
      } else remove.run(m.version);
      event.run(
        at,
        direction === 'up' ? 'applied' : 'rolled_back',
        m.version,
        m.name,
        duration,
        m.checksum,
        null,
        null,
        null,
        null,
      );
      if (!db.isTransaction) throw new Error(`${m.name} ended its transaction`);
      commit.run();
    }
  } finally {
    db.close();
  }
  return migrations.length;
}

/**
 * Apply with gao-db's own per-step SQL (see {@link gaoSqlRun}); informative, not a floor.
 *
 * @example
 * gaoSqlApply('/tmp/app.db', '/tmp/migrations');
 */
export function gaoSqlApply(database: string, dir: string): number {
  return gaoSqlRun(database, dir, 'up');
}

/**
 * Roll back all with gao-db's own per-step SQL (see {@link gaoSqlRun}); informative, not a floor.
 *
 * @example
 * gaoSqlRollback('/tmp/app.db', '/tmp/migrations');
 */
export function gaoSqlRollback(database: string, dir: string): number {
  return gaoSqlRun(database, dir, 'down');
}
