import type { MigratorPort, ProgressEvent } from '../adapter/migrator-port.ts';
import type { CommandContext } from '../command-context.ts';
import { migrationLogger } from '../log/migration-output.ts';

/**
 * Opens the adapter for the resolved config, runs `work`, and always closes it.
 *
 * @example
 * const report = await withMigrator(context, { onEvent }, (migrator) => migrator.migrate({}));
 */
export async function withMigrator<T>(
  context: CommandContext,
  options: {
    readonly allowOutOfOrder?: boolean;
    readonly allOrNothing?: boolean;
    readonly backup?: boolean;
    readonly onEvent?: (event: ProgressEvent) => void;
    /** Run `migrate` and `rollback` on a worker thread (the terminal UI, which must keep drawing). */
    readonly thread?: boolean;
  },
  work: (migrator: MigratorPort) => Promise<T>,
): Promise<T> {
  const { config } = context;
  const migrator = await context.io.openMigrator({
    database: config.database.value,
    migrationsDir: config.migrationsDir.value,
    busyTimeoutMs: config.busyTimeoutMs.value,
    backup: options.backup === false ? false : config.backup,
    allowOutOfOrder: options.allowOutOfOrder ?? false,
    allOrNothing: options.allOrNothing ?? false,
    onEvent: options.onEvent ?? (() => {}),
    // What code migrations say goes to stderr (info hidden by --quiet) and to the log file.
    logger: migrationLogger({ stderr: context.io.stderr, log: context.log, quiet: context.flags.quiet }),
    ...(options.thread === true ? { thread: true } : {}),
  });
  try {
    return await work(migrator);
  } finally {
    migrator.close();
  }
}
