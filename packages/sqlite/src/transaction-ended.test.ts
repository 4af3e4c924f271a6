import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { testdir } from '@gao/tooling/test-utils';
import { expect, it, onTestFinished } from 'vitest';
import { MigrationFailedError } from './errors.ts';
import { Migrator } from './migrator.ts';

// A code migration that catches the error of an `INSERT OR ROLLBACK`: SQLite has ended the
// transaction, so what follows would autocommit, and so would a success row written after it.
const SNEAKY = `export function up(db) {
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY)');
  db.exec('INSERT INTO t VALUES (1)');
  try { db.exec('INSERT OR ROLLBACK INTO t VALUES (1)'); } catch {}
  try { db.exec('CREATE TABLE leaked (id INTEGER)'); } catch {}
}
`;

it('a migration whose transaction SQLite ended is failed, nothing of it stays, nothing after it autocommits', async () => {
  const root = testdir({
    'migrations/001_first.sql': 'CREATE TABLE first (id INTEGER);\n',
    'migrations/002_sneaky.mjs': SNEAKY,
  });
  const database = join(root, 'app.db');
  const migrator = new Migrator({ database, migrationsDir: join(root, 'migrations'), backup: false });
  onTestFinished(() => migrator.close());

  const error = await migrator.migrate().catch((thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(MigrationFailedError);
  const cause = (error as MigrationFailedError).cause as { code: string; message: string };
  expect(cause.code).toBe('transaction_ended');
  expect(cause.message).toBe(
    "002_sneaky.mjs: SQLite ended the migration's transaction before it returned (an INSERT OR ROLLBACK, or an error the migration caught), so its changes were rolled back.",
  );

  const db = new DatabaseSync(database, { readOnly: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_schema WHERE name IN ('t', 'leaked')").all();
    expect(tables).toEqual([]);
    const events = db.prepare('SELECT kind, version FROM schema_version_events ORDER BY id').all();
    expect(events.map((row) => `${row.kind} ${row.version}`)).toEqual(['applied 001', 'failed 002']);
    const rows = db.prepare('SELECT version, status FROM schema_version ORDER BY version').all();
    expect(rows.map((row) => `${row.version} ${row.status}`)).toEqual(['001 success', '002 failed']);
  } finally {
    db.close();
  }
});

// The audit's case: statements prepared before SQLite ended the transaction (a trigger's
// RAISE(ROLLBACK)) would run afterwards in autocommit mode, each committing on its own.
const PREPARED_BEFORE = `export function up(db) {
  const insert = db.prepare('INSERT INTO t VALUES (?)');
  const log = db.prepare('INSERT INTO log VALUES (?)');
  for (const x of [1, 2, -3, 4, 5]) {
    try { insert.run(x); } catch { try { log.run(x); } catch {} }
  }
}
`;

it('statements a code migration prepared before SQLite ended its transaction cannot commit afterwards', async () => {
  const root = testdir({
    'migrations/001_tables.sql': `CREATE TABLE t (x INTEGER);
CREATE TABLE log (x INTEGER);
CREATE TRIGGER negative BEFORE INSERT ON t WHEN NEW.x < 0 BEGIN SELECT RAISE(ROLLBACK, 'negative'); END;
`,
    'migrations/002_prepared.mjs': PREPARED_BEFORE,
  });
  const database = join(root, 'app.db');
  const migrator = new Migrator({ database, migrationsDir: join(root, 'migrations'), backup: false });
  onTestFinished(() => migrator.close());

  const error = await migrator.migrate().catch((thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(MigrationFailedError);
  expect(((error as MigrationFailedError).cause as { code: string }).code).toBe('transaction_ended');
  const db = new DatabaseSync(database, { readOnly: true });
  try {
    expect(db.prepare('SELECT x FROM t').all()).toEqual([]);
    expect(db.prepare('SELECT x FROM log').all()).toEqual([]);
    // No table of gao-db's guard is left in the user's database.
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE name LIKE 'gao_db%'").all()).toEqual([]);
  } finally {
    db.close();
  }
});
