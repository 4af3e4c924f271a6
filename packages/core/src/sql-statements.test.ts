import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quotedEnd, statementHeads } from './sql-statements.ts';

const tokens = (sql: string) => statementHeads(sql).map((head) => head.tokens);

describe('statementHeads', () => {
  it('splits at top-level semicolons, skipping comments, strings and quoted names', () => {
    const sql = [
      '-- COMMIT; in a comment\nINSERT INTO t VALUES (\'a;b\', "c;d");',
      '/* BEGIN; */ UPDATE [x;y] SET a = 1;',
      ';;',
      'VACUUM',
    ].join('\n');
    expect(tokens(sql)).toEqual([
      ['INSERT', 'INTO', 'T', 'VALUES', '('],
      ['UPDATE', 'X;Y', 'SET', 'A', '='],
      ['VACUUM'],
    ]);
    expect(statementHeads(sql).map((head) => sql.slice(head.offset, head.offset + 6))).toEqual([
      'INSERT',
      'UPDATE',
      'VACUUM',
    ]);
  });

  it('keeps a trigger whole: its BEGIN, END and the CASE ... END inside are not statements', () => {
    const sql = `CREATE TEMP TRIGGER t_audit AFTER UPDATE ON t BEGIN
  INSERT INTO audit VALUES (CASE WHEN new.a > 0 THEN 'up' ELSE 'down' END);
  UPDATE t SET b = CASE new.a WHEN 1 THEN 2 END;
END;
COMMIT;`;
    expect(tokens(sql)).toEqual([['CREATE', 'TEMP', 'TRIGGER', 'T_AUDIT', 'AFTER'], ['COMMIT']]);
  });

  it('ends a trigger body only at an END that starts a statement of it, not at a column named end', () => {
    const sql = `CREATE TABLE ev (id INTEGER, start INTEGER, end INTEGER);
CREATE TRIGGER t AFTER UPDATE OF end ON ev WHEN NEW.end > 0 BEGIN
  UPDATE ev SET end = start + 1 WHERE id = NEW.id;
  UPDATE ev SET start = CASE WHEN end > 1 THEN end END, end = NEW.end;
END;
COMMIT;`;
    expect(tokens(sql).map((head) => head[0])).toEqual(['CREATE', 'CREATE', 'COMMIT']);
  });

  it('takes TRIGGER for a trigger only as CREATE [TEMP] TRIGGER, not as a table named trigger', () => {
    expect(tokens('CREATE TABLE trigger (x);\nCOMMIT;\nVACUUM;').map((head) => head[0])).toEqual([
      'CREATE',
      'COMMIT',
      'VACUUM',
    ]);
    expect(tokens('CREATE INDEX trigger ON t (x);\nCOMMIT;').map((head) => head[0])).toEqual([
      'CREATE',
      'COMMIT',
    ]);
    expect(tokens('CREATE TEMPORARY TRIGGER x AFTER INSERT ON t BEGIN SELECT 1; END;\nCOMMIT;')).toEqual([
      ['CREATE', 'TEMPORARY', 'TRIGGER', 'X', 'AFTER'],
      ['COMMIT'],
    ]);
  });

  it('reads a pragma with its schema and its = or (', () => {
    expect(tokens('PRAGMA main.journal_mode = WAL; pragma foreign_keys(0); PRAGMA "journal_mode"')).toEqual([
      ['PRAGMA', 'MAIN', '.', 'JOURNAL_MODE', '='],
      ['PRAGMA', 'FOREIGN_KEYS', '('],
      ['PRAGMA', 'JOURNAL_MODE'],
    ]);
  });

  it('copes with unterminated strings and comments (SQLite will report them when it runs)', () => {
    expect(tokens("SELECT 'open")).toEqual([['SELECT']]);
    expect(tokens('SELECT 1; /* open')).toEqual([['SELECT']]);
    expect(tokens('')).toEqual([]);
  });
});

describe('quotedEnd', () => {
  it('ends after the closing quote; doubled quotes escape, except in brackets', () => {
    expect(quotedEnd("'it''s' AS x", 0)).toBe(7);
    expect(quotedEnd('x "a""b" y', 2)).toBe(8);
    expect(quotedEnd('[a]]', 0)).toBe(3);
    expect(quotedEnd('`open', 0)).toBe(5);
  });
});

describe('statementHeads and line comments', () => {
  it('ends a -- comment at LF, CR or the end of the text', () => {
    expect(statementHeads('-- a\rCOMMIT; -- b\nVACUUM; -- c').map((head) => head.tokens)).toEqual([
      ['COMMIT'],
      ['VACUUM'],
    ]);
  });
});

describe('statementHeads on generated scripts', () => {
  // Statements whose `;`, BEGIN, END and CASE inside strings, comments, names and trigger bodies must
  // not split them; each with the first token it must be reported with.
  const POOL: readonly (readonly [string, string])[] = [
    ["INSERT INTO t VALUES ('a;b', 'END; COMMIT;')", 'INSERT'],
    ['UPDATE "weird;name" SET a = CASE WHEN b THEN 1 ELSE 2 END', 'UPDATE'],
    ['CREATE TABLE [begin] ("end" TEXT, `case` INTEGER)', 'CREATE'],
    [
      'CREATE TRIGGER tr AFTER INSERT ON t BEGIN\n  UPDATE u SET n = CASE new.a WHEN 1 THEN 2 END;\n  DELETE FROM v;\nEND',
      'CREATE',
    ],
    ["CREATE TEMP TRIGGER t2 BEFORE DELETE ON t BEGIN SELECT RAISE(ABORT, 'no;'); END", 'CREATE'],
    ['/* COMMIT; */ SELECT 1 -- ROLLBACK;\n', 'SELECT'],
    ['PRAGMA foreign_keys = OFF', 'PRAGMA'],
    ['VACUUM', 'VACUUM'],
    ['COMMIT', 'COMMIT'],
    ['END', 'END'],
  ];

  it('finds each statement once, with its first token, whatever the order and layout', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...POOL), { maxLength: 12 }),
        fc.constantFrom(';', ';\n', ' ;\n\n', ';\r\n-- note\n', ';/* x */'),
        (statements, separator) => {
          const sql = statements.map(([text]) => text).join(separator);
          const heads = statementHeads(sql);
          expect(heads.map((head) => head.tokens[0])).toEqual(statements.map(([, first]) => first));
        },
      ),
    );
  });
});
