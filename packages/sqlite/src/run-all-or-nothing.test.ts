import { writeTree } from '@gao/tooling/test-utils';
import { describe, expect, it } from 'vitest';
import { migrationFailure, migratorFixture } from './migrator.test-fixture.ts';
import type { MigratorOptions } from './migrator-options.ts';

const AT = '2026-11-24T08:00:00.000Z';
const GAO_TABLES = ['schema_version', 'schema_version_events', 'schema_version_objects'];

function setup(files: Record<string, string>, options: Partial<MigratorOptions> = {}, prepare?: string) {
  return migratorFixture(files, { clock: () => new Date(AT), allOrNothing: true, ...options }, prepare);
}

const failure = migrationFailure;

const THREE = {
  '001_users.sql':
    '-- migrate:up\nCREATE TABLE users (id INTEGER PRIMARY KEY);\n-- migrate:down\nDROP TABLE users;\n',
  '002_posts.sql': '-- migrate:up\nCREATE TABLE posts (id INTEGER);\n-- migrate:down\nDROP TABLE posts;\n',
  // Run inside the same transaction: another connection must not see the tables of steps 1 and 2 yet.
  '003_peek.mjs': `import { DatabaseSync } from 'node:sqlite';
export function up(db) {
  const other = new DatabaseSync(db.location(), { readOnly: true });
  try {
    const seen = other.prepare("SELECT name FROM sqlite_schema WHERE name IN ('users', 'posts')").all();
    db.exec("CREATE TABLE peek (seen TEXT)");
    db.prepare('INSERT INTO peek VALUES (?)').run(JSON.stringify(seen.map((r) => r.name)));
  } finally {
    other.close();
  }
}
export function down(db) { db.exec('DROP TABLE peek'); }
`,
};

