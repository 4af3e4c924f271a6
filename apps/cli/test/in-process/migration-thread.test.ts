import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { testdir } from '@gao/tooling/test-utils';
import { describe, expect, it } from 'vitest';
import type { MigratorOptions, ProgressEvent } from '../../src/adapter/migrator-port.ts';
import { openSqliteMigrator } from '../../src/adapter/open-sqlite-migrator.ts';
import { runMain } from '../support/run-main.ts';

// Long enough on any machine that a timer of this thread fires several times while it runs.
const SLOW = `-- migrate:up
CREATE TABLE big (n INTEGER);
INSERT INTO big WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < 3000000) SELECT i FROM r;
-- migrate:down
DROP TABLE big;
`;

function setup(files: Record<string, string>) {
  const dir = testdir(
    Object.fromEntries(Object.entries(files).map(([name, sql]) => [`migrations/${name}`, sql])),
  );
  const events: ProgressEvent[] = [];
  const options: MigratorOptions = {
    database: join(dir, 'app.db'),
    migrationsDir: join(dir, 'migrations'),
    busyTimeoutMs: 1000,
    backup: false,
    allowOutOfOrder: false,
    allOrNothing: false,
    onEvent: (event) => events.push(event),
    thread: true,
  };
  return { options, events };
}

function tables(database: string): string[] {
  const db = new DatabaseSync(database, { readOnly: true });
  try {
    return (
      db.prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").all() as {
        name: string;
      }[]
    ).map((row) => row.name);
  } finally {
    db.close();
  }
}

