import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { EMPTY_HISTORY, planBaseline } from '@gao/migrate-core';
import { writeTree } from '@gao/tooling/test-utils';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { BackupInfo } from './backup.ts';
import { DatabaseError, MigrationFailedError } from './errors.ts';
import { migratorFixture, otherProcess } from './migrator.test-fixture.ts';
import { Migrator } from './migrator.ts';
import { resolveOptions } from './migrator-options.ts';
import { ModuleCache } from './module-cache.ts';
import { readSet } from './read-set.ts';
import { runBaseline } from './run-baseline.ts';
import { runContext, session } from './session.ts';

const setup = (files: Record<string, string>) => migratorFixture(files);

const FILES = {
  '001_users.sql': 'CREATE TABLE users (id INTEGER PRIMARY KEY);\n-- migrate:down\nDROP TABLE users;\n',
  '002_posts.sql': 'CREATE TABLE posts (id INTEGER PRIMARY KEY);',
  '002_posts.down.sql': 'DROP TABLE posts;',
  '003_tags.ts':
    "import type { DatabaseSync } from 'node:sqlite';\nexport function up(db: DatabaseSync): void { db.exec('CREATE TABLE tags (id INTEGER)'); }\nexport async function down(db: DatabaseSync): Promise<void> { db.exec('DROP TABLE tags'); }\n",
};

const tables = (t: ReturnType<typeof setup>) =>
  t.query(
    "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'schema_version%' ORDER BY name",
  );

describe('rollback', () => {
  it('undoes code and SQL downs newest first, removing rows and logging rolled_back events', async () => {
    const t = setup(FILES);
    await t.migrator.migrate();
    const report = await t.migrator.rollback({ count: 2 });
    expect(report.ok).toBe(true);
    if (!report.ok) return;
    expect(report.steps.map((s) => [s.kind, s.version, s.file])).toEqual([
      ['revert', 3, '003_tags.ts'],
      ['revert', 2, '002_posts.down.sql'],
    ]);
    expect(report.finalVersion).toBe(1);
    expect(tables(t)).toEqual([{ name: 'users' }]);
    expect(t.query('SELECT version FROM schema_version')).toEqual([{ version: '001' }]);
    expect(
      t.query("SELECT kind, version FROM schema_version_events WHERE kind = 'rolled_back' ORDER BY id"),
    ).toEqual([
      { kind: 'rolled_back', version: '003' },
      { kind: 'rolled_back', version: '002' },
    ]);
    const all = await t.migrator.rollback({ to: 0 });
    expect(all.ok && all.finalVersion).toBeNull();
    expect(tables(t)).toEqual([]);
  });

  it('records each down part as applied, and warns (down_changed) when the file changed since', async () => {
    const t = setup(FILES);
    await t.migrator.migrate();
    const recorded = t.query<{ version: string; down: string | null }>(
      'SELECT version, down_checksum AS down FROM schema_version ORDER BY version',
    );
    // SQL downs (a section, a .down.sql file) are recorded; a code migration's module checksum covers its down.
    expect(recorded.map((row) => [row.version, row.down === null ? null : row.down.length])).toEqual([
      ['001', 64],
      ['002', 64],
      ['003', null],
    ]);
    const plain = await t.migrator.planRollback({ to: 0 });
    expect(plain.ok && plain.value.warnings).toEqual([]);
    writeTree(t.dir, { '002_posts.down.sql': 'DROP TABLE IF EXISTS posts;' });
    const plan = await t.migrator.planRollback({ to: 0 });
    expect(plan.ok && plan.value.warnings.map((w) => [w.code, w.message])).toEqual([
      [
        'down_changed',
        'The down part of migration 2 (002_posts.down.sql) was changed after the migration was applied: the rollback runs it as it is now.',
      ],
    ]);
    const report = await t.migrator.rollback({ to: 0 });
    expect(report.ok && report.finalVersion).toBeNull();
  });

  it('runs nothing when a migration in range has no down', async () => {
    const t = setup({ ...FILES, '004_nodown.sql': 'CREATE TABLE x (id INTEGER);' });
    await t.migrator.migrate();
    const report = await t.migrator.rollback({ count: 2 });
    expect(report.ok).toBe(false);
    if (report.ok) return;
    expect(report.problems.map((p) => p.code)).toEqual(['no_down']);
    expect(tables(t)).toEqual([{ name: 'posts' }, { name: 'tags' }, { name: 'users' }, { name: 'x' }]);
  });

  it('a failing down is rollback_failed: nothing rolled back, the row stays applied, the failure logged', async () => {
    const t = setup({
      '001_users.sql':
        'CREATE TABLE users (id INTEGER);\n-- migrate:down\nDROP TABLE users;\nDROP TABLE nope;\n',
    });
    await t.migrator.migrate();
    const error = await t.migrator.rollback({ count: 1 }).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(MigrationFailedError);
    const failed = error as MigrationFailedError;
    expect(failed.code).toBe('rollback_failed');
    expect(failed.direction).toBe('down');
    // Line 4 of the file: the down part starts on line 3.
    expect(failed.message).toBe(
      'Rolling back 001_users.sql failed at line 4 (DROP TABLE nope;): no such table: nope',
    );
    expect(failed.statement).toEqual({ line: 4, sql: 'DROP TABLE nope;' });
    expect(failed.hint).toBe(
      'Nothing was rolled back and 001_users stays applied; fix its down part, then run gao-db rollback again.',
    );
    expect(tables(t)).toEqual([{ name: 'users' }]);
    expect(t.query('SELECT status FROM schema_version')).toEqual([{ status: 'success' }]);
    expect(t.query('SELECT kind, error FROM schema_version_events ORDER BY id')).toEqual([
      { kind: 'applied', error: null },
      { kind: 'rollback_failed', error: 'no such table: nope (line 4: DROP TABLE nope;)' },
    ]);
  });

  it('a failing transaction:false down leaves a row that needs repair', async () => {
    const t = setup({
      '001_users.sql':
        'CREATE TABLE users (id INTEGER);\n-- migrate:down transaction:false\nDROP TABLE users;\nDROP TABLE nope;\n',
    });
    await t.migrator.migrate();
    // Outside a transaction the part cannot be run again to find the statement: no line.
    const error = await t.migrator.rollback({ count: 1 }).catch((thrown: unknown) => thrown);
    expect((error as MigrationFailedError).message).toBe(
      'Rolling back 001_users.sql failed: no such table: nope',
    );
    expect((error as MigrationFailedError).statement).toBeNull();
    expect(t.query('SELECT status, transactional FROM schema_version')).toEqual([
      { status: 'failed', transactional: 0 },
    ]);
    const refused = await t.migrator.migrate();
    expect(!refused.ok && refused.problems.map((p) => p.code)).toEqual(['needs_repair']);
    await t.migrator.repair(1, 'mark_rolled_back');
    expect(t.query('SELECT count(*) AS n FROM schema_version')).toEqual([{ n: 0 }]);
    const report = await t.migrator.migrate();
    expect(report.ok && report.steps.map((s) => s.version)).toEqual([1]);
  });
});

