import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseError } from './errors.ts';
import { isRehearsalCopy } from './rehearse-copies.ts';

/** A `node:sqlite` error: `code: 'ERR_SQLITE_ERROR'` with SQLite's extended result code. */
export interface SqliteError extends Error {
  readonly code: 'ERR_SQLITE_ERROR';
  readonly errcode: number;
  readonly errstr: string;
}

/**
 * Whether `error` came from SQLite (as opposed to JavaScript or the runner).
 *
 * @example
 * try { db.exec(sql) } catch (e) { if (isSqliteError(e)) console.log(e.errcode & 0xff); }
 */
export function isSqliteError(error: unknown): error is SqliteError {
  return (
    error instanceof Error &&
    (error as Partial<SqliteError>).code === 'ERR_SQLITE_ERROR' &&
    typeof (error as Partial<SqliteError>).errcode === 'number'
  );
}

/** What the classification needs to word its message. */
export interface ErrorContext {
  /** The database path as the user gave it. */
  readonly database: string;
  /** The busy timeout in effect, for the `database_locked` hint. */
  readonly busyTimeoutMs: number;
}

const SQLITE_BUSY = 5;
const SQLITE_LOCKED = 6;
const SQLITE_READONLY = 8;
const SQLITE_CORRUPT = 11;
const SQLITE_FULL = 13;
const SQLITE_CANTOPEN = 14;
const SQLITE_NOTADB = 26;
/** SQLITE_READONLY_ROLLBACK: a hot journal that a read-only connection cannot roll back. */
export const SQLITE_READONLY_ROLLBACK = 776;

/**
 * Turns a SQLite error about the database itself (locked, read-only, corrupt, full, not a database,
 * cannot open) into a {@link DatabaseError} with a message and hint for humans; `null` for anything
 * else (a migration's bad SQL stays the migration's error). A full disk under a rehearsal's copy is
 * `null` too: there it is the rehearsed migration's failure, which the rehearsal reports as a step.
 *
 * @example
 * const known = classifySqliteError(error, { database: 'app.db', busyTimeoutMs: 5000 });
 * throw known ?? error;
 */
export function classifySqliteError(error: unknown, context: ErrorContext): DatabaseError | null {
  if (!isSqliteError(error)) return null;
  const { database } = context;
  const make = (code: DatabaseError['code'], message: string, hint: string) =>
    new DatabaseError(code, message, { hint, cause: error, database });
  switch (error.errcode & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return make(
        'database_locked',
        `The database ${database} is locked by another process.`,
        `Another gao-db or the application holds the lock. Wait for it to finish, or raise --busy-timeout (now ${context.busyTimeoutMs} ms).`,
      );
    case SQLITE_READONLY:
      if (error.errcode === SQLITE_READONLY_ROLLBACK) {
        return make(
          'database_readonly',
          `The database ${database} has a leftover journal from an interrupted write and cannot be read without write access.`,
          'gao-db rolls such a journal back by itself when it may write the file and its folder; here it may not. Run the command once as a user who can write both, or make them writable.',
        );
      }
      return make(
        'database_readonly',
        `The database ${database} is read-only (${error.message}).`,
        'Check the permissions of the file and of its folder: SQLite writes a journal next to the database.',
      );
    case SQLITE_CORRUPT:
      return make(
        'database_corrupt',
        `The database ${database} is corrupt (${error.message}).`,
        "Restore it from a backup ('gao-db backup' lists them); do not run migrations on it.",
      );
    case SQLITE_NOTADB:
      return make(
        'not_a_database',
        `${database} is not a SQLite database.`,
        'Check the --db path: the file exists but holds something else.',
      );
    case SQLITE_FULL:
      // The copy lives in the temporary folder: its disk filling up says nothing about the database's.
      if (isRehearsalCopy(database)) return null;
      return make(
        'disk_full',
        `The disk holding ${database} is full.`,
        'Free some space, then run the command again; nothing was half-applied.',
      );
    case SQLITE_CANTOPEN:
      if (!existsSync(dirname(database))) {
        return make(
          'database_not_found',
          `The folder of ${database} does not exist.`,
          'Check the --db path, or create the folder first.',
        );
      }
      return make(
        'database_readonly',
        `The database ${database} cannot be opened (${error.message}).`,
        'Check the permissions of the file and of its folder.',
      );
    default:
      return null;
  }
}

/**
 * Runs `fn`; a SQLite error about the database becomes a {@link DatabaseError}, anything else passes.
 *
 * @example
 * const rows = withDatabaseErrors(context, () => db.prepare('SELECT * FROM t').all());
 */
export function withDatabaseErrors<T>(context: ErrorContext, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw classifySqliteError(error, context) ?? error;
  }
}
