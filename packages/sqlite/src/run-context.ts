import type { DatabaseSync } from 'node:sqlite';
import type { ErrorContext } from './database-errors.ts';
import type { MigrationLogger, ProgressListener } from './events.ts';
import type { LoadedModule } from './load-modules.ts';

/** Everything one run (migrate, rollback, baseline, repair) shares: the one connection and the ports. */
export interface RunContext extends ErrorContext {
  readonly db: DatabaseSync;
  readonly clock: () => Date;
  readonly emit: ProgressListener;
  readonly logger: MigrationLogger;
  /** Code migrations loaded for this run, by version. */
  readonly modules: ReadonlyMap<number, LoadedModule>;
  /** Says `waiting_for_lock` (once per run) before waiting for another process. */
  readonly onWait: () => void;
}

/** The timestamp written to `applied_at` and the event log: ISO-8601 UTC from the injected clock. */
export function now(context: Pick<RunContext, 'clock'>): string {
  return context.clock().toISOString();
}

/** Builds the once-per-run `waiting_for_lock` notifier. */
export function waitNotifier(emit: ProgressListener): () => void {
  let said = false;
  return () => {
    if (said) return;
    said = true;
    emit({ type: 'waiting_for_lock' });
  };
}