describe('rollback under concurrency', () => {
  it('finds nothing left to undo when another runner rolled back meanwhile', async () => {
    const t = setup(FILES);
    await t.migrator.migrate();
    const takeBackup = async (): Promise<BackupInfo> => {
      await otherProcess(t, 'rollback');
      return { path: '/nowhere', createdAt: '', sizeBytes: 0, reason: 'test' };
    };
    const late = new Migrator({ database: t.database, migrationsDir: t.dir, backup: {}, takeBackup });
    onTestFinished(() => late.close());
    const report = await late.rollback({ count: 1 });
    expect(report.ok && report.steps).toEqual([]);
    expect(report.ok && report.finalVersion).toBe(2);
  });
});

describe('runBaseline inside the lock', () => {
  function context(t: ReturnType<typeof setup>) {
    const db = new DatabaseSync(t.database);
    onTestFinished(() => db.close());
    const options = resolveOptions({ database: t.database, migrationsDir: t.dir, backup: false });
    return {
      db,
      context: runContext({ ...session(db, options, new ModuleCache(t.dir)), db }, readSet(t.dir)),
    };
  }

  it('returns the fresh refusal, and stops with plan_changed for a step the user did not see', async () => {
    const t = setup(FILES);
    const { db, context: ctx } = context(t);
    const set = readSet(t.dir);
    const one = planBaseline(set, EMPTY_HISTORY, 1);
    const two = planBaseline(set, EMPTY_HISTORY, 2);
    if (!one.ok || !two.ok) throw new Error('plans expected');
    const refusal = planBaseline(set, EMPTY_HISTORY, 99);
    expect(runBaseline(ctx, one.value, () => refusal)).toEqual(refusal);
    expect(() => runBaseline(ctx, one.value, () => two)).toThrow(
      `The database ${t.database} changed while gao-db was waiting for the lock: 002_posts.sql now needs a baseline, and it was not in the plan. Nothing more was run.`,
    );
    expect(db.isTransaction).toBe(false);
    expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'schema_version'").get()).toEqual(
      { n: 0 },
    );
  });
});

