import { describe, expect, it, onTestFinished } from 'vitest';
import type { ProgressEvent } from './events.ts';
import { migratorFixture } from './migrator.test-fixture.ts';
import { Migrator } from './migrator.ts';
import { openMigrated } from './open-migrated.ts';

// An async `up` that yields to the event loop: a second call's synchronous busy wait would freeze it.
const SLOW = {
  '001_slow.mjs': `export async function up(db) {
  await new Promise((resolve) => setTimeout(resolve, 80));
  db.exec('CREATE TABLE IF NOT EXISTS runs (n INTEGER); INSERT INTO runs VALUES (1)');
}\n`,
  '002_after.sql': 'CREATE TABLE after_slow (id INTEGER);\n',
};

function outcome(result: PromiseSettledResult<{ ok: boolean }>): string {
  if (result.status === 'rejected') return String(result.reason);
  return result.value.ok ? 'ok' : 'refused';
}

describe('writing calls on one database file in one process', () => {
  it('two Migrators: the second waits its turn, then finds nothing to do; each migration runs once', async () => {
    const t = migratorFixture(SLOW, { busyTimeoutMs: 3000 });
    const seen: ProgressEvent['type'][] = [];
    const other = new Migrator({
      database: t.database,
      migrationsDir: t.dir,
      backup: false,
      busyTimeoutMs: 3000,
      onEvent: (event) => seen.push(event.type),
    });
    onTestFinished(() => other.close());

    const results = await Promise.allSettled([t.migrator.migrate(), other.migrate()]);

    expect(results.map(outcome)).toEqual(['ok', 'ok']);
    expect(t.query('SELECT count(*) AS n FROM runs')).toEqual([{ n: 1 }]);
    expect(seen[0]).toBe('waiting_for_lock');
    expect(seen).not.toContain('step_started');
    const [, second] = results;
    expect(second?.status === 'fulfilled' && second.value.ok ? second.value.steps : null).toEqual([]);
  });

  it('one Migrator called twice at once (one connection): the calls run in turn instead of nesting transactions', async () => {
    const t = migratorFixture(SLOW);

    const results = await Promise.allSettled([t.migrator.migrate(), t.migrator.migrate()]);

    expect(results.map(outcome)).toEqual(['ok', 'ok']);
    expect(t.query('SELECT version, status FROM schema_version ORDER BY version')).toEqual([
      { version: '001', status: 'success' },
      { version: '002', status: 'success' },
    ]);
  });

  it('a Migrator and openMigrated at once: the application gets a migrated connection', async () => {
    const t = migratorFixture(SLOW);

    const [report, db] = await Promise.all([
      t.migrator.migrate(),
      openMigrated(t.database, { migrationsDir: t.dir, backup: false }),
    ]);
    onTestFinished(() => db.close());

    expect(report.ok ? report.steps.map((step) => step.version) : report.problems).toEqual([1, 2]);
    expect(db.prepare('SELECT count(*) AS n FROM runs').get()).toEqual({ n: 1 });
  });

  it('a migration that runs gao-db on its own database fails as locked after the busy timeout, not a hang', async () => {
    const t = migratorFixture(
      {
        '001_nested.mjs': `export async function up() {
  const { Migrator, database, migrationsDir } = globalThis.gaoQueueTest;
  const inner = new Migrator({ database, migrationsDir, backup: false, busyTimeoutMs: 200 });
  try {
    await inner.migrate();
  } finally {
    inner.close();
  }
}\n`,
      },
      { busyTimeoutMs: 200 },
    );
    // The migration's module cannot import the package from a temp folder: it gets the class here.
    const shared = globalThis as { gaoQueueTest?: unknown };
    shared.gaoQueueTest = { Migrator, database: t.database, migrationsDir: t.dir };
    onTestFinished(() => {
      delete shared.gaoQueueTest;
    });

    const error = await t.migrator.migrate().catch((thrown: unknown) => thrown);

    // The lock error, named after the migration that was running, as any lock error during a step.
    expect(error).toMatchObject({
      code: 'database_locked',
      file: '001_nested.mjs',
      message: expect.stringContaining('Another gao-db call in this process'),
    });
  });
});
