/** What a test asks `fixtures/migrator-worker.ts` to do. */
export interface WorkerJob {
  readonly action: 'migrate' | 'open-migrated' | 'inspect' | 'plan';
  readonly database: string;
  readonly migrationsDir: string;
  readonly busyTimeoutMs: number;
  /** The Migrator's `allOrNothing` option (one transaction for the whole run). */
  readonly allOrNothing?: boolean;
  /** Start the action at this `Date.now()` (a barrier, so processes started one by one race together). */
  readonly startAt?: number;
  /** Wait for a line on stdin before starting (the test says when). */
  readonly waitForGo?: boolean;
}
