import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { testdir } from '@gao/tooling/test-utils';
import { describe, expect, it } from 'vitest';
import { eventRelay } from '../../src/adapter/event-relay.ts';
import { openSqliteMigrator } from '../../src/adapter/open-sqlite-migrator.ts';
import { createUiSession } from '../../src/adapter/ui-backend.ts';
import { createCommandContext } from '../../src/command-context.ts';
import { resolveConfig } from '../../src/config/resolve-config.ts';
import { defaultIo } from '../../src/default-io.ts';
import { openLog } from '../../src/log/log-file.ts';
import { createPaint } from '../../src/output/paint.ts';
import type { UiProgressEvent, UiRunControl } from '../../src/ui/types.ts';
import { THREE } from '../support/fixtures.ts';
import { spawnCli } from '../support/spawn-cli.ts';

const FLAGS = {
  db: 'app.db',
  migrations: 'migrations',
  config: undefined,
  json: false,
  logFile: undefined,
  verbose: false,
  quiet: false,
  busyTimeoutMs: undefined,
  color: false,
};

/**
 * The backend over the real Migrator on a temp database, with the CLI's context and log file; on
 * the folder of an earlier `open` when `dir` is given (a new session, as a new `gao-db` process).
 */
async function open(files: Record<string, string>, existing?: string, thread = false) {
  const dir =
    existing ??
    testdir(Object.fromEntries(Object.entries(files).map(([name, text]) => [`migrations/${name}`, text])));
  let stdout = '';
  const io = { ...defaultIo(), cwd: dir, env: {}, stdout: { write: (text: string) => (stdout += text) } };
  const config = resolveConfig(FLAGS, {}, dir);
  const log = openLog(config.logFile.value, io.stderr, () => new Date());
  const context = createCommandContext(io, FLAGS, config, createPaint(false), log);
  const relay = eventRelay();
  const migrator = await openSqliteMigrator({
    database: config.database.value,
    migrationsDir: config.migrationsDir.value,
    busyTimeoutMs: 1000,
    backup: config.backup,
    allowOutOfOrder: false,
    allOrNothing: false,
    onEvent: relay.emit,
    thread,
  });
  const session = createUiSession(context, migrator, relay);
  const logLines = () =>
    readFileSync(join(dir, 'app.db.gao-db.log'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
  return { dir, session, migrator, logLines, stdout: () => stdout };
}

function control(): UiRunControl & {
  readonly events: UiProgressEvent[];
  readonly controller: AbortController;
} {
  const events: UiProgressEvent[] = [];
  const controller = new AbortController();
  return { events, controller, signal: controller.signal, onEvent: (event) => events.push(event) };
}

describe('the UI backend over @gao/migrate-sqlite', () => {
  it('Ctrl+C twice while a long migration runs on its thread: logged and recorded once, as abandoned', async () => {
    const slow =
      'CREATE TABLE big (n);\nINSERT INTO big WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < 2000000) SELECT i FROM r;\n';
    const { session, migrator, logLines } = await open({ '001_big.sql': slow }, undefined, true);
    const run = control();
    let started: () => void = () => {};
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    const pending = session.backend.migrate(
      {},
      {
        signal: run.signal,
        onEvent: (event) => {
          if (event.type === 'step_started') started();
        },
      },
    );
    await running;
    run.controller.abort();
    session.abandon();
    expect(session.runs).toEqual([
      expect.objectContaining({ command: 'migrate', outcome: 'interrupted', count: 0, total: 1 }),
    ]);
    expect(logLines().at(-1)).toMatchObject({
      event: 'interrupted',
      completed: 0,
      total: 1,
      abandoned: true,
    });
    // This test's process is not ended: the thread finishes, rolls the step back; nothing more is recorded.
    expect(await pending).toEqual({ ok: true, finalVersion: null });
    expect(session.runs).toHaveLength(1);
    expect(logLines().filter((line) => line.event === 'interrupted')).toHaveLength(1);
    migrator.close();
  });

  it('inspects, plans, migrates with progress, backs up, logs, rolls back', async () => {
    const { session, migrator, logLines, stdout } = await open({ ...THREE });
    const { backend } = session;
    const empty = await backend.inspect();
    expect(empty).toMatchObject({ database: 'app.db', sizeBytes: 0, journalMode: null, lastBackup: null });
    expect(empty.status.counts.pending).toBe(3);
    const plan = await backend.planMigrate({ to: 2 });
    expect(plan.ok && plan.value.steps.map((step) => step.migration.version)).toEqual([1, 2]);

    const first = control();
    expect(await backend.migrate({ to: 1 }, first)).toEqual({ ok: true, finalVersion: 1 });
    expect(first.events.map((event) => event.type)).toContain('step_finished');
    const second = control();
    expect(await backend.migrate({}, second)).toEqual({ ok: true, finalVersion: 3 });
    expect(second.events.map((event) => event.type)).toEqual([
      'plan_ready',
      // A small database: the copy starts at 0 and ends in one step.
      'backup_progress',
      'backup_progress',
      'backup_created',
      'step_started',
      'step_finished',
      'step_started',
      'step_finished',
      'done',
    ]);
    const after = await backend.inspect();
    expect(after.journalMode).toMatch(/^(delete|wal)$/);
    expect(after.status.currentVersion).toBe(3);
    expect(after.lastBackup?.reason).toBe('pre-migrate');
    expect(await backend.listBackups()).toHaveLength(1);
    expect(await backend.validate()).toEqual({ problems: [], warnings: [] });

    const refused = await backend.planRollback({ count: 9 });
    expect(refused.ok).toBe(false);
    expect(await backend.rollback({ count: 1 }, control())).toEqual({ ok: true, finalVersion: 2 });
    expect(session.runs.map((run) => [run.command, run.outcome, run.count, run.finalVersion])).toEqual([
      ['migrate', 'done', 1, 1],
      ['migrate', 'done', 2, 3],
      ['rollback', 'refused', 0, null],
      ['rollback', 'done', 1, 2],
    ]);
    const events = logLines().map((line) => line.event);
    expect(events.filter((event) => event === 'error')).toHaveLength(1);
    expect(events.filter((event) => event === 'run_started')).toHaveLength(3);
    expect(events).toContain('backup_created');
    expect(events).toContain('revert_finished');
    expect(logLines()[0]).toMatchObject({
      event: 'run_started',
      command: 'migrate',
      database: expect.stringMatching(/app\.db$/),
    });
    // The UI draws; the backend prints nothing.
    expect(stdout()).toBe('');
    migrator.close();
  });

  it('a refused plan is logged as gao-db migrate logs it and recorded; an error while planning too', async () => {
    const { dir, session, migrator, logLines } = await open({ ...THREE });
    const { backend } = session;
    expect(await backend.migrate({ to: 1 }, control())).toEqual({ ok: true, finalVersion: 1 });
    writeFileSync(
      join(dir, 'migrations', '001_initial.sql'),
      '-- migrate:up\nCREATE TABLE z (id INTEGER);\n',
    );
    const refused = await backend.planMigrate({});
    expect(refused.ok ? [] : refused.problems.map((problem) => problem.code)).toEqual(['checksum_mismatch']);
    expect(session.runs.at(-1)).toMatchObject({ command: 'migrate', outcome: 'refused', count: 0, total: 0 });
    const fromUi = logLines().filter((line) => line.event === 'error');
    // The scripted command, refused for the same reason, writes the same line (but for its time and stack).
    const scripted = await spawnCli(
      ['migrate', '--yes', '--no-backup', '--db', 'app.db', '--migrations', 'migrations'],
      { cwd: dir },
    );
    expect(scripted.code).toBe(3);
    const fromCommand = logLines().filter((line) => line.event === 'error');
    expect(fromCommand).toHaveLength(2);
    const comparable = ({ time: _t, stack: _s, ...rest }: Record<string, unknown>) => rest;
    expect(fromUi.map(comparable)).toEqual([comparable(fromCommand[1] ?? {})]);
    expect(fromUi[0]).toMatchObject({ level: 'error', code: 'plan_problems' });

    writeFileSync(join(dir, 'migrations', '001_initial.sql'), THREE['001_initial.sql']);
    writeFileSync(join(dir, 'migrations', '004_broken.ts'), 'export function up( {\n');
    await expect(backend.planMigrate({})).rejects.toThrow();
    expect(session.runs.at(-1)).toMatchObject({ command: 'migrate', outcome: 'failed', count: 0 });
    expect(logLines().filter((line) => line.event === 'error')).toHaveLength(3);
    migrator.close();
  });

  it('restores a backup through the Migrator, logged as gao-db restore logs it; a failure is logged too', async () => {
    const { session, migrator, logLines } = await open({ ...THREE });
    const { backend } = session;
    expect(await backend.migrate({ to: 1 }, control())).toEqual({ ok: true, finalVersion: 1 });
    expect(await backend.migrate({}, control())).toEqual({ ok: true, finalVersion: 3 });
    const [before] = await backend.listBackups();
    expect(before?.reason).toBe('pre-migrate');
    const { safetyBackup } = await backend.restoreBackup(before?.path ?? '');
    expect(safetyBackup?.reason).toBe('pre-restore');
    // The pre-migrate backup was taken at version 1: the database is back there.
    expect((await backend.inspect()).status.currentVersion).toBe(1);
    expect(logLines().filter((line) => String(line.event).startsWith('restore'))).toEqual([
      expect.objectContaining({ event: 'restore_started', path: before?.path }),
      expect.objectContaining({ event: 'restored', path: before?.path, safety_backup: safetyBackup?.path }),
    ]);
    const missing = `${before?.path}.nope`;
    await expect(backend.restoreBackup(missing)).rejects.toMatchObject({ code: 'restore_failed' });
    expect(logLines().at(-1)).toMatchObject({ level: 'error', event: 'error', code: 'restore_failed' });
    expect((await backend.inspect()).status.currentVersion).toBe(1);
    migrator.close();
  });

  it("validate is the command's: an applied code migration that no longer loads is reported", async () => {
    const dir = testdir({
      'migrations/001_tags.mjs': [
        "import { existsSync } from 'node:fs';",
        "if (existsSync(new URL('./gone', import.meta.url))) throw new Error('a dependency is gone');",
        "export function up(db) { db.exec('CREATE TABLE tags (id INTEGER)'); }",
        "export function down(db) { db.exec('DROP TABLE tags'); }",
        '',
      ].join('\n'),
    });
    // Applied by another process: this one must not have imported the module (Node caches it).
    const migrate = spawnCli(['--db', 'app.db', '--migrations', 'migrations', 'migrate', '--yes'], {
      cwd: dir,
    });
    expect(migrate.code, migrate.stderr).toBe(0);
    writeFileSync(join(dir, 'migrations/gone'), '');
    const { session, migrator } = await open({}, dir);
    await expect(session.backend.validate()).rejects.toMatchObject({ code: 'module_load_failed' });
    migrator.close();
  });

  it('a failing migration rejects with the Migrator error, recorded and logged with its stack', async () => {
    const { session, migrator, logLines } = await open({
      '001_ok.sql': 'CREATE TABLE a (id INTEGER);',
      '002_bad.sql': 'CREATE TABLE b (id INTEGER); INSERT INTO nope VALUES (1);',
    });
    const run = control();
    await expect(session.backend.migrate({}, run)).rejects.toMatchObject({
      code: 'migration_failed',
      version: 2,
    });
    expect(run.events.map((event) => event.type)).toContain('step_failed');
    expect(session.runs[0]).toMatchObject({ outcome: 'failed', count: 1, total: 2 });
    const failure = logLines().find((line) => line.event === 'error');
    expect(failure).toMatchObject({ level: 'error', code: 'migration_failed' });
    expect(String(failure?.stack)).toContain('no such table: nope');
    expect((await session.backend.inspect()).status.currentVersion).toBe(1);
    migrator.close();
  });

  it('a stop requested before a run is passed to the Migrator and recorded as interrupted', async () => {
    const { session, migrator, logLines } = await open({ ...THREE });
    const run = control();
    run.controller.abort();
    const report = await session.backend.migrate({}, run).catch((error: unknown) => error);
    expect(session.runs[0]?.outcome).toBe('interrupted');
    expect(logLines().some((line) => line.event === 'interrupted')).toBe(true);
    // Whatever the Migrator did before stopping, the database is consistent.
    const { status } = await session.backend.inspect();
    expect(status.problems).toEqual([]);
    expect(report).toBeDefined();
    migrator.close();
  });
});
