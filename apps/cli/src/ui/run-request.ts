import { type PlanProblem, type RollbackTarget, runsInTransaction, type Step } from '@gao/migrate-core';
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
  | {
      readonly kind: 'interrupted';
      readonly count: number;
      readonly total: number;
      /** Stopped at once (Ctrl+C twice): a migration was still running; the host ends the process. */
      readonly abandoned?: boolean;
    };

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
  const id = cancelled === null ? '' : `${cancelled.migration.versionText} ${cancelled.migration.name}`;
  const rolledBack =
    cancelled === null
      ? ''
      : cancelled.kind === 'revert'
        ? `; the rollback of ${id} was cancelled, and ${id} stays applied`
        : `; ${id} was rolled back`;
  return `Stopped at your request after ${count} of ${total} migrations${rolledBack}. Run the command again to continue.`;
}

/**
 * What the screen says when Ctrl+C was pressed twice: the migration that was running when the
 * process ends is not committed (or, outside a transaction, may be half-applied).
 *
 * @example
 * abandonedText(1, 3, step) // 'Stopped at once after 1 of 3 migrations: 002 slow was not committed; ...'
 */
export function abandonedText(count: number, total: number, running: Step | null): string {
  const head = `Stopped at once after ${count} of ${total} migrations`;
  if (running === null) return `${head}. Run the command again to continue.`;
  const { versionText, name } = running.migration;
  const id = `${versionText} ${name}`;
  if (!runsInTransaction(running.migration)) {
    return `${head}: ${id} ran outside a transaction and may be half-applied; 'gao-db status' says how to repair it.`;
  }
  return running.kind === 'revert'
    ? `${head}: the rollback of ${id} was not committed; SQLite undoes it the next time the database is opened, and ${id} stays applied. Run the command again to continue.`
    : `${head}: ${id} was not committed; SQLite rolls it back the next time the database is opened. Run the command again to continue.`;
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
