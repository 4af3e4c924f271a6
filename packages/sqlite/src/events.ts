import type { Plan, Step } from '@gao/migrate-core';
import type { BackupInfo } from './backup.ts';

/**
 * The typed progress stream of a run, in order: `plan_ready`, `backup_progress`* and `backup_created`
 * (when a backup is taken: a first `backup_progress` at 0 pages, then one per step of the copy),
 * `waiting_for_lock`?,
 * then per step `step_started` and `step_finished` (or `step_failed`, which ends the run),
 * `checksum_recorded` when old rows get their checksum, and `done` (`interrupted: true` when an aborted
 * signal stopped the run between steps). `index` is 0-based; `total` is
 * the number of steps still planned once the lock is held (it shrinks if another process did some).
 * The adapter prints nothing: the CLI's renderers and log file subscribe.
 *
 * @example
 * const onEvent = (event: ProgressEvent) => {
 *   if (event.type === 'step_finished') console.log(`${event.step.migration.id} ${event.durationMs} ms`);
 * };
 */
export type ProgressEvent =
  | { readonly type: 'plan_ready'; readonly plan: Plan }
  | {
      readonly type: 'backup_progress';
      /** Database pages copied so far, of `totalPages` (a write by another process restarts the copy). */
      readonly copiedPages: number;
      readonly totalPages: number;
    }
  | { readonly type: 'backup_created'; readonly backup: BackupInfo }
  | { readonly type: 'waiting_for_lock' }
  | { readonly type: 'step_started'; readonly index: number; readonly total: number; readonly step: Step }
  | {
      readonly type: 'step_finished';
      readonly index: number;
      readonly total: number;
      readonly step: Step;
      readonly durationMs: number;
    }
  | {
      readonly type: 'step_failed';
      readonly index: number;
      readonly total: number;
      readonly step: Step;
      readonly error: Error;
      readonly durationMs: number;
    }
  | { readonly type: 'checksum_recorded'; readonly version: number }
  | {
      readonly type: 'done';
      readonly finalVersion: number | null;
      readonly durationMs: number;
      /** `true` when the run's `signal` stopped it before every planned step ran (absent otherwise). */
      readonly interrupted?: true;
    };

/** Receives progress events. Must not throw; an exception is ignored so it cannot break a run. */
export type ProgressListener = (event: ProgressEvent) => void;

/** The logger handed to code migrations (`ctx.logger`). */
export interface MigrationLogger {
  info(message: string, fields?: Readonly<Record<string, unknown>>): void;
  warn(message: string, fields?: Readonly<Record<string, unknown>>): void;
  error(message: string, fields?: Readonly<Record<string, unknown>>): void;
}

/** The default logger: silent, because the adapter prints nothing. */
export const SILENT_LOGGER: MigrationLogger = Object.freeze({
  info() {},
  warn() {},
  error() {},
});

/** Calls the listener, ignoring its exceptions: a broken UI must not turn a good run into a failure. */
export function emitTo(listener: ProgressListener | undefined): ProgressListener {
  return (event) => {
    try {
      listener?.(event);
    } catch {
      // A listener's bug is not the migration's failure.
    }
  };
}
