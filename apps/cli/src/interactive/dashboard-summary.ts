import type { UiRunRecord } from '../adapter/ui-backend.ts';
import { plural } from '../output/count-label.ts';
import { formatDuration } from '../output/format-duration.ts';

/**
 * The line printed on stderr once the dashboard's screen is gone, so the terminal keeps a trace of
 * what happened: the last run's outcome, or that nothing was changed. `label` writes a version as
 * the files do (`004`).
 *
 * @example
 * dashboardSummary([], 'app.db', String) // 'gao-db: app.db: nothing was changed.'
 */
export function dashboardSummary(
  runs: readonly UiRunRecord[],
  database: string,
  label: (version: number | null) => string,
): string {
  const last = runs.at(-1);
  const runsNote = runs.length > 1 ? ` (${runs.length} runs in this session)` : '';
  if (last === undefined) return `gao-db: ${database}: nothing was changed.`;
  const what = plural(last.count, 'migration');
  const verb = last.command === 'migrate' ? 'Migrated' : 'Rolled back';
  switch (last.outcome) {
    case 'done':
      return `gao-db: ${verb} ${database} to version ${label(last.finalVersion)}: ${what} in ${formatDuration(last.durationMs)}.${runsNote}`;
    case 'interrupted':
      return `gao-db: stopped at your request after ${last.count} of ${last.total} migrations; ${database} is consistent. Run the command again to continue.`;
    case 'refused':
      return `gao-db: ${last.command} of ${database} was refused: ${plural(last.problems?.length ?? 0, 'problem')}; nothing was changed. See 'gao-db validate'.${runsNote}`;
    case 'failed': {
      const message = last.error instanceof Error ? last.error.message : String(last.error);
      return `gao-db: ${last.command} of ${database} failed after ${what}: ${message}${runsNote}`;
    }
  }
}
