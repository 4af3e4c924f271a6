import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testdir } from '@gao/tooling/test-utils';
import { describe, expect, it } from 'vitest';
import { FakeGaoDbError, fakeDatabase, fakeMigrator } from '../support/fake-migrator.ts';
import { THREE } from '../support/fixtures.ts';
import { runMain } from '../support/run-main.ts';

function setup(files: Record<string, string> = { ...THREE }, exists = true) {
  const dir = testdir({});
  const db = fakeDatabase(files, undefined, exists);
  return { dir, db, io: { cwd: dir, openMigrator: fakeMigrator(db) } };
}

describe('history', () => {
  it('lists events with durations, 0 ms included, and failures with their error', async () => {
    const { db, io } = setup();
    db.duration = 0;
    await runMain(['migrate', '--yes', '--to', '1'], io);
    await runMain(['baseline', '2', '--yes'], io);
    db.failUp.set(3, 'boom\nwith a second line');
    await runMain(['migrate', '--yes'], io);
    const run = await runMain(['history'], io);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`  TIME (UTC)           EVENT      VERSION  NAME         DURATION
  2026-11-24 08:00:00  applied    001      001_initial  0 ms
  2026-11-24 08:00:00  baselined  002      002_more     -
  2026-11-24 08:00:00  FAILED     003      003_code     3 ms

Details:
  003_code (2026-11-24 08:00:00): boom
`);
    const verbose = await runMain(['history', '--verbose'], io);
    expect(verbose.stdout).toContain(
      '  003_code (2026-11-24 08:00:00): boom\nwith a second line\n    Error: boom',
    );
    const json = JSON.parse((await runMain(['history', '--json', '--limit', '2'], io)).stdout);
    expect(json.database).toBe(`${io.cwd}/gao.db`);
    expect(json.events).toHaveLength(2);
    expect(json.events[0]).toEqual({
      id: 2,
      at: '2026-11-24 08:00:00',
      kind: 'baselined',
      version: 2,
      versionText: '002',
      name: '002_more',
      durationMs: null,
      checksum: expect.any(String),
      error: null,
      detail: null,
    });
    expect(
      JSON.parse((await runMain(['history', '--json', '--verbose'], io)).stdout).events[2].stack,
    ).toContain('Error: boom');
  });

  it('says so when there are no events, and exits 4 without a database', async () => {
    const { io } = setup();
    expect((await runMain(['history'], io)).stdout).toBe(
      'No events yet: nothing has been applied to this database.\n',
    );
    const missing = setup({}, false);
    const run = await runMain(['history', '--json'], missing.io);
    expect(run.code).toBe(4);
    expect(JSON.parse(run.stdout).error).toMatchObject({
      code: 'database_not_found',
      exitCode: 4,
      database: `${missing.dir}/gao.db`,
    });
  });

  it('cuts long errors to one line unless verbose', async () => {
    const { db, io } = setup({ '001_a.sql': 'SELECT 1;' });
    db.failUp.set(1, 'x'.repeat(150));
    await runMain(['migrate', '--yes'], io);
    expect((await runMain(['history'], io)).stdout).toContain(`: ${'x'.repeat(99)}…\n`);
  });
});

describe('new', () => {
  it('creates the next-numbered file from a template and the folder if needed', async () => {
    const { dir, io } = setup();
    const first = await runMain(['new', 'add users'], io);
    expect(first).toEqual({
      code: 0,
      stderr: '',
      asked: [],
      stdout:
        "Created migrations/001_add_users.sql\nWrite the up and down parts, then run 'gao-db migrate'.\n",
    });
    const second = await runMain(['new', 'backfill', '--ts', '--json'], io);
    expect(JSON.parse(second.stdout)).toEqual({
      file: '002_backfill.ts',
      path: join(dir, 'migrations', '002_backfill.ts'),
      version: 2,
      versionText: '002',
      kind: 'ts',
    });
    await runMain(['new', 'third', '--js'], io);
    expect(readdirSync(join(dir, 'migrations')).sort()).toEqual([
      '001_add_users.sql',
      '002_backfill.ts',
      '003_third.js',
    ]);
    expect(readFileSync(join(dir, 'migrations', '002_backfill.ts'), 'utf8')).toContain(
      'export function down(db: DatabaseSync): void',
    );
  });

  it('rejects bad names (exit 2)', async () => {
    const { io } = setup();
    const run = await runMain(['new', 'a/b'], io);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      "error: The migration name 'a/b' can use only letters, digits, '_', '-' and spaces, and needs a letter.\n" +
        "hint: Describe the change, e.g. 'gao-db new add_users'.\n",
    );
  });
});

