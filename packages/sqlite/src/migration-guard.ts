import { constants, type DatabaseSync } from 'node:sqlite';
import { EVENTS_TABLE, HISTORY_TABLE } from './schema.ts';

/** What a guarded migration tried that the runner refused. */
export interface GuardViolation {
  readonly kind: 'transaction_control' | 'needs_transaction_false';
  /** The statement as SQLite describes it: `COMMIT`, `SAVEPOINT a`, `PRAGMA journal_mode = wal`. */
  readonly statement: string;
}

/** An installed guard: read `violation` after the migration ran, then `release()`. */
export interface MigrationGuard {
  /** The first refused statement, or `null`. Set even if the migration caught the error itself. */
  readonly violation: GuardViolation | null;
  /** Whether the migration writes to, alters or drops gao-db's own tables (the runner then re-reads them). */
  readonly touchedHistory: boolean;
  /** Removes the authorizer (always call it, also on failure). */
  release(): void;
}

/** SQLite reports savepoints as (`BEGIN` | `RELEASE` | `ROLLBACK`, name): say it as it was written. */
const SAVEPOINT_VERBS: Readonly<Record<string, string>> = {
  BEGIN: 'SAVEPOINT',
  RELEASE: 'RELEASE',
  ROLLBACK: 'ROLLBACK TO',
};

/** Actions whose first argument (`ALTER TABLE`: second) is the table written, altered or dropped. */
const TABLE_WRITES: ReadonlySet<number> = new Set([
  constants.SQLITE_INSERT,
  constants.SQLITE_UPDATE,
  constants.SQLITE_DELETE,
  constants.SQLITE_DROP_TABLE,
  constants.SQLITE_ALTER_TABLE,
]);

function isHistoryTable(name: string | null): boolean {
  const lower = name?.toLowerCase();
  return lower === HISTORY_TABLE || lower === EVENTS_TABLE;
}

/**
 * While a transactional migration runs, denies (at prepare time, before anything executes) the
 * statements that would break the runner's transaction: BEGIN/COMMIT/END/ROLLBACK and savepoints, and
 * `PRAGMA journal_mode = ...` (after a write in a transaction SQLite silently ignores it). It also
 * covers `db.exec()` from code migrations: the authorizer sits on the connection.
 *
 * @example
 * const guard = guardMigration(db);
 * try { db.exec(sql) } finally { guard.release() }
 * if (guard.violation) throw new Error(`refused ${guard.violation.statement}`);
 */
export function guardMigration(db: DatabaseSync): MigrationGuard {
  let violation: GuardViolation | null = null;
  let touchedHistory = false;
  const deny = (found: GuardViolation): number => {
    violation ??= found;
    return constants.SQLITE_DENY;
  };
  db.setAuthorizer((action, arg1, arg2) => {
    if (action === constants.SQLITE_TRANSACTION) {
      return deny({ kind: 'transaction_control', statement: String(arg1) });
    }
    if (action === constants.SQLITE_SAVEPOINT) {
      return deny({ kind: 'transaction_control', statement: `${SAVEPOINT_VERBS[String(arg1)]} ${arg2}` });
    }
    if (action === constants.SQLITE_PRAGMA && arg1?.toLowerCase() === 'journal_mode' && arg2 !== null) {
      return deny({ kind: 'needs_transaction_false', statement: `PRAGMA journal_mode = ${arg2}` });
    }
    if (TABLE_WRITES.has(action)) {
      const table = action === constants.SQLITE_ALTER_TABLE ? arg2 : arg1;
      if (isHistoryTable(table)) touchedHistory = true;
    }
    return constants.SQLITE_OK;
  });
  return {
    get violation() {
      return violation;
    },
    get touchedHistory() {
      return touchedHistory;
    },
    release() {
      db.setAuthorizer(null);
    },
  };
}
