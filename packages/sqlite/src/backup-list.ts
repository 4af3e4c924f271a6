import { type Dirent, readdirSync, rmSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { BackupError } from './backup-error.ts';
import { type BackupInfo, parseBackupName } from './backup-name.ts';
import { backupNamePrefix } from './backup-owner.ts';

interface Listed {
  readonly info: BackupInfo;
  readonly sequence: number;
}

function listed(dir: string, databasePath: string): Listed[] {
  const prefix = backupNamePrefix(dir, databasePath);
  const entries = readFolder(resolve(dir));
  const found: Listed[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const parsed = parseBackupName(prefix, entry.name);
    if (parsed === null) continue;
    const path = resolve(dir, entry.name);
    let sizeBytes: number;
    try {
      sizeBytes = statSync(path).size;
    } catch {
      continue; // Deleted meanwhile (another process pruning).
    }
    found.push({
      info: { path, createdAt: parsed.createdAt, sizeBytes, reason: parsed.reason },
      sequence: parsed.sequence,
    });
  }
  // Newest first: ISO strings of one format compare as text; the sequence breaks same-millisecond ties.
  return found.sort((a, b) =>
    a.info.createdAt === b.info.createdAt
      ? b.sequence - a.sequence
      : a.info.createdAt < b.info.createdAt
        ? 1
        : -1,
  );
}

/** The entries of the backups folder: none when it does not exist yet, a `backup_failed` when unreadable. */
function readFolder(dir: string): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    // No backups folder yet means no backups, not an error.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw backupFolderError(dir, error);
  }
}

/**
 * The `backup_failed` for a backups folder that cannot be used: a file where the folder should be
 * (`ENOTDIR`, `EEXIST`), or a folder that cannot be read or created (permissions).
 *
 * @example
 * throw backupFolderError('/srv/app/backups', error); // "The backups folder /srv/app/backups is not a folder: ..."
 */
export function backupFolderError(dir: string, cause: unknown): BackupError {
  const code = (cause as NodeJS.ErrnoException).code;
  const notAFolder = code === 'ENOTDIR' || code === 'EEXIST';
  const message = notAFolder
    ? `The backups folder ${dir} is not a folder: a file is in the way (at that path or one of its parents).`
    : `The backups folder ${dir} cannot be used: ${(cause as Error).message}`;
  const hint = notAFolder
    ? 'Move that file away, or choose another backups folder ("backups": { "dir": "..." } in gao-db.config.json).'
    : 'Check the permissions of the backups folder and its parents.';
  return new BackupError('backup_failed', message, { hint, path: dir, cause });
}

/**
 * The backups of `databasePath` in `dir`, newest first. Only files named by {@link createBackup} count;
 * a missing folder means no backups.
 *
 * In a folder shared by several databases of the same file name each sees only its own (the names
 * carry a tag of the database's path outside its default folder). A file where the folder should be
 * is a `backup_failed` {@link BackupError}.
 *
 * @example
 * const [latest] = listBackups('/srv/app/backups', '/srv/app/app.db');
 * console.log(latest?.path, latest?.createdAt, latest?.reason);
 */
export function listBackups(dir: string, databasePath: string): BackupInfo[] {
  return listed(dir, databasePath).map((entry) => entry.info);
}

/**
 * Deletes all but the newest `keep` backups of `databasePath` in `dir` and returns what was deleted.
 * Files not named like our backups are never touched, nor are the paths in `protect`.
 *
 * @example
 * pruneBackups('/srv/app/backups', '/srv/app/app.db', 10);
 */
export function pruneBackups(
  dir: string,
  databasePath: string,
  keep: number,
  protect: readonly string[] = [],
): BackupInfo[] {
  assertKeep(keep);
  const kept = new Set(protect.map((path) => resolve(path)));
  const deleted: BackupInfo[] = [];
  for (const entry of listed(dir, databasePath).slice(keep)) {
    if (kept.has(entry.info.path)) continue;
    rmSync(entry.info.path, { force: true });
    // A journal left by a crash while the backup was written belongs to it.
    rmSync(`${entry.info.path}-journal`, { force: true });
    deleted.push(entry.info);
  }
  return deleted;
}

/**
 * Throws a `RangeError` (a caller bug) unless `keep` is a positive integer or `Infinity`.
 *
 * @example
 * assertKeep(10); // fine
 * assertKeep(0); // RangeError
 */
export function assertKeep(keep: number): void {
  if (!(keep === Number.POSITIVE_INFINITY || (Number.isInteger(keep) && keep >= 1))) {
    throw new RangeError(`keep must be a positive integer or Infinity, got ${keep}`);
  }
}
