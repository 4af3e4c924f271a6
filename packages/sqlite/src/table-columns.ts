import { DatabaseSync } from 'node:sqlite';

/** How one column differs between two `CREATE TABLE` statements of a table. */
export interface ColumnChange {
  readonly column: string;
  /** `added`: only in the second; `removed`: only in the first; `changed`: another definition. */
  readonly change: 'added' | 'removed' | 'changed';
  /** The column as declared (`TEXT NOT NULL DEFAULT 'x'`), `null` where it does not exist. */
  readonly before: string | null;
  readonly after: string | null;
}

interface ColumnRow {
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
  pk: number;
  hidden: number;
}

/** A column's definition as SQLite reads it back: type, primary key, NOT NULL, default, generated. */
function definition(row: ColumnRow): string {
  const parts = [row.type === '' ? '(no type)' : row.type];
  if (row.pk > 0) parts.push('PRIMARY KEY');
  if (row.notnull !== 0) parts.push('NOT NULL');
  if (row.dflt_value !== null) parts.push(`DEFAULT ${row.dflt_value}`);
  // table_xinfo: 2 a VIRTUAL generated column, 3 a STORED one.
  if (row.hidden === 2 || row.hidden === 3)
    parts.push(row.hidden === 2 ? 'GENERATED VIRTUAL' : 'GENERATED STORED');
  return parts.join(' ');
}

/**
 * The columns `sql` (a `CREATE TABLE` statement) declares, in order, read by SQLite itself from a
 * scratch in-memory database; `null` when it cannot say (a virtual table, a `CHECK` calling a
 * function only the application defines, anything that is not an ordinary table).
 */
function declaredColumns(scratch: DatabaseSync, name: string, sql: string): Map<string, string> | null {
  if (!/^\s*CREATE\s+TABLE\b/i.test(sql)) return null;
  try {
    // Prepared, not exec'd: only that one statement runs, whatever text may follow it.
    scratch.prepare(sql).run();
    const rows = scratch.prepare('SELECT * FROM pragma_table_xinfo(?)').all(name) as unknown as ColumnRow[];
    scratch.exec(`DROP TABLE "${name.replaceAll('"', '""')}"`);
    return rows.length === 0 ? null : new Map(rows.map((row) => [row.name, definition(row)]));
  } catch {
    return null;
  }
}

/**
 * Which columns differ between two `CREATE TABLE` statements of the table `name`, in the order they
 * are declared (the first statement's, then columns only the second has); `null` when either cannot
 * be read as an ordinary table. Table constraints (`CHECK`, `FOREIGN KEY`, `UNIQUE (...)`) are not
 * columns: two statements that differ only there give `[]`.
 *
 * @example
 * compareColumns('t', 'CREATE TABLE t (a)', 'CREATE TABLE t (a, b TEXT)');
 * // [{ column: 'b', change: 'added', before: null, after: 'TEXT' }]
 */
export function compareColumns(name: string, before: string, after: string): ColumnChange[] | null {
  const scratch = new DatabaseSync(':memory:');
  try {
    const old = declaredColumns(scratch, name, before);
    const now = old === null ? null : declaredColumns(scratch, name, after);
    if (old === null || now === null) return null;
    const changes: ColumnChange[] = [];
    for (const [column, was] of old) {
      const is = now.get(column);
      if (is === undefined) changes.push({ column, change: 'removed', before: was, after: null });
      else if (is !== was) changes.push({ column, change: 'changed', before: was, after: is });
    }
    for (const [column, is] of now) {
      if (!old.has(column)) changes.push({ column, change: 'added', before: null, after: is });
    }
    return changes;
  } finally {
    scratch.close();
  }
}
