import type { PlanProblem, RollbackTarget, Step } from '@gao/migrate-core';
import { formatDuration } from './format-duration.ts';
import { versionLabel } from './plan-notes.ts';

/** What the user asked to run. */
export type RunRequest =
  | { readonly command: 'migrate'; readonly to?: number }
  | { readonly command: 'rollback'; readonly target: RollbackTarget };

/** How a plan-confirm-run flow ended. */
export type FlowResult =
  | {
      readonly kind: 'done';
      readonly finalVersion: number | null;
      readonly count: number;
      readonly durationMs: number;
    }
  | { readonly kind: 'up_to_date'; readonly version: number | null }
  | { readonly kind: 'not_confirmed' }
  | { readonly kind: 'refused'; readonly problems: readonly PlanProblem[] }
  | { readonly kind: 'failed'; readonly error: unknown; readonly step: Step | null }
  | { readonly kind: 'interrupted'; readonly count: number; readonly total: number };

/**
 * The one-line summary of a finished run.
 *
 * @example
 * doneText('migrate', 5, 3, 1200) // 'Migrated to version 5: 3 migrations in 1.20 s.'
 */
export function doneText(
  command: RunRequest['command'],
  finalVersion: number | null,
  count: number,
  ms: number,
): string {
  const verb = command === 'migrate' ? 'Migrated' : 'Rolled back';
  return `${verb} to version ${versionLabel(finalVersion)}: ${count} ${count === 1 ? 'migration' : 'migrations'} in ${formatDuration(ms)}.`;
}

/**
 * What an interrupted run did; `cancelled` is the step that was running and was rolled back.
 *
 * @example
 * stoppedText(2, 5) // 'Stopped at your request after 2 of 5 migrations. Run the command again to continue.'
 * stoppedText(0, 2, step) // 'Stopped at your request after 0 of 2 migrations; 001 slow was rolled back. Run ...'
 */
export function stoppedText(count: number, total: number, cancelled: Step | null = null): string {
  const rolledBack =
    cancelled === null
      ? ''
      : `; ${cancelled.migration.versionText} ${cancelled.migration.name} was rolled back`;
  return `Stopped at your request after ${count} of ${total} migrations${rolledBack}. Run the command again to continue.`;
}

/**
 * The title of a failed step: `Migration 5 (005_x.sql) failed`, `Rollback of 5 (...) failed`.
 *
 * @example
 * failedTitle(step) // 'Migration 5 (005_backfill_names.sql) failed'
 */
export function failedTitle(step: Step | null): string {
  if (step === null) return 'The run failed';
  const { version, file } = step.migration;
  return `${step.kind === 'revert' ? 'Rollback of migration' : 'Migration'} ${version} (${file}) failed`;
}
