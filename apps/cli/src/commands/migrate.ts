import type { Inspection, MigratorPort } from '../adapter/migrator-port.ts';
import type { ArgsOf } from '../cli/invocation.ts';
import type { CommandContext } from '../command-context.ts';
import { ProblemsError } from '../errors.ts';
import { progressPrinter } from './progress.ts';
import { rehearseMigrate } from './rehearse.ts';
import { runPlanned } from './run-planned.ts';
import { withMigrator } from './with-migrator.ts';

async function run(
  context: CommandContext,
  args: ArgsOf<'migrate'>,
  migrator: MigratorPort,
  inspection: Inspection,
): Promise<number> {
  const target = args.to === undefined ? {} : { to: args.to };
  const planned = await migrator.planMigrate(target);
  if (!planned.ok) throw new ProblemsError(planned.problems, 'migrate');
  const plan = planned.value;
  for (const warning of plan.warnings) context.warn(`${warning.message} (${warning.code})`);
  return runPlanned(context, {
    command: 'migrate',
    verb: 'apply',
    plan,
    inspection,
    dryRun: args.dryRun,
    yes: args.yes,
    allOrNothing: args.allOrNothing,
    nothingToDo: (version) => `Already up to date at version ${version}.`,
    question: (count, database) => `Apply ${count} to ${database}?`,
    done: (version) => `Migrated to version ${version}`,
    execute: () => migrator.migrate(target),
  });
}

/**
 * `gao-db migrate [--to V] [--yes] [--dry-run] [--rehearse [--round-trip]] [--no-backup] [--allow-out-of-order] [--all-or-nothing]`:
 * shows the plan, asks, backs up, applies each pending migration with its duration.
 */
export async function migrate(context: CommandContext, args: ArgsOf<'migrate'>): Promise<number> {
  const onEvent = progressPrinter(context, 'migrate');
  const options = {
    allowOutOfOrder: args.allowOutOfOrder,
    allOrNothing: args.allOrNothing,
    backup: args.backup,
    onEvent,
  };
  return withMigrator(context, options, async (migrator) => {
    const inspection = await migrator.inspect({ allowMissing: true });
    return args.rehearse
      ? rehearseMigrate(context, args, migrator, inspection)
      : run(context, args, migrator, inspection);
  });
}
