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
