import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { writeTree } from '@gao/tooling/test-utils';
import { describe, expect, it, onTestFinished } from 'vitest';
import { type BackupInfo, createBackup } from './backup.ts';
import { DatabaseError, MigrationPlanError, MigrationSetError, ModuleError } from './errors.ts';
import type { ProgressEvent } from './events.ts';
import { GaoDbError } from './gao-db-error.ts';
import { migratorFixture, otherProcess } from './migrator.test-fixture.ts';
import { Migrator } from './migrator.ts';
import { openMigrated } from './open-migrated.ts';

const FILES = {
  '001_users.sql': 'CREATE TABLE users (id INTEGER PRIMARY KEY);\n-- migrate:down\nDROP TABLE users;\n',
  '002_posts.sql': 'CREATE TABLE posts (id INTEGER PRIMARY KEY);\n-- migrate:down\nDROP TABLE posts;\n',
};

const setup = migratorFixture;

describe('read-only commands', () => {
  it('inspect never creates a missing database; allowMissing reports it empty', async () => {
    const t = setup(FILES);
    const error = await t.migrator.inspect().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseError);
    expect((error as DatabaseError).code).toBe('database_not_found');
    const inspection = await t.migrator.inspect({ allowMissing: true });
    expect(inspection).toMatchObject({ exists: false, sizeBytes: 0, journalMode: null, lastBackup: null });
    expect(inspection.status.counts.pending).toBe(2);
    const plan = await t.migrator.planMigrate();
    expect(plan.ok && plan.value.steps.map((s) => s.migration.version)).toEqual([1, 2]);
    expect(existsSync(t.database)).toBe(false);
  });

  it('inspect reads history with events, journal mode and size; plans change nothing', async () => {
    const t = setup(FILES);
    await t.migrator.migrate();
    const inspection = await new Migrator({ database: t.database, migrationsDir: t.dir }).inspect();
    expect(inspection.exists).toBe(true);
    expect(inspection.journalMode).toBe('delete');
    expect(inspection.sizeBytes).toBeGreaterThan(0);
    expect(inspection.history.events.map((e) => [e.id, e.kind, e.version])).toEqual([
      [1, 'applied', 1],
      [2, 'applied', 2],
    ]);
    expect(inspection.status.currentVersion).toBe(2);
    const rollback = await t.migrator.planRollback({ count: 1 });
    expect(rollback.ok && rollback.value.steps.map((s) => s.migration.version)).toEqual([2]);
    expect(t.raw().prepare('SELECT count(*) AS n FROM schema_version').get()).toEqual({ n: 2 });
  });

  it('set problems throw MigrationSetError with every problem', async () => {
    const t = setup({ ...FILES, '002_other.sql': 'SELECT 1;' });
    const error = await t.migrator.planMigrate().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MigrationSetError);
    expect((error as MigrationSetError).problems.map((p) => p.code)).toEqual(['duplicate_version']);
  });

  it('a missing migrations folder is migrations_dir_not_found', async () => {
    const t = setup(FILES, { migrationsDir: '/nonexistent/migrations' });
    const error = await t.migrator.migrate().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GaoDbError);
    expect((error as GaoDbError).code).toBe('migrations_dir_not_found');
    expect((error as GaoDbError).message).toBe(
      'The migrations folder /nonexistent/migrations does not exist.',
    );
  });
});