describe('migrate and rollback on a migration thread', () => {
  it('relays every event while this thread keeps running its timers during a long statement', async () => {
    const { options, events } = setup({
      '001_big.sql': SLOW,
      '002_small.sql': '-- migrate:up\nCREATE TABLE small (n);\n-- migrate:down\nDROP TABLE small;\n',
    });
    let ticks = 0;
    const ticksAt = new Map<string, number>();
    const migrator = await openSqliteMigrator({
      ...options,
      onEvent: (event) => {
        if (event.type === 'step_started' || event.type === 'step_finished') {
          ticksAt.set(`${event.type} ${event.index}`, ticks);
        }
        options.onEvent(event);
      },
    });
    const timer = setInterval(() => ticks++, 5);
    const report = await migrator.migrate({});
    clearInterval(timer);
    migrator.close();
    expect(report).toMatchObject({ ok: true, finalVersion: 2 });
    expect(events.map((event) => event.type)).toEqual([
      'plan_ready',
      'step_started',
      'step_finished',
      'step_started',
      'step_finished',
      'done',
    ]);
    // The statement ran elsewhere: this thread's timer fired while it did.
    expect((ticksAt.get('step_finished 0') ?? 0) - (ticksAt.get('step_started 0') ?? 0)).toBeGreaterThan(2);
    expect(tables(options.database)).toEqual([
      'big',
      'schema_version',
      'schema_version_events',
      'schema_version_objects',
      'small',
    ]);

    const back = await (await openSqliteMigrator(options)).rollback({ count: 2 });
    expect(back).toMatchObject({ ok: true, finalVersion: null });
    expect(tables(options.database)).toEqual([
      'schema_version',
      'schema_version_events',
      'schema_version_objects',
    ]);
  });

  it('rehearses on the thread too: this thread keeps running while the copy migrates, the database is untouched', async () => {
    const { options } = setup({
      '001_big.sql': SLOW,
      '002_small.sql': '-- migrate:up\nCREATE TABLE small (n);\n-- migrate:down\nDROP TABLE small;\n',
    });
    const migrator = await openSqliteMigrator(options);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 5);
    const rehearsal = await migrator.rehearse({ roundTrip: true });
    clearInterval(timer);
    expect(rehearsal).toMatchObject({
      ok: true,
      steps: [
        { version: 1, ok: true },
        { version: 2, ok: true },
      ],
      roundTrip: { notUndone: [], rowsNotUndone: [] },
    });
    // The SLOW insert alone takes well over 10 ms: on this thread, no tick could have fired.
    expect(ticks).toBeGreaterThan(2);
    expect(existsSync(options.database)).toBe(false);

    expect((await migrator.migrate({})).ok).toBe(true);
    ticks = 0;
    const again = setInterval(() => ticks++, 5);
    const back = await migrator.rehearseRollback({ count: 2 });
    clearInterval(again);
    migrator.close();
    expect(back).toMatchObject({ ok: true, steps: [{ version: 2 }, { version: 1 }] });
    expect(tables(options.database)).toContain('big');
    // Errors cross as well, with their code.
    const gone = await openSqliteMigrator({ ...options, migrationsDir: join(options.migrationsDir, 'nope') });
    await expect(gone.rehearse({})).rejects.toMatchObject({ code: 'migrations_dir_not_found' });
    gone.close();
  });

  it('closing the migrator stops a rehearsal on its thread: the copy is deleted and it reports interrupted', async () => {
    const { options } = setup({ '001_big.sql': SLOW, '002_small.sql': 'CREATE TABLE small (n);\n' });
    // Rehearsal copies go to os.tmpdir(), which the thread reads from the environment it was given.
    const temp = testdir({});
    const saved = process.env.TMPDIR;
    process.env.TMPDIR = temp;
    try {
      const migrator = await openSqliteMigrator(options);
      const rehearsal = migrator.rehearse({});
      const copies = () => readdirSync(temp).filter((name) => name.startsWith('gao-db-rehearsal-'));
      for (let tries = 0; tries < 200 && copies().length === 0; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      expect(copies()).toHaveLength(1);
      migrator.close();
      const report = await rehearsal;
      expect(report).toMatchObject({ ok: false, interrupted: true, integrityCheck: [] });
      // 002 never started: the stop came while the copy was made or 001 ran (then rolled back).
      expect(report.steps.map((step) => step.version)).not.toContain(2);
      expect(copies()).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = saved;
    }
  });

  it('stops when asked during a long statement: that migration is rolled back, no other starts', async () => {
    const { options, events } = setup({ '001_big.sql': SLOW, '002_small.sql': 'CREATE TABLE small (n);\n' });
    const controller = new AbortController();
    const migrator = await openSqliteMigrator({
      ...options,
      onEvent: (event) => {
        options.onEvent(event);
        if (event.type === 'step_started') controller.abort();
      },
    });
    const report = await migrator.migrate({ signal: controller.signal });
    migrator.close();
    expect(report).toMatchObject({ ok: true, interrupted: true, steps: [] });
    expect(events.some((event) => event.type === 'step_finished')).toBe(false);
    // Rolled back with the first step's transaction, which would have created the history tables.
    expect(tables(options.database)).toEqual([]);
  });

  it('rejects with the error as the CLI reads it: code, hint, file, version and cause', async () => {
    const { options } = setup({ '001_bad.sql': 'CREATE TABLE a (n);\nINSERT INTO nope VALUES (1);\n' });
    const migrator = await openSqliteMigrator(options);
    const error = await migrator.migrate({}).then(
      () => null,
      (thrown: unknown) => thrown,
    );
    migrator.close();
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      code: 'migration_failed',
      version: 1,
      file: '001_bad.sql',
      hint: expect.stringContaining('fix the migration'),
      statement: { line: 2 },
    });
    expect((error as Error).cause).toMatchObject({ message: expect.stringContaining('no such table: nope') });
  });

  it('runs in-process for an in-memory database, which exists only on its own connection', async () => {
    const { options } = setup({ '001_a.sql': 'CREATE TABLE a (n);\n' });
    const migrator = await openSqliteMigrator({ ...options, database: ':memory:' });
    expect(await migrator.migrate({})).toMatchObject({ ok: true, finalVersion: 1 });
    // The same connection sees it: on a thread it would have migrated another, private database.
    expect((await migrator.inspect()).status.currentVersion).toBe(1);
    migrator.close();
  });

  it('a stop after a committed migration leaves an interrupted event that history shows', async () => {
    const { options } = setup({ '001_small.sql': 'CREATE TABLE small (n);\n', '002_big.sql': SLOW });
    const controller = new AbortController();
    const migrator = await openSqliteMigrator({
      ...options,
      onEvent: (event) => {
        if (event.type === 'step_started' && event.index === 1) controller.abort();
      },
    });
    expect(await migrator.migrate({ signal: controller.signal })).toMatchObject({
      interrupted: true,
      finalVersion: 1,
    });
    migrator.close();
    const dir = join(options.database, '..');
    const history = await runMain(['history', '--db', 'app.db', '--migrations', 'migrations', '--no-color'], {
      cwd: dir,
    });
    expect(history.stdout).toMatch(/ interrupted +002 +002_big /);
    expect(history.stdout).toMatch(
      /002_big \([^)]+\): stopped at the user's request after 1 of 2 migrations; 002_big was cancelled, so it is not applied\n/,
    );
  });
});
