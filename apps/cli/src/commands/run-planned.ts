import type { MigratePlan, RollbackPlan } from '@gao/migrate-core';
import type { Inspection, RunReport } from '../adapter/migrator-port.ts';
import type { CommandContext } from '../command-context.ts';
import { ProblemsError } from '../errors.ts';
import { ExitCode } from '../exit-codes.ts';
import { plural } from '../output/count-label.ts';
import { displayPath } from '../output/display-path.ts';
import { formatDuration } from '../output/format-duration.ts';
import { formatPlanList, formatPlanSql } from '../output/format-plan.ts';
import { plannedSteps } from '../output/plan-view.ts';
import { runJson } from '../output/run-view.ts';
import { confirm } from '../prompt/confirm.ts';
import { printRunHeader } from './run-header.ts';
import { versionLabel } from './version-label.ts';

/** The words and the action that make `migrate` and `rollback` differ. */
export interface PlannedRun {
  readonly command: 'migrate' | 'rollback';
  /** `apply` / `roll back`: the plan line's verb. */
  readonly verb: string;
  readonly plan: MigratePlan | RollbackPlan;
  readonly inspection: Inspection;
  readonly dryRun: boolean;
  readonly yes: boolean;
  /** `--all-or-nothing`: the plan line says the run is one transaction. */
  readonly allOrNothing: boolean;
  /** The line when there is nothing to do, given the current version's label. */
  readonly nothingToDo: (version: string) => string;
  /** The confirmation question, given "N migrations" and the database's display path. */
  readonly question: (count: string, database: string) => string;
  /** The closing line, given the final version's label. */
  readonly done: (version: string) => string;
  readonly execute: () => Promise<RunReport>;
}

/**
 * What `migrate` and `rollback` share once planned: the header, "nothing to do", the dry run (plan
 * and SQL), the plan list and the question, then the run, timed from the answer, and its summary
 * (text or `--json`).
 */
export async function runPlanned(context: CommandContext, run: PlannedRun): Promise<number> {
  const { command, plan, inspection } = run;
  const steps = plannedSteps(plan);
  const from = inspection.status.currentVersion;
  printRunHeader(context, inspection);
  const dryRunJson = () => ({
    command,
    dryRun: true,
    database: inspection.database,
    fromVersion: from,
    targetVersion: plan.targetVersion,
    steps,
  });
  if (steps.length === 0) {
    if (context.flags.json) {
      // A dry run has the dry run's shape even when there is nothing to do (`"steps": []`).
      const none = { steps: [], backup: null, finalVersion: from };
      context.json(run.dryRun ? dryRunJson() : runJson(command, inspection.database, from, none, 0));
    } else context.say(run.nothingToDo(versionLabel(inspection, from)));
    return ExitCode.ok;
  }
  const range = `${versionLabel(inspection, from)} -> ${versionLabel(inspection, plan.targetVersion)}`;
  const count = plural(steps.length, 'migration');
  if (run.dryRun) {
    if (context.flags.json) {
      context.json(dryRunJson());
    } else {
      context.say(`Plan: ${run.verb} ${count} (${range}). Dry run: nothing was changed.`);
      for (const line of formatPlanSql(steps)) context.say(line);
    }
    return ExitCode.ok;
  }
  const atomic = run.allOrNothing ? ', in one transaction (all or nothing)' : '';
  context.say(`Plan: ${run.verb} ${count} (${range})${atomic}:`);
  for (const line of formatPlanList(steps, context.paint)) context.say(line);
  const database = displayPath(inspection.database, context.io.cwd);
  await confirm(context.io, { yes: run.yes, command, question: run.question(count, database) });
  // Timed from here: the time spent answering the question is not the run's.
  const started = performance.now();
  context.log.write({ level: 'info', event: 'run_started', command, database: inspection.database });
  const report = await run.execute();
  if (!report.ok) throw new ProblemsError(report.problems, command);
  const durationMs = performance.now() - started;
  if (context.flags.json) {
    context.json(runJson(command, inspection.database, from, report, Math.round(durationMs)));
  } else {
    const finished = `${plural(report.steps.length, 'migration')} in ${formatDuration(durationMs)}`;
    context.say(
      context.paint.green(`${run.done(versionLabel(inspection, report.finalVersion))}: ${finished}.`),
    );
  }
  return ExitCode.ok;
}
