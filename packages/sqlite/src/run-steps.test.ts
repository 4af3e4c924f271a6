import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { type ApplyStep, type History, ok, planMigrate } from '@gao/migrate-core';
import { testdir, writeTree } from '@gao/tooling/test-utils';
import { describe, expect, it, onTestFinished } from 'vitest';
import { resolveOptions } from './migrator-options.ts';
import { ModuleCache } from './module-cache.ts';
import { openDatabase } from './open-database.ts';
import { readSet } from './read-set.ts';
import { type AdvisoryRead, runSteps } from './run-steps.ts';
import { type OpenSession, readState, runContext, session } from './session.ts';

const FILES = {
  '001_a.sql': 'CREATE TABLE a (id INTEGER);',
  '002_b.sql': 'CREATE TABLE b (id INTEGER);',
  '003_c.sql': 'CREATE TABLE c (id INTEGER);',
};

/** A session on a new database with `files`, read and planned as `migrate` does before the lock. */
function planned(files: Record<string, string>) {
  const dir = testdir();
  const migrationsDir = join(dir, 'migrations');
  writeTree(migrationsDir, files);
  const database = join(dir, 'app.db');
  const db = openDatabase(database, { mode: 'write', busyTimeoutMs: 1000 });
  onTestFinished(() => db.close());
  const options = resolveOptions({ database, migrationsDir, backup: false });
  const current: OpenSession = { ...session(db, options, new ModuleCache(migrationsDir)), db };
  const set = readSet(migrationsDir);
  const read = readState(current, false);
  const plan = planMigrate(set, read.history);
  if (!plan.ok || read.shape === null || read.dataVersion === null) throw new Error('cannot plan');
  const advisoryRead: AdvisoryRead<ApplyStep> = {
    dataVersion: read.dataVersion,
    shape: read.shape,
    history: read.history,
    fresh: plan.value,
  };
  const replans: History[] = [];
  const replan = (history: History) => {
    replans.push(history);
    const result = planMigrate(set, history);
    return result.ok ? ok(result.value) : result;
  };
  const run = () => runSteps(runContext(current, set), { advisory: plan.value.steps, replan, advisoryRead });
  return { database, run, replans };
}

const versions = (database: string) => {
  const db = new DatabaseSync(database, { readOnly: true });
  try {
    return db.prepare('SELECT version FROM schema_version ORDER BY version').all();
  } finally {
    db.close();
  }
};

describe('runSteps and the advisory read', () => {
  it('plans once, before the lock, when nobody committed since the read', async () => {
    const { database, run, replans } = planned(FILES);
    const outcome = await run();
    expect(outcome.ok && outcome.steps.map((step) => step.version)).toEqual([1, 2, 3]);
    expect(replans).toHaveLength(0);
    expect(versions(database)).toEqual([{ version: '001' }, { version: '002' }, { version: '003' }]);
  });

  it('reads and plans again in the lock when another connection committed since the read', async () => {
    const { database, run, replans } = planned(FILES);
    const other = new DatabaseSync(database);
    other.exec('CREATE TABLE unrelated (id INTEGER)');
    other.close();
    const outcome = await run();
    expect(outcome.ok && outcome.steps.map((step) => step.version)).toEqual([1, 2, 3]);
    expect(replans).toHaveLength(1);
  });

  it('uses it for the first lock only: after a transaction:false step the history is read again', async () => {
    const { database, run, replans } = planned({
      ...FILES,
      '001_a.sql': '-- migrate:up transaction:false\nCREATE TABLE a (id INTEGER);',
    });
    const outcome = await run();
    // Each step once: the second lock did not take the advisory plan (001 again) for the plan.
    expect(outcome.ok && outcome.steps.map((step) => step.version)).toEqual([1, 2, 3]);
    expect(replans).toHaveLength(1);
    expect(replans[0]?.records.map((record) => [record.version, record.status])).toEqual([[1, 'success']]);
    expect(versions(database)).toHaveLength(3);
  });
});
