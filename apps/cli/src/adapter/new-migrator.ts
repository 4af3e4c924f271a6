import { Migrator } from '@gao/migrate-sqlite';
import type { ProgressEvent } from './migrator-port.ts';
import type { ThreadMigratorOptions } from './thread-messages.ts';

/**
 * The `@gao/migrate-sqlite` Migrator for the CLI's settings, on this thread or on the migration
 * thread (the same settings there, so both runs behave alike).
 *
 * @example
 * const migrator = newMigrator({ database: 'app.db', migrationsDir: 'migrations', busyTimeoutMs: 5000, backup: false, allowOutOfOrder: false, allOrNothing: false }, () => {});
 */
export function newMigrator(
  options: ThreadMigratorOptions,
  onEvent: (event: ProgressEvent) => void,
): Migrator {
  const { backup } = options;
  return new Migrator({
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
    allOrNothing: options.allOrNothing,
    onEvent,
  });
}
