import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { testdir, writeTree } from '@gao/tooling/test-utils';
import { describe, expect, it } from 'vitest';
import { eventCounts, integrityCheck, readMigrationState } from './helpers/db-state.ts';
import { SLOW_ROWS, writeSlowSet } from './helpers/migration-sets.ts';
import { startWorker, type WorkerExit } from './helpers/spawn-worker.ts';

const PROCESSES = 8;

/** An empty database in `mode`; WAL is a property of the file, so it is set before anyone migrates. */
function prepare(mode: 'wal' | 'delete'): { database: string; migrationsDir: string } {
  const dir = testdir();
  const migrationsDir = join(dir, 'migrations');
  writeSlowSet(migrationsDir);
  const database = join(dir, 'app.db');
  if (mode === 'wal') {
    const db = new DatabaseSync(database);
    db.exec('PRAGMA journal_mode = WAL');
    db.close();
  }
  return { database, migrationsDir };
}

function describeExit(exit: WorkerExit): string {
  return `exit ${exit.code ?? exit.signal}; error ${JSON.stringify(exit.error)}; stderr ${exit.stderr.slice(0, 500)}`;
}

function journalMode(database: string): string {
  const db = new DatabaseSync(database, { readOnly: true });
  try {
    return (db.prepare('PRAGMA journal_mode').get() as { journal_mode: string }).journal_mode;
  } finally {
    db.close();
  }
}

describe.each(['wal', 'delete'] as const)('%s journal mode', (mode) => {
  it(`${PROCESSES} processes migrating at once apply each migration exactly once`, async () => {
    const { database, migrationsDir } = prepare(mode);
    // Everyone starts the same instant, after their (slow, staggered) process start-up.
    const startAt = Date.now() + 2500;
    const workers = Array.from({ length: PROCESSES }, (_, i) =>
      startWorker({
        action: i % 2 === 0 ? 'migrate' : 'open-migrated', // the CLI and the application start-up path
        database,
        migrationsDir,
        busyTimeoutMs: 30_000,
        startAt,
      }),
    );
    const exits = await Promise.all(workers.map((worker) => worker.exited));

    for (const exit of exits) expect(exit.code, describeExit(exit)).toBe(0);
    const finished = exits.flatMap((exit) =>
      exit.lines.filter((line) => line.event === 'step_finished').map((line) => line.version),
    );
    expect(finished.sort()).toEqual([1, 2, 3]);
    expect(eventCounts(database, 'applied')).toEqual({ '001': 1, '002': 1, '003': 1 });
    // The race was real: someone had to wait for the lock, and those who waited found nothing to do.
    const waited = exits.filter((exit) => exit.lines.some((line) => line.event === 'waiting_for_lock'));
    expect(waited.length).toBeGreaterThan(0);
    const idle = exits.filter((exit) => !exit.lines.some((line) => line.event === 'step_finished'));
    expect(idle.length).toBeGreaterThanOrEqual(PROCESSES - 3);
    for (const exit of idle) expect(exit.lines.at(-1)?.result).toBe('ok');

    const db = new DatabaseSync(database, { readOnly: true });
    expect(db.prepare('SELECT count(*) AS n FROM numbers').get()).toEqual({ n: SLOW_ROWS });
    expect(db.prepare('SELECT count(*) AS n FROM accounts').get()).toEqual({ n: 1 });
    db.close();
    expect(readMigrationState(database).versions.map((v) => [v.version, v.status])).toEqual([
      ['001', 'success'],
      ['002', 'success'],
      ['003', 'success'],
    ]);
    expect(integrityCheck(database)).toEqual(['ok']);
    expect(journalMode(database)).toBe(mode);
  }, 60_000);

  it('a process with a short busy timeout gives up with database_locked and changes nothing', async () => {
    const { database, migrationsDir } = prepare(mode);
    const slow = startWorker({
      action: 'migrate',
      database,
      migrationsDir,
      busyTimeoutMs: 30_000,
      waitForGo: true,
    });
    const impatient = Array.from({ length: 3 }, () =>
      startWorker({ action: 'migrate', database, migrationsDir, busyTimeoutMs: 100, waitForGo: true }),
    );
    await Promise.all([slow, ...impatient].map((worker) => worker.waitFor((line) => line.ready === true)));
    slow.go();
    await slow.waitFor((line) => line.event === 'step_started' && line.version === 2);
    for (const worker of impatient) worker.go();

    const gaveUp = await Promise.all(impatient.map((worker) => worker.exited));
    const done = await slow.exited;

    expect(done.code, describeExit(done)).toBe(0);
    for (const exit of gaveUp) {
      expect(exit.code, describeExit(exit)).toBe(2);
      expect(exit.error).toMatchObject({
        code: 'database_locked',
        message: expect.stringContaining('locked by another process'),
      });
      expect(exit.lines.some((line) => line.event === 'step_started')).toBe(false);
    }
    expect(eventCounts(database, 'applied')).toEqual({ '001': 1, '002': 1, '003': 1 });
    expect(integrityCheck(database)).toEqual(['ok']);
  }, 30_000);
});

