import { chmodSync, copyFileSync, existsSync, renameSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
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
import { assertKeep, defaultBackupDir, pruneBackups } from './backup-list.ts';
import { type BackupInfo, formatBackupName } from './backup-name.ts';
import { writeBackup } from './backup-write.ts';

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
    const dir = options.dir ?? defaultBackupDir(live);
    const safetyBackup =
      options.safetyBackup === false
        ? null
        : await takeSafetyBackup(live, dir, busyTimeoutMs, options.now, fail);
    if (safetyBackup !== null) pruneBackups(dir, live, keep, [source, safetyBackup.path]);
    const wasWal = headerSaysWal(live);
    const method = await copyInto(sourceDb, live, busyTimeoutMs, fail);
    verifyRestored(live, wasWal, busyTimeoutMs, fail);
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
      'Choose another backup (gao-db backups list).',
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
    const code = error instanceof BackupError ? sqliteErrcode(error.cause) : sqliteErrcode(error);
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
  const path = resolve(dir, formatBackupName(basename(live), date, 'pre-restore-raw'));
  createPrivateFile(path);
  copyFileSync(live, path);
  chmodSync(path, 0o600); // copyFile gives the copy the source's mode
  return { path, createdAt: date.toISOString(), sizeBytes: statSync(path).size, reason: 'pre-restore-raw' };
}

/**
 * Copies `sourceDb` into `live`, or replaces `live` when SQLite cannot read it. node's `backup()`
 * retries a busy destination forever, so the lock is waited for (with the timeout) before copying.
 */
async function copyInto(sourceDb: DatabaseSync, live: string, busyTimeoutMs: number, fail: Fail) {
  if (!existsSync(live)) createPrivateFile(live);
  const lock = waitForLock(live, busyTimeoutMs);
  if (lock === 'busy') {
    throw fail(
      `${live} is locked by another process; nothing was restored.`,
      'Stop the application or migration holding the lock (or raise the busy timeout) and retry.',
    );
  }
  try {
    if (lock === 'unreadable') {
      await replaceUnreadable(sourceDb, live);
      return 'replaced' as const;
    }
    await backup(sourceDb, live, { rate: ALL_PAGES });
    return 'online' as const;
  } catch (error) {
    throw fail(
      `Restoring into ${live} failed: ${(error as Error).message}`,
      'Check permissions and free disk space; the safety backup holds the previous database.',
      error,
    );
  }
}

/** Takes and releases a write lock on `live`, waiting up to `timeoutMs` for other connections. */
function waitForLock(live: string, timeoutMs: number): 'free' | 'busy' | 'unreadable' {
  const probe = new DatabaseSync(live, { timeout: Math.max(1, timeoutMs) });
  try {
    probe.exec('BEGIN IMMEDIATE');
    probe.prepare('SELECT count(*) FROM sqlite_schema').get(); // NOTADB/CORRUPT surface on the first read
    probe.exec('ROLLBACK');
    return 'free';
  } catch (error) {
    const code = sqliteErrcode(error);
    return code !== null && UNREADABLE_CODES.has(code) ? 'unreadable' : 'busy';
  } finally {
    if (probe.isTransaction) probe.exec('ROLLBACK');
    probe.close();
  }
}

/** Writes the backup to a temporary file beside `live` and renames it over the unreadable file. */
async function replaceUnreadable(sourceDb: DatabaseSync, live: string): Promise<void> {
  const mode = statSync(live).mode & 0o777;
  const temporary = `${live}.restore-${process.pid}-${Date.now()}.tmp`;
  createPrivateFile(temporary);
  try {
    chmodSync(temporary, mode);
    await backup(sourceDb, temporary, { rate: ALL_PAGES });
    // A journal or WAL of the broken file would be "recovered" into the restored one: drop them.
    removeSidecars(live);
    renameSync(temporary, live);
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
