import { testdir } from '@gao/tooling/test-utils';
import { describe, expect, it } from 'vitest';
import { fakeDatabase, fakeMigrator } from '../support/fake-migrator.ts';
import { THREE } from '../support/fixtures.ts';
import { runMain } from '../support/run-main.ts';

describe('status', () => {
  it('shows every migration, the ignored files and a summary', async () => {
    const dir = testdir({});
    const db = fakeDatabase({ ...THREE });
    await runMain(['migrate', '--yes', '--to', '1'], { cwd: dir, openMigrator: fakeMigrator(db) });
    const run = await runMain(['status'], { cwd: dir, openMigrator: fakeMigrator(db) });
    expect(run).toEqual({
      code: 0,
      stderr: '',
      asked: [],
      stdout: `Database:    gao.db (8 KB)
Migrations:  migrations
Version:     001

  VERSION  NAME     STATE    APPLIED (UTC)        DURATION
  001      initial  applied  2026-11-24 08:00:00  7 ms
  002      more     pending
  003      code     pending

1 applied, 2 pending.

Ignored files (1):
  README.md  README.md is documentation, so it is not a migration; if it was meant as one, name it <version>_<name>.sql (or .ts, .mts, .js, .mjs), for example 001_create_users.sql.
`,
    });
  });

  it('shows a database that does not exist yet as all pending, without creating it', async () => {
    const dir = testdir({});
    const db = fakeDatabase({ '001_initial.sql': THREE['001_initial.sql'] }, undefined, false);
    const run = await runMain(['status'], { cwd: dir, openMigrator: fakeMigrator(db) });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`Database:    gao.db (does not exist yet: 'gao-db migrate' creates it)
Migrations:  migrations
Version:     none (nothing applied)

  VERSION  NAME     STATE    APPLIED (UTC)  DURATION
  001      initial  pending

1 pending.
`);
    expect(db.exists).toBe(false);
  });

  it('prints one JSON document', async () => {
    const dir = testdir({});
    const db = fakeDatabase({}, undefined, false);
    const run = await runMain(['status', '--json'], { cwd: dir, openMigrator: fakeMigrator(db) });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      database: `${dir}/gao.db`,
      databaseExists: false,
      migrationsDir: `${dir}/migrations`,
      currentVersion: null,
      counts: { applied: 0, pending: 0, pending_out_of_order: 0, failed: 0, changed: 0, missing: 0 },
      migrations: [],
      ignored: [],
      problems: [],
      schemaDrift: null,
    });
  });

  it('lists problems with their hints (edited and missing files)', async () => {
    const dir = testdir({});
    const db = fakeDatabase({ ...THREE });
    await runMain(['migrate', '--yes'], { cwd: dir, openMigrator: fakeMigrator(db) });
    db.files['002_more.sql'] = '-- migrate:up\nCREATE TABLE b (id INTEGER, x TEXT);\n';
    delete (db.files as Record<string, string>)['003_code.ts'];
    const run = await runMain(['status', '--no-color'], { cwd: dir, openMigrator: fakeMigrator(db) });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('  002      more     CHANGED  2026-11-24 08:00:00  7 ms\n');
    expect(run.stdout).toContain('  003      code     MISSING  2026-11-24 08:00:00  7 ms\n');
    expect(run.stdout).toContain('1 applied, 1 changed, 1 missing.\n');
    expect(run.stdout).toMatch(
      /\nProblems \(2\):\n {2}- checksum_mismatch {2}.*002.*\n {4}hint: .+\n {2}- missing_file {2}.*003.*\n {4}hint: .+\n$/,
    );
    const json = JSON.parse(
      (await runMain(['status', '--json'], { cwd: dir, openMigrator: fakeMigrator(db) })).stdout,
    );
    expect(json.problems.map((p: { code: string }) => p.code)).toEqual(['checksum_mismatch', 'missing_file']);
    expect(Object.keys(json.problems[0]).slice(0, 3)).toEqual(['code', 'message', 'hint']);
    expect(json.problems[0]).toMatchObject({ version: 2, file: '002_more.sql' });
  });

  it('says why each failed migration failed and what to do, also when its file is gone', async () => {
    const dir = testdir({});
    const db = fakeDatabase({ ...THREE });
    db.failUp.set(2, 'no such table: nope\n(line 2)');
    const io = { cwd: dir, openMigrator: fakeMigrator(db) };
    expect((await runMain(['migrate', '--yes'], io)).code).toBe(1);
    const failed = await runMain(['status', '--no-color'], io);
    expect(failed.stdout).toContain(`1 applied, 1 pending, 1 failed.

Failed (1):
  002 more: no such table: nope (line 2)
    hint: nothing of it was applied: fix the migration, then run 'gao-db migrate' to retry it.
`);
    delete (db.files as Record<string, string>)['002_more.sql'];
    const gone = await runMain(['status', '--no-color'], io);
    expect(gone.stdout).toContain(
      "    hint: its file is gone and nothing of it was applied: restore the file and run 'gao-db migrate', or clear the record with 'gao-db repair mark-rolled-back 002'.\n",
    );
    const validate = await runMain(['validate', '--json'], io);
    expect(JSON.parse(validate.stdout).warnings).toEqual([
      expect.objectContaining({ code: 'failed_file_missing', version: 2 }),
    ]);
  });

  it('colours states on a terminal', async () => {
    const dir = testdir({});
    const db = fakeDatabase({ '001_initial.sql': THREE['001_initial.sql'] });
    const run = await runMain(['status'], { cwd: dir, openMigrator: fakeMigrator(db), stdoutIsTTY: true });
    expect(run.stdout).toContain('\u001b[36mpending\u001b[39m');
    const plain = await runMain(['status'], {
      cwd: dir,
      openMigrator: fakeMigrator(db),
      stdoutIsTTY: true,
      env: { NO_COLOR: '1' },
    });
    expect(plain.stdout).not.toContain('\u001b[');
  });

  it('says how to start when there are no migrations', async () => {
    const dir = testdir({});
    const run = await runMain(['status', '--quiet'], {
      cwd: dir,
      openMigrator: fakeMigrator(fakeDatabase({})),
    });
    expect(run.stdout).toBe('');
    const loud = await runMain(['status'], { cwd: dir, openMigrator: fakeMigrator(fakeDatabase({})) });
    expect(loud.stdout).toContain(
      "  No migrations yet. Create one with 'gao-db new <name>'.\n\nNo migrations.\n",
    );
  });
});
