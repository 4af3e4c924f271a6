import { describe, expect, it } from 'vitest';
import { EMPTY_HISTORY } from './history.ts';
import { planMigrate } from './plan-migrate.ts';
import { planRollback } from './plan-rollback.ts';
import { statementFindings } from './statement-problems.ts';
import { appliedHistory, setOf, sqlMigration } from './testing/builders.ts';

/** The findings of a migration whose up part is `sql` (starting at line 2 of its file). */
function findings(sql: string, transaction = true) {
  const migration = sqlMigration(3, 'x', { up: sql, transaction });
  return statementFindings(migration, migration.up, 'up');
}

const summary = (problems: readonly { code: string; line: number; statement: string }[]) =>
  problems.map((p) => `${p.code} ${p.line} ${p.statement}`);

describe('statementFindings', () => {
  it('refuses transaction control, naming the line in the file and the statement', () => {
    const found = findings(
      'INSERT INTO t VALUES (1);\nCOMMIT;\nbegin immediate;\nEND;\nSAVEPOINT s;\nRELEASE s;\nROLLBACK TO s;',
    );
    expect(summary(found.problems)).toEqual([
      'transaction_control 3 COMMIT',
      'transaction_control 4 begin immediate',
      'transaction_control 5 END',
      'transaction_control 6 SAVEPOINT s',
      'transaction_control 7 RELEASE s',
      'transaction_control 8 ROLLBACK TO s',
    ]);
    expect(found.problems[0]).toMatchObject({
      version: 3,
      file: '003_x.sql',
      message:
        'Migration 3 (003_x.sql) runs COMMIT at line 3; gao-db runs each migration in its own transaction, so BEGIN, COMMIT, END, ROLLBACK, SAVEPOINT and RELEASE are not allowed in it.',
      hint: 'Remove the transaction statements. If the migration must manage transactions itself, mark it to run outside one: `-- migrate:up transaction:false`.',
    });
  });

  it('refuses what SQLite cannot run in a transaction; warns of PRAGMA foreign_keys, which it ignores there', () => {
    const found = findings(
      "PRAGMA foreign_keys = OFF;\nVACUUM;\nATTACH 'other.db' AS other;\nDETACH other;\nPRAGMA main.journal_mode = WAL;\nPRAGMA journal_mode;\nPRAGMA foreign_keys;\nPRAGMA foreign_keys(1);\nPRAGMA synchronous = OFF;\nPRAGMA synchronous;",
    );
    expect(summary(found.problems)).toEqual([
      'needs_transaction_false 3 VACUUM',
      "needs_transaction_false 4 ATTACH 'other.db' AS other",
      'needs_transaction_false 5 DETACH other',
      'needs_transaction_false 6 PRAGMA main.journal_mode = WAL',
      // SQLite: "Safety level may not be changed inside a transaction". Reading it is fine.
      'needs_transaction_false 10 PRAGMA synchronous = OFF',
    ]);
    expect(found.problems[0]?.message).toBe(
      'Migration 3 (003_x.sql) runs VACUUM at line 3, which SQLite cannot run inside a transaction.',
    );
    expect(summary(found.warnings)).toEqual([
      'foreign_keys_pragma 2 PRAGMA foreign_keys = OFF',
      'foreign_keys_pragma 9 PRAGMA foreign_keys(1)',
    ]);
    expect(found.warnings[0]?.hint).toContain('PRAGMA foreign_key_check');
  });

  it('finds nothing in a one-statement transaction:false part, in triggers, comments and strings, or in ordinary SQL', () => {
    expect(findings('-- compact\nVACUUM;\n', false)).toEqual({ problems: [], warnings: [] });
    const quiet = findings(
      'CREATE TRIGGER t AFTER INSERT ON a BEGIN\n  UPDATE b SET n = CASE WHEN new.x THEN 1 END;\nEND;\n-- COMMIT;\nINSERT INTO log VALUES (\'VACUUM; COMMIT\');\nCREATE TABLE begin_end ("end" TEXT);',
    );
    expect(quiet).toEqual({ problems: [], warnings: [] });
    // A long statement is shortened in the message.
    const long = findings(`ATTACH '${'x'.repeat(80)}.db' AS far;`);
    expect(long.problems[0]?.statement).toHaveLength(60);
    expect(long.problems[0]?.statement.endsWith('…')).toBe(true);
  });
});

