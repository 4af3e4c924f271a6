import { writeTree } from '@gao/tooling/test-utils';

/** Rows the slow migration inserts; about 0.3-0.5 s on the 2-core test machine. */
export const SLOW_ROWS = 700_000;

/**
 * Three migrations, the middle one slow (a recursive CTE filling a table): long enough for other
 * processes to pile up behind the lock.
 *
 * @example
 * writeSlowSet(join(dir, 'migrations'));
 */
export function writeSlowSet(dir: string, rows = SLOW_ROWS): void {
  writeTree(dir, {
    '001_create_accounts.sql':
      "CREATE TABLE accounts (id INTEGER PRIMARY KEY, name TEXT);\nINSERT INTO accounts (name) VALUES ('first');\n",
    '002_slow_fill.sql': `CREATE TABLE numbers (n INTEGER NOT NULL);
WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < ${rows})
INSERT INTO numbers SELECT i FROM r;
`,
    '003_index_numbers.sql': 'CREATE INDEX numbers_n ON numbers (n);\n',
  });
}

/** Rows of the crash set's big table. */
export const CRASH_ROWS = 150_000;

/**
 * Four migrations whose effects can each be checked for "all or nothing" after a `kill -9`.
 *
 * @example
 * writeCrashSet(join(dir, 'migrations'));
 */
export function writeCrashSet(dir: string): void {
  writeTree(dir, {
    '001_create_a.sql':
      "CREATE TABLE a (id INTEGER PRIMARY KEY, label TEXT);\nINSERT INTO a (label) VALUES ('one');\n",
    '002_fill_big.sql': `CREATE TABLE big (n INTEGER NOT NULL);
WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < ${CRASH_ROWS})
INSERT INTO big SELECT i FROM r;
`,
    '003_index_and_c.sql':
      'CREATE INDEX big_n ON big (n);\nCREATE TABLE c (x INTEGER);\nINSERT INTO c VALUES (3);\n',
    '004_double.sql': 'ALTER TABLE big ADD COLUMN doubled INTEGER;\nUPDATE big SET doubled = n * 2;\n',
  });
}
