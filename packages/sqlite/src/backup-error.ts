import { GaoDbError } from './gao-db-error.ts';

/** Stable codes of {@link BackupError}. */
export type BackupErrorCode = 'backup_failed' | 'restore_failed';

/**
 * A backup could not be taken (`backup_failed`) or restored (`restore_failed`). `hint` says what to do
 * next, `cause` is the original SQLite or file-system error when there is one, `path` the file concerned.
 *
 * @example
 * try {
 *   await restoreBackup('app.db', 'backups/app.db.2026-11-24T07-58-00-123Z.pre-migrate.bak');
 * } catch (error) {
 *   if (error instanceof BackupError) console.error(`${error.code}: ${error.message}\n${error.hint}`);
 * }
 */
export class BackupError extends GaoDbError {
  override readonly name = 'BackupError';
  declare readonly code: BackupErrorCode;
  /** The backup file or database the failure is about. */
  readonly path: string;

  constructor(
    code: BackupErrorCode,
    message: string,
    details: { hint: string; path: string; cause?: unknown },
  ) {
    super(code, message, details.cause === undefined ? { hint: details.hint } : details);
    this.path = details.path;
  }
}

/** The SQLite result code carried by a `node:sqlite` error (`errcode`), or `null`. */
export function sqliteErrcode(error: unknown): number | null {
  if (typeof error !== 'object' || error === null || !('errcode' in error)) return null;
  return typeof error.errcode === 'number' ? error.errcode : null;
}
