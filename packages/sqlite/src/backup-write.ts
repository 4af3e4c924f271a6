import { mkdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { backup, DatabaseSync } from 'node:sqlite';
import { BackupError } from './backup-error.ts';
import { createPrivateFile, removeDatabaseFiles } from './backup-file.ts';
import { backupFolderError } from './backup-list.ts';
import { type BackupInfo, formatBackupName, sanitizeReason } from './backup-name.ts';
import { backupNamePrefix } from './backup-owner.ts';
import { sourceError, withReadTransaction } from './backup-source.ts';

/** Options of {@link createBackup}. */
export interface CreateBackupOptions {
  /** The backups folder; created (mode 0700) if missing. */
  readonly dir: string;
  /** The database file `db` is open on: names the backup and scopes retention. */
  readonly databasePath: string;
  /** Why: `pre-migrate`, `pre-rollback`, ... (sanitized into the file name). */
  readonly reason: string;
  /** How many backups of this database to keep, newest first (default 10; `Infinity` keeps all). */
  readonly keep?: number;
  readonly now?: () => Date;
  /** Called after each step of the copy with the pages copied so far and the total. */
  readonly onProgress?: ((copiedPages: number, totalPages: number) => void) | undefined;
}

/** Pages copied per step of the online backup (one `onProgress` call each). */
const PAGES_PER_STEP = 1000;

/**
 * Writes a consistent copy of `db` to a new 0600 file in `dir` and returns it; does not prune
 * ({@link createBackup} does). The copy is switched to `journal_mode=DELETE` so it is one
 * self-contained file that can be opened read-only without leaving `-wal`/`-shm` files behind.
 * A locked, corrupt or non-database source is a {@link DatabaseError}, and leaves no file.
 *
 * @example
 * const info = await writeBackup(db, { dir: '/srv/app/backups', databasePath: '/srv/app/app.db', reason: 'manual' });
 */
export async function writeBackup(db: DatabaseSync, options: CreateBackupOptions): Promise<BackupInfo> {
  const databasePath = resolve(options.databasePath);
  const fail = (message: string, hint: string, cause?: unknown): BackupError =>
    new BackupError('backup_failed', message, { hint, path: databasePath, cause });
  if (options.databasePath === ':memory:' || options.databasePath === '') {
    throw fail('An in-memory database has no file to back up.', 'Use a file database, or turn backups off.');
  }
  if (!db.isOpen)
    throw fail(`Cannot back up ${databasePath}: the connection is closed.`, 'Pass an open connection.');
  // backup() is rejected inside a write transaction with a misleading "not an error": say it plainly.
  if (db.isTransaction) {
    throw fail(
      `Cannot back up ${databasePath} inside a transaction.`,
      'Take the backup before BEGIN (the runner does this before it takes the migration lock).',
    );
  }
  const dir = resolve(options.dir);
  const date = (options.now ?? (() => new Date()))();
  const reason = sanitizeReason(options.reason);
  const target = await withReadTransaction(db, databasePath, async () => {
    const path = createTarget(dir, backupNamePrefix(dir, databasePath), date, reason);
    try {
      await copyPages(db, path, options.onProgress);
      return path;
    } catch (error) {
      removeDatabaseFiles(path);
      throw (
        sourceError(db, databasePath, error) ??
        fail(
          `Backing up ${databasePath} to ${path} failed: ${(error as Error).message}`,
          'Check free disk space and permissions of the backups folder.',
          error,
        )
      );
    }
  });
  try {
    const copy = new DatabaseSync(target);
    try {
      copy.exec('PRAGMA journal_mode = DELETE');
    } finally {
      copy.close();
    }
    return {
      path: target,
      createdAt: new Date(date.getTime()).toISOString(),
      sizeBytes: statSync(target).size,
      reason,
    };
  } catch (error) {
    removeDatabaseFiles(target);
    throw fail(
      `Backing up ${databasePath} to ${target} failed: ${(error as Error).message}`,
      'Check free disk space and permissions of the backups folder.',
      error,
    );
  }
}

/** Copies every page of `db` into `target`, telling `onProgress` after each step and at the end. */
async function copyPages(
  db: DatabaseSync,
  target: string,
  onProgress: CreateBackupOptions['onProgress'],
): Promise<void> {
  const copied = await backup(db, target, {
    rate: PAGES_PER_STEP,
    ...(onProgress === undefined
      ? {}
      : {
          progress: ({ totalPages, remainingPages }: { totalPages: number; remainingPages: number }) =>
            onProgress(totalPages - remainingPages, totalPages),
        }),
  });
  // SQLite reports no progress after its last step: say that every page is copied.
  onProgress?.(copied, copied);
}

/** Creates the backups folder (0700) and a new empty 0600 file for the copy in it. */
function createTarget(dir: string, prefix: string, date: Date, reason: string): string {
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw backupFolderError(dir, error);
  }
  try {
    return createUniqueTarget(dir, prefix, date, reason);
  } catch (error) {
    throw new BackupError('backup_failed', `Cannot create a backup file in ${dir}.`, {
      hint: 'Check that the folder is writable and the disk has space.',
      path: dir,
      cause: error,
    });
  }
}

/** Pre-creates `<prefix>.<stamp>[-n].<reason>.bak`, counting up when another backup took the millisecond. */
function createUniqueTarget(dir: string, prefix: string, date: Date, reason: string): string {
  for (let sequence = 0; ; sequence++) {
    const path = resolve(dir, formatBackupName(prefix, date, reason, sequence));
    try {
      createPrivateFile(path);
      return path;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST' || sequence >= 999) throw error;
    }
  }
}