describe('locking and concurrency', () => {
  it('waits for the lock, says so, and gives up after the busy timeout with database_locked', async () => {
    const t = setup(FILES, { busyTimeoutMs: 50 });
    const holder = t.raw();
    holder.exec('CREATE TABLE app (id INTEGER); BEGIN IMMEDIATE; INSERT INTO app VALUES (1);');
    const error = await t.migrator.migrate().catch((e: unknown) => e);
    expect((error as DatabaseError).code).toBe('database_locked');
    expect(t.events.map((e) => e.type)).toEqual(['plan_ready', 'waiting_for_lock']);
    holder.exec('COMMIT');
    const report = await t.migrator.migrate();
    expect(report.ok && report.steps.map((s) => s.version)).toEqual([1, 2]);
  });

  it('re-plans inside the lock: work another runner did meanwhile is skipped', async () => {
    const t = setup(FILES);
    t.raw().exec('CREATE TABLE app (id INTEGER)');
    // The backup port runs between planning and locking: another process migrates right then.
    const takeBackup = async (): Promise<BackupInfo> => {
      await otherProcess(t, 'migrate');
      return { path: '/nowhere', createdAt: '', sizeBytes: 0, reason: 'test' };
    };
    const late = new Migrator({ database: t.database, migrationsDir: t.dir, backup: {}, takeBackup });
    onTestFinished(() => late.close());
    const report = await late.migrate();
    expect(report.ok && report.plan.kind === 'migrate' && report.plan.steps.length).toBe(2);
    expect(report.ok && report.steps).toEqual([]);
    expect(report.ok && report.finalVersion).toBe(2);
    expect(
      t.raw().prepare("SELECT count(*) AS n FROM schema_version_events WHERE kind = 'applied'").get(),
    ).toEqual({ n: 2 });
  });

  it('stops with plan_changed when the fresh plan holds a step the user did not see', async () => {
    const t = setup(FILES);
    await t.migrator.migrate({ to: 1 });
    const takeBackup = async (): Promise<BackupInfo> => {
      await otherProcess(t, 'rollback');
      return { path: '/nowhere', createdAt: '', sizeBytes: 0, reason: 'test' };
    };
    const late = new Migrator({ database: t.database, migrationsDir: t.dir, backup: {}, takeBackup });
    onTestFinished(() => late.close());
    const error = await late.migrate().catch((e: unknown) => e);
    expect((error as DatabaseError).code).toBe('plan_changed');
    expect((error as DatabaseError).message).toBe(
      `The database ${t.database} changed while gao-db was waiting for the lock: 001_users.sql is now due, and it was not in the plan. Nothing more was run.`,
    );
    expect(t.raw().prepare('SELECT count(*) AS n FROM schema_version').get()).toEqual({ n: 0 });
  });
});

describe('backups', () => {
  it('backs up before running (built-in createBackup), never when nothing will run or the database is empty', async () => {
    const t = setup(FILES, { backup: { keep: 5 } });
    await t.migrator.migrate({ to: 1 });
    const backups = join(t.root, 'backups');
    expect(existsSync(backups)).toBe(false);
    const report = await t.migrator.migrate();
    expect(report.ok && report.backup?.reason).toBe('pre-migrate');
    expect(readdirSync(backups)).toHaveLength(1);
    expect(t.events.filter((e) => e.type === 'backup_created')).toHaveLength(1);
    await t.migrator.migrate();
    expect(readdirSync(backups)).toHaveLength(1);
    const rolled = await t.migrator.rollback({ count: 1 });
    expect(rolled.ok && rolled.backup?.reason).toBe('pre-rollback');
    const listed = await t.migrator.listBackups();
    expect(listed.map((b) => b.reason)).toEqual(['pre-rollback', 'pre-migrate']);
    expect((await t.migrator.inspect()).lastBackup?.reason).toBe('pre-rollback');
  });

  it("with backups before runs off, lists the backups in the default folder (a manual one, a restore's copy)", async () => {
    const t = setup(FILES, { backup: false });
    await t.migrator.migrate();
    expect(await t.migrator.listBackups()).toEqual([]);
    const db = t.raw();
    const manual = await createBackup(db, {
      dir: join(t.root, 'backups'),
      databasePath: t.database,
      reason: 'manual',
    });
    db.close();
    expect((await t.migrator.listBackups()).map((backup) => backup.path)).toEqual([manual.path]);
  });

  it('reports the copy as it goes: from 0 pages, step by step, to all of them, before backup_created', async () => {
    const t = setup(FILES, { backup: {} });
    await t.migrator.migrate({ to: 1 });
    // About 12 MB: several steps of the copy (1,000 pages each).
    const db = t.raw();
    db.exec(`CREATE TABLE filler (b BLOB);
      INSERT INTO filler WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
      SELECT randomblob(4000) FROM n`);
    const pages = (db.prepare('PRAGMA page_count').get() as { page_count: number }).page_count;
    db.close();
    t.events.length = 0;
    await t.migrator.migrate();
    const types = t.events.map((event) => event.type);
    const progress = t.events.flatMap((event) =>
      event.type === 'backup_progress' ? [[event.copiedPages, event.totalPages]] : [],
    );
    expect(progress[0]).toEqual([0, pages]);
    expect(progress.at(-1)).toEqual([pages, pages]);
    expect(progress.length).toBeGreaterThanOrEqual(4);
    expect(
      progress.every(([copied], index) => index === 0 || (copied ?? 0) > (progress[index - 1]?.[0] ?? 0)),
    ).toBe(true);
    expect(types.lastIndexOf('backup_progress')).toBeLessThan(types.indexOf('backup_created'));
    expect(types.indexOf('plan_ready')).toBeLessThan(types.indexOf('backup_progress'));
  });

  it('restoreBackup brings the database back', async () => {
    const t = setup(FILES, { backup: {} });
    await t.migrator.migrate({ to: 1 });
    await t.migrator.migrate();
    const [backup] = await t.migrator.listBackups();
    await t.migrator.restoreBackup(backup?.path ?? '');
    expect((await t.migrator.inspect()).status.currentVersion).toBe(1);
    expect((await t.migrator.listBackups()).map((b) => b.reason)).toEqual(['pre-restore', 'pre-migrate']);
  });
});

