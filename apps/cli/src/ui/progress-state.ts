import { assertNever, type Step } from '@gao/migrate-core';
import type { UiBackupInfo, UiProgressEvent } from './types.ts';

/** A step that finished, as listed above the progress bar. */
export interface FinishedStep {
  readonly index: number;
  readonly step: Step;
  readonly durationMs: number;
}

/** Everything the progress view shows, folded from the event stream. */
export interface ProgressState {
  /** Steps planned (`N` of "n of N"); updated by the events, which know once the lock is held. */
  readonly total: number;
  readonly finished: readonly FinishedStep[];
  /** The running step and when it started (the injected clock's milliseconds). */
  readonly running: { readonly index: number; readonly step: Step; readonly startedAt: number } | null;
  readonly failed: { readonly step: Step; readonly error: Error; readonly durationMs: number } | null;
  readonly waitingForLock: boolean;
  /** The backup copy under way (pages copied of the total), until `backup` is set. */
  readonly backingUp: { readonly copiedPages: number; readonly totalPages: number } | null;
  readonly backup: UiBackupInfo | null;
  readonly done: { readonly finalVersion: number | null; readonly durationMs: number } | null;
  /** The step that was running when the run was stopped: the adapter rolled it back (transactional). */
  readonly cancelled: Step | null;
}

/**
 * The state before the first event of a run of `total` steps.
 *
 * @example
 * initialProgress(3).finished // []
 */
export function initialProgress(total: number): ProgressState {
  return {
    total,
    finished: [],
    running: null,
    failed: null,
    waitingForLock: false,
    backingUp: null,
    backup: null,
    done: null,
    cancelled: null,
  };
}

/**
 * Folds one progress event into the state (pure; `now` is the clock's current milliseconds).
 *
 * @example
 * reduceProgress(initialProgress(2), { type: 'step_started', index: 0, total: 2, step }, 0).running?.index // 0
 */
export function reduceProgress(state: ProgressState, event: UiProgressEvent, now: number): ProgressState {
  switch (event.type) {
    case 'waiting_for_lock':
      return { ...state, waitingForLock: true };
    case 'backup_progress':
      return { ...state, backingUp: { copiedPages: event.copiedPages, totalPages: event.totalPages } };
    case 'backup_created':
      return { ...state, backingUp: null, backup: event.backup };
    case 'step_started':
      return {
        ...state,
        total: event.total,
        waitingForLock: false,
        running: { index: event.index, step: event.step, startedAt: now },
      };
    case 'step_finished':
      return {
        ...state,
        total: event.total,
        running: null,
        finished: [...state.finished, { index: event.index, step: event.step, durationMs: event.durationMs }],
      };
    case 'step_failed':
      return {
        ...state,
        total: event.total,
        running: null,
        failed: { step: event.step, error: event.error, durationMs: event.durationMs },
      };
    case 'done':
      return {
        ...state,
        running: null,
        // A step started and not finished when a stopped run ends was rolled back.
        cancelled: event.interrupted === true && state.running !== null ? state.running.step : null,
        done: { finalVersion: event.finalVersion, durationMs: event.durationMs },
      };
    case 'plan_ready':
    case 'checksum_recorded':
      return state;
    default:
      return assertNever(event, 'progress event');
  }
}
