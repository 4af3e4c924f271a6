import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { backup, DatabaseSync } from 'node:sqlite';
import { createPrivateFile } from './backup-file.ts';
import { withReadTransaction } from './backup-source.ts';

/** Options of {@link withTemporaryCopy}. */
export interface TemporaryCopyOptions {
  /** Wait this long for a writer of the real database to finish (default 5000). */
  readonly busyTimeoutMs?: number;
  /** Where the throw-away folder is made (default `os.tmpdir()`); it needs room for a full copy. */
  readonly tempDir?: string;
}

/** The copy handed to the callback of {@link withTemporaryCopy}. */
export interface TemporaryCopy {
  /** The copy's path inside a private temporary folder. */
  readonly path: string;
  /** `false`: the real database does not exist, so the copy starts empty (a first deployment). */
  readonly fromExisting: boolean;
}

/**
 * Copies the database at `databasePath` with SQLite's online backup (a consistent snapshot that
 * includes WAL content, taken while others keep working) into a fresh 0700 temporary folder, runs `fn`
 * on the copy and deletes the folder afterwards, whatever happens. The real database is only read: no
 * writes, no new side files. A missing database is not created; `fn` gets an empty copy instead.
 *
 * @example
 * const tables = await withTemporaryCopy('/srv/app/app.db', async ({ path }) => {
 *   const db = new DatabaseSync(path);
 *   try {
 *     return db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table'").all();
 *   } finally {
 *     db.close();
 *   }
 * });
 */
export async function withTemporaryCopy<T>(
  databasePath: string,
  fn: (copy: TemporaryCopy) => Promise<T>,
  options: TemporaryCopyOptions = {},
): Promise<T> {
  const source = resolve(databasePath);
  const folder = mkdtempSync(join(options.tempDir ?? tmpdir(), 'gao-db-rehearsal-'));
  try {
    const path = join(folder, basename(source));
    createPrivateFile(path);
    const fromExisting = existsSync(source);
    if (fromExisting) await snapshot(source, path, options.busyTimeoutMs ?? 5000);
    return await fn({ path, fromExisting });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

async function snapshot(source: string, target: string, busyTimeoutMs: number): Promise<void> {
  // A read-write connection that never writes: a read-only one would leave -wal/-shm files behind
  // next to a WAL database, while this one removes them again on close (nothing to checkpoint).
  const db = new DatabaseSync(source, { timeout: busyTimeoutMs });
  try {
    db.exec('PRAGMA query_only = ON');
    // In one read transaction: otherwise every write of another process restarts the copy.
    await withReadTransaction(db, source, () => backup(db, target, { rate: 1000 }));
  } finally {
    db.close();
  }
}
