import { DatabaseError } from './errors.ts';
import { MEMORY } from './open-database.ts';

/** The writing calls of this process in progress, by absolute database path: each waits for the one before it. */
const inProgress = new Map<string, Promise<void>>();

/** What {@link inTurn} needs to know about the call. */
export interface TurnOptions {
  /** Absolute path of the database file, or `:memory:` (never queued: each connection is its own database). */
  readonly path: string;
  /** How long to wait for the earlier calls before giving up, as SQLite waits for another process. */
  readonly busyTimeoutMs: number;
  /** Called once, before waiting, when an earlier call is still running. */
  readonly onWait: () => void;
}

function waitedTooLong(path: string, busyTimeoutMs: number): DatabaseError {
  return new DatabaseError(
    'database_locked',
    `Another gao-db call in this process has been writing ${path} for longer than the busy timeout (${busyTimeoutMs} ms).`,
    {
      database: path,
      hint: 'Await one migrate/rollback/openMigrated before starting the next on the same database (a migration must not run gao-db on its own database), or raise busyTimeoutMs.',
    },
  );
}

/**
 * Runs `run` once every earlier call for the same database file in this process has finished.
 * Across processes SQLite's lock serialises runners, but its busy wait is synchronous: a second call
 * in the same process would block the event loop that the first one's `async up` needs to finish,
 * then fail as "locked by another process". Waits at most the busy timeout, as for another process:
 * a call that would wait for itself (a migration running gao-db on its own database) fails as
 * `database_locked` instead of hanging.
 *
 * @example
 * await inTurn({ path: '/srv/app.db', busyTimeoutMs: 5000, onWait: () => {} }, () => migrateCommand(session, {}));
 */
export async function inTurn<T>(options: TurnOptions, run: () => Promise<T>): Promise<T> {
  const { path, busyTimeoutMs } = options;
  if (path === MEMORY) return run();
  const earlier = inProgress.get(path);
  let done = (): void => {};
  const mine = new Promise<void>((resolve) => {
    done = resolve;
  });
  // Later calls wait for this one and for everything before it, even if this one gives up waiting.
  const queue = earlier === undefined ? mine : Promise.all([earlier, mine]).then(() => undefined);
  inProgress.set(path, queue);
  try {
    if (earlier !== undefined) {
      options.onWait();
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), Math.max(0, busyTimeoutMs));
      });
      const outcome = await Promise.race([earlier, timedOut]);
      clearTimeout(timer);
      if (outcome === 'timeout') throw waitedTooLong(path, busyTimeoutMs);
    }
    return await run();
  } finally {
    done();
    if (inProgress.get(path) === queue) inProgress.delete(path);
  }
}
