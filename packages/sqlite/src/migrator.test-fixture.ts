import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { testdir, writeTree } from '@gao/tooling/test-utils';
import { expect, onTestFinished } from 'vitest';
import { startWorker } from '../test/helpers/spawn-worker.ts';
import { MigrationFailedError } from './errors.ts';
import type { ProgressEvent } from './events.ts';
import { Migrator } from './migrator.ts';
import type { MigratorOptions } from './migrator-options.ts';

/**
 * A Migrator on a fresh temp folder: `files` in `migrations/`, the database `app.db` (prepared with
 * `prepare` SQL first, if given), no backups, every progress event collected. Closed when the test ends.
 *
 * @example
 * const t = migratorFixture({ '001_a.sql': 'CREATE TABLE a (id INTEGER);' });
 * await t.migrator.migrate();
 * expect(t.tables()).toContain('a');
 */
export function migratorFixture(
  files: Record<string, string>,
  options: Partial<MigratorOptions> = {},
  prepare?: string,
) {
  const root = testdir();
  const dir = join(root, 'migrations');
  mkdirSync(dir);
  writeTree(dir, files);
  const database = join(root, 'app.db');
  if (prepare !== undefined) {
    const db = new DatabaseSync(database);
    db.exec(prepare);
    db.close();
  }
  const events: ProgressEvent[] = [];
  const migrator = new Migrator({
    database,
    migrationsDir: dir,
    backup: false,
    onEvent: (event) => events.push(event),
    ...options,
  });
  onTestFinished(() => migrator.close());
  /** A connection of the test's own, closed when the test ends. */
  const raw = (opts: ConstructorParameters<typeof DatabaseSync>[1] = {}) => {
    const db = new DatabaseSync(database, opts);
    onTestFinished(() => {
      if (db.isOpen) db.close();
    });
    return db;
  };
  const query = <T = Record<string, unknown>>(sql: string): T[] => {
    const db = new DatabaseSync(database);
    try {
      return db.prepare(sql).all() as T[];
    } finally {
      db.close();
    }
  };
  const tables = () =>
    query<{ name: string }>("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").map(
      (row) => row.name,
    );
  return { root, dir, database, migrator, events, raw, query, tables };
}

/**
 * The {@link MigrationFailedError} a run rejects with (the test fails if it resolves or throws another).
 *
 * @example
 * const error = await migrationFailure(t.migrator.migrate());
 */
export async function migrationFailure(promise: Promise<unknown>): Promise<MigrationFailedError> {
  const error = await promise.then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(MigrationFailedError);
  return error as MigrationFailedError;
}

/**
 * Runs `migrate` or `rollback` (one step) on the fixture's database in another process, as a second
 * runner would, and waits for it: calls within one process wait for each other, so interleaving two
 * runners needs a real second process.
 *
 * @example
 * const takeBackup = async () => { await otherProcess(t, 'migrate'); return info; };
 */
export async function otherProcess(
  t: { readonly database: string; readonly dir: string },
  action: 'migrate' | 'rollback',
): Promise<void> {
  const { code, error } = await startWorker({
    action,
    database: t.database,
    migrationsDir: t.dir,
    busyTimeoutMs: 5000,
  }).exited;
  expect({ code, error }).toEqual({ code: 0, error: null });
}
