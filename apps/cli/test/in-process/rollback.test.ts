import { testdir } from '@gao/tooling/test-utils';
import { describe, expect, it } from 'vitest';
import { fakeDatabase, fakeMigrator } from '../support/fake-migrator.ts';
import { THREE } from '../support/fixtures.ts';
import { runMain } from '../support/run-main.ts';

async function migrated(files: Record<string, string> = { ...THREE }) {
  const dir = testdir({});
  const db = fakeDatabase(files);
  const io = { cwd: dir, openMigrator: fakeMigrator(db) };
  await runMain(['migrate', '--yes', '--no-backup'], io);
  return { dir, db, io };
}

describe('rollback', () => {
  it('undoes the newest migration by default, after showing the plan', async () => {
    const { db, io } = await migrated();
    const run = await runMain(['rollback', '--yes'], io);
    expect(run.code).toBe(0);
    expect(run.stdout.replace(/in \d+ ms\./, 'in N ms.')).toBe(`Database:    gao.db (version 003)
Migrations:  migrations
Plan: roll back 1 migration (003 -> 002):
  003_code.ts
Backup:      /backups/b1.bak
  ok   003_code  7 ms
Rolled back to version 002: 1 migration in N ms.
`);
    expect(db.history.records.map((record) => record.version)).toEqual([1, 2]);
  });

  it('rolls back N or --to V, and prints JSON', async () => {
    const { db, io } = await migrated();
    const json = await runMain(['rollback', '2', '--yes', '--json', '--no-backup'], io);
    expect(json.code).toBe(0);
    expect({ ...JSON.parse(json.stdout), durationMs: 0 }).toEqual({
      command: 'rollback',
      database: `${io.cwd}/gao.db`,
      fromVersion: 3,
      finalVersion: 1,
      backup: null,
      steps: [
        { kind: 'revert', version: 3, name: 'code', file: '003_code.ts', durationMs: 7 },
        { kind: 'revert', version: 2, name: 'more', file: '002_more.sql', durationMs: 7 },
      ],
      durationMs: 0,
    });
    await runMain(['rollback', '--to', '0', '--yes'], io);
    expect(db.history.records).toEqual([]);
    const nothing = await runMain(['rollback', '--to', '0', '--yes'], io);
    expect(nothing.stdout).toContain('Nothing to roll back: the database is at version none.\n');
    const nothingJson = JSON.parse((await runMain(['rollback', '--to', '0', '--json'], io)).stdout);
    expect(nothingJson).toMatchObject({ command: 'rollback', steps: [], finalVersion: null });
  });

  it('prints the down SQL with --dry-run', async () => {
    const { db, io } = await migrated();
    const run = await runMain(['rollback', '2', '--dry-run'], io);
    expect(run.stdout).toBe(`Database:    gao.db (version 003)
Migrations:  migrations
Plan: roll back 2 migrations (003 -> 001). Dry run: nothing was changed.

-- 003_code.ts (down, in a transaction): code migration, runs down() from this file

-- 002_more.sql (down, in a transaction)
DROP TABLE b;
`);
    expect(db.history.records).toHaveLength(3);
    const json = JSON.parse((await runMain(['rollback', '--dry-run', '--json'], io)).stdout);
    expect(json).toMatchObject({
      command: 'rollback',
      dryRun: true,
      fromVersion: 3,
      targetVersion: 2,
      steps: [{ kind: 'revert', sql: null }],
    });
  });

  it('refuses: N with --to (2), more than applied (3), no down part (3), non-interactive (2)', async () => {
    const { io } = await migrated({
      '001_a.sql': 'SELECT 1;',
      '002_b.sql': '-- migrate:up\nSELECT 2;\n-- migrate:down\nSELECT 2;\n',
    });
    const conflict = await runMain(['rollback', '2', '--to', '1'], io);
    expect(conflict.code).toBe(2);
    expect(conflict.stderr).toBe(
      'error: N and --to cannot be used together: give how many to undo, or the version to go back to.\n' +
        "hint: Run 'gao-db rollback --help' for usage.\n",
    );
    const tooMany = await runMain(['rollback', '5', '--yes'], io);
    expect(tooMany.code).toBe(3);
    expect(tooMany.stderr).toContain('count_exceeds_applied');
    const noDown = await runMain(['rollback', '2', '--yes'], io);
    expect(noDown.code).toBe(3);
    expect(noDown.stderr).toContain('no_down');
    const refused = await runMain(['rollback'], io);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("Run 'gao-db rollback --yes'");
  });

  it('warns on stderr when a down part changed after it was applied, and still rolls back', async () => {
    const { db, io } = await migrated();
    db.files['002_more.sql'] =
      '-- migrate:up\nCREATE TABLE b (id INTEGER);\n-- migrate:down\nDROP TABLE IF EXISTS b;\n';
    const run = await runMain(['rollback', '2', '--yes', '--no-backup'], io);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe(
      'warning: The down part of migration 2 (002_more.sql) was changed after the migration was applied: the rollback runs it as it is now. (down_changed)\n',
    );
    expect(db.history.records.map((record) => record.version)).toEqual([1]);
  });

  it('exits 1 when a down part fails', async () => {
    const { db, io } = await migrated();
    db.failDown.set(3, 'cannot drop');
    const run = await runMain(['rollback', '--yes'], io);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('error: Rollback of 003_code failed: cannot drop\n');
  });

  it('exits 4 when the database does not exist', async () => {
    const dir = testdir({});
    const db = fakeDatabase({ ...THREE }, undefined, false);
    const run = await runMain(['rollback', '--yes'], { cwd: dir, openMigrator: fakeMigrator(db) });
    expect(run.code).toBe(4);
    expect(run.stderr).toBe(
      `error: The database ${dir}/gao.db does not exist.\nhint: Check the path, or run 'gao-db migrate' to create it.\n`,
    );
  });
});
