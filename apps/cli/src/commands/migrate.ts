import type { Inspection, MigratorPort } from '../adapter/migrator-port.ts';
import type { ArgsOf } from '../cli/invocation.ts';
import type { CommandContext } from '../command-context.ts';
import { ProblemsError } from '../errors.ts';
import { ExitCode } from '../exit-codes.ts';
import { displayPath } from '../output/display-path.ts';
import { formatDuration } from '../output/format-duration.ts';
import { formatPlanList, formatPlanSql } from '../output/format-plan.ts';
import { plannedSteps } from '../output/plan-view.ts';
import { runJson } from '../output/run-view.ts';
import { confirm } from '../prompt/confirm.ts';
import { plural } from './count-label.ts';
import { progressPrinter } from './progress.ts';
import { rehearse } from './rehearse.ts';
import { printRunHeader } from './run-header.ts';
import { versionLabel } from './version-label.ts';
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
  const steps = plannedSteps(plan);
  const from = inspection.status.currentVersion;
  for (const warning of plan.warnings) context.warn(`${warning.message} (${warning.code})`);
  printRunHeader(context, inspection);
  if (steps.length === 0) {
    if (context.flags.json) {
      context.json(
        runJson('migrate', inspection.database, from, { steps: [], backup: null, finalVersion: from }, 0),
      );
    } else context.say(`Already up to date at version ${versionLabel(inspection, from)}.`);
    return ExitCode.ok;
  }
  const range = `${versionLabel(inspection, from)} -> ${versionLabel(inspection, plan.targetVersion)}`;
  if (args.dryRun) {
    if (context.flags.json) {
      context.json({
        command: 'migrate',
        dryRun: true,
        database: inspection.database,
        fromVersion: from,
        targetVersion: plan.targetVersion,
        steps,
      });
    } else {
      context.say(
        `Plan: apply ${plural(steps.length, 'migration')} (${range}). Dry run: nothing was changed.`,
      );
      for (const line of formatPlanSql(steps)) context.say(line);
    }
    return ExitCode.ok;
  }
  context.say(`Plan: apply ${plural(steps.length, 'migration')} (${range}):`);
  for (const line of formatPlanList(steps, context.paint)) context.say(line);
  await confirm(context.io, {
    yes: args.yes,
    command: 'migrate',
    question: `Apply ${plural(steps.length, 'migration')} to ${displayPath(inspection.database, context.io.cwd)}?`,
  });
  // Timed from here: the time spent answering the question is not the run's.
  const started = performance.now();
  context.log.write({
    level: 'info',
    event: 'run_started',
    command: 'migrate',
    database: inspection.database,
  });
  const report = await migrator.migrate(target);
  if (!report.ok) throw new ProblemsError(report.problems, 'migrate');
  const durationMs = performance.now() - started;
  if (context.flags.json) {
    context.json(runJson('migrate', inspection.database, from, report, Math.round(durationMs)));
  } else {
    context.say(
      context.paint.green(
        `Migrated to version ${versionLabel(inspection, report.finalVersion)}: ${plural(report.steps.length, 'migration')} in ${formatDuration(durationMs)}.`,
      ),
    );
  }
  return ExitCode.ok;
}

/**
 * `gao-db migrate [--to V] [--yes] [--dry-run] [--rehearse] [--no-backup] [--allow-out-of-order]`:
 * shows the plan, asks, backs up, applies each pending migration with its duration.
 */
export async function migrate(context: CommandContext, args: ArgsOf<'migrate'>): Promise<number> {
  const onEvent = progressPrinter(context, 'migrate');
  const options = { allowOutOfOrder: args.allowOutOfOrder, backup: args.backup, onEvent };
  return withMigrator(context, options, async (migrator) => {
    const inspection = await migrator.inspect({ allowMissing: true });
    return args.rehearse
      ? rehearse(context, args, migrator, inspection)
      : run(context, args, migrator, inspection);
  });
}
