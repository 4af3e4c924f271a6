import { eventRelay } from '../adapter/event-relay.ts';
import { createUiSession } from '../adapter/ui-backend.ts';
import type { ArgsOf } from '../cli/invocation.ts';
import type { CommandContext } from '../command-context.ts';
import { withMigrator } from '../commands/with-migrator.ts';
import { displayPath } from '../output/display-path.ts';
import { runExitCode } from './ui-exit.ts';

/**
 * `gao-db migrate` / `rollback` on a terminal: the plan table and a y/N question (none with
 * `--yes`), then the progress bar. Ctrl+C stops after the running migration (exit 130); twice, at
 * once (the process ends; SQLite rolls the running migration back on the next open). The log file,
 * the backup and the exit codes are those of the plain command for the same outcome.
 *
 * @example
 * return runUi(context, { command: 'migrate', to: undefined, yes: false, ... });
 */
export async function runUi(
  context: CommandContext,
  args: ArgsOf<'migrate'> | ArgsOf<'rollback'>,
): Promise<number> {
  const relay = eventRelay();
  const options =
    args.command === 'migrate'
      ? {
          allowOutOfOrder: args.allowOutOfOrder,
          allOrNothing: args.allOrNothing,
          backup: args.backup,
          onEvent: relay.emit,
          thread: true,
        }
      : { allOrNothing: args.allOrNothing, backup: args.backup, onEvent: relay.emit, thread: true };
  let abandoned = false;
  const code = await withMigrator(context, options, async (migrator) => {
    // As the plain commands: migrate may create the database, rollback needs one.
    const inspection = await migrator.inspect(args.command === 'migrate' ? { allowMissing: true } : {});
    const ui = await context.io.loadUi();
    const session = createUiSession(context, migrator, relay);
    const result = await ui.runMigrateInteractive({
      backend: session.backend,
      command: args.command,
      ...(args.command === 'migrate'
        ? args.to === undefined
          ? {}
          : { to: args.to }
        : { rollback: args.target }),
      database: displayPath(inspection.database, context.io.cwd),
      currentVersion: inspection.status.currentVersion,
      yes: args.yes,
      color: context.paint.enabled,
    });
    if (result.abandoned === true) {
      abandoned = true;
      session.abandon();
    }
    return runExitCode(result, session.runs, context, args.command);
  });
  // Ctrl+C twice: the migration thread may still be inside a statement; do not wait for it.
  if (abandoned) context.io.endAtOnce?.(code);
  return code;
}
