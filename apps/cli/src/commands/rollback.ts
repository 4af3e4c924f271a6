import type { ArgsOf } from '../cli/invocation.ts';
import type { CommandContext } from '../command-context.ts';
import { ProblemsError } from '../errors.ts';
import { progressPrinter } from './progress.ts';
import { rehearseRollback } from './rehearse.ts';
import { runPlanned } from './run-planned.ts';
import { withMigrator } from './with-migrator.ts';

/**
 * `gao-db rollback [N] [--to V] [--yes] [--dry-run | --rehearse] [--no-backup] [--all-or-nothing]`: undoes the newest N
 * applied migrations (default 1) or everything above V, newest first, after showing the plan and
 * asking. Refuses (exit 3) when a migration has no down part or N exceeds what is applied.
 * `--rehearse` runs it on a temporary copy instead.
 */
export async function rollback(context: CommandContext, args: ArgsOf<'rollback'>): Promise<number> {
  const onEvent = progressPrinter(context, 'rollback');
  const options = { allOrNothing: args.allOrNothing, backup: args.backup, onEvent };
  return withMigrator(context, options, async (migrator) => {
    const inspection = await migrator.inspect();
    if (args.rehearse) return rehearseRollback(context, args, migrator, inspection);
    const planned = await migrator.planRollback(args.target);
    if (!planned.ok) throw new ProblemsError(planned.problems, 'rollback');
    const plan = planned.value;
    // A down part edited since it was applied (down_changed): the rollback runs it as it is now.
    for (const warning of plan.warnings) context.warn(`${warning.message} (${warning.code})`);
    return runPlanned(context, {
      command: 'rollback',
      verb: 'roll back',
      plan,
      inspection,
      dryRun: args.dryRun,
      yes: args.yes,
      allOrNothing: args.allOrNothing,
      nothingToDo: (version) => `Nothing to roll back: the database is at version ${version}.`,
      question: (count, database) => `Roll back ${count} in ${database}?`,
      done: (version) => `Rolled back to version ${version}`,
      execute: () => migrator.rollback(args.target),
    });
  });
}
