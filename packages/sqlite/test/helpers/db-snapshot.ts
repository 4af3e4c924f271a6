import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { pathToFileURL } from 'node:url';

/** Schema and every row of every table, as plain JSON-able data, for equality assertions. */
export interface DatabaseDump {
  readonly schema: readonly string[];
  readonly tables: Readonly<Record<string, readonly unknown[]>>;
}

/**
 * Reads the whole logical content of the database at `path` (read-only; WAL content included).
 *
 * @example
 * expect(dumpDatabase(restored)).toEqual(dumpDatabase(original));
 */
export function dumpDatabase(path: string): DatabaseDump {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    return dumpConnection(db);
  } finally {
    db.close();
  }
}

/** Like {@link dumpDatabase} on an open connection. */
export function dumpConnection(db: DatabaseSync): DatabaseDump {
  const schemaRows = db
    .prepare("SELECT type, name, sql FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
    .all() as { type: string; name: string; sql: string | null }[];
  const tables: Record<string, unknown[]> = {};
  for (const row of schemaRows) {
    if (row.type !== 'table') continue;
    // A WITHOUT ROWID table has no rowid: its primary key orders it (SELECT returns rows in that order).
    const order = /WITHOUT\s+ROWID\s*$/i.test(row.sql ?? '') ? '' : ' ORDER BY rowid';
    tables[row.name] = db
      .prepare(`SELECT * FROM "${row.name.replace(/"/g, '""')}"${order}`)
      .all()
      .map((r) => ({ ...r }));
  }
  return { schema: schemaRows.map((r) => `${r.type}:${r.name}:${r.sql ?? ''}`), tables };
}

/** Reads a database file without locks or side files (for files nobody writes). */
export function openImmutableForTest(path: string): DatabaseSync {
  return new DatabaseSync(`${pathToFileURL(path).href}?mode=ro&immutable=1`, { readOnly: true });
}

/** Bytes (sha256), size and mtime of a file and its -wal/-journal, to prove nothing touched it. */
export function fileFingerprint(path: string): string {
  const parts: string[] = [];
  for (const file of [path, `${path}-wal`, `${path}-journal`]) {
    if (!existsSync(file)) {
      parts.push(`${file}:absent`);
      continue;
    }
    const stat = statSync(file);
    const hash = createHash('sha256').update(readFileSync(file)).digest('hex');
    parts.push(`${file}:${stat.size}:${stat.mtimeMs}:${stat.mode & 0o777}:${hash}`);
  }
  return parts.join('\n');
}

/** Overwrites one page of a database file with 0xAB bytes (page numbers start at 1). */
export function corruptPage(path: string, page: number, pageSize = 4096): void {
  const bytes = readFileSync(path);
  bytes.fill(0xab, (page - 1) * pageSize, page * pageSize);
  // Written in place through the file system (same inode and mode), exactly like disk damage would be.
  const fd = openSync(path, 'r+');
  try {
    writeSync(fd, bytes, 0, bytes.length, 0);
  } finally {
    closeSync(fd);
  }
}
