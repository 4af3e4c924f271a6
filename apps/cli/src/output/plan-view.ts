import type { ApplyStep, MigratePlan, RevertStep, RollbackPlan } from '@gao/migrate-core';
import { runsInTransaction } from '@gao/migrate-core';

/** One step of a `--dry-run` plan, with the SQL that would run (`null` for code migrations). */
export interface PlannedStepJson {
  readonly kind: 'apply' | 'revert';
  readonly version: number;
  readonly versionText: string;
  readonly name: string;
  readonly file: string;
  readonly transaction: boolean;
  /** The SQL text (`null`: a code migration runs `up()`/`down()` from `file`). */
  readonly sql: string | null;
  readonly outOfOrder?: boolean;
  readonly retry?: boolean;
}

function applyStep(step: ApplyStep): PlannedStepJson {
  const { migration } = step;
  return {
    kind: 'apply',
    version: migration.version,
    versionText: migration.versionText,
    name: migration.id,
    file: migration.file,
    transaction: runsInTransaction(migration),
    sql: migration.kind === 'sql' ? migration.up.sql : null,
    outOfOrder: step.outOfOrder,
    retry: step.retry,
  };
}

function revertStep(step: RevertStep): PlannedStepJson {
  const { migration } = step;
  const down = migration.kind === 'sql' ? migration.down : null;
  return {
    kind: 'revert',
    version: migration.version,
    versionText: migration.versionText,
    name: migration.id,
    file: down?.file ?? migration.file,
    transaction: down === null ? runsInTransaction(migration) : down.options.transaction,
    sql: down?.sql ?? null,
  };
}

/**
 * The steps of a plan as JSON, with their SQL.
 *
 * @example
 * plannedSteps(plan).map((step) => step.name) // ['002_add_priority', '003_unify_database']
 */
export function plannedSteps(plan: MigratePlan | RollbackPlan): PlannedStepJson[] {
  return plan.kind === 'migrate' ? plan.steps.map(applyStep) : plan.steps.map(revertStep);
}
