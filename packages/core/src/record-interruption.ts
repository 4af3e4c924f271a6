import type { HistoryEvent } from './history.ts';
import type { Step } from './plan.ts';

/** Where a run stopped at the user's request: how far it got, and the step it stopped at. */
export interface Interruption {
  /** The step that was running and rolled back (`cancelled`), or the next one, which did not start. */
  readonly step: Step;
  readonly cancelled: boolean;
  /** Steps of the run that finished, of `total`. */
  readonly done: number;
  readonly total: number;
  /**
   * All-or-nothing runs: the steps that ran before it in the run's one transaction and were rolled
   * back with it (then `done` is 0: nothing of the run is applied).
   */
  readonly undone?: number;
}

/**
 * The event a run stopped at the user's request leaves (Ctrl+C, an aborted signal): no record
 * changes (what finished stays; the running migration was rolled back, or did not start), so
 * `history` says what happened, and the event can carry the schema the run left.
 *
 * @example
 * interruptionEvent({ step, cancelled: true, done: 1, total: 3 }, '2026-11-24T07:48:00Z').detail
 * // 'stopped at the user's request after 1 of 3 migrations; 002_b was cancelled, so it is not applied'
 */
export function interruptionEvent(stop: Interruption, at: string): Omit<HistoryEvent, 'id'> {
  const { step } = stop;
  // A revert names the version as its record stores it, as `rolled_back` does.
  const { versionText, migrationName } =
    step.kind === 'revert'
      ? step.record
      : { versionText: step.migration.versionText, migrationName: step.migration.id };
  const undone = stop.undone ?? 0;
  const what =
    undone > 0
      ? `all or nothing: ${migrationName} ${stop.cancelled ? 'was cancelled' : 'did not start'} and the ${undone === 1 ? 'migration' : `${undone} migrations`} before it ${undone === 1 ? 'was' : 'were'} undone, so none of the run is ${step.kind === 'revert' ? 'rolled back' : 'applied'}`
      : !stop.cancelled
        ? `${migrationName} did not start`
        : step.kind === 'revert'
          ? `the rollback of ${migrationName} was cancelled, so it stays applied`
          : `${migrationName} was cancelled, so it is not applied`;
  return {
    at,
    kind: 'interrupted',
    version: step.migration.version,
    versionText,
    migrationName,
    durationMs: null,
    checksum: null,
    error: null,
    stack: null,
    detail: `stopped at the user's request after ${stop.done} of ${stop.total} migrations; ${what}`,
    schemaFingerprint: null,
  };
}
