import type { Paint } from './paint.ts';
import type { PlannedStepJson } from './plan-view.ts';

/**
 * The plan as a list of files, one per line, marking out-of-order and retried steps.
 *
 * @example
 * formatPlanList(steps, paint) // ['  002_add_priority.sql', '  003_unify_database.sql']
 */
export function formatPlanList(steps: readonly PlannedStepJson[], paint: Paint): string[] {
  return steps.map((step) => {
    const notes = [
      step.outOfOrder ? 'out of order' : null,
      step.retry ? 'retry after a failure' : null,
      step.transaction ? null : 'no transaction',
    ].filter((note) => note !== null);
    return `  ${step.file}${notes.length > 0 ? paint.yellow(` (${notes.join(', ')})`) : ''}`;
  });
}

/**
 * `--dry-run`: each step with the SQL that would run, as a SQL script people can read.
 *
 * @example
 * formatPlanSql(steps).join('\n') // '-- 002_add_priority.sql (up, in a transaction)\nALTER TABLE ...'
 */
export function formatPlanSql(steps: readonly PlannedStepJson[]): string[] {
  const lines: string[] = [];
  for (const step of steps) {
    const direction = step.kind === 'apply' ? 'up' : 'down';
    const transaction = step.transaction ? 'in a transaction' : 'outside a transaction';
    lines.push('');
    if (step.sql === null) {
      lines.push(
        `-- ${step.file} (${direction}, ${transaction}): code migration, runs ${direction}() from this file`,
      );
    } else {
      lines.push(`-- ${step.file} (${direction}, ${transaction})`, step.sql.trim());
    }
  }
  return lines;
}
