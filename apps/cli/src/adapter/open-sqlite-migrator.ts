import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { createBackup, DatabaseError, Migrator } from '@gao/migrate-sqlite';
import type { BackupInfo, MigratorOptions, MigratorPort } from './migrator-port.ts';

/** `Migrator.rollback` with the stop signal of docs/design/sqlite-api.md as its second argument. */
type RollbackWithSignal = MigratorPort['rollback'];

/**
 * `gao-db backup create`: a backup taken now, through a read-only connection. Lives here because the
 * Migrator backs up only before a change.
 */
async function backupNow(options: MigratorOptions): Promise<BackupInfo> {
  const path = resolve(options.database);
  if (!existsSync(path)) {
    throw new DatabaseError(
      'database_not_found',
      `The database ${path} does not exist; there is nothing to back up.`,
      {
        database: options.database,
        hint: "Check --db (or GAO_DB_PATH, or the config file), or run 'gao-db migrate' to create it.",
      },
    );
  }
  const db = new DatabaseSync(path, { readOnly: true, timeout: options.busyTimeoutMs });
  try {
    const settings = options.backup === false ? { dir: undefined, keep: undefined } : options.backup;
    return await createBackup(db, {
      dir: settings.dir ?? join(dirname(path), 'backups'),
      databasePath: path,
      reason: 'manual',
      ...(settings.keep === undefined ? {} : { keep: settings.keep }),
    });
  } finally {
    db.close();
  }
}

/**
 * Opens the real `@gao/migrate-sqlite` Migrator behind the CLI's port. Imported lazily, so the
 * adapter and `node:sqlite` load only when a command needs the database.
 *
 * @example
 * const migrator = await openSqliteMigrator({ database: 'app.db', migrationsDir: 'migrations', ... });
 */
export async function openSqliteMigrator(options: MigratorOptions): Promise<MigratorPort> {
  const { backup } = options;
  const migrator = new Migrator({
    database: options.database,
    migrationsDir: options.migrationsDir,
    busyTimeoutMs: options.busyTimeoutMs,
    backup:
      backup === false
        ? false
        : {
            ...(backup.dir === undefined ? {} : { dir: backup.dir }),
            ...(backup.keep === undefined ? {} : { keep: backup.keep }),
          },
    allowOutOfOrder: options.allowOutOfOrder,
    onEvent: options.onEvent,
  });
  return {
    inspect: (inspectOptions) => migrator.inspect(inspectOptions),
    history: () => migrator.history(),
    planMigrate: (request) => migrator.planMigrate(request),
    planRollback: (target) => migrator.planRollback(target),
    migrate: (request) => migrator.migrate(request),
    // Bound, not wrapped: the options (the stop signal) reach the Migrator as they are.
    rollback: migrator.rollback.bind(migrator) satisfies RollbackWithSignal,
    baseline: (version) => migrator.baseline(version),
    repair: (version, action) => migrator.repair(version, action),
    rehearse: (request) => migrator.rehearse(request),
    rehearseRollback: (target) => migrator.rehearseRollback(target),
    listBackups: () => migrator.listBackups(),
    createBackup: () => backupNow(options),
    restoreBackup: (path) => migrator.restoreBackup(path),
    close: () => migrator.close(),
  };
}