describe('statementFindings in a transaction:false part', () => {
  it('warns of more than one statement, naming the second (a failure halfway cannot be undone)', () => {
    const found = findings('PRAGMA journal_mode = WAL;\n-- then\nVACUUM;\nCREATE TABLE t (a);', false);
    expect(found.problems).toEqual([]);
    expect(found.warnings).toEqual([
      {
        code: 'statements_outside_transaction',
        version: 3,
        file: '003_x.sql',
        line: 4,
        statement: 'VACUUM',
        count: 3,
        message:
          'Migration 3 (003_x.sql) runs 3 statements outside a transaction (its up part is marked transaction:false): if one fails, the ones before it stay applied and the migration needs a repair.',
        hint: 'Keep only what cannot run in a transaction (VACUUM, PRAGMA journal_mode, ...) in that part and move the rest, from line 4 on, to a part that runs in one; or write each statement so it can run again (IF NOT EXISTS, IF EXISTS).',
      },
    ]);
    // A trigger with statements in its body is one statement.
    const trigger = findings(
      'CREATE TRIGGER t AFTER INSERT ON a BEGIN\n  SELECT 1;\n  SELECT 2;\nEND;',
      false,
    );
    expect(trigger.warnings).toEqual([]);
  });

  it('says "undone" for a down part; planMigrate passes the warning on', () => {
    const migration = sqlMigration(3, 'x', {
      up: 'VACUUM;',
      transaction: false,
      down: 'DROP TABLE a;\nDROP TABLE b;',
    });
    const down = migration.down;
    if (down === null) throw new Error('no down');
    const found = statementFindings(migration, { ...down, options: { transaction: false } }, 'down');
    expect(found.warnings[0]?.message).toContain(
      '(its down part is marked transaction:false): if one fails, the ones before it stay undone',
    );
    const pending = sqlMigration(4, 'y', { up: 'VACUUM;\nANALYZE;', transaction: false });
    const plan = planMigrate(setOf(pending), EMPTY_HISTORY);
    expect(plan.ok && plan.value.warnings.map((w) => [w.code, 'version' in w ? w.version : null])).toEqual([
      ['statements_outside_transaction', 4],
    ]);
  });
});

describe('statementFindings hints for down parts', () => {
  it('say to mark the down section, and where a .down.sql file must go instead', () => {
    const inFile = sqlMigration(3, 'x', { down: 'VACUUM;' });
    const down = inFile.down;
    if (down === null) throw new Error('no down');
    expect(statementFindings(inFile, down, 'down').problems[0]?.hint).toBe(
      'Run it outside a transaction: mark the down part `-- migrate:down transaction:false`.',
    );
    const separate = { ...inFile, down: { ...down, file: '003_x.down.sql', sql: 'COMMIT;' } };
    expect(statementFindings(separate, separate.down, 'down').problems[0]).toMatchObject({
      file: '003_x.down.sql',
      hint: 'Remove the transaction statements. If the migration must manage transactions itself, mark it to run outside one: `-- migrate:down transaction:false` (in a section of 003_x.sql: a .down.sql file always runs in a transaction).',
    });
  });
});

describe('statementFindings on a large part', () => {
  it('counts lines across CRLF for thousands of findings, in order', () => {
    const sql = Array.from({ length: 5000 }, (_, i) => `INSERT INTO t VALUES (${i});\r\nCOMMIT;`).join(
      '\r\n',
    );
    const found = findings(sql);
    expect(found.problems).toHaveLength(5000);
    // The part starts at line 2: the first COMMIT is on line 3, then every second line.
    expect(found.problems.map((problem) => problem.line)).toEqual(
      Array.from({ length: 5000 }, (_, i) => 3 + 2 * i),
    );
    expect(found.problems.every((problem) => problem.statement === 'COMMIT')).toBe(true);
  });
});

describe('the planners refuse such statements before anything runs', () => {
  const ok1 = sqlMigration(1, 'ok', { down: true });
  const vacuum = sqlMigration(2, 'vacuum', { up: 'VACUUM;' });
  const fk = sqlMigration(3, 'rebuild', {
    up: 'PRAGMA foreign_keys=OFF;\nCREATE TABLE n (id);',
    down: 'COMMIT;',
  });

  it('migrate: refusals for pending up parts, warnings kept in the plan', () => {
    const refused = planMigrate(setOf(ok1, vacuum, fk), EMPTY_HISTORY);
    expect(
      refused.ok ? [] : refused.problems.map((p) => `${p.code} ${'version' in p ? p.version : ''}`),
    ).toEqual(['needs_transaction_false 2']);
    const warned = planMigrate(setOf(ok1, fk), EMPTY_HISTORY);
    expect(warned.ok && warned.value.warnings.map((w) => w.code)).toEqual(['foreign_keys_pragma']);
    // Applied migrations are not looked at again, and --to leaves later ones out.
    expect(planMigrate(setOf(ok1, vacuum), appliedHistory(ok1, vacuum)).ok).toBe(true);
    expect(planMigrate(setOf(ok1, vacuum), EMPTY_HISTORY, { to: 1 }).ok).toBe(true);
  });

  it('rollback: refusals for the down parts in range', () => {
    const history = appliedHistory(ok1, fk);
    const refused = planRollback(setOf(ok1, fk), history, { count: 1 });
    expect(refused.ok ? [] : refused.problems.map((p) => p.code)).toEqual(['transaction_control']);
    expect(refused.ok ? '' : refused.problems[0]?.hint).toContain('`-- migrate:down transaction:false`');
    const other = sqlMigration(3, 'rebuild', { down: 'PRAGMA foreign_keys = ON;' });
    const warned = planRollback(setOf(ok1, other), appliedHistory(ok1, other), { count: 1 });
    expect(warned.ok && warned.value.warnings.map((w) => w.code)).toEqual(['foreign_keys_pragma']);
  });
});
