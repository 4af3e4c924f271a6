import { existsSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';

/** The part of a database a failed command must not change: its schema and its migration history. */
export interface MigrationState {
  readonly schema: readonly string[];
  readonly versions: readonly { version: string; status: string; checksum: string | null }[];
  readonly events: number;
}

/**
 * Reads schema (names and SQL of every table, index, trigger, view) and `schema_version` rows.
 *
 * @example
 * const before = readMigrationState(db);
 * // ... a command fails ...
 * expect(readMigrationState(db)).toEqual(before);
 */
export function readMigrationState(database: string): MigrationState {
  const db = new DatabaseSync(database, { readOnly: true, timeout: 5000 });
  try {
    const schema = (
      db.prepare('SELECT type, name, sql FROM sqlite_schema ORDER BY type, name').all() as {
        type: string;
        name: string;
        sql: string | null;
      }[]
    ).map((row) => `${row.type} ${row.name}: ${row.sql ?? ''}`);
    const has = (table: string) => schema.some((line) => line.startsWith(`table ${table}:`));
    const versions = has('schema_version')
      ? (
          db.prepare('SELECT version, status, checksum FROM schema_version ORDER BY version').all() as {
            version: string;
            status: string;
            checksum: string | null;
          }[]
        ).map((row) => ({ ...row }))
      : [];
    const events = has('schema_version_events')
      ? (db.prepare('SELECT count(*) AS n FROM schema_version_events').get() as { n: number }).n
      : 0;
    return { schema, versions, events };
  } finally {
    db.close();
  }
}

/** `kind` counts per version in `schema_version_events` (e.g. how often each version was applied). */
export function eventCounts(database: string, kind: string): Record<string, number> {
  if (!existsSync(database)) return {};
  const db = new DatabaseSync(database, { readOnly: true, timeout: 5000 });
  try {
    const rows = db
      .prepare('SELECT version, count(*) AS n FROM schema_version_events WHERE kind = ? GROUP BY version')
      .all(kind) as { version: string; n: number }[];
    return Object.fromEntries(rows.map((row) => [row.version, row.n]));
  } finally {
    db.close();
  }
}

/** `PRAGMA integrity_check` rows of a database (`['ok']` when sound). */
export function integrityCheck(database: string): string[] {
  const db = new DatabaseSync(database, { timeout: 5000 });
  try {
    return db
      .prepare('PRAGMA integrity_check')
      .all()
      .map((row) => String(Object.values(row)[0]));
  } finally {
    db.close();
  }
}
