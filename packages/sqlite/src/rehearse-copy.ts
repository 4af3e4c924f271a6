import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { backup, DatabaseSync } from 'node:sqlite';
import { createPrivateFile } from './backup-file.ts';
import { sourceError, withReadTransaction } from './backup-source.ts';
import { trackRehearsalCopy } from './rehearse-copies.ts';
import { copyNotWritten } from './rehearse-disk-full.ts';

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
  /** The folder the private folder was made in (`os.tmpdir()` unless given): where the room must be. */
  readonly tempDir: string;
}

/**
 * Copies the database at `databasePath` with SQLite's online backup (a consistent snapshot that
 * includes WAL content, taken while others keep working) into a fresh 0700 temporary folder, runs `fn`
 * on the copy and deletes the folder afterwards, whatever happens. The real database is only read: no
 * writes, no new side files. A missing database is not created; `fn` gets an empty copy instead.
 * A copy that cannot be written (a full disk, a folder that cannot be written) is a `backup_failed`
 * `BackupError` (`copyNotWritten`); a locked or corrupt database, a `DatabaseError`.
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
  const tempDir = resolve(options.tempDir ?? tmpdir());
  let folder: string;
  try {
    folder = mkdtempSync(join(tempDir, 'gao-db-rehearsal-'));
  } catch (error) {
    throw copyNotWritten(databasePath, tempDir, error);
  }
  try {
    const path = join(folder, basename(source));
    const fromExisting = existsSync(source);
    try {
      createPrivateFile(path);
    } catch (error) {
      throw copyNotWritten(databasePath, tempDir, error);
    }
    if (fromExisting) await snapshot(databasePath, path, tempDir, options.busyTimeoutMs ?? 5000);
    const release = trackRehearsalCopy(path);
    try {
      return await fn({ path, fromExisting, tempDir });
    } finally {
      release();
    }
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

async function snapshot(
  database: string,
  target: string,
  tempDir: string,
  busyTimeoutMs: number,
): Promise<void> {
  const source = resolve(database);
  // A read-write connection that never writes: a read-only one would leave -wal/-shm files behind
  // next to a WAL database, while this one removes them again on close (nothing to checkpoint).
  const db = new DatabaseSync(source, { timeout: busyTimeoutMs });
  try {
    db.exec('PRAGMA query_only = ON');
    // In one read transaction: otherwise every write of another process restarts the copy.
    await withReadTransaction(db, source, async () => {
      try {
        return await backup(db, target, { rate: 1000 });
      } catch (error) {
        // A locked or damaged source is the database's error; anything else is the copy's.
        throw sourceError(db, source, error) ?? copyNotWritten(database, tempDir, error);
      }
    });
  } finally {
    db.close();
  }
}
