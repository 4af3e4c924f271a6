import { DatabaseSync } from 'node:sqlite';

/** The version of the SQLite library bundled with this Node.js (e.g. `3.53.4`). */
export function sqliteVersion(): string {
  const db = new DatabaseSync(':memory:');
  try {
    const row = db.prepare('SELECT sqlite_version() AS version').get() as { version: string };
    return row.version;
  } finally {
    db.close();
  }
}
