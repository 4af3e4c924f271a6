import { type Dirent, readdirSync, rmSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { type BackupInfo, parseBackupName } from './backup-name.ts';

interface Listed {
  readonly info: BackupInfo;
  readonly sequence: number;
}

function listed(dir: string, databasePath: string): Listed[] {
  const databaseName = basename(databasePath);
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    // No backups folder yet means no backups, not an error.
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const found: Listed[] = [];
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const parsed = parseBackupName(databaseName, entry.name);
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

/**
 * The backups of `databasePath` in `dir`, newest first. Only files named by {@link createBackup} count;
 * a missing folder means no backups.
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

/**
 * Where backups go when the caller does not say: `<database folder>/backups`.
 *
 * @example
 * defaultBackupDir('/srv/app/app.db'); // '/srv/app/backups'
 */
export function defaultBackupDir(databasePath: string): string {
  return join(resolve(databasePath, '..'), 'backups');
}
