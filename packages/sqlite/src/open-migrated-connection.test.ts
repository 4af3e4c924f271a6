import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { ProgressEvent } from './events.ts';
import { migratorFixture } from './migrator.test-fixture.ts';
import { openMigrated } from './open-migrated.ts';

/** A migrations folder with `files` and the path of a database not created yet. */
const setup = (files: Record<string, string>) => migratorFixture(files);

function pragma(db: DatabaseSync, name: string): unknown {
  return Object.values(db.prepare(`PRAGMA ${name}`).get() ?? {})[0];
}

/** What the application would notice about the connection it was given. */
function connectionState(db: DatabaseSync) {
  const names = (sql: string) => (db.prepare(sql).all() as { name: string }[]).map((row) => row.name);
  let userFunction = true;
  try {
    db.prepare('SELECT left_by_migration()').get();
  } catch {
    userFunction = false;
  }
  return {
    foreignKeys: pragma(db, 'foreign_keys'),
    busyTimeout: pragma(db, 'busy_timeout'),
    queryOnly: pragma(db, 'query_only'),
    synchronous: pragma(db, 'synchronous'),
    legacyAlterTable: pragma(db, 'legacy_alter_table'),
    recursiveTriggers: pragma(db, 'recursive_triggers'),
    // `temp` is listed once something used it; attached databases always are.
    databases: names("SELECT name FROM pragma_database_list WHERE name <> 'temp' ORDER BY seq"),
    tempTables: names('SELECT name FROM temp.sqlite_schema'),
    userFunction,
    inTransaction: db.isTransaction,
  };
}

describe('openMigrated: the connection the application gets', () => {
  it('after migrations ran, carries nothing they set on their connection', async () => {
    const t = setup({
      '001_rebuild.mjs': `export function up(db) {
  db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY); CREATE TEMP TABLE scratch (x)');
  db.exec('PRAGMA legacy_alter_table = ON; PRAGMA recursive_triggers = ON; PRAGMA busy_timeout = 1');
  db.function('left_by_migration', () => 1);
}\n`,
      '002_tune.mjs': `export const transaction = false;
export function up(db) {
  db.exec("ATTACH ':memory:' AS side; PRAGMA synchronous = OFF; PRAGMA foreign_keys = OFF");
}\n`,
    });
    const db = await openMigrated(t.database, { migrationsDir: t.dir, backup: false, busyTimeoutMs: 1234 });
    onTestFinished(() => db.close());
    expect(connectionState(db)).toEqual({
      foreignKeys: 1,
      busyTimeout: 1234,
      queryOnly: 0,
      synchronous: 2,
      legacyAlterTable: 0,
      recursiveTriggers: 0,
      databases: ['main'],
      tempTables: [],
      userFunction: false,
      inTransaction: false,
    });
    // No authorizer left behind: the application may use transactions.
    db.exec('BEGIN; INSERT INTO t VALUES (1); COMMIT');
    expect(db.prepare('SELECT count(*) AS n FROM schema_version').get()).toEqual({ n: 2 });
  });

  it('an in-memory database keeps the connection the migrations ran on (it is the database)', async () => {
    const t = setup({ '001_t.sql': 'CREATE TABLE t (id INTEGER PRIMARY KEY);' });
    const db = await openMigrated(':memory:', { migrationsDir: t.dir });
    onTestFinished(() => db.close());
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE name = 't'").all()).toEqual([{ name: 't' }]);
  });

  it('calls for one file in one process run one after the other: none fails as locked, the migration runs once', async () => {
    const t = setup({
      '001_slow.mjs': `export async function up(db) {
  await new Promise((resolve) => setTimeout(resolve, 100));
  db.exec('CREATE TABLE IF NOT EXISTS runs (n INTEGER); INSERT INTO runs VALUES (1)');
}\n`,
    });
    const events: ProgressEvent['type'][][] = [[], [], []];
    const started = performance.now();
    const opened = await Promise.allSettled(
      events.map((seen) =>
        openMigrated(t.database, {
          migrationsDir: t.dir,
          backup: false,
          busyTimeoutMs: 1500,
          onEvent: (event) => seen.push(event.type),
        }),
      ),
    );
    for (const result of opened)
      if (result.status === 'fulfilled') onTestFinished(() => result.value.close());
    expect(opened.map((result) => (result.status === 'fulfilled' ? 'ok' : String(result.reason)))).toEqual([
      'ok',
      'ok',
      'ok',
    ]);
    // Without waiting in turn, the later calls block the event loop for the busy timeout each.
    expect(performance.now() - started).toBeLessThan(1500);
    expect(events[0]).toContain('step_finished');
    expect(events[1]?.[0]).toBe('waiting_for_lock');
    expect(events[1]).not.toContain('step_started');
    const [first] = opened;
    const db = first?.status === 'fulfilled' ? first.value : null;
    expect(db?.prepare('SELECT count(*) AS n FROM runs').get()).toEqual({ n: 1 });
  });

  it('a missing migrations folder fails before the database file is created', async () => {
    const t = setup({});
    const error = await openMigrated(t.database, { migrationsDir: join(t.dir, 'missing') }).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'migrations_dir_not_found' });
    expect(existsSync(t.database)).toBe(false);
  });
});