describe('migrate with allOrNothing', () => {
  it('applies every step in one transaction: no other connection sees a step before the run commits', async () => {
    const t = setup(THREE);
    const report = await t.migrator.migrate();
    expect(report.ok && report.steps.map((s) => s.version)).toEqual([1, 2, 3]);
    expect(report.ok && report.finalVersion).toBe(3);
    // With a commit per step, the reader would have seen users and posts.
    expect(t.query('SELECT seen FROM peek')).toEqual([{ seen: '[]' }]);
    expect(t.query('SELECT version, status FROM schema_version ORDER BY version')).toEqual([
      { version: '001', status: 'success' },
      { version: '002', status: 'success' },
      { version: '003', status: 'success' },
    ]);
    expect(t.query('SELECT kind, version FROM schema_version_events ORDER BY id')).toEqual([
      { kind: 'applied', version: '001' },
      { kind: 'applied', version: '002' },
      { kind: 'applied', version: '003' },
    ]);
    expect(t.events.map((e) => e.type)).toEqual([
      'plan_ready',
      'step_started',
      'step_finished',
      'step_started',
      'step_finished',
      'step_started',
      'step_finished',
      'done',
    ]);
    // The schema is recorded with the last step, as in a run with a transaction per step.
    const inspection = await t.migrator.inspect();
    expect(inspection.schemaDrift).toBeNull();
  });

  it('a failing step rolls back the steps before it too and records only the failure; a retry applies all', async () => {
    const t = setup({
      '001_users.sql': 'CREATE TABLE users (id INTEGER PRIMARY KEY);\nINSERT INTO users VALUES (1);\n',
      '002_posts.sql': 'CREATE TABLE posts (id INTEGER);\n',
      '003_broken.sql': 'CREATE TABLE tags (id INTEGER);\nINSERT INTO nope VALUES (1);\n',
    });
    const error = await failure(t.migrator.migrate());
    expect(error.message).toBe('Migration 003_broken.sql failed: no such table: nope');
    expect(error.version).toBe(3);
    expect(error.completed).toEqual([]);
    expect(error.undone.map((s) => s.version)).toEqual([1, 2]);
    // Not re-run alone to find the statement: alone it would run without the tables of steps 1-2.
    expect(error.statement).toBeNull();
    expect(error.hint).toBe(
      'Nothing of it was applied and the failure is recorded; fix the migration, then run gao-db migrate again to retry it. All or nothing: the 2 migrations this run applied before it were undone with it, so the database is as it was before the run.',
    );
    expect(t.tables()).toEqual(GAO_TABLES);
    expect(t.query('SELECT version, status FROM schema_version ORDER BY version')).toEqual([
      { version: '003', status: 'failed' },
    ]);
    expect(t.query('SELECT kind, version FROM schema_version_events ORDER BY id')).toEqual([
      { kind: 'failed', version: '003' },
    ]);
    expect(t.events.at(-1)).toMatchObject({ type: 'step_failed', index: 2, total: 3 });

    writeTree(t.dir, { '003_broken.sql': 'CREATE TABLE tags (id INTEGER);\n' });
    const retry = await t.migrator.migrate();
    expect(retry.ok && retry.steps.map((s) => s.version)).toEqual([1, 2, 3]);
    expect(t.tables()).toEqual(['posts', ...GAO_TABLES, 'tags', 'users']);
    expect(t.query('SELECT count(*) AS n FROM users')).toEqual([{ n: 1 }]);
  });

  it('finds the failed statement when the first step fails (nothing ran before it)', async () => {
    const t = setup({ '001_broken.sql': 'CREATE TABLE a (id INTEGER);\nINSERT INTO nope VALUES (1);\n' });
    const error = await failure(t.migrator.migrate());
    expect(error.statement).toEqual({ line: 2, sql: 'INSERT INTO nope VALUES (1);' });
    expect(error.undone).toEqual([]);
    expect(error.hint).not.toContain('All or nothing');
  });

  it('a foreign key orphaned by a later step fails the run, and the earlier steps are undone', async () => {
    const t = setup(
      {
        '001_seed.sql': "INSERT INTO parents VALUES (2, 'b');\n",
        '002_orphan.sql': 'INSERT INTO children VALUES (10, 99);\n',
      },
      {},
      `PRAGMA foreign_keys = ON;
CREATE TABLE parents (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE children (id INTEGER PRIMARY KEY, parent_id INTEGER REFERENCES parents(id));
INSERT INTO parents VALUES (1, 'a');`,
    );
    const db = t.raw();
    db.exec('PRAGMA foreign_keys = ON');
    const error = await failure(
      new (await import('./migrator.ts')).Migrator({
        database: t.database,
        migrationsDir: t.dir,
        backup: false,
        allOrNothing: true,
      }).migrate(),
    );
    expect((error.cause as { code?: string }).code).toBe('foreign_key_violation');
    expect(error.undone.map((s) => s.version)).toEqual([1]);
    expect(t.query('SELECT id FROM parents ORDER BY id')).toEqual([{ id: 1 }]);
    expect(t.query('SELECT count(*) AS n FROM children')).toEqual([{ n: 0 }]);
  });

  it('refuses a run holding a transaction:false part before anything runs, naming it', async () => {
    const t = setup({
      '001_users.sql': 'CREATE TABLE users (id INTEGER);\n',
      '002_vacuum.sql': '-- migrate:up transaction:false\nVACUUM;\n',
    });
    const report = await t.migrator.migrate();
    expect(report.ok).toBe(false);
    if (report.ok) return;
    expect(report.problems.map((p) => [p.code, 'file' in p ? p.file : null])).toEqual([
      ['transaction_false_in_all_or_nothing', '002_vacuum.sql'],
    ]);
    expect(t.tables()).toEqual([]);
    // The dry run says the same.
    const planned = await t.migrator.planMigrate();
    expect(planned.ok ? [] : planned.problems.map((p) => p.code)).toEqual([
      'transaction_false_in_all_or_nothing',
    ]);
    // Up to the version before it, the run is all transactional.
    const before = await t.migrator.migrate({ to: 1 });
    expect(before.ok && before.steps.map((s) => s.version)).toEqual([1]);
  });

  it('stopped by its signal in the middle, it undoes every step and says so in the history', async () => {
    const controller = new AbortController();
    const t = setup(
      { '001_base.sql': 'CREATE TABLE base (id INTEGER);\n' },
      {
        onEvent: (event) => {
          if (event.type === 'step_finished' && event.index === 1) controller.abort();
        },
      },
    );
    await t.migrator.migrate();
    writeTree(t.dir, {
      '002_a.sql': 'CREATE TABLE a (id INTEGER);\n',
      '003_b.sql': 'CREATE TABLE b (id INTEGER);\n',
      '004_c.sql': 'CREATE TABLE c (id INTEGER);\n',
    });
    const report = await t.migrator.migrate({ signal: controller.signal });
    expect(report.ok && report.interrupted).toBe(true);
    expect(report.ok && report.steps).toEqual([]);
    expect(t.tables()).toEqual(['base', ...GAO_TABLES]);
    expect(t.query('SELECT version FROM schema_version')).toEqual([{ version: '001' }]);
    expect(t.query("SELECT version, detail FROM schema_version_events WHERE kind = 'interrupted'")).toEqual([
      {
        version: '004',
        detail:
          "stopped at the user's request after 0 of 3 migrations; all or nothing: 004_c did not start and the 2 migrations before it were undone, so none of the run is applied",
      },
    ]);
  });

  it('stopped while a step runs, it rolls that step back with the ones before it', async () => {
    const controller = new AbortController();
    const stop = {
      '003_stop.mjs':
        'export function up(db) { db.exec("CREATE TABLE b (id INTEGER)"); globalThis.stopRun(); }\n',
    };
    (globalThis as { stopRun?: () => void }).stopRun = () => controller.abort();
    try {
      const t = setup({ '001_base.sql': 'CREATE TABLE base (id INTEGER);\n' });
      await t.migrator.migrate();
      writeTree(t.dir, { '002_a.sql': 'CREATE TABLE a (id INTEGER);\n', ...stop });
      const report = await t.migrator.migrate({ signal: controller.signal });
      expect(report.ok && report.interrupted).toBe(true);
      expect(t.tables()).toEqual(['base', ...GAO_TABLES]);
      expect(t.query("SELECT detail FROM schema_version_events WHERE kind = 'interrupted'")).toEqual([
        {
          detail:
            "stopped at the user's request after 0 of 2 migrations; all or nothing: 003_stop was cancelled and the migration before it was undone, so none of the run is applied",
        },
      ]);

      // A fresh database stays as it was: even gao-db's tables were created in the run's transaction.
      const fresh = setup({ '002_a.sql': 'CREATE TABLE a (id INTEGER);\n', ...stop });
      const second = new AbortController();
      (globalThis as { stopRun?: () => void }).stopRun = () => second.abort();
      const stopped = await fresh.migrator.migrate({ signal: second.signal });
      expect(stopped.ok && stopped.interrupted).toBe(true);
      expect(fresh.tables()).toEqual([]);
    } finally {
      delete (globalThis as { stopRun?: () => void }).stopRun;
    }
  });

  it('an up-to-date database takes no lock and writes nothing', async () => {
    const t = setup({ '001_a.sql': 'CREATE TABLE a (id INTEGER);\n' });
    await t.migrator.migrate();
    const again = await t.migrator.migrate();
    expect(again.ok && again.steps).toEqual([]);
    expect(t.query('SELECT count(*) AS n FROM schema_version_events')).toEqual([{ n: 1 }]);
  });

  it('a migration that writes the history itself: later steps read their records again', async () => {
    const t = setup({
      '001_a.sql': 'CREATE TABLE a (id INTEGER);\n',
      '002_note.mjs':
        "export function up(db) { db.exec(\"UPDATE schema_version SET error_message = 'noted' WHERE version = '001'\"); }\n",
      '003_c.sql': 'CREATE TABLE c (id INTEGER);\n',
    });
    const report = await t.migrator.migrate();
    expect(report.ok && report.finalVersion).toBe(3);
    expect(t.query('SELECT version, status FROM schema_version ORDER BY version')).toEqual([
      { version: '001', status: 'success' },
      { version: '002', status: 'success' },
      { version: '003', status: 'success' },
    ]);
  });
});

