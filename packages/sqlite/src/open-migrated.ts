import type { DatabaseSync } from 'node:sqlite';
import { MigrationPlanError } from './errors.ts';
import { migrateCommand } from './migrate-command.ts';
import { type MigratorOptions, resolveOptions } from './migrator-options.ts';
import { ModuleCache } from './module-cache.ts';
import { openDatabase } from './open-database.ts';
import { session } from './session.ts';

/** Options of {@link openMigrated}: a Migrator's, without `database`. */
export type OpenMigratedOptions = Omit<MigratorOptions, 'database'>;

/**
 * For application startup: opens the database, applies whatever is pending under the lock (a second
 * instance starting at the same time waits, then finds nothing to do) and returns the open
 * connection. With nothing pending it hashes the files and reads the history's checksums; it
 * parses and plans only when a file differs from what its row recorded. A planner
 * refusal (an edited migration, a half-applied one) throws {@link MigrationPlanError}; a failing
 * migration throws `MigrationFailedError`. The connection is closed on any error.
 *
 * @example
 * const db = await openMigrated('/srv/app/app.db', { migrationsDir: '/srv/app/migrations', backup: false });
 * const users = db.prepare('SELECT * FROM users').all();
 */
export async function openMigrated(database: string, options: OpenMigratedOptions): Promise<DatabaseSync> {
  const resolved = resolveOptions({ ...options, database });
  const db = openDatabase(database, { mode: 'write', busyTimeoutMs: resolved.busyTimeoutMs });
  try {
    const modules = new ModuleCache(resolved.migrationsDir, resolved.importModule);
    const report = await migrateCommand({ ...session(db, resolved, modules), db }, {});
    if (!report.ok) throw new MigrationPlanError(database, report.problems);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
