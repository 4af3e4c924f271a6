import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it, onTestFinished } from 'vitest';
import { locateFailingStatement, statementEnds } from './locate-statement.ts';
import { guardMigration } from './migration-guard.ts';
import type { MigrationPart } from './migration-part.ts';
import { LOCATE_LIMIT_MS, worthLocating } from './step-executor.ts';

function open() {
  const db = new DatabaseSync(':memory:');
  const guard = guardMigration(db);
  onTestFinished(() => {
    guard.release();
    db.close();
  });
  db.exec('CREATE TABLE base (id INTEGER)');
  return { db, guard };
}

function tables(db: DatabaseSync): string[] {
  return (
    db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as {
      name: string;
    }[]
  ).map((row) => row.name);
}

/** Locates the failure of `sql` after a real `exec` of it failed, as the runner does. */
function locate(db: DatabaseSync, guard: ReturnType<typeof guardMigration>, sql: string, line = 1) {
  db.exec('BEGIN IMMEDIATE');
  let message = '';
  try {
    db.exec(sql);
  } catch (error) {
    message = (error as Error).message;
  }
  db.exec('ROLLBACK');
  db.exec('BEGIN IMMEDIATE');
  try {
    return locateFailingStatement(db, guard, sql, line, message);
  } finally {
    expect(db.isTransaction).toBe(true);
    db.exec('ROLLBACK');
  }
}

describe('statementEnds', () => {
  it('cuts after each ; outside strings, quoted names and comments, then at the end', () => {
    const sql = [
      "INSERT INTO t VALUES ('a;b', 'it''s;');",
      'SELECT "x;y", `p;q`, [r;s] FROM t; -- note; here',
      '/* a; b */ SELECT 1',
    ].join('\n');
    const ends = statementEnds(sql);
    expect(ends.map((end) => sql.slice(0, end).split('\n').length)).toEqual([1, 2, 3]);
    expect(sql.slice(0, ends[0])).toBe("INSERT INTO t VALUES ('a;b', 'it''s;');");
    expect(ends.at(-1)).toBe(sql.length);
  });

  it('offers every ; of a trigger body (the caller extends an incomplete one)', () => {
    const sql = 'CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT 1; SELECT 2; END;';
    expect(statementEnds(sql)).toEqual([50, 60, sql.length]);
  });

  it('runs an unterminated string or comment to the end', () => {
    expect(statementEnds("SELECT 'a;")).toEqual([10]);
    expect(statementEnds('SELECT 1 /* ; ')).toEqual([14]);
  });
});

describe('locateFailingStatement', () => {
  it('names the failing statement and its line in the file, and leaves nothing behind', () => {
    const { db, guard } = open();
    const sql =
      '-- create\nCREATE TABLE a (id INTEGER);\n\nINSERT INTO a VALUES (1);\nINSERT INTO nope\n  VALUES (1);\n';
    // The part starts on line 3 of its file.
    expect(locate(db, guard, sql, 3)).toEqual({ line: 7, sql: 'INSERT INTO nope VALUES (1);' });
    expect(tables(db)).toEqual(['base']);
  });

  it('steps over a trigger whose body holds semicolons', () => {
    const { db, guard } = open();
    const sql =
      'CREATE TRIGGER t AFTER INSERT ON base BEGIN\n  SELECT 1;\n  SELECT 2;\nEND;\nINSERT INTO base VALUES (1);\nSELECT * FROM nope;';
    expect(locate(db, guard, sql)).toEqual({ line: 6, sql: 'SELECT * FROM nope;' });
  });

  it('finds a statement that fails when it runs, not when it is prepared', () => {
    const { db, guard } = open();
    const sql =
      'CREATE TABLE u (id INTEGER UNIQUE);\r\nINSERT INTO u VALUES (1);\r\nINSERT INTO u VALUES (1);';
    expect(locate(db, guard, sql)).toEqual({ line: 3, sql: 'INSERT INTO u VALUES (1);' });
  });

  it('shortens a long statement to one line of 80 characters', () => {
    const { db, guard } = open();
    const columns = Array.from({ length: 30 }, (_, i) => `c${i}`).join(',\n  ');
    const found = locate(db, guard, `SELECT\n  ${columns}\nFROM nope;`);
    expect(found?.line).toBe(1);
    expect(found?.sql).toHaveLength(80);
    expect(found?.sql.startsWith('SELECT c0, c1, c2,')).toBe(true);
    expect(found?.sql.endsWith('...')).toBe(true);
  });

  it('says nothing when the statements run again fail differently or not at all', () => {
    const { db, guard } = open();
    db.exec('BEGIN IMMEDIATE');
    expect(locateFailingStatement(db, guard, 'SELECT * FROM nope;', 1, 'another message')).toBeNull();
    expect(locateFailingStatement(db, guard, 'SELECT 1;', 1, 'no such table: nope')).toBeNull();
    expect(db.isTransaction).toBe(true);
    db.exec('ROLLBACK');
    expect(locateFailingStatement(db, guard, 'SELECT 1;', 1, 'x')).toBeNull();
  });

  it('cannot end the transaction even if the run goes further than the failed attempt', () => {
    const { db, guard } = open();
    db.exec('BEGIN IMMEDIATE');
    db.exec('INSERT INTO base VALUES (1)');
    const found = locateFailingStatement(
      db,
      guard,
      'INSERT INTO base VALUES (2);\nCOMMIT;',
      1,
      'no such table: x',
    );
    expect(found).toBeNull();
    expect(db.isTransaction).toBe(true);
    db.exec('ROLLBACK');
    expect(db.prepare('SELECT count(*) AS n FROM base').get()).toEqual({ n: 0 });
  });
});

describe('worthLocating', () => {
  const sqlError = Object.assign(new Error('no such table: nope'), { code: 'ERR_SQLITE_ERROR', errcode: 1 });
  const part = (transactional: boolean, source: MigrationPart['source']) =>
    ({ transactional, source }) as unknown as MigrationPart;
  const source = { sql: 'SELECT 1;', line: 1 };

  it('re-runs only a transactional SQL part that failed with a SQLite error, and not a slow one', () => {
    expect(worthLocating(part(true, source), sqlError, LOCATE_LIMIT_MS)).toBe(true);
    expect(worthLocating(part(true, source), sqlError, LOCATE_LIMIT_MS + 1)).toBe(false);
    expect(worthLocating(part(false, source), sqlError, 5)).toBe(false);
    expect(worthLocating(part(true, null), sqlError, 5)).toBe(false);
    expect(worthLocating(part(true, source), new Error('no such table: nope'), 5)).toBe(false);
  });
});
