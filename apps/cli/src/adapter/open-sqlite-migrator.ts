import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { createBackup, DatabaseError } from '@gao/migrate-sqlite';
import type { BackupInfo, MigratorOptions, MigratorPort } from './migrator-port.ts';
import { newMigrator } from './new-migrator.ts';
import type { ThreadCommand, ThreadMigratorOptions, ThreadReport } from './thread-messages.ts';

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

/** What a migration thread needs to open the same Migrator (the listener stays on this thread). */
function threadOptions(options: MigratorOptions): ThreadMigratorOptions {
  const { database, migrationsDir, busyTimeoutMs, backup, allowOutOfOrder, allOrNothing } = options;
  return { database, migrationsDir, busyTimeoutMs, backup, allowOutOfOrder, allOrNothing };
}

/**
 * Opens the real `@gao/migrate-sqlite` Migrator behind the CLI's port. Imported lazily, so the
 * adapter and `node:sqlite` load only when a command needs the database. With `thread`, `migrate`
 * and `rollback` run on a worker thread (`thread-run.ts`).
 *
 * @example
 * const migrator = await openSqliteMigrator({ database: 'app.db', migrationsDir: 'migrations', ... });
 */
export async function openSqliteMigrator(options: MigratorOptions): Promise<MigratorPort> {
  const migrator = newMigrator(threadOptions(options), options.onEvent, options.logger);
  // An in-memory database exists only on its own connection: a thread would migrate another one.
  const onThread = options.thread === true && options.database !== ':memory:';
  // Closing stops the rehearsals still running on a thread (the dashboard quit while one ran): each
  // stops at its running migration and deletes its copy, and then the process can end.
  const closing = new AbortController();
  const stopOnClose = (signal: AbortSignal | undefined) =>
    signal === undefined ? closing.signal : AbortSignal.any([signal, closing.signal]);
  const threaded = async <C extends ThreadCommand>(
    command: C,
    signal: AbortSignal | undefined,
  ): Promise<ThreadReport<C>> => {
    // Loaded only here: the scripted commands never start a thread.
    const { runOnThread } = await import('./thread-run.ts');
    const report = await runOnThread(
      { options: threadOptions(options), ...command },
      signal,
      options.onEvent,
    );
    // The job's command is C's: TypeScript does not narrow a conditional type through the spread.
    return report as ThreadReport<C>;
  };
  return {
    inspect: (inspectOptions) => migrator.inspect(inspectOptions),
    history: () => migrator.history(),
    planMigrate: (request) => migrator.planMigrate(request),
    planRollback: (target) => migrator.planRollback(target),
    migrate: async (request) => {
      if (!onThread) return migrator.migrate(request);
      const { signal, ...rest } = request;
      return threaded({ command: 'migrate', request: rest }, signal);
    },
    rollback: onThread
      ? (target, runOptions) => threaded({ command: 'rollback', request: target }, runOptions?.signal)
      : // Bound, not wrapped: the options (the stop signal) reach the Migrator as they are.
        (migrator.rollback.bind(migrator) satisfies RollbackWithSignal),
    baseline: (version) => migrator.baseline(version),
    repair: (version, action) => migrator.repair(version, action),
    // A rehearsal can take as long as the run it rehearses: on the thread too, so the screen stays live.
    rehearse: async (request) => {
      if (!onThread) return migrator.rehearse(request);
      const { signal, ...rest } = request;
      return threaded({ command: 'rehearse', request: rest }, stopOnClose(signal));
    },
    rehearseRollback: async (target, runOptions) => {
      if (!onThread) return migrator.rehearseRollback(target, runOptions);
      return threaded({ command: 'rehearse_rollback', request: target }, stopOnClose(runOptions?.signal));
    },
    listBackups: () => migrator.listBackups(),
    createBackup: () => backupNow(options),
    restoreBackup: (path) => migrator.restoreBackup(path),
    close: () => {
      closing.abort();
      migrator.close();
    },
  };
}
