import type { DatabaseSync } from 'node:sqlite';
import { firstSqlOffset, lineAt, oneLine, quotedEnd } from '@gao/migrate-core';
import type { MigrationGuard } from './migration-guard.ts';

/** The statement of a SQL migration that failed, as a user finds it in the file. */
export interface FailedStatement {
  /** 1-based line of the migration file where the statement starts. */
  readonly line: number;
  /** The statement as written, on one line, shortened to {@link SHOWN} characters. */
  readonly sql: string;
}

/** How much of a statement an error message shows. */
const SHOWN = 80;

const SAVEPOINT = 'gao_db_locate';

/**
 * Offsets just after each `;` that is outside strings, quoted names and comments, then the end of
 * the text: the places where a statement may end (a trigger body holds several; SQLite says
 * "incomplete input" for a cut inside one, and the caller tries the next).
 */
export function statementEnds(sql: string): number[] {
  const ends: number[] = [];
  let i = 0;
  while (i < sql.length) {
    const c = sql[i];
    if (c === "'" || c === '"' || c === '`' || c === '[') i = quotedEnd(sql, i);
    else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? sql.length : end + 1;
    } else if (c === '/' && sql[i + 1] === '*') {
      const end = sql.indexOf('*/', i + 2);
      i = end === -1 ? sql.length : end + 2;
    } else {
      if (c === ';') ends.push(i + 1);
      i++;
    }
  }
  if (ends.at(-1) !== sql.length) ends.push(sql.length);
  return ends;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function describe(sql: string, offset: number, statement: string, firstLine: number): FailedStatement {
  const leading = statement.length - statement.trimStart().length;
  const line = firstLine + lineAt(sql, offset + leading) - 1;
  const flat = oneLine(statement);
  return { line, sql: flat.length > SHOWN ? `${flat.slice(0, SHOWN - 3)}...` : flat };
}

/**
 * Finds which statement of a failed SQL part gave `message`: runs the part again one statement at
 * a time, inside a savepoint of the caller's open transaction that is always rolled back, and stops
 * at the first statement that fails. The caller rolled the failed attempt back first, so the re-run
 * starts from the same state; the run's guard watches it as it watched the attempt, so a re-run that
 * went further than the attempt still could not end the transaction. `exec` cannot say which of many statements failed, and a user
 * with a 200-line migration needs the line. `null` when it cannot tell (the re-run failed elsewhere
 * or with another message, or SQLite ended the transaction): the caller reports the error as it was.
 *
 * @example
 * locateFailingStatement(db, guard, 'CREATE TABLE a (x);\nINSERT INTO nope VALUES (1);', 5, 'no such table: nope');
 * // { line: 6, sql: 'INSERT INTO nope VALUES (1);' }
 */
export function locateFailingStatement(
  db: DatabaseSync,
  guard: MigrationGuard,
  sql: string,
  firstLine: number,
  message: string,
): FailedStatement | null {
  if (!db.isTransaction) return null;
  db.exec(`SAVEPOINT ${SAVEPOINT}`);
  const watch = guard.watch(true);
  try {
    let start = 0;
    for (const end of statementEnds(sql)) {
      const statement = sql.slice(start, end);
      // Only blanks, `;` and comments: nothing to run.
      if (firstSqlOffset(statement) === -1) {
        start = end;
        continue;
      }
      let prepared: ReturnType<DatabaseSync['prepare']>;
      try {
        prepared = db.prepare(statement);
      } catch (error) {
        // A `;` inside a trigger body: the statement goes on to the next one.
        if (messageOf(error) === 'incomplete input' && end < sql.length) continue;
        return messageOf(error) === message ? describe(sql, start, statement, firstLine) : null;
      }
      try {
        prepared.run();
      } catch (error) {
        return messageOf(error) === message ? describe(sql, start, statement, firstLine) : null;
      }
      start = end;
    }
    return null;
  } finally {
    watch.stop();
    if (db.isTransaction) {
      db.exec(`ROLLBACK TO ${SAVEPOINT}`);
      db.exec(`RELEASE ${SAVEPOINT}`);
    }
  }
}
