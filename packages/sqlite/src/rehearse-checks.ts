import type { DatabaseSync } from 'node:sqlite';
import type { ForeignKeyViolation } from './errors.ts';
import { foreignKeyViolations } from './foreign-keys.ts';

/** What the health checks of a database found. */
export interface DatabaseHealth {
  /** `PRAGMA integrity_check` rows: `['ok']` when the file is sound. */
  readonly integrityCheck: string[];
  /** `PRAGMA foreign_key_check` rows, whether or not enforcement is on. */
  readonly foreignKeyViolations: ForeignKeyViolation[];
}

/**
 * Runs `PRAGMA integrity_check` (the full check, including indexes against their tables) and
 * `PRAGMA foreign_key_check` on `db`. A file SQLite cannot read at all reports its error message as
 * the integrity result instead of throwing, so a rehearsal always produces a report.
 *
 * @example
 * checkDatabase(db); // { integrityCheck: ['ok'], foreignKeyViolations: [] }
 */
export function checkDatabase(db: DatabaseSync): DatabaseHealth {
  let integrityCheck: string[];
  try {
    integrityCheck = db
      .prepare('PRAGMA integrity_check')
      .all()
      .map((row) => String(Object.values(row)[0]));
  } catch (error) {
    integrityCheck = [`integrity_check failed: ${(error as Error).message}`];
  }
  let violations: ForeignKeyViolation[];
  try {
    violations = foreignKeyViolations(db);
  } catch (error) {
    violations = [];
    integrityCheck = [...integrityCheck, `foreign_key_check failed: ${(error as Error).message}`];
  }
  return { integrityCheck, foreignKeyViolations: violations };
}