describe('validate', () => {
  it('exits 0 without problems and 3 with them', async () => {
    const { db, io } = setup();
    expect(await runMain(['validate'], io)).toMatchObject({
      code: 0,
      stdout: 'No problems: migrations and the database agree.\n',
    });
    await runMain(['migrate', '--yes'], io);
    db.files['001_initial.sql'] = 'SELECT 42;';
    const run = await runMain(['validate', '--no-color'], io);
    expect(run.code).toBe(3);
    expect(run.stdout).toMatch(/^1 problem:\n {2}- checksum_mismatch {2}.+\n {4}hint: .+\n$/);
    const json = JSON.parse((await runMain(['validate', '--json'], io)).stdout);
    expect(json).toMatchObject({
      ok: false,
      database: `${io.cwd}/gao.db`,
      migrationsDir: `${io.cwd}/migrations`,
    });
    expect(json.problems[0]).toMatchObject({
      code: 'checksum_mismatch',
      version: 1,
      file: '001_initial.sql',
    });
  });

  it('reports broken files as problems: duplicate versions, bad markers', async () => {
    const { io } = setup({
      '001_a.sql': 'SELECT 1;',
      '001_b.sql': 'SELECT 2;',
      '002_c.sql': '-- migrate:down\nSELECT 1;',
    });
    const run = await runMain(['validate', '--json'], io);
    expect(run.code).toBe(3);
    const codes = JSON.parse(run.stdout).problems.map((problem: { code: string }) => problem.code);
    expect(codes).toContain('duplicate_version');
    expect(codes.length).toBeGreaterThanOrEqual(2);
    const status = await runMain(['status'], io);
    expect(status.code).toBe(3);
    expect(status.stderr).toContain('duplicate_version');
  });

  it('reports a code migration that cannot load as a problem, and passes other errors on', async () => {
    const { db, io } = setup();
    db.broken = new FakeGaoDbError('typescript_syntax', '003_code.ts uses an enum', {
      file: '003_code.ts',
      hint: 'Use a union type.',
    });
    const run = await runMain(['validate', '--json'], io);
    expect(run.code).toBe(3);
    expect(JSON.parse(run.stdout).problems).toEqual([
      {
        code: 'typescript_syntax',
        message: '003_code.ts uses an enum',
        hint: 'Use a union type.',
        file: '003_code.ts',
      },
    ]);
    db.broken = new FakeGaoDbError('database_locked', 'locked');
    expect((await runMain(['validate'], io)).code).toBe(4);
  });
});

describe('baseline and repair', () => {
  it('baselines an existing database after asking', async () => {
    const { db, io } = setup();
    expect((await runMain(['baseline', '2'], io)).code).toBe(2);
    const run = await runMain(['baseline', '2', '--yes'], io);
    expect(run).toEqual({
      code: 0,
      stderr: '',
      asked: [],
      stdout: `Database:    gao.db (version none)
Migrations:  migrations
Baseline at 002: record 2 migrations as applied without running them:
  001_initial.sql
  002_more.sql
Baselined at version 002: 2 migrations recorded as applied.
`,
    });
    expect(db.history.records.map((record) => record.version)).toEqual([1, 2]);
    const one = await runMain(['baseline', '3', '--yes', '--json'], io);
    expect(JSON.parse(one.stdout)).toMatchObject({
      command: 'baseline',
      fromVersion: 2,
      finalVersion: 3,
      steps: [{ kind: 'baseline', version: 3 }],
    });
    expect((await runMain(['baseline', '9', '--yes'], io)).code).toBe(3);
  });

  it('repairs after asking; unknown versions are refused', async () => {
    const { db, io } = setup();
    await runMain(['migrate', '--yes'], io);
    db.files['002_more.sql'] = 'SELECT 2;';
    const run = await runMain(['repair', 'accept-checksum', '2', '--yes'], io);
    expect(run.stdout).toBe(`Database:    gao.db (version 003)
Migrations:  migrations
Migration 002_more is changed. Repair: record the file's current checksum (you edited it on purpose).
This changes only the history, not the schema.
Repaired 002_more.
`);
    expect((await runMain(['validate'], io)).code).toBe(0);
    const json = await runMain(['repair', 'mark-rolled-back', '3', '--yes', '--json'], io);
    expect(JSON.parse(json.stdout)).toMatchObject({
      command: 'repair',
      action: 'mark_rolled_back',
      steps: [{ kind: 'repair', version: 3 }],
    });
    await runMain(['repair', 'mark-applied', '3', '--yes'], io);
    const unknown = await runMain(['repair', 'mark-applied', '7', '--yes'], io);
    expect(unknown.code).toBe(3);
    expect(unknown.stderr).toBe(
      `error: There is no migration 7 in the files or the history of ${io.cwd}/gao.db.\nhint: Run 'gao-db status' to see the versions and their states.\n`,
    );
    expect((await runMain(['repair', 'mark-applied', '1'], io)).code).toBe(2);
  });
});

