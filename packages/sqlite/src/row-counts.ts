import { withQueryOnly } from './query-only.ts';
import { GAO_TABLES } from './schema.ts';

/** How many rows one table holds. */
export interface TableRows {
  readonly table: string;
  readonly rows: number;
}

/** A table whose row count differs between two snapshots. */
export interface RowCountDifference {
  readonly table: string;
  readonly before: number;
  readonly after: number;
}

/**
 * The row count of every ordinary table of the user's in the database at `path`, sorted by name:
 * not SQLite's own tables, not gao-db's history, not virtual tables nor their shadow tables
 * (counting a virtual table runs its module's code; its shadow tables are its index, not rows).
 *
 * @example
 * readRowCounts('/tmp/copy.db'); // [{ table: 'users', rows: 3 }]
 */
export function readRowCounts(path: string): TableRows[] {
  return withQueryOnly(path, (db) => {
    const tables = db
      .prepare(
        // table_list tells ordinary tables from virtual ones and their shadow tables (FTS5 keeps its
        // index in those): only the first are the user's rows.
        `SELECT name FROM pragma_table_list
         WHERE schema = 'main' AND type = 'table'
           AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' AND name NOT IN (?, ?, ?)
         ORDER BY name`,
      )
      .all(...GAO_TABLES) as unknown as { name: string }[];
    return tables.map(({ name }) => {
      const quoted = `"${name.replaceAll('"', '""')}"`;
      const { n } = db.prepare(`SELECT count(*) AS n FROM ${quoted}`).get() as { n: number };
      return { table: name, rows: n };
    });
  });
}

/**
 * The tables in both snapshots whose row counts differ, by name. A table in only one of them is a
 * schema difference, not a row count one.
 *
 * @example
 * compareRowCounts([{ table: 't', rows: 0 }], [{ table: 't', rows: 3 }]); // [{ table: 't', before: 0, after: 3 }]
 */
export function compareRowCounts(
  before: readonly TableRows[],
  after: readonly TableRows[],
): RowCountDifference[] {
  const counts = new Map(before.map(({ table, rows }) => [table, rows]));
  const differences: RowCountDifference[] = [];
  for (const { table, rows } of after) {
    const previous = counts.get(table);
    if (previous !== undefined && previous !== rows)
      differences.push({ table, before: previous, after: rows });
  }
  return differences;
}
