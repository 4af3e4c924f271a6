import type { DatabaseSync } from 'node:sqlite';
import { type ForeignKeyViolation, MigrationRuleError } from './errors.ts';
import { cachedStatement } from './statement-cache.ts';

/** Whether the connection enforces foreign keys now (node:sqlite turns them on by default). */
export function foreignKeysEnabled(db: DatabaseSync): boolean {
  const row = db.prepare('PRAGMA foreign_keys').get() as { foreign_keys: number } | undefined;
  return row?.foreign_keys === 1;
}

/**
 * Turns enforcement on or off. Only works outside a transaction (inside one SQLite ignores it), which
 * is why the runner calls it before `BEGIN` and after `COMMIT`/`ROLLBACK`.
 */
export function setForeignKeys(db: DatabaseSync, on: boolean): void {
  // Prepared once per connection: the runner switches twice per step.
  cachedStatement(db, `PRAGMA foreign_keys = ${on ? 'ON' : 'OFF'}`).run();
}

/**
 * Every row that breaks a foreign key now (`PRAGMA foreign_key_check`), whether or not enforcement
 * is on: the check the runner makes before committing a migration that ran with foreign keys off.
 *
 * @example
 * foreignKeyViolations(db); // [{ table: 'orders', rowid: 3, parent: 'customers' }]
 */
export function foreignKeyViolations(db: DatabaseSync): ForeignKeyViolation[] {
  const rows = cachedStatement(db, 'PRAGMA foreign_key_check').all() as unknown as {
    table: string;
    rowid: number | null;
    parent: string;
  }[];
  // Nearly always none: this runs before every commit.
  if (rows.length === 0) return [];
  return rows.map((row) => ({ table: row.table, rowid: row.rowid, parent: row.parent }));
}

const LISTED = 10;

function describe(violations: readonly ForeignKeyViolation[]): string {
  const shown = violations
    .slice(0, LISTED)
    .map((v) => `${v.table} ${v.rowid === null ? 'row without rowid' : `rowid ${v.rowid}`} -> ${v.parent}`)
    .join(', ');
  const more = violations.length > LISTED ? ` and ${violations.length - LISTED} more` : '';
  return `${shown}${more}`;
}

/**
 * The error for rows left without their parent after a migration. `preexisting` says the rows were
 * already orphaned before it ran (the migration is not to blame, but gao-db will not commit on top).
 */
export function foreignKeyError(
  file: string,
  violations: readonly ForeignKeyViolation[],
  preexisting: boolean,
): MigrationRuleError {
  const count = violations.length === 1 ? '1 row violates' : `${violations.length} rows violate`;
  if (preexisting) {
    return new MigrationRuleError(
      'foreign_key_violation',
      `${count} a foreign key already before ${file} ran: ${describe(violations)}`,
      {
        hint: 'Fix or delete these rows first (PRAGMA foreign_key_check lists them), then run the command again.',
        violations,
      },
    );
  }
  return new MigrationRuleError(
    'foreign_key_violation',
    `after ${file}, ${count} a foreign key: ${describe(violations)}`,
    {
      hint: 'The migration left child rows without their parent. Copy or delete the child rows in the migration, then run it again.',
      violations,
    },
  );
}
