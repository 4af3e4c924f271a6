import type { DatabaseSync } from 'node:sqlite';
import { oneLine } from '@gao/migrate-core';
import { withQueryOnly } from './query-only.ts';
import { GAO_TABLES } from './schema.ts';
import { type ColumnChange, compareColumns } from './table-columns.ts';

/** One table, index, view or trigger as `sqlite_schema` stores it. */
export interface SchemaObject {
  readonly type: string;
  readonly name: string;
  /** The `CREATE` statement SQLite keeps (`null` for objects it makes itself). */
  readonly sql: string | null;
}

/** How one schema object differs between two snapshots. */
export interface SchemaDifference {
  readonly type: string;
  readonly name: string;
  /** `added`: only in the second snapshot; `removed`: only in the first; `changed`: other `CREATE` text. */
  readonly change: 'added' | 'removed' | 'changed';
  readonly before: string | null;
  readonly after: string | null;
  /**
   * For a changed table: which columns were added, removed or declared otherwise (empty when only
   * table constraints differ). Absent for other objects and changes, and when SQLite cannot read
   * both statements as ordinary tables.
   */
  readonly columns?: readonly ColumnChange[];
}

/**
 * The user's schema as `db` sees it (inside its transaction, if one is open): every table, index,
 * view and trigger, sorted by type and name. Leaves out SQLite's own objects (`sqlite_sequence`
 * stays after its last AUTOINCREMENT table is dropped, `sqlite_stat1` comes with ANALYZE,
 * `sqlite_autoindex_*` follow their tables) and gao-db's own tables (a first run creates them).
 *
 * @example
 * schemaObjects(db); // [{ type: 'table', name: 'users', sql: 'CREATE TABLE users (...)' }]
 */
export function schemaObjects(db: DatabaseSync): SchemaObject[] {
  const rows = db
    .prepare(
      `SELECT type, name, sql FROM sqlite_schema
       WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT IN (?, ?, ?)
       ORDER BY type, name`,
    )
    .all(...GAO_TABLES) as unknown as SchemaObject[];
  return rows.map(({ type, name, sql }) => ({ type, name, sql }));
}

/**
 * {@link schemaObjects} of the database at `path`, on a connection of its own that cannot write.
 *
 * @example
 * readSchema('/tmp/copy.db'); // [{ type: 'table', name: 'users', sql: 'CREATE TABLE users (...)' }]
 */
export function readSchema(path: string): SchemaObject[] {
  return withQueryOnly(path, schemaObjects);
}

// A string literal (kept as it is), or a simple identifier in "double quotes", `backticks` or [brackets].
const LITERAL_OR_QUOTED_NAME =
  /('(?:[^']|'')*')|"([A-Za-z_][\w$]*)"|`([A-Za-z_][\w$]*)`|\[([A-Za-z_][\w$]*)\]/g;

/**
 * The `CREATE` text without what does not change its meaning: runs of white space are one space, and
 * simple names lose their quotes (`ALTER TABLE ... RENAME` writes `"episodes"` into the tables that
 * refer to a renamed table, and renaming it back leaves the quotes).
 *
 * @example
 * normalisedSql('CREATE TABLE "t"\n  (a)'); // 'CREATE TABLE t (a)'
 */
export function normalisedSql(sql: string): string {
  return oneLine(
    sql.replace(
      LITERAL_OR_QUOTED_NAME,
      (_match, literal?: string, double?: string, backtick?: string, bracket?: string) =>
        literal ?? double ?? backtick ?? bracket ?? '',
    ),
  );
}

function normalised(sql: string | null): string | null {
  return sql === null ? null : normalisedSql(sql);
}

/**
 * What differs from `before` to `after`, by type and name, in that order. Two `CREATE` texts that
 * differ only in white space or in quotes around simple names are the same ({@link normalisedSql}).
 * With `columns`, a changed table also says which columns differ ({@link compareColumns}: SQLite
 * reads each statement on a scratch database, so it is for reports, not for every run).
 *
 * @example
 * compareSchemas([], [{ type: 'index', name: 'i', sql: 'CREATE INDEX i ON t (a)' }]);
 * // [{ type: 'index', name: 'i', change: 'added', before: null, after: 'CREATE INDEX i ON t (a)' }]
 */
export function compareSchemas(
  before: readonly SchemaObject[],
  after: readonly SchemaObject[],
  options: { readonly columns?: boolean } = {},
): SchemaDifference[] {
  const key = (object: SchemaObject) => `${object.type} ${object.name}`;
  const old = new Map(before.map((object) => [key(object), object]));
  const now = new Map(after.map((object) => [key(object), object]));
  const differences: SchemaDifference[] = [];
  for (const name of [...new Set([...old.keys(), ...now.keys()])].sort()) {
    const a = old.get(name);
    const b = now.get(name);
    const { type, name: objectName } = (a ?? b) as SchemaObject;
    if (a === undefined)
      differences.push({ type, name: objectName, change: 'added', before: null, after: b?.sql ?? null });
    else if (b === undefined)
      differences.push({ type, name: objectName, change: 'removed', before: a.sql, after: null });
    // Most objects are unchanged, with the very same text: no need to normalise those.
    else if (a.sql !== b.sql && normalised(a.sql) !== normalised(b.sql)) {
      const columns =
        options.columns === true && type === 'table' && a.sql !== null && b.sql !== null
          ? compareColumns(objectName, a.sql, b.sql)
          : null;
      differences.push({
        type,
        name: objectName,
        change: 'changed',
        before: a.sql,
        after: b.sql,
        ...(columns === null ? {} : { columns }),
      });
    }
  }
  return differences;
}
