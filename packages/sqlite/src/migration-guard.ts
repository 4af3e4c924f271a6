import { constants, type DatabaseSync } from 'node:sqlite';
import { GAO_TABLES } from './schema.ts';

/** What a guarded migration tried that the runner refused. */
export interface GuardViolation {
  readonly kind: 'transaction_control' | 'needs_transaction_false' | 'transaction_ended';
  /** The statement as SQLite describes it: `COMMIT`, `SAVEPOINT a`, `PRAGMA journal_mode = wal`. */
  readonly statement: string;
}

/** What one guarded part did, as the authorizer saw it. */
export interface GuardWatch {
  /** The first refused statement, or `null`. Set even if the migration caught the error itself. */
  readonly violation: GuardViolation | null;
  /** Whether the migration writes to, alters or drops gao-db's own tables (the runner then re-reads them). */
  readonly touchedHistory: boolean;
}

/** An installed guard: `watch()` around each part, read the result after, `release()` at the end of the run. */
export interface MigrationGuard {
  /** Starts denying and watching (while a transactional part runs); `stop()` ends it and returns what it saw. */
  watch(deny: boolean): { stop(): GuardWatch };
  /** Installs the authorizer again (after a code migration, which could have replaced it). */
  reinstall(): void;
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
  return name !== null && GAO_TABLES.includes(name.toLowerCase());
}

interface WatchState {
  deny: boolean;
  violation: GuardViolation | null;
  touchedHistory: boolean;
}

/**
 * Installs, once per run, an authorizer that (while {@link MigrationGuard.watch} is on with `deny`)
 * refuses at prepare time, before anything executes, the statements that would break the runner's
 * transaction: BEGIN/COMMIT/END/ROLLBACK and savepoints, and `PRAGMA journal_mode = ...` (after a
 * write in a transaction SQLite silently ignores it). It also covers `db.exec()` from code
 * migrations: the authorizer sits on the connection. Outside a watch it allows everything and costs
 * one call per prepare; installing it once matters because setting an authorizer expires every
 * prepared statement of the connection.
 *
 * @example
 * const guard = guardMigration(db);
 * try {
 *   const watch = guard.watch(true);
 *   try { db.exec(sql) } finally { seen = watch.stop() }
 *   if (seen.violation) throw new Error(`refused ${seen.violation.statement}`);
 * } finally { guard.release() }
 */
export function guardMigration(db: DatabaseSync): MigrationGuard {
  let state: WatchState | null = null;
  const deny = (current: WatchState, found: GuardViolation): number => {
    if (!current.deny) return constants.SQLITE_OK;
    current.violation ??= found;
    return constants.SQLITE_DENY;
  };
  const authorizer = (action: number, arg1: string | null, arg2: string | null): number => {
    const current = state;
    if (current === null) return constants.SQLITE_OK;
    // SQLite ended the transaction (INSERT OR ROLLBACK, an I/O error the migration caught): anything
    // prepared now would commit on its own, outside the migration's transaction.
    if (current.deny && !db.isTransaction) {
      return deny(current, { kind: 'transaction_ended', statement: String(arg1) });
    }
    if (action === constants.SQLITE_TRANSACTION) {
      return deny(current, { kind: 'transaction_control', statement: String(arg1) });
    }
    if (action === constants.SQLITE_SAVEPOINT) {
      return deny(current, {
        kind: 'transaction_control',
        statement: `${SAVEPOINT_VERBS[String(arg1)]} ${arg2}`,
      });
    }
    if (action === constants.SQLITE_PRAGMA && arg1?.toLowerCase() === 'journal_mode' && arg2 !== null) {
      return deny(current, { kind: 'needs_transaction_false', statement: `PRAGMA journal_mode = ${arg2}` });
    }
    if (TABLE_WRITES.has(action)) {
      const table = action === constants.SQLITE_ALTER_TABLE ? arg2 : arg1;
      if (isHistoryTable(table)) current.touchedHistory = true;
    }
    return constants.SQLITE_OK;
  };
  db.setAuthorizer(authorizer);
  return {
    watch(denying) {
      const current: WatchState = {
        deny: denying,
        violation: null,
        touchedHistory: false,
      };
      state = current;
      return {
        stop() {
          if (state === current) state = null;
          return current;
        },
      };
    },
    reinstall() {
      db.setAuthorizer(authorizer);
    },
    release() {
      state = null;
      db.setAuthorizer(null);
    },
  };
}
