import { closeSync, openSync, readSync, rmSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { pathToFileURL } from 'node:url';

/** The files SQLite keeps next to a database while it is in use. */
export const SIDECAR_SUFFIXES = ['-journal', '-wal', '-shm'] as const;

/**
 * Creates an empty file readable only by its owner (0600), failing if it exists. `backup()` and
 * `VACUUM INTO` create files with the umask (0644), so targets are created first.
 *
 * @example
 * createPrivateFile('/srv/app/backups/app.db.2026-11-24T07-58-00-123Z.pre-migrate.bak');
 */
export function createPrivateFile(path: string, mode = 0o600): void {
  closeSync(openSync(path, 'wx', mode));
}

/**
 * Removes the journal/WAL files SQLite may have left next to `path` (not `path` itself).
 *
 * @example
 * removeSidecars('/srv/app/app.db'); // app.db-journal, app.db-wal, app.db-shm
 */
export function removeSidecars(path: string): void {
  for (const suffix of SIDECAR_SUFFIXES) rmSync(`${path}${suffix}`, { force: true });
}

/**
 * Removes `path` and the journal/WAL files SQLite may have left next to it.
 *
 * @example
 * removeDatabaseFiles('/tmp/half-written.bak');
 */
export function removeDatabaseFiles(path: string): void {
  rmSync(path, { force: true });
  removeSidecars(path);
}

/**
 * Opens a database file that nobody writes (a backup) read-only and immutable: no locks, and no
 * `-wal`/`-shm` files are created next to it even when its header says WAL.
 *
 * @example
 * const db = openImmutable('/srv/app/backups/app.db.2026-11-24T07-58-00-123Z.pre-migrate.bak');
 */
export function openImmutable(path: string): DatabaseSync {
  return new DatabaseSync(`${pathToFileURL(path).href}?mode=ro&immutable=1`, { readOnly: true });
}

/**
 * `PRAGMA quick_check` rows: `['ok']` for a sound database. Throws the SQLite error when the file is
 * not a database (errcode 26) or a page is unreadable (errcode 11).
 *
 * @example
 * quickCheck(db); // ['ok']
 */
export function quickCheck(db: DatabaseSync): string[] {
  return db
    .prepare('PRAGMA quick_check')
    .all()
    .map((row) => String(Object.values(row)[0]));
}

/**
 * Whether the file's header says WAL mode (bytes 18-19 of a SQLite header are 2), read without SQLite;
 * `false` for a missing, short or non-SQLite file.
 *
 * @example
 * headerSaysWal('/srv/app/app.db'); // true after PRAGMA journal_mode = WAL
 */
export function headerSaysWal(path: string): boolean {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    return false;
  }
  try {
    const header = Buffer.alloc(20);
    const read = readSync(fd, header, 0, 20, 0);
    return read === 20 && header.toString('latin1', 0, 16) === 'SQLite format 3\0' && header[18] === 2;
  } finally {
    closeSync(fd);
  }
}