describe('rollback with allOrNothing', () => {
  it('a failing down part leaves every migration of the range applied', async () => {
    const t = setup({
      '001_users.sql':
        '-- migrate:up\nCREATE TABLE users (id INTEGER);\n-- migrate:down\nDROP TABLE users;\n',
      '002_posts.sql': '-- migrate:up\nCREATE TABLE posts (id INTEGER);\n-- migrate:down\nDROP TABLE nope;\n',
      '003_tags.sql': '-- migrate:up\nCREATE TABLE tags (id INTEGER);\n-- migrate:down\nDROP TABLE tags;\n',
    });
    await t.migrator.migrate();
    const error = await failure(t.migrator.rollback({ count: 3 }));
    expect(error.code).toBe('rollback_failed');
    expect(error.undone.map((s) => s.version)).toEqual([3]);
    expect(error.hint).toContain(
      'All or nothing: the migration this run rolled back before it was undone with it, so the database is as it was before the run.',
    );
    expect(t.tables()).toEqual(['posts', ...GAO_TABLES, 'tags', 'users']);
    expect(t.query('SELECT version FROM schema_version ORDER BY version')).toEqual([
      { version: '001' },
      { version: '002' },
      { version: '003' },
    ]);

    writeTree(t.dir, {
      '002_posts.sql':
        '-- migrate:up\nCREATE TABLE posts (id INTEGER);\n-- migrate:down\nDROP TABLE posts;\n',
    });
    const report = await t.migrator.rollback({ to: 0 });
    expect(report.ok && report.steps.map((s) => s.version)).toEqual([3, 2, 1]);
    expect(t.tables()).toEqual(GAO_TABLES);
  });

  it('refuses a range holding a transaction:false down part', async () => {
    const t = setup({
      '001_a.sql':
        '-- migrate:up\nCREATE TABLE a (id INTEGER);\n-- migrate:down transaction:false\nDROP TABLE a;\n',
      '002_b.sql': '-- migrate:up\nCREATE TABLE b (id INTEGER);\n-- migrate:down\nDROP TABLE b;\n',
    });
    await t.migrator.migrate();
    const report = await t.migrator.rollback({ to: 0 });
    expect(report.ok ? [] : report.problems.map((p) => p.code)).toEqual([
      'transaction_false_in_all_or_nothing',
    ]);
    expect(t.tables()).toEqual(['a', 'b', ...GAO_TABLES]);
    const planned = await t.migrator.planRollback({ count: 2 });
    expect(planned.ok).toBe(false);
  });
});
