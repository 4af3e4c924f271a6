import { isMainThread } from 'node:worker_threads';
import { type MigrationLogger, Migrator } from '@gao/migrate-sqlite';
import { consoleOnStderr, stderrMigrationLogger } from '../log/migration-output.ts';
import type { ProgressEvent } from './migrator-port.ts';
import type { ThreadMigratorOptions } from './thread-messages.ts';

/**
 * The `@gao/migrate-sqlite` Migrator for the CLI's settings, on this thread or on the migration
 * thread (the same settings there, so both runs behave alike). Code migrations get `logger` as
 * `ctx.logger` (default: lines on stderr; silent on the migration thread, whose runs the terminal
 * UI draws), and while any of its methods runs (they load and run code migrations), what they print
 * with `console.log` goes to stderr: stdout is gao-db's, and holds only the JSON with `--json`.
 *
 * @example
 * const migrator = newMigrator({ database: 'app.db', migrationsDir: 'migrations', busyTimeoutMs: 5000, backup: false, allowOutOfOrder: false, allOrNothing: false }, () => {});
 */
export function newMigrator(
  options: ThreadMigratorOptions,
  onEvent: (event: ProgressEvent) => void,
  logger: MigrationLogger | undefined = isMainThread ? stderrMigrationLogger() : undefined,
): Migrator {
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
    allOrNothing: options.allOrNothing,
    onEvent,
    ...(logger === undefined ? {} : { logger }),
  });
  return new Proxy(migrator, {
    get(target, key) {
      const value: unknown = Reflect.get(target, key, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => consoleOnStderr(() => value.apply(target, args));
    },
  });
}
