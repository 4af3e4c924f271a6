import { resolve } from 'node:path';

/** The throw-away copies of the rehearsals running now, by resolved path. */
const live = new Set<string>();

/**
 * Marks `path` as a rehearsal's throw-away copy until the returned function is called. While it is,
 * a full disk under it is the failure of the rehearsed migration that ran into it, not a fault of
 * the database ({@link isRehearsalCopy}): the copy sits in the temporary folder, often on another
 * disk than the real database, and the rehearsal must report the step instead of ending.
 *
 * @example
 * const release = trackRehearsalCopy('/tmp/gao-db-rehearsal-Xk2/app.db');
 * try {
 *   await runPlanOn('/tmp/gao-db-rehearsal-Xk2/app.db');
 * } finally {
 *   release();
 * }
 */
export function trackRehearsalCopy(path: string): () => void {
  const key = resolve(path);
  live.add(key);
  return () => {
    live.delete(key);
  };
}

/**
 * Whether `path` is the copy of a rehearsal that is running now.
 *
 * @example
 * isRehearsalCopy('/srv/app/app.db'); // false
 */
export function isRehearsalCopy(path: string): boolean {
  return live.has(resolve(path));
}
