import { toUiInspection } from '../adapter/ui-inspection.ts';
import type { ArgsOf } from '../cli/invocation.ts';
import type { CommandContext } from '../command-context.ts';
import { withMigrator } from '../commands/with-migrator.ts';
import { ExitCode } from '../exit-codes.ts';

/** The width to render for: the terminal's, or 80 when it does not say. */
function tableOptions(context: CommandContext) {
  return { columns: context.io.columns ?? 80, color: context.paint.enabled };
}

/**
 * `gao-db status` on a terminal: the header and migration table rendered once with Ink. Read-only,
 * like the plain command (a missing database shows every migration pending and is not created).
 *
 * @example
 * return statusTable(context);
 */
export async function statusTable(context: CommandContext): Promise<number> {
  const inspection = await withMigrator(context, {}, (migrator) => migrator.inspect({ allowMissing: true }));
  const ui = await context.io.loadUi();
  const text = ui.renderStatusTable(toUiInspection(inspection, context.io.cwd), tableOptions(context));
  context.io.stdout.write(`${text}\n`);
  return ExitCode.ok;
}

/**
 * `gao-db history [--limit K]` on a terminal: the event log as an Ink table, oldest first (the newest
 * K with `--limit`). A database that does not exist is an error (exit 4), as in the plain command.
 *
 * @example
 * return historyTable(context, { command: 'history', limit: 20 });
 */
export async function historyTable(context: CommandContext, args: ArgsOf<'history'>): Promise<number> {
  const { history } = await withMigrator(context, {}, (migrator) => migrator.inspect());
  const events = args.limit === undefined ? history.events : history.events.slice(-args.limit);
  const ui = await context.io.loadUi();
  context.io.stdout.write(`${ui.renderHistoryTable({ ...history, events }, tableOptions(context))}\n`);
  return ExitCode.ok;
}
