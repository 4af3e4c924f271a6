import { createHash } from 'node:crypto';
import { basename, join, relative, resolve, sep } from 'node:path';

/**
 * Where backups go when the caller does not say: `<database folder>/backups`.
 *
 * @example
 * defaultBackupDir('/srv/app/app.db'); // '/srv/app/backups'
 */
export function defaultBackupDir(databasePath: string): string {
  return join(resolve(databasePath, '..'), 'backups');
}

/**
 * How the backups of `databasePath` in `dir` start their names, so that each database sees only its
 * own. In the database's default folder that is its file name (`app.db`): no other database of that
 * name can have this folder as its default, and backups taken before tags existed keep their names.
 * Any other folder may be shared by several `app.db` (a config's `"dir"` used by `a/app.db` and
 * `b/app.db`), so the name also carries a tag: 8 hex digits of SHA-256 of the database's path as seen
 * from the folder (`app.db.3f9c0a1e`). The path is relative so that moving a project with its backups
 * keeps the tag.
 *
 * @example
 * backupNamePrefix('/srv/app/backups', '/srv/app/app.db'); // 'app.db'
 * backupNamePrefix('/srv/backups', '/srv/a/app.db'); // 'app.db.' + 8 hex digits of sha256('../a/app.db')
 */
export function backupNamePrefix(dir: string, databasePath: string): string {
  const database = resolve(databasePath);
  const folder = resolve(dir);
  const name = basename(database);
  if (folder === defaultBackupDir(database)) return name;
  // One spelling on every platform, so a folder copied between machines keeps its tags.
  const seen = relative(folder, database).split(sep).join('/');
  return `${name}.${createHash('sha256').update(seen).digest('hex').slice(0, 8)}`;
}
