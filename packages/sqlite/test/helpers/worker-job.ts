/** What a test asks `fixtures/migrator-worker.ts` to do. */
export interface WorkerJob {
  readonly action: 'migrate' | 'rollback' | 'open-migrated' | 'inspect' | 'plan';
  readonly database: string;
  readonly migrationsDir: string;
  readonly busyTimeoutMs: number;
  /** How many migrations `rollback` undoes (default 1). */
  readonly count?: number;
  /** The Migrator's `allOrNothing` option (one transaction for the whole run). */
  readonly allOrNothing?: boolean;
  /** Start the action at this `Date.now()` (a barrier, so processes started one by one race together). */
  readonly startAt?: number;
  /** Wait for a line on stdin before starting (the test says when). */
  readonly waitForGo?: boolean;
}