describe('all-or-nothing runs', () => {
  it('4 processes at once: one applies the whole run, the others wait for all of it and find nothing to do', async () => {
    const { database, migrationsDir } = prepare('wal');
    const startAt = Date.now() + 2500;
    const workers = Array.from({ length: 4 }, (_, i) =>
      startWorker({
        action: i % 2 === 0 ? 'migrate' : 'open-migrated',
        database,
        migrationsDir,
        busyTimeoutMs: 30_000,
        allOrNothing: true,
        startAt,
      }),
    );
    const exits = await Promise.all(workers.map((worker) => worker.exited));
    for (const exit of exits) expect(exit.code, describeExit(exit)).toBe(0);
    const runners = exits.filter((exit) => exit.lines.some((line) => line.event === 'step_finished'));
    // One transaction for the run: a single process ran every step; nobody got in between.
    expect(runners).toHaveLength(1);
    expect(
      runners[0]?.lines.filter((line) => line.event === 'step_finished').map((line) => line.version),
    ).toEqual([1, 2, 3]);
    expect(eventCounts(database, 'applied')).toEqual({ '001': 1, '002': 1, '003': 1 });
    expect(integrityCheck(database)).toEqual(['ok']);
  }, 60_000);
});

describe('a transaction:false migration another process is running', () => {
  it('runners that come while it runs wait for it and finish with nothing to do, not needs_repair', async () => {
    const dir = testdir();
    const migrationsDir = join(dir, 'migrations');
    writeTree(migrationsDir, {
      '001_a.sql': 'CREATE TABLE a (id INTEGER);\n',
      '002_slow.mjs': `export const transaction = false;
export async function up(db) {
  db.exec('CREATE TABLE slow (id INTEGER)');
  await new Promise((resolve) => setTimeout(resolve, 1500));
  db.exec('INSERT INTO slow VALUES (1)');
}
`,
      '003_c.sql': 'CREATE TABLE c (id INTEGER);\n',
    });
    const database = join(dir, 'app.db');
    const first = startWorker({ action: 'migrate', database, migrationsDir, busyTimeoutMs: 10_000 });
    await first.waitFor((line) => line.event === 'step_started' && line.version === 2);
    const later = [
      startWorker({ action: 'migrate', database, migrationsDir, busyTimeoutMs: 10_000 }),
      startWorker({ action: 'open-migrated', database, migrationsDir, busyTimeoutMs: 10_000 }),
    ];
    const exits = await Promise.all([first, ...later].map((worker) => worker.exited));
    for (const exit of exits) expect(exit.code, describeExit(exit)).toBe(0);
    // The later ones saw the unfinished claim and waited instead of refusing.
    for (const exit of exits.slice(1)) {
      expect(exit.lines.some((line) => line.event === 'waiting_for_lock')).toBe(true);
      expect(exit.lines.some((line) => line.event === 'step_finished' && line.version === 2)).toBe(false);
    }
    expect(eventCounts(database, 'applied')).toEqual({ '001': 1, '002': 1, '003': 1 });
  }, 30_000);
});
