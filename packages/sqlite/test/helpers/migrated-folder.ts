import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { testdir, writeTree } from '@gao/tooling/test-utils';
import { Migrator } from '../../src/migrator.ts';

/** A temp folder with `app.db` in `mode`, migrated through every file of `files` (in `migrations/`). */
export interface MigratedFolder {
  readonly dir: string;
  readonly database: string;
  readonly migrationsDir: string;
}

/**
 * Writes `files` to a new temp folder's `migrations/`, sets the journal mode of a new `app.db` and
 * migrates it with the real Migrator (no backup): the starting point of rehearsal tests.
 *
 * @example
 * const { database, migrationsDir } = await migratedFolder({ '001_t.sql': 'CREATE TABLE t (id);' }, 'wal');
 */
export async function migratedFolder(
  files: Record<string, string>,
  mode: 'wal' | 'delete',
): Promise<MigratedFolder> {
  const dir = testdir();
  const migrationsDir = join(dir, 'migrations');
  writeTree(migrationsDir, files);
  const database = join(dir, 'app.db');
  const db = new DatabaseSync(database);
  db.exec(`PRAGMA journal_mode = ${mode}`);
  db.close();
  const migrator = new Migrator({ database, migrationsDir, backup: false });
  await migrator.migrate();
  migrator.close();
  return { dir, database, migrationsDir };
}
