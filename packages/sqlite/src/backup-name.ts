/** One backup file of a database. */
export interface BackupInfo {
  /** Absolute path of the backup file. */
  readonly path: string;
  /** When the backup was taken (ISO-8601 UTC, millisecond precision), read from the file name. */
  readonly createdAt: string;
  readonly sizeBytes: number;
  /** Why it was taken (`pre-migrate`, `pre-rollback`, `pre-restore`, ...), as written in the name. */
  readonly reason: string;
}

/** What a backup file name says. */
export interface ParsedBackupName {
  readonly createdAt: string;
  /** Tie-breaker for two backups taken in the same millisecond (`0` for the first). */
  readonly sequence: number;
  readonly reason: string;
}

const STAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2})-(\d{2})-(\d{2})-(\d{3})Z$/;

/** `2026-11-24T07:58:00.123Z` -> `2026-11-24T07-58-00-123Z`: sortable and valid on every file system. */
function stampOf(date: Date): string {
  return date.toISOString().replace(/:/g, '-').replace('.', '-');
}

/**
 * Turns free text into the reason part of a name: lower-case letters, digits and dashes, at most 40.
 *
 * @example
 * sanitizeReason('Before migrate --to 12'); // 'before-migrate-to-12'
 */
export function sanitizeReason(reason: string): string {
  const clean = reason
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  return clean === '' ? 'manual' : clean;
}

/**
 * The file name of a backup: `<prefix>.<UTC timestamp>[-<sequence>].<reason>.bak`, where the prefix
 * is the database's file name, tagged outside its default folder (`backupNamePrefix`).
 * Names of one database sort by time (to the millisecond) when compared as text.
 *
 * @example
 * formatBackupName('app.db', new Date('2026-11-24T07:58:00.123Z'), 'pre-migrate');
 * // 'app.db.2026-11-24T07-58-00-123Z.pre-migrate.bak'
 */
export function formatBackupName(prefix: string, date: Date, reason: string, sequence = 0): string {
  const suffix = sequence === 0 ? '' : `-${sequence}`;
  return `${prefix}.${stampOf(date)}${suffix}.${sanitizeReason(reason)}.bak`;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Reads a backup file name starting with `prefix` (see {@link formatBackupName}); `null` for any
 * other file, including another database's tagged backups (so retention never touches them).
 *
 * @example
 * parseBackupName('app.db', 'app.db.2026-11-24T07-58-00-123Z.pre-migrate.bak');
 * // { createdAt: '2026-11-24T07:58:00.123Z', sequence: 0, reason: 'pre-migrate' }
 */
export function parseBackupName(prefix: string, fileName: string): ParsedBackupName | null {
  const pattern = new RegExp(
    `^${escapeRegExp(prefix)}\\.(\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}-\\d{3}Z)(?:-([1-9]\\d{0,5}))?\\.([a-z0-9]+(?:-[a-z0-9]+)*)\\.bak$`,
  );
  const match = pattern.exec(fileName);
  if (match === null) return null;
  const [, stamp = '', sequence, reason = ''] = match;
  const parts = STAMP.exec(stamp);
  if (parts === null) return null;
  const [, year, month, day, hour, minute, second, millis] = parts;
  const createdAt = `${year}-${month}-${day}T${hour}:${minute}:${second}.${millis}Z`;
  // Reject impossible dates (month 13) so a look-alike name is never taken for ours.
  const date = new Date(createdAt);
  if (Number.isNaN(date.getTime()) || date.toISOString() !== createdAt) return null;
  return { createdAt, sequence: sequence === undefined ? 0 : Number(sequence), reason };
}
