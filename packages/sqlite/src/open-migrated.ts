import { statSync } from 'node:fs';
import type { DatabaseSync } from 'node:sqlite';
import { MigrationPlanError } from './errors.ts';
import { emitTo } from './events.ts';
import { migrateCommand } from './migrate-command.ts';
import { type MigratorOptions, type ResolvedOptions, resolveOptions } from './migrator-options.ts';
import { ModuleCache } from './module-cache.ts';
import { MEMORY, openDatabase } from './open-database.ts';
import { readSet } from './read-set.ts';
import { inTurn } from './same-file-queue.ts';
import { session } from './session.ts';

/** Options of {@link openMigrated}: a Migrator's, without `database`. */
export type OpenMigratedOptions = Omit<MigratorOptions, 'database'>;

async function migrateAndOpen(database: string, resolved: ResolvedOptions): Promise<DatabaseSync> {
  // A missing migrations folder fails before the database file is created.
  if (statSync(resolved.migrationsDir, { throwIfNoEntry: false })?.isDirectory() !== true) {
    readSet(resolved.migrationsDir);
  }
  const open = () => openDatabase(database, { mode: 'write', busyTimeoutMs: resolved.busyTimeoutMs });
  const db = open();
  let ran = false;
  try {
    const modules = new ModuleCache(resolved.migrationsDir, resolved.importModule);
    const report = await migrateCommand({ ...session(db, resolved, modules), db }, {});
    if (!report.ok) throw new MigrationPlanError(database, report.problems);
    ran = report.steps.length > 0;
  } catch (error) {
    db.close();
    throw error;
  }
  // Migrations ran on this connection and may have left their mark on it (PRAGMA synchronous,
  // legacy_alter_table, temporary tables, ATTACH, functions): the application gets a fresh one.
  if (!ran || resolved.path === MEMORY) return db;
  db.close();
  return open();
}

/**
 * For application startup: opens the database, applies whatever is pending under the lock (a second
 * instance starting at the same time waits, then finds nothing to do) and returns the open
 * connection. With nothing pending it hashes the files and reads the history's checksums; it
 * parses and plans only when a file differs from what its row recorded. A planner
 * refusal (an edited migration, a half-applied one) throws {@link MigrationPlanError}; a failing
 * migration throws `MigrationFailedError`. The connection is closed on any error.
 *
 * When migrations ran, the connection returned is a new one, opened after them: whatever they set
 * on the connection they ran on (pragmas, temporary tables, attached databases) is not in it. Calls
 * for the same file in one process run one after the other (the later ones wait, then usually find
 * nothing to do), as calls in different processes do.
 *
 * @example
 * const db = await openMigrated('/srv/app/app.db', { migrationsDir: '/srv/app/migrations', backup: false });
 * const users = db.prepare('SELECT * FROM users').all();
 */
export async function openMigrated(database: string, options: OpenMigratedOptions): Promise<DatabaseSync> {
  const resolved = resolveOptions({ ...options, database });
  const onWait = () => emitTo(resolved.onEvent)({ type: 'waiting_for_lock' });
  return inTurn({ ...resolved, onWait }, () => migrateAndOpen(database, resolved));
}
