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
import { printRunHeader } from './run-header.ts';
import { versionLabel } from './version-label.ts';
import { withMigrator } from './with-migrator.ts';

/**
 * `gao-db rollback [N] [--to V] [--yes] [--dry-run] [--no-backup]`: undoes the newest N applied
 * migrations (default 1) or everything above V, newest first, after showing the plan and asking.
 * Refuses (exit 3) when a migration has no down part or N exceeds what is applied.
 */
export async function rollback(context: CommandContext, args: ArgsOf<'rollback'>): Promise<number> {
  const onEvent = progressPrinter(context, 'rollback');
  return withMigrator(context, { backup: args.backup, onEvent }, async (migrator) => {
    const inspection = await migrator.inspect();
    const planned = await migrator.planRollback(args.target);
    if (!planned.ok) throw new ProblemsError(planned.problems, 'rollback');
    const plan = planned.value;
    const steps = plannedSteps(plan);
    const from = inspection.status.currentVersion;
    const range = `${versionLabel(inspection, from)} -> ${versionLabel(inspection, plan.targetVersion)}`;
    printRunHeader(context, inspection);
    if (steps.length === 0) {
      if (context.flags.json) {
        context.json(
          runJson('rollback', inspection.database, from, { steps: [], backup: null, finalVersion: from }, 0),
        );
      } else
        context.say(`Nothing to roll back: the database is at version ${versionLabel(inspection, from)}.`);
      return ExitCode.ok;
    }
    if (args.dryRun) {
      if (context.flags.json) {
        context.json({
          command: 'rollback',
          dryRun: true,
          database: inspection.database,
          fromVersion: from,
          targetVersion: plan.targetVersion,
          steps,
        });
      } else {
        context.say(
          `Plan: roll back ${plural(steps.length, 'migration')} (${range}). Dry run: nothing was changed.`,
        );
        for (const line of formatPlanSql(steps)) context.say(line);
      }
      return ExitCode.ok;
    }
    context.say(`Plan: roll back ${plural(steps.length, 'migration')} (${range}):`);
    for (const line of formatPlanList(steps, context.paint)) context.say(line);
    await confirm(context.io, {
      yes: args.yes,
      command: 'rollback',
      question: `Roll back ${plural(steps.length, 'migration')} in ${displayPath(inspection.database, context.io.cwd)}?`,
    });
    // Timed from here: the time spent answering the question is not the run's.
    const started = performance.now();
    context.log.write({
      level: 'info',
      event: 'run_started',
      command: 'rollback',
      database: inspection.database,
    });
    const report = await migrator.rollback(args.target);
    if (!report.ok) throw new ProblemsError(report.problems, 'rollback');
    const durationMs = performance.now() - started;
    if (context.flags.json)
      context.json(runJson('rollback', inspection.database, from, report, Math.round(durationMs)));
    else {
      context.say(
        context.paint.green(
          `Rolled back to version ${versionLabel(inspection, report.finalVersion)}: ${plural(report.steps.length, 'migration')} in ${formatDuration(durationMs)}.`,
        ),
      );
    }
    return ExitCode.ok;
  });
}