describe('openMigrated', () => {
  it('applies pending migrations and returns the open connection', async () => {
    const t = setup(FILES);
    const events: ProgressEvent[] = [];
    const db = await openMigrated(t.database, {
      migrationsDir: t.dir,
      backup: false,
      onEvent: (e) => events.push(e),
    });
    onTestFinished(() => db.close());
    expect(db.prepare('SELECT version FROM schema_version ORDER BY version').all()).toEqual([
      { version: '001' },
      { version: '002' },
    ]);
    expect(db.isTransaction).toBe(false);
    expect(events.at(-1)).toMatchObject({ type: 'done', finalVersion: 2 });
  });

  it('with nothing pending it takes no lock and imports no module', async () => {
    const t = setup({
      ...FILES,
      '003_code.mjs': 'export function up(db) { db.exec("CREATE TABLE c (id INTEGER)"); }\n',
    });
    (await openMigrated(t.database, { migrationsDir: t.dir, backup: false })).close();
    // Importing this file now would throw; holding the write lock elsewhere would make BEGIN fail.
    writeTree(t.dir, { '003_code.mjs': 'throw new Error("imported again");\n' });
    const holder = t.raw();
    holder.exec('BEGIN IMMEDIATE');
    const db = await openMigrated(t.database, {
      migrationsDir: t.dir,
      backup: false,
      busyTimeoutMs: 0,
      allowChanged: true,
    });
    db.close();
    holder.exec('ROLLBACK');
  });

  it('throws MigrationPlanError when the planner refuses, and ModuleError for a broken module', async () => {
    const t = setup(FILES);
    (await openMigrated(t.database, { migrationsDir: t.dir, backup: false })).close();
    writeTree(t.dir, { '001_users.sql': 'CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);' });
    const refused = await openMigrated(t.database, { migrationsDir: t.dir, backup: false }).catch(
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(MigrationPlanError);
    expect((refused as MigrationPlanError).message).toBe(
      `gao-db will not migrate ${t.database}: Migration 1 (001_users.sql) was changed after it was applied.`,
    );
    writeTree(t.dir, { ...FILES, '003_bad.mjs': 'export const up = 1;\n' });
    const broken = await openMigrated(t.database, { migrationsDir: t.dir, backup: false }).catch(
      (e: unknown) => e,
    );
    expect(broken).toBeInstanceOf(ModuleError);
    expect((broken as ModuleError).message).toBe('003_bad.mjs does not export an up function.');
  });
});

describe('what the runner knows between its steps', () => {
  const THREE = {
    '001_a.sql': 'CREATE TABLE a (id INTEGER PRIMARY KEY);',
    '002_b.sql': 'CREATE TABLE b (id INTEGER PRIMARY KEY);',
    '003_c.sql': 'CREATE TABLE c (id INTEGER PRIMARY KEY);',
  };
  const tables = (db: DatabaseSync) =>
    (
      db.prepare("SELECT name FROM sqlite_schema WHERE name IN ('a', 'b', 'c') ORDER BY name").all() as {
        name: string;
      }[]
    ).map((row) => row.name);

  it('re-reads and re-plans when another connection committed between two steps', async () => {
    let other: DatabaseSync | null = null;
    const t = setup(THREE, {
      onEvent: (e) => {
        if (e.type !== 'step_finished' || e.index !== 0 || other === null) return;
        other
          .prepare(
            "INSERT INTO schema_version (version, migration_name, status, transactional) VALUES ('003', '003_c', 'failed', 0)",
          )
          .run();
      },
    });
    other = t.raw();
    const error = await t.migrator.migrate().catch((e: unknown) => e);
    expect((error as DatabaseError).code).toBe('plan_changed');
    expect(tables(t.raw())).toEqual(['a']);
  });

  it('re-reads after a migration that wrote the history table itself', async () => {
    const t = setup({
      ...THREE,
      '001_a.sql':
        "CREATE TABLE a (id INTEGER PRIMARY KEY);\nINSERT INTO schema_version (version, migration_name, status) VALUES ('002', '002_b', 'success');",
    });
    const report = await t.migrator.migrate();
    expect(report.ok && report.steps.map((step) => step.version)).toEqual([1, 3]);
    expect(tables(t.raw())).toEqual(['a', 'c']);
  });
});
