import type { DatabaseSync } from 'node:sqlite';
import { BackupError } from './backup-error.ts';
import { assertKeep, pruneBackups } from './backup-list.ts';
import type { BackupInfo } from './backup-name.ts';
import { type CreateBackupOptions, writeBackup } from './backup-write.ts';

export { BackupError, type BackupErrorCode } from './backup-error.ts';
export { listBackups, pruneBackups } from './backup-list.ts';
export type { BackupInfo } from './backup-name.ts';
export { defaultBackupDir } from './backup-owner.ts';
export { type RestoreOptions, type RestoreReport, restoreBackup } from './backup-restore.ts';
export type { CreateBackupOptions } from './backup-write.ts';

/**
 * Takes a consistent online backup of `db` (node:sqlite's `backup()`, so readers and writers of other
 * processes are fine) into `dir` as `<db name>.<UTC timestamp>.<reason>.bak`, mode 0600, then deletes
 * all but the newest `keep` backups of this database (files not named like ours are left alone).
 * Must be called outside a transaction on `db`.
 *
 * The copy runs in one read transaction on `db`, so writes of other processes cannot restart it (in
 * rollback-journal mode they wait for it). Outside `<database folder>/backups` the name also carries
 * a tag of the database's path (`app.db.3f9c0a1e.<time>.<reason>.bak`), so databases of the same name
 * can share a folder. A locked, corrupt or non-database `db` is a `DatabaseError`
 * (`database_locked`, `database_corrupt`, `not_a_database`); anything else a `backup_failed`.
 *
 * @example
 * const db = new DatabaseSync('/srv/app/app.db');
 * const info = await createBackup(db, {
 *   dir: '/srv/app/backups',
 *   databasePath: '/srv/app/app.db',
 *   reason: 'pre-migrate',
 *   keep: 10,
 * });
 * console.log(info.path); // /srv/app/backups/app.db.2026-11-24T07-58-00-123Z.pre-migrate.bak
 */
export async function createBackup(db: DatabaseSync, options: CreateBackupOptions): Promise<BackupInfo> {
  const keep = options.keep ?? 10;
  assertKeep(keep);
  const info = await writeBackup(db, options);
  try {
    pruneBackups(options.dir, options.databasePath, keep, [info.path]);
  } catch (error) {
    throw new BackupError(
      'backup_failed',
      `Backup written to ${info.path}, but deleting old backups failed.`,
      {
        hint: 'Check the permissions of the backups folder; the new backup itself is complete.',
        path: info.path,
        cause: error,
      },
    );
  }
  return info;
}
