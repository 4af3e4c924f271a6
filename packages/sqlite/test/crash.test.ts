import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { testdir } from '@gao/tooling/test-utils';
import { describe, expect, it } from 'vitest';
import { integrityCheck } from './helpers/db-state.ts';
import { CRASH_ROWS, writeCrashSet } from './helpers/migration-sets.ts';
import { runWorker, startWorker } from './helpers/spawn-worker.ts';

const KILLS_PER_MODE = Number(process.env.GAO_CRASH_KILLS ?? 12);

/** A small deterministic PRNG (mulberry32) so a failing kill point can be replayed from its seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Applied {
  readonly recorded: readonly string[];
  readonly effects: readonly boolean[];
}

/** What the history says is applied, and which migrations' effects are visible, for versions 1-4. */
function observe(database: string): Applied {
  const db = new DatabaseSync(database, { readOnly: true });
  try {
    const tables = new Set(
      (
        db.prepare("SELECT name FROM sqlite_schema WHERE type IN ('table', 'index')").all() as {
          name: string;
        }[]
      ).map((row) => row.name),
    );
    const count = (sql: string) => (db.prepare(sql).get() as { n: number }).n;
    const recorded = tables.has('schema_version')
      ? (
          db
            .prepare("SELECT version FROM schema_version WHERE status = 'success' ORDER BY version")
            .all() as {
            version: string;
          }[]
        ).map((row) => row.version)
      : [];
    const columns = tables.has('big')
      ? (db.prepare('PRAGMA table_info(big)').all() as { name: string }[]).map((c) => c.name)
      : [];
    const effects = [
      tables.has('a') && count('SELECT count(*) AS n FROM a') === 1,
      tables.has('big') && count('SELECT count(*) AS n FROM big') === CRASH_ROWS,
      tables.has('c') && tables.has('big_n') && count('SELECT count(*) AS n FROM c') === 1,
      columns.includes('doubled') && count('SELECT count(doubled) AS n FROM big') === CRASH_ROWS,
    ];
    // Half-applied states must never be visible: a table without its rows is a failure, not "absent".
    if (tables.has('a') !== effects[0]) throw new Error('table a exists without its row');
    if (tables.has('big') !== effects[1]) throw new Error('table big exists without all its rows');
    if ((tables.has('c') || tables.has('big_n')) !== effects[2]) throw new Error('migration 3 half-applied');
    if (columns.includes('doubled') !== effects[3])
      throw new Error('column doubled exists but is not filled');
    return { recorded, effects };
  } finally {
    db.close();
  }
}

