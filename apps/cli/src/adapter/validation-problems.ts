import type { PlanProblem } from '@gao/migrate-core';
import type { MigratorPort } from './migrator-port.ts';

/**
 * What `validate` reports, for the command and the dashboard alike: every problem between the files
 * and the history, plus the planner's refusals of `migrate` not already among them. Planning loads
 * the pending code migrations, and planning to roll everything back loads the applied ones (one
 * that no longer loads could not be rolled back): a module that does not load throws its
 * `ModuleError`. A migration without a down part is not a problem here.
 *
 * @example
 * const problems = await validationProblems(migrator); // [] when files and history agree
 */
export async function validationProblems(migrator: MigratorPort): Promise<PlanProblem[]> {
  const inspection = await migrator.inspect({ allowMissing: true });
  const found = [...inspection.status.problems];
  const plan = await migrator.planMigrate({});
  if (inspection.status.counts.applied > 0) await migrator.planRollback({ to: 0 });
  if (plan.ok) return found;
  const seen = new Set(found.map((problem) => JSON.stringify(problem)));
  return [...found, ...plan.problems.filter((problem) => !seen.has(JSON.stringify(problem)))];
}