describe('backup and restore', () => {
  it('lists, creates and restores backups', async () => {
    const { db, io } = setup();
    expect((await runMain(['backup'], io)).stdout).toBe(
      "No backups of gao.db yet.\ngao-db backs up before every change; 'gao-db backup create' makes one now.\n",
    );
    expect((await runMain(['backup', 'create'], io)).stdout).toBe('Backup written: /backups/b1.bak (4 KB)\n');
    await runMain(['migrate', '--yes'], io);
    expect((await runMain(['backup'], io)).stdout).toBe(`  #  CREATED              REASON       SIZE  FILE
  1  2026-11-24 08:00:00  pre-migrate  4 KB  /backups/b2.bak
  2  2026-11-24 08:00:00  manual       4 KB  /backups/b1.bak

Restore one with 'gao-db restore <#>' (1 is the newest).
`);
    expect(JSON.parse((await runMain(['backup', '--json'], io)).stdout).backups).toHaveLength(2);
    expect(JSON.parse((await runMain(['backup', 'create', '--json'], io)).stdout).backup.reason).toBe(
      'manual',
    );
    const refused = await runMain(['restore', '2'], io);
    expect(refused.code).toBe(2);
    expect(db.restored).toEqual([]);
    const run = await runMain(['restore', '2', '--yes'], io);
    expect(run.stdout).toBe(
      'Restore gao.db from /backups/b2.bak (2026-11-24 08:00:00, pre-migrate).\nRestored gao.db from /backups/b2.bak.\n' +
        'The database as it was before is kept in /backups/safety.bak.\n',
    );
    expect(db.restored).toEqual(['/backups/b2.bak']);
    const asked = await runMain(['restore', 'latest'], { ...io, stdinIsTTY: true, answers: ['y'] });
    expect(asked.asked).toEqual([
      'Replace gao.db with this backup? Changes made since it was taken are lost. [y/N] ',
    ]);
    expect(JSON.parse((await runMain(['restore', '1', '--yes', '--json'], io)).stdout)).toEqual({
      database: `${io.cwd}/gao.db`,
      restoredFrom: '/backups/b3.bak',
      safetyBackup: {
        path: '/backups/safety.bak',
        createdAt: '2026-11-24 08:00:00',
        sizeBytes: 4096,
        reason: 'pre-restore',
      },
    });
  });

  it('restores from a path and explains unknown backups', async () => {
    const { dir, db, io } = setup();
    const none = await runMain(['restore', 'latest', '--yes'], io);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe(
      "error: There are no backups of this database.\nhint: Run 'gao-db backup' to list the backups and their numbers.\n",
    );
    await runMain(['backup', 'create'], io);
    expect((await runMain(['restore', '3', '--yes'], io)).stderr).toContain(
      'There is no backup number 3; there is 1 backup.',
    );
    await runMain(['backup', 'create'], io);
    expect((await runMain(['restore', '3', '--yes'], io)).stderr).toContain('there are 2 backups.');
    expect((await runMain(['restore', 'nope.bak', '--yes'], io)).stderr).toContain(
      `The backup file ${dir}/nope.bak does not exist.`,
    );
    const file = testdir({ 'copy.db': 'x' });
    expect((await runMain(['restore', join(file, 'copy.db'), '--yes'], io)).code).toBe(0);
    expect(db.restored).toEqual([join(file, 'copy.db')]);
  });
});
