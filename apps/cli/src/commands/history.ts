import type { ArgsOf } from '../cli/invocation.ts';
import type { CommandContext } from '../command-context.ts';
import { ExitCode } from '../exit-codes.ts';
import { formatHistory, historyJson } from '../output/format-history.ts';
import { withMigrator } from './with-migrator.ts';

/**
 * `gao-db history [--json] [--limit K]`: the append-only event log, oldest first (the newest K with
 * `--limit`). Read-only; a database that does not exist is an error (exit 4), not an empty log.
 */
export async function history(context: CommandContext, args: ArgsOf<'history'>): Promise<number> {
  // The event log only: it must stay readable while a migration file is broken.
  const history = await withMigrator(context, {}, (migrator) => migrator.history());
  const view = historyJson(context.config.database.value, history, args.limit, context.flags.verbose);
  if (context.flags.json) context.json(view);
  else for (const line of formatHistory(view, context.paint, context.flags.verbose)) context.say(line);
  return ExitCode.ok;
}