describe('baseline', () => {
  it('records migrations as applied without running them', async () => {
    const t = setup(FILES);
    const report = await t.migrator.baseline(2);
    expect(report.ok && report.steps.map((s) => [s.kind, s.version])).toEqual([
      ['baseline', 1],
      ['baseline', 2],
    ]);
    expect(tables(t)).toEqual([]);
    expect(t.query('SELECT version, status FROM schema_version ORDER BY version')).toEqual([
      { version: '001', status: 'success' },
      { version: '002', status: 'success' },
    ]);
    expect(t.query('SELECT kind FROM schema_version_events ORDER BY id')).toEqual([
      { kind: 'baselined' },
      { kind: 'baselined' },
    ]);
    expect(t.events.map((e) => e.type)).toEqual([
      'plan_ready',
      'step_started',
      'step_finished',
      'step_started',
      'step_finished',
      'done',
    ]);
    const next = await t.migrator.migrate();
    expect(next.ok && next.steps.map((s) => s.version)).toEqual([3]);
  });

  it('refuses a version that is not a migration', async () => {
    const t = setup(FILES);
    const report = await t.migrator.baseline(9);
    expect(!report.ok && report.problems.map((p) => p.code)).toEqual(['unknown_target']);
  });
});

describe('repair', () => {
  it('accept_checksum records the edited file with a repaired event', async () => {
    const t = setup(FILES);
    await t.migrator.migrate();
    writeTree(t.dir, { '002_posts.sql': 'CREATE TABLE posts (id INTEGER PRIMARY KEY, title TEXT);' });
    const refused = await t.migrator.migrate();
    expect(!refused.ok && refused.problems.map((p) => p.code)).toEqual(['checksum_mismatch']);
    await t.migrator.repair(2, 'accept_checksum');
    const report = await t.migrator.migrate();
    expect(report.ok && report.steps).toEqual([]);
    const [event] = t.query("SELECT kind, detail FROM schema_version_events WHERE kind = 'repaired'") as {
      detail: string;
    }[];
    expect(event?.detail).toMatch(/^accept_checksum \(was [0-9a-f]{64}\)$/);
  });

  it('mark_rolled_back removes the record of a migration whose file is gone', async () => {
    const t = setup(FILES);
    await t.migrator.migrate();
    rmSync(join(t.dir, '003_tags.ts'));
    const report = await t.migrator.repair(3, 'mark_rolled_back');
    expect(report.ok && report.steps).toEqual([
      { kind: 'repair', version: 3, name: '', file: null, durationMs: 0 },
    ]);
    expect(t.query('SELECT version FROM schema_version ORDER BY version')).toEqual([
      { version: '001' },
      { version: '002' },
    ]);
  });

  it.each([
    [9, 'mark_rolled_back', 'Migration 9 has no record to repair.'],
    [1, 'mark_applied', 'Migration 1 is already applied.'],
    // Applied with its file there: the history would say pending while its table stays.
    [
      2,
      'mark_rolled_back',
      'Migration 2 is applied and its file is there, so there is nothing to mark rolled back.',
    ],
  ] as const)('refuses repair(%s, %s)', async (version, action, message) => {
    const t = setup(FILES);
    await t.migrator.migrate();
    const error = await t.migrator.repair(version, action).catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(DatabaseError);
    expect((error as DatabaseError).code).toBe('invalid_repair');
    expect((error as DatabaseError).message).toBe(message);
  });

  it('refuses mark_applied for a migration that failed inside a transaction, and accept_checksum without a file', async () => {
    const t = setup({ '001_bad.sql': 'SELECT * FROM nope;' });
    await t.migrator.migrate().catch(() => undefined);
    await expect(t.migrator.repair(1, 'mark_applied')).rejects.toThrow(
      'Migration 1 failed inside a transaction, so nothing of it was applied.',
    );
    await expect(t.migrator.repair(1, 'accept_checksum')).rejects.toThrow(
      'Migration 1 is not applied, so there is no checksum to accept.',
    );
    rmSync(join(t.dir, '001_bad.sql'));
    await expect(t.migrator.repair(1, 'accept_checksum')).rejects.toThrow(
      'Migration 1 has no file, so there is no checksum to accept.',
    );
  });
});