describe.each(['wal', 'delete'] as const)('kill -9 while migrating (%s)', (mode) => {
  it(`leaves every migration fully applied with its row or absent, ${KILLS_PER_MODE} random kill points`, async () => {
    const dir = testdir();
    const migrationsDir = join(dir, 'migrations');
    writeCrashSet(migrationsDir);
    const template = join(dir, 'template.db');
    const init = new DatabaseSync(template);
    init.exec(`PRAGMA journal_mode = ${mode}`);
    init.close();

    // Calibrate: how long does a full run take here, counted from the worker's "ready" line?
    const calibration = join(dir, 'calibration.db');
    copyFileSync(template, calibration);
    const timed = startWorker({
      action: 'migrate',
      database: calibration,
      migrationsDir,
      busyTimeoutMs: 5000,
    });
    await timed.waitFor((line) => line.ready === true);
    const readyAt = Date.now();
    const full = await timed.exited;
    expect(full.code, full.stderr).toBe(0);
    const runMs = Date.now() - readyAt;

    const seed = Number(process.env.GAO_CRASH_SEED ?? Date.now() % 1_000_000);
    const next = random(seed);
    const outcomes: string[] = [];
    for (let i = 0; i < KILLS_PER_MODE; i++) {
      const database = join(dir, `kill-${i}.db`);
      copyFileSync(template, database);
      const worker = startWorker({ action: 'migrate', database, migrationsDir, busyTimeoutMs: 5000 });
      await worker.waitFor((line) => line.ready === true);
      const delay = Math.floor(next() * runMs * 1.1);
      await new Promise((resolve) => setTimeout(resolve, delay));
      worker.child.kill('SIGKILL');
      const exit = await worker.exited;
      const context = `seed ${seed}, kill ${i} after ${delay} ms of ~${runMs} (${exit.signal ?? `exit ${exit.code}`})`;

      // A read-write open recovers a hot journal; the check must then find a sound file.
      expect(integrityCheck(database), context).toEqual(['ok']);
      const after = observe(database);
      const versions = ['001', '002', '003', '004'];
      expect(
        after.effects.map((applied, v) => applied === after.recorded.includes(versions[v] ?? '')),
        context,
      ).toEqual([true, true, true, true]);
      // Applied in order: a prefix of the versions.
      expect(after.recorded, context).toEqual(versions.slice(0, after.recorded.length));
      outcomes.push(`${delay}ms:${after.recorded.length}`);

      const rerun = await runWorker({ action: 'migrate', database, migrationsDir, busyTimeoutMs: 5000 });
      expect(rerun.code, `${context}; rerun ${JSON.stringify(rerun.error)} ${rerun.stderr}`).toBe(0);
      expect(observe(database)).toEqual({ recorded: versions, effects: [true, true, true, true] });
      expect(integrityCheck(database), context).toEqual(['ok']);
    }
    if (process.env.GAO_CRASH_VERBOSE)
      console.info(`${mode}: seed ${seed}, run ~${runMs} ms, kills ${outcomes.join(' ')}`);
    // The kill points must have landed in different places (not all before or after the work).
    const applied = new Set(outcomes.map((o) => o.split(':')[1]));
    expect(applied.size, `outcomes ${outcomes.join(' ')} (seed ${seed})`).toBeGreaterThan(1);
  }, 90_000);
});

describe('kill -9 during an all-or-nothing run', () => {
  it('leaves all four migrations applied or none, never a prefix, and a rerun completes', async () => {
    const dir = testdir();
    const migrationsDir = join(dir, 'migrations');
    writeCrashSet(migrationsDir);
    const job = { action: 'migrate', migrationsDir, busyTimeoutMs: 5000, allOrNothing: true } as const;
    const calibration = join(dir, 'calibration.db');
    const timed = startWorker({ ...job, database: calibration });
    await timed.waitFor((line) => line.ready === true);
    const readyAt = Date.now();
    const full = await timed.exited;
    expect(full.code, full.stderr).toBe(0);
    const runMs = Date.now() - readyAt;

    const seed = Number(process.env.GAO_CRASH_SEED ?? Date.now() % 1_000_000);
    const next = random(seed);
    const versions = ['001', '002', '003', '004'];
    let killedMidRun = 0;
    for (let i = 0; i < Math.max(4, KILLS_PER_MODE / 2); i++) {
      const database = join(dir, `kill-${i}.db`);
      const worker = startWorker({ ...job, database });
      await worker.waitFor((line) => line.ready === true);
      // After at least one migration finished inside the run's transaction, before or after its commit.
      await worker.waitFor((line) => line.event === 'step_finished');
      const delay = Math.floor(next() * runMs * 0.8);
      await new Promise((resolve) => setTimeout(resolve, delay));
      worker.child.kill('SIGKILL');
      const exit = await worker.exited;
      const context = `seed ${seed}, kill ${i} ${delay} ms after the first step (${exit.signal ?? `exit ${exit.code}`})`;
      expect(integrityCheck(database), context).toEqual(['ok']);
      const after = observe(database);
      expect([0, 4], `${context}: ${after.recorded.join(',')}`).toContain(after.recorded.length);
      expect(after.effects, context).toEqual(versions.map(() => after.recorded.length === 4));
      if (after.recorded.length === 0) killedMidRun++;

      const rerun = await runWorker({ ...job, database });
      expect(rerun.code, `${context}; rerun ${JSON.stringify(rerun.error)} ${rerun.stderr}`).toBe(0);
      expect(observe(database)).toEqual({ recorded: versions, effects: [true, true, true, true] });
    }
    // Steps had finished when the kills came: with a commit per step, these runs would have kept some.
    expect(killedMidRun, `seed ${seed}`).toBeGreaterThan(0);
  }, 90_000);
});
