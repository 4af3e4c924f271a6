import { type PlanProblem, schemaDriftProblem } from '@gao/migrate-core';
import type { MigratorPort } from './migrator-port.ts';

/** What `validate` finds: problems (exit 3) and warnings (reported, not failing). */
export interface ValidationReport {
  readonly problems: PlanProblem[];
  readonly warnings: PlanProblem[];
}

// What planning to roll everything back adds: a down part that could not run in its transaction.
// (`no_down` is not a problem here: a migration may have no down part on purpose.)
const DOWN_PART_CODES: ReadonlySet<string> = new Set(['transaction_control', 'needs_transaction_false']);

/**
 * What `validate` (the command and the dashboard's `v`) reports: every problem between the files and the history, plus the planner's
 * refusals of `migrate` not already among them, and of the down parts, whose statements are checked
 * by planning to roll everything back; and the warnings of both plans (`down_changed`,
 * `foreign_keys_pragma`, ...) and a schema changed by hand (`schema_drift`). Planning loads the pending code migrations, and planning the rollback
 * loads the applied ones (one that no longer loads could not be rolled back): a module that does not
 * load throws its `ModuleError`.
 *
 * @example
 * const { problems, warnings } = await validationReport(migrator); // [] and [] when all is well
 */
export async function validationReport(migrator: MigratorPort): Promise<ValidationReport> {
  const inspection = await migrator.inspect({ allowMissing: true });
  const migrate = await migrator.planMigrate({});
  const rollback = inspection.status.counts.applied > 0 ? await migrator.planRollback({ to: 0 }) : null;
  const problems: PlanProblem[] = [];
  const warnings: PlanProblem[] = [];
  const seen = new Set<string>();
  const add = (list: PlanProblem[], problem: PlanProblem) => {
    const key = JSON.stringify(problem);
    if (seen.has(key)) return;
    seen.add(key);
    list.push(problem);
  };
  for (const problem of inspection.status.problems) add(problems, problem);
  // The database's own schema, changed by hand since gao-db recorded it: a warning, not a refusal.
  const drift = inspection.schemaDrift ?? null;
  if (drift !== null) add(warnings, schemaDriftProblem(drift.since, drift.changes ?? null));
  if (!migrate.ok) for (const problem of migrate.problems) add(problems, problem);
  else for (const warning of migrate.value.warnings) add(warnings, warning);
  if (rollback === null) return { problems, warnings };
  if (!rollback.ok) {
    for (const problem of rollback.problems) if (DOWN_PART_CODES.has(problem.code)) add(problems, problem);
  } else for (const warning of rollback.value.warnings) add(warnings, warning);
  return { problems, warnings };
}
