import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { testdir } from '@gao/tooling/test-utils';
import { describe, expect, it } from 'vitest';
import { runMain } from '../support/run-main.ts';
import { DEMO_MIGRATIONS, normalise, SEED } from '../support/spawn-cli.ts';

// The same commands as the spawned end-to-end tests, in-process, so coverage sees the adapter glue.
function demo(): string {
  const dir = testdir({ 'gao-db.config.json': '{ "database": "demo.db", "migrations": "migrations" }' });
  cpSync(DEMO_MIGRATIONS, join(dir, 'migrations'), { recursive: true });
  expect(spawnSync(process.execPath, [SEED, join(dir, 'demo.db')]).status).toBe(0);
  return dir;
}

describe('in-process against @gao/migrate-sqlite', () => {
  it('adopts the legacy demo database, logs the checksum it records, shows its history', async () => {
    const dir = demo();
    const run = await runMain(['migrate', '--yes'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(normalise(run.stdout, dir)).toContain('Migrated to version 004: 3 migrations in N ms.\n');
    expect(readFileSync(join(dir, 'demo.db.gao-db.log'), 'utf8')).toContain(
      '"event":"checksum_recorded","version":1',
    );
    const history = await runMain(['history'], { cwd: dir });
    expect(normalise(history.stdout, dir)).toContain(`Details:
  001_initial_schema (<time>): applied before gao-db kept an event log
`);
    expect(history.stdout).toContain(
      '  2026-09-01 09:00:00  applied            001      001_initial_schema         0 ms\n',
    );
  });

  it('creates, lists and restores backups', async () => {
    const dir = demo();
    const created = await runMain(['backup', 'create', '--json'], { cwd: dir });
    expect(created.code).toBe(0);
    const { backup } = JSON.parse(created.stdout);
    expect(backup).toMatchObject({ reason: 'manual' });
    expect(existsSync(backup.path)).toBe(true);
    expect(backup.path.startsWith(join(dir, 'backups'))).toBe(true);
    await runMain(['migrate', '--yes', '--no-backup'], { cwd: dir });
    const restored = await runMain(['restore', '1', '--yes'], { cwd: dir });
    expect(restored.code).toBe(0);
    expect(normalise(restored.stdout, dir)).toMatch(
      /^Restore demo\.db from backups\/demo\.db\.<time>\.manual\.bak \(.+, manual\)\.\nRestored demo\.db from backups\/.+\nThe database as it was before is kept in backups\/.+\n$/,
    );
    const status = JSON.parse((await runMain(['status', '--json'], { cwd: dir })).stdout);
    expect(status.currentVersion).toBe(1);
    const missing = await runMain(['backup', 'create', '--db', 'nope.db'], { cwd: dir });
    expect(missing.code).toBe(4);
    expect(missing.stderr).toContain(
      `The database ${dir}/nope.db does not exist; there is nothing to back up.`,
    );
  });

  it('backs up into the configured folder and keeps the configured number', async () => {
    const dir = demo();
    const config =
      '{ "database": "demo.db", "migrations": "migrations", "backups": { "dir": "bk", "keep": 1 } }';
    writeFileSync(join(dir, 'gao-db.config.json'), config);
    await runMain(['backup', 'create'], { cwd: dir });
    await runMain(['backup', 'create'], { cwd: dir });
    const list = JSON.parse((await runMain(['backup', '--json'], { cwd: dir })).stdout).backups;
    expect(list).toHaveLength(1);
    expect(list[0].path.startsWith(join(dir, 'bk'))).toBe(true);
  });
});

describe('--all-or-nothing against @gao/migrate-sqlite', () => {
  function folder(third: string): string {
    return testdir({
      'gao-db.config.json': '{ "database": "app.db", "migrations": "migrations", "backups": false }',
      'migrations/001_a.sql': 'CREATE TABLE a (id INTEGER);\n-- migrate:down\nDROP TABLE a;\n',
      'migrations/002_b.sql': 'CREATE TABLE b (id INTEGER);\n-- migrate:down\nDROP TABLE b;\n',
      'migrations/003_c.sql': third,
    });
  }

  it('says the run is one transaction, and a failure undoes the migrations before it (exit 1)', async () => {
    const dir = folder('CREATE TABLE c (id INTEGER);\nINSERT INTO nope VALUES (1);\n');
    const run = await runMain(['migrate', '--yes', '--all-or-nothing'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain(
      'Plan: apply 3 migrations (none -> 003), in one transaction (all or nothing):\n',
    );
    expect(run.stderr).toContain('undone with it (all or nothing): 2 step(s).');
    expect(run.stderr).toContain('the 2 migrations this run applied before it were undone with it');
    const status = JSON.parse((await runMain(['status', '--json'], { cwd: dir })).stdout);
    expect(status.currentVersion).toBeNull();

    const json = await runMain(['migrate', '--yes', '--all-or-nothing', '--json'], { cwd: dir });
    const { error } = JSON.parse(json.stdout);
    expect(error).toMatchObject({ code: 'migration_failed', version: 3, completed: [] });
    expect(error.undone.map((step: { version: number }) => step.version)).toEqual([1, 2]);
  });

  it('refuses a transaction:false migration in the run (exit 3), and rolls back in one transaction', async () => {
    const dir = folder('-- migrate:up transaction:false\nVACUUM;\n');
    const refused = await runMain(['migrate', '--yes', '--all-or-nothing'], { cwd: dir });
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('transaction_false_in_all_or_nothing');
    const first = await runMain(['migrate', '--yes', '--all-or-nothing', '--to', '2'], { cwd: dir });
    expect(first.code).toBe(0);
    const back = await runMain(['rollback', '2', '--yes', '--all-or-nothing'], { cwd: dir });
    expect(back.code).toBe(0);
    expect(back.stdout).toContain(
      'Plan: roll back 2 migrations (002 -> none), in one transaction (all or nothing):\n',
    );
    const status = JSON.parse((await runMain(['status', '--json'], { cwd: dir })).stdout);
    expect(status.currentVersion).toBeNull();
  });
});
