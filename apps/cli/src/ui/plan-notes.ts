import { assertNever, type MigratePlan, type RollbackPlan, type Step } from '@gao/migrate-core';
import { describeTableChange, detectTableChanges } from './detect-rebuild.ts';

/** A plan the UI can confirm: migrate or rollback. */
export type RunPlan = MigratePlan | RollbackPlan;

/** The part a step runs: SQL text (with its `transaction` option) or a code module. */
function partOf(step: Step): { readonly sql: string | null; readonly transaction: boolean | null } {
  const { migration } = step;
  if (step.kind === 'revert') {
    if (migration.kind === 'code') return { sql: null, transaction: migration.module?.transaction ?? null };
    return { sql: migration.down?.sql ?? null, transaction: migration.down?.options.transaction ?? null };
  }
  if (migration.kind === 'code') return { sql: null, transaction: migration.module?.transaction ?? null };
  return { sql: migration.up.sql, transaction: migration.up.options.transaction };
}

/** Whether a migration has a way back; `null` when a code module is not loaded yet. */
function downOf(step: Step): boolean | null {
  const { migration } = step;
  if (migration.kind === 'sql') return migration.down !== null;
  return migration.module === null ? null : migration.module.hasDown;
}

/**
 * The warnings of one planned step, short enough for a table cell: table rebuilds, drops and
 * renames found in its SQL, `transaction:false`, no down part (for an apply), a retry of a failed
 * attempt, out of order.
 *
 * @example
 * stepNotes(applyStepOf(sqlMigration(3, 'vacuum', { transaction: false })))
 * // ['transaction:false', 'no down']
 */
export function stepNotes(step: Step): string[] {
  const notes: string[] = [];
  const part = partOf(step);
  if (part.sql !== null) notes.push(...detectTableChanges(part.sql).map(describeTableChange));
  if (part.transaction === false) notes.push('transaction:false');
  switch (step.kind) {
    case 'apply':
      if (downOf(step) === false) notes.push('no down');
      if (step.retry) notes.push('retry of a failed attempt');
      if (step.outOfOrder) notes.push('out of order');
      break;
    case 'revert':
    case 'baseline':
      break;
    default:
      return assertNever(step, 'step');
  }
  return notes;
}

/**
 * `apply 3 migrations`, `roll back 1 migration`: what a plan does, for titles and questions.
 *
 * @example
 * planVerb(plan) // 'apply 3 migrations'
 */
export function planVerb(plan: RunPlan): string {
  const count = plan.steps.length;
  const noun = count === 1 ? 'migration' : 'migrations';
  return `${plan.kind === 'migrate' ? 'apply' : 'roll back'} ${count} ${noun}`;
}

/**
 * `3`, or `0 (empty)` when nothing stays applied.
 *
 * @example
 * versionLabel(null) // '0 (empty)'
 */
export function versionLabel(version: number | null): string {
  return version === null ? '0 (empty)' : String(version);
}
