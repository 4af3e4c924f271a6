import { spawn } from 'node:child_process';

/** A process holding a write lock (`BEGIN IMMEDIATE` plus a pending write) on a database. */
export interface LockHolder {
  /** Rolls back, closes and waits for the process to exit (exit code). */
  release(): Promise<number | null>;
}

/**
 * Starts a separate process that takes the write lock of `database` and keeps it until released
 * (or `maxMs` passes). Resolves once the lock is held. `exclusive` takes `BEGIN EXCLUSIVE` instead:
 * in rollback-journal mode readers are then locked out too.
 *
 * @example
 * const holder = await holdWriteLock('/tmp/x/app.db');
 * // ... assert that a migrator gives up with database_locked ...
 * await holder.release();
 */
export async function holdWriteLock(
  database: string,
  maxMs = 15_000,
  mode: 'immediate' | 'exclusive' = 'immediate',
): Promise<LockHolder> {
  const script = `
    const { DatabaseSync } = require('node:sqlite');
    const db = new DatabaseSync(${JSON.stringify(database)});
    db.exec('BEGIN ${mode === 'exclusive' ? 'EXCLUSIVE' : 'IMMEDIATE'}');
    db.exec('CREATE TABLE lock_holder_was_here (x)');
    process.stdout.write('locked\\n');
    const end = () => { db.exec('ROLLBACK'); db.close(); process.exit(0); };
    process.stdin.on('data', end);
    setTimeout(end, ${maxMs});`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['pipe', 'pipe', 'inherit'] });
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    child.stdout.once('data', () => resolve());
    void exited.then((code) => reject(new Error(`lock holder exited early (${code})`)));
  });
  return {
    release() {
      child.stdin.write('go\n');
      return exited;
    },
  };
}
