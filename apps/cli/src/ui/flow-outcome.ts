import type { FlowResult } from './run-request.ts';
import type { UiResult } from './types.ts';

/**
 * The result and exit code of a plan-confirm-run flow: `0` done or up to date, `1` failed,
 * `2` not confirmed, `3` refused by the planner, `130` interrupted.
 *
 * @example
 * flowOutcome({ kind: 'not_confirmed' }) // { outcome: 'not_confirmed', exitCode: 2 }
 */
export function flowOutcome(result: FlowResult): UiResult {
  switch (result.kind) {
    case 'done':
    case 'up_to_date':
      return { outcome: 'done', exitCode: 0 };
    case 'not_confirmed':
      return { outcome: 'not_confirmed', exitCode: 2 };
    case 'refused':
      return { outcome: 'refused', exitCode: 3, problems: result.problems };
    case 'interrupted':
      return result.abandoned === true
        ? { outcome: 'interrupted', exitCode: 130, abandoned: true }
        : { outcome: 'interrupted', exitCode: 130 };
    case 'failed':
      return { outcome: 'failed', exitCode: 1, error: result.error };
  }
}
