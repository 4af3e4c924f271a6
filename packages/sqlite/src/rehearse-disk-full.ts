import { BackupError, sqliteErrcode } from './backup-error.ts';
import { thrownText } from './errors.ts';
import type { RehearsalStep } from './rehearse-report.ts';

const SQLITE_FULL = 13;

/**
 * Whether `error` says the disk is full: SQLite's `SQLITE_FULL`, or the file system's `ENOSPC` or
 * `EDQUOT` (a quota).
 *
 * @example
 * isDiskFull(error) ? 'free some space' : 'check the permissions';
 */
export function isDiskFull(error: unknown): boolean {
  const errcode = sqliteErrcode(error);
  if (errcode !== null) return (errcode & 0xff) === SQLITE_FULL;
  const code = (error as NodeJS.ErrnoException | null)?.code;
  return code === 'ENOSPC' || code === 'EDQUOT';
}

/**
 * The rehearsal's copy of `database` could not be written in `tempDir` (a full disk, a folder that
 * cannot be written): a `backup_failed` {@link BackupError} whose `path` is `tempDir`. The real
 * database was only read.
 *
 * @example
 * throw copyNotWritten('/srv/app/app.db', '/tmp', error);
 * // The rehearsal copy of /srv/app/app.db could not be written in /tmp: the disk there is full.
 */
export function copyNotWritten(database: string, tempDir: string, cause: unknown): BackupError {
  const start = `The rehearsal copy of ${database} could not be written in ${tempDir}`;
  if (isDiskFull(cause)) {
    return new BackupError('backup_failed', `${start}: the disk there is full.`, {
      hint: `Free space in ${tempDir}, or set TMPDIR to a folder with room for a copy of the database and what the migrations add, then rehearse again. The database was not changed.`,
      path: tempDir,
      cause,
    });
  }
  return new BackupError('backup_failed', `${start}: ${thrownText(cause)}`, {
    hint: `Check that ${tempDir} exists and can be written, or set TMPDIR to a folder that can; the database was not changed.`,
    path: tempDir,
    cause,
  });
}

/**
 * SQLite's text for `SQLITE_FULL`: what a rehearsed step that ran into a full disk under the copy
 * failed with (on the copy, the runner leaves that error to the migration: see `isRehearsalCopy`).
 */
const SQLITE_FULL_TEXT = 'database or disk is full';

/**
 * Words a step that failed because the disk under the rehearsal copy filled up: the migration, why
 * (the disk under `tempDir`, or a size limit the migration set itself), that `database` was not
 * changed, and what to do. Any other step comes back as it is.
 *
 * @example
 * const steps = report.steps.map(outOfRoom('/srv/app/app.db', '/tmp'));
 * steps[1]?.error; // 'Migration 2 (fill) ran out of room on the rehearsal copy: the disk under /tmp is full, ...'
 */
export function outOfRoom(database: string, tempDir: string): (step: RehearsalStep) => RehearsalStep {
  return (step) =>
    step.ok || step.error !== SQLITE_FULL_TEXT
      ? step
      : {
          ...step,
          error: `Migration ${step.version} (${step.name}) ran out of room on the rehearsal copy: the disk under ${tempDir} is full, or the copy reached a size limit the migration set itself (PRAGMA max_page_count). ${database} was not changed. Free space in ${tempDir}, or set TMPDIR to a folder with room for a copy of the database and what the migrations add, then rehearse again.`,
        };
}
