import { chmodSync, copyFileSync, existsSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { backup, DatabaseSync } from 'node:sqlite';
import { BackupError, sqliteErrcode } from './backup-error.ts';
import {
  createPrivateFile,
  headerSaysWal,
  openImmutable,
  quickCheck,
  removeDatabaseFiles,
  removeSidecars,
} from './backup-file.ts';
import { assertKeep, backupFolderError, pruneBackups } from './backup-list.ts';
import { type BackupInfo, formatBackupName } from './backup-name.ts';
import { backupNamePrefix, defaultBackupDir } from './backup-owner.ts';
import { copyOnline, probeLock, restoreLockedError } from './backup-restore-lock.ts';
import { writeBackup } from './backup-write.ts';
import { GaoDbError } from './gao-db-error.ts';

/** Options of {@link restoreBackup}. */
export interface RestoreOptions {
  /** Where the safety backup of the current database goes (default `<database folder>/backups`). */
  readonly dir?: string;
  /** Retention applied after the safety backup (default 10); the restored file is never deleted. */
  readonly keep?: number;
  /** Take a safety backup of the current database first (default `true`). */
  readonly safetyBackup?: boolean;
  /** How long to wait for other connections to release the database (default 5000). */
  readonly busyTimeoutMs?: number;
  readonly now?: () => Date;
}

/** What {@link restoreBackup} did. */
export interface RestoreReport {
  readonly restoredFrom: string;
  /** The copy of the database as it was before the restore (`null`: none existed or none was asked for). */
  readonly safetyBackup: BackupInfo | null;
  /**
   * `online`: pages copied into the live file through SQLite (open connections see the restored data);
   * `replaced`: the current file was not a readable database, so a restored copy was renamed over it.
   */
  readonly method: 'online' | 'replaced';
  readonly sizeBytes: number;
}

/** One backup step copies everything, so other connections never see a half-restored file. */
const ALL_PAGES = 2 ** 31 - 1;
const UNREADABLE_CODES = new Set([11, 26]); // SQLITE_CORRUPT, SQLITE_NOTADB

/**
 * Replaces the database at `databasePath` with the backup at `backupPath`. The backup is checked first
 * (`quick_check`; a damaged or non-SQLite file is refused and nothing changes), a safety backup of the
 * current database is taken, then the pages are copied into the live file with SQLite's backup API, so
 * its WAL/journal stay consistent, its mode is kept and connections of other processes see the restore.
 *
 * A database another connection keeps locked (a writer, or in rollback-journal mode a reader) past
 * `busyTimeoutMs` is a `database_locked` {@link DatabaseError}: nothing is restored and no safety
 * backup is left behind, so the numbers of the backups do not move.
 *
 * @example
 * const [latest] = listBackups('/srv/app/backups', '/srv/app/app.db');
 * if (latest) await restoreBackup('/srv/app/app.db', latest.path, { dir: '/srv/app/backups' });
 */
export async function restoreBackup(
  databasePath: string,
  backupPath: string,
  options: RestoreOptions = {},
): Promise<RestoreReport> {
  const live = resolve(databasePath);
  const source = resolve(backupPath);
  const keep = options.keep ?? 10;
  const busyTimeoutMs = options.busyTimeoutMs ?? 5000;
  assertKeep(keep);
  const fail = (message: string, hint: string, cause?: unknown): BackupError =>
    new BackupError('restore_failed', message, { hint, path: source, cause });
  if (source === live) throw fail('A database cannot be restored from itself.', 'Pass a backup file.');
  const sourceDb = openVerified(source, fail);
  try {
    if (!existsSync(live)) createPrivateFile(live);
    // Before anything is written: a locked database is refused without a safety backup.
    const probe = probeLock(live, busyTimeoutMs);
    if (probe === 'busy') throw restoreLockedError(live, busyTimeoutMs);
    const dir = options.dir ?? defaultBackupDir(live);
    const safetyBackup =
      options.safetyBackup === false
        ? null
        : await takeSafetyBackup(live, dir, busyTimeoutMs, options.now, fail);
    const wasWal = headerSaysWal(live);
    let method: RestoreReport['method'];
    try {
      method = probe === 'unreadable' ? await replaceUnreadable(sourceDb, live, fail) : 'online';
      if (method === 'online' && (await copyInto(sourceDb, live, busyTimeoutMs, fail)) === 'busy')
        throw restoreLockedError(live, busyTimeoutMs);
    } catch (error) {
      // Nothing was restored: a safety backup left behind would renumber `gao-db backup`'s list.
      if (safetyBackup !== null && error instanceof GaoDbError && error.code === 'database_locked')
        removeDatabaseFiles(safetyBackup.path);
      throw error;
    }
    verifyRestored(live, wasWal, busyTimeoutMs, fail);
    if (safetyBackup !== null) prune(dir, live, keep, [source, safetyBackup.path]);
    return { restoredFrom: source, safetyBackup, method, sizeBytes: statSync(live).size };
  } finally {
    sourceDb.close();
  }
}

type Fail = (message: string, hint: string, cause?: unknown) => BackupError;

/** Opens the backup read-only and refuses it unless it is a non-empty database passing `quick_check`. */
function openVerified(source: string, fail: Fail): DatabaseSync {
  const refuse = (why: string, cause?: unknown) =>
    fail(
      `${source} is not a usable backup: ${why}. Nothing was changed.`,
      "Choose another backup ('gao-db backup' lists them).",
      cause,
    );
  let size: number;
  try {
    size = statSync(source).size;
  } catch (error) {
    throw refuse('the file cannot be read', error);
  }
  if (size === 0) throw refuse('the file is empty');
  let db: DatabaseSync | null = null;
  try {
    db = openImmutable(source);
    const rows = quickCheck(db);
    if (rows.length !== 1 || rows[0] !== 'ok')
      throw refuse(`it is corrupt (quick_check: ${rows.slice(0, 3).join('; ')})`);
    return db;
  } catch (error) {
    db?.close();
    if (error instanceof BackupError) throw error;
    const code = sqliteErrcode(error);
    const why =
      code === 26 ? 'it is not a SQLite database' : code === 11 ? 'it is corrupt' : (error as Error).message;
    throw refuse(why, error);
  }
}

/** Copies the current database aside (through SQLite if it is readable, byte for byte if not). */
async function takeSafetyBackup(
  live: string,
  dir: string,
  busyTimeoutMs: number,
  now: (() => Date) | undefined,
  fail: Fail,
): Promise<BackupInfo | null> {
  if (!existsSync(live) || statSync(live).size === 0) return null;
  let db: DatabaseSync | null = null;
  try {
    db = new DatabaseSync(live, { timeout: busyTimeoutMs });
    db.prepare('SELECT count(*) FROM sqlite_schema').get(); // NOTADB surfaces here, not on open
    return await writeBackup(db, { dir, databasePath: live, reason: 'pre-restore', ...(now ? { now } : {}) });
  } catch (error) {
    if (error instanceof GaoDbError && error.code === 'database_locked')
      throw restoreLockedError(live, busyTimeoutMs);
    const code = sqliteErrcode(error instanceof GaoDbError ? error.cause : error);
    if (code === null || !UNREADABLE_CODES.has(code)) {
      throw fail(
        `Could not take a safety backup of ${live}; nothing was changed.`,
        'Fix the cause below and retry.',
        error,
      );
    }
    return rawCopy(live, dir, now ?? (() => new Date()));
  } finally {
    db?.close();
  }
}

/** A byte-for-byte copy (mode 0600) of a file SQLite cannot read, so even a broken database is kept. */
function rawCopy(live: string, dir: string, now: () => Date): BackupInfo {
  const date = now();
  try {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
  } catch (error) {
    throw backupFolderError(dir, error);
  }
  const path = resolve(dir, formatBackupName(backupNamePrefix(dir, live), date, 'pre-restore-raw'));
  createPrivateFile(path);
  copyFileSync(live, path);
  chmodSync(path, 0o600); // copyFile gives the copy the source's mode
  return { path, createdAt: date.toISOString(), sizeBytes: statSync(path).size, reason: 'pre-restore-raw' };
}

/** {@link copyOnline}, with any failure but a lock reported as `restore_failed`. */
async function copyInto(sourceDb: DatabaseSync, live: string, busyTimeoutMs: number, fail: Fail) {
  try {
    return await copyOnline(sourceDb, live, busyTimeoutMs);
  } catch (error) {
    throw fail(
      `Restoring into ${live} failed: ${(error as Error).message}`,
      'Check permissions and free disk space; the safety backup holds the previous database.',
      error,
    );
  }
}

/** Writes the backup to a temporary file beside `live` and renames it over the unreadable file. */
async function replaceUnreadable(sourceDb: DatabaseSync, live: string, fail: Fail): Promise<'replaced'> {
  const mode = statSync(live).mode & 0o777;
  const temporary = `${live}.restore-${process.pid}-${Date.now()}.tmp`;
  try {
    createPrivateFile(temporary);
    chmodSync(temporary, mode);
    await backup(sourceDb, temporary, { rate: ALL_PAGES });
    // A journal or WAL of the broken file would be "recovered" into the restored one: drop them.
    removeSidecars(live);
    renameSync(temporary, live);
    return 'replaced';
  } catch (error) {
    throw fail(
      `Restoring into ${live} failed: ${(error as Error).message}`,
      'Check permissions and free disk space; the safety backup holds the previous database.',
      error,
    );
  } finally {
    removeDatabaseFiles(temporary);
  }
}

/** Checks the restored file and gives it back its journal mode (a WAL backup's header would switch it). */
function verifyRestored(live: string, wasWal: boolean, busyTimeoutMs: number, fail: Fail): void {
  const db = new DatabaseSync(live, { timeout: busyTimeoutMs });
  try {
    if (!wasWal && headerSaysWal(live)) db.exec('PRAGMA journal_mode = DELETE');
    const rows = quickCheck(db);
    if (rows[0] !== 'ok')
      throw fail(`${live} failed quick_check after the restore.`, 'Restore the safety backup.');
  } finally {
    db.close();
  }
}

/** Retention after a restore; the restore itself is done, so a failure here says so. */
function prune(dir: string, live: string, keep: number, protect: readonly string[]): void {
  try {
    pruneBackups(dir, live, keep, protect);
  } catch (error) {
    throw new BackupError('backup_failed', `Restored ${live}, but deleting old backups failed.`, {
      hint: 'Check the permissions of the backups folder; the restore itself is complete.',
      path: dir,
      cause: error,
    });
  }
}
