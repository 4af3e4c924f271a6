import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testdir } from '@gao/tooling/test-utils';
import { describe, expect, it } from 'vitest';
import { fakeDatabase, fakeMigrator } from '../support/fake-migrator.ts';
import { THREE } from '../support/fixtures.ts';
import { runMain } from '../support/run-main.ts';

function setup(files: Record<string, string> = { ...THREE }) {
  const dir = testdir({});
  const db = fakeDatabase(files);
  return { dir, db, io: { cwd: dir, openMigrator: fakeMigrator(db) } };
}

describe('migrate', () => {
  it('prints the plan and the SQL with --dry-run, changing nothing', async () => {
    const { db, io } = setup();
    const run = await runMain(['migrate', '--dry-run'], io);
    expect(run).toEqual({
      code: 0,
      stderr: '',
      asked: [],
      stdout: `Database:    gao.db (version none)
Migrations:  migrations
Plan: apply 3 migrations (none -> 003). Dry run: nothing was changed.

-- 001_initial.sql (up, in a transaction)
CREATE TABLE a (id INTEGER);

-- 002_more.sql (up, in a transaction)
CREATE TABLE b (id INTEGER);

-- 003_code.ts (up, in a transaction): code migration, runs up() from this file
`,
    });
    expect(db.history.records).toEqual([]);
    const json = JSON.parse((await runMain(['migrate', '--dry-run', '--json', '--to', '1'], io)).stdout);
    expect(json).toEqual({
      command: 'migrate',
      dryRun: true,
      database: `${io.cwd}/gao.db`,
      fromVersion: null,
      targetVersion: 1,
      steps: [
        {
          kind: 'apply',
          version: 1,
          versionText: '001',
          name: '001_initial',
          file: '001_initial.sql',
          transaction: true,
          sql: 'CREATE TABLE a (id INTEGER);\n',
          outOfOrder: false,
          retry: false,
        },
      ],
    });
  });

  it('refuses to change anything without --yes in a non-interactive shell (exit 2)', async () => {
    const { dir, db, io } = setup();
    const run = await runMain(['migrate'], io);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(
      'error: gao-db migrate changes the database and needs confirmation, but this shell is not interactive. Nothing was changed.\n' +
        "hint: Run 'gao-db migrate --yes' to go ahead without a question.\n",
    );
    expect(db.history.records).toEqual([]);
    // Refused runs leave no log.
    expect(() => readFileSync(join(dir, 'gao.db.gao-db.log'))).toThrow();
    const inCi = await runMain(['migrate'], { ...io, stdinIsTTY: true, env: { CI: 'true' } });
    expect(inCi.code).toBe(2);
    expect(inCi.stderr).toContain('but CI is set.');
  });

  it('asks on a terminal and applies on yes', async () => {
    const { db, io } = setup();
    const no = await runMain(['migrate'], { ...io, stdinIsTTY: true, answers: ['n'] });
    expect(no.asked).toEqual(['Apply 3 migrations to gao.db? [y/N] ']);
    expect(no.code).toBe(2);
    expect(no.stderr).toContain('error: Not confirmed. Nothing was changed.\n');
    const yes = await runMain(['migrate'], { ...io, stdinIsTTY: true, answers: ['y'] });
    expect(yes.code).toBe(0);
    expect(db.history.records.map((record) => record.version)).toEqual([1, 2, 3]);
  });

  it('applies with --yes, one line per migration with its duration, and logs the run', async () => {
    const { dir, db, io } = setup();
    const run = await runMain(['migrate', '--yes'], io);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout.replace(/in \d+ ms\./, 'in N ms.')).toBe(`Database:    gao.db (version none)
Migrations:  migrations
Plan: apply 3 migrations (none -> 003):
  001_initial.sql
  002_more.sql
  003_code.ts
Backup:      /backups/b1.bak
  ok   001_initial  7 ms
  ok   002_more     7 ms
  ok   003_code     7 ms
Migrated to version 003: 3 migrations in N ms.
`);
    expect(db.opened[0]).toMatchObject({
      database: `${dir}/gao.db`,
      busyTimeoutMs: 5000,
      allowOutOfOrder: false,
    });
    const log = readFileSync(join(dir, 'gao.db.gao-db.log'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(log.map((entry) => entry.event)).toEqual([
      'run_started',
      'plan_ready',
      'backup_created',
      'apply_finished',
      'apply_finished',
      'apply_finished',
      'done',
    ]);
    expect(log[3]).toEqual({
      time: '2026-11-24T08:00:00.000Z',
      level: 'info',
      event: 'apply_finished',
      version: 1,
      name: '001_initial',
      duration_ms: 7,
    });
    const again = await runMain(['migrate', '--yes'], io);
    expect(again.stdout).toBe(
      'Database:    gao.db (version 003)\nMigrations:  migrations\nAlready up to date at version 003.\n',
    );
  });

  it('uses colour marks on a terminal', async () => {
    const { io } = setup();
    const run = await runMain(['migrate', '--yes', '--no-backup'], { ...io, stdoutIsTTY: true });
    expect(run.stdout).toContain('  \u001b[32m✓\u001b[39m 001_initial  \u001b[2m7 ms\u001b[22m\n');
    expect(run.stdout).not.toContain('Backup:');
  });

  it('prints the run as JSON', async () => {
    const { io } = setup();
    const run = await runMain(['migrate', '--yes', '--json', '--no-backup'], io);
    expect(run.code).toBe(0);
    const json = JSON.parse(run.stdout);
    expect({ ...json, durationMs: 0 }).toEqual({
      command: 'migrate',
      database: `${io.cwd}/gao.db`,
      fromVersion: null,
      finalVersion: 3,
      backup: null,
      steps: [
        { kind: 'apply', version: 1, name: 'initial', file: '001_initial.sql', durationMs: 7 },
        { kind: 'apply', version: 2, name: 'more', file: '002_more.sql', durationMs: 7 },
        { kind: 'apply', version: 3, name: 'code', file: '003_code.ts', durationMs: 7 },
      ],
      durationMs: 0,
    });
    const upToDate = JSON.parse((await runMain(['migrate', '--yes', '--json'], io)).stdout);
    expect(upToDate).toMatchObject({ fromVersion: 3, finalVersion: 3, steps: [] });
  });

  it('exits 1 when a migration fails, naming it, with the hint; earlier ones stay applied', async () => {
    const { dir, db, io } = setup();
    db.failUp.set(2, 'no such table: c');
    const run = await runMain(['migrate', '--yes', '--no-backup'], io);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('  ok   001_initial  7 ms\n  FAIL 002_more     3 ms\n');
    expect(run.stderr).toBe(
      'error: Migration 002_more failed: no such table: c\n' +
        '  completed before the failure: 1 step(s), kept.\n' +
        "hint: Fix 002_more.sql, then run 'gao-db migrate' again.\n" +
        `Details are in ${dir}/gao.db.gao-db.log.\n`,
    );
    const log = readFileSync(join(dir, 'gao.db.gao-db.log'), 'utf8');
    expect(log).toContain(
      '"event":"apply_failed","version":2,"name":"002_more","duration_ms":3,"error":"no such table: c","stack":"Error: no such table: c',
    );
    expect(log).toContain('"event":"error","code":"migration_failed"');
    const json = await runMain(['migrate', '--yes', '--json'], io);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({
      error: {
        code: 'migration_failed',
        message: 'Migration 002_more failed: no such table: c',
        hint: "Fix 002_more.sql, then run 'gao-db migrate' again.",
        exitCode: 1,
        version: 2,
        file: '002_more.sql',
        direction: 'up',
        completed: [],
        cause: { message: 'no such table: c' },
      },
    });
    const verbose = await runMain(['migrate', '--yes', '--verbose'], io);
    expect(verbose.stderr).toContain('Error: Migration 002_more failed');
    expect(verbose.stderr).toContain('Caused by: Error: no such table: c');
    expect(verbose.stderr).toContain('    at ');
  });

  it('exits 3 when the planner refuses, listing every problem', async () => {
    const { db, io } = setup();
    await runMain(['migrate', '--yes', '--to', '2'], io);
    db.files['001_initial.sql'] = '-- migrate:up\nCREATE TABLE a (id INTEGER, x INTEGER);\n';
    const run = await runMain(['migrate', '--yes'], io);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(
      /^error: migrate found 1 problem; nothing was changed.\n {2}- checksum_mismatch {2}.+\n {4}hint: .+\n$/,
    );
    const json = JSON.parse((await runMain(['migrate', '--json', '--yes'], io)).stdout);
    expect(json.error).toMatchObject({
      code: 'plan_problems',
      exitCode: 3,
      problems: [{ code: 'checksum_mismatch', version: 1 }],
    });
    const target = await runMain(['migrate', '--yes', '--to', '9'], io);
    expect(target.code).toBe(3);
  });

  it('warns about out-of-order migrations it was allowed to apply', async () => {
    const { db, io } = setup({ '001_a.sql': 'SELECT 1;', '003_c.sql': 'SELECT 3;' });
    await runMain(['migrate', '--yes'], io);
    db.files['002_b.sql'] = 'SELECT 2;';
    const refused = await runMain(['migrate', '--yes'], io);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toContain('out_of_order');
    const allowed = await runMain(['migrate', '--yes', '--allow-out-of-order', '--no-backup'], io);
    expect(allowed.code).toBe(0);
    expect(allowed.stderr).toMatch(/^warning: .+ \(out_of_order\)\n$/);
    expect(allowed.stdout).toContain('  002_b.sql (out of order)\n');
  });

  it('rehearses on a copy and reports timings and checks', async () => {
    const { db, io } = setup();
    const run = await runMain(['migrate', '--rehearse'], io);
    expect(run).toEqual({
      code: 0,
      stderr: '',
      asked: [],
      stdout: `Rehearsal on a copy of gao.db (the database is not changed):
  ok   001_initial  7 ms
  ok   002_more     7 ms
  ok   003_code     7 ms
integrity_check:    ok
foreign_key_check:  ok
Rehearsal passed: 3 migrations in 21 ms.
`,
    });
    expect(db.history.records).toEqual([]);
    db.failUp.set(3, 'boom');
    db.rehearsal.violations = [{ table: 'episode_messages', rowid: 4, parent: 'episodes' }];
    db.rehearsal.integrity = ['row 3 missing from index'];
    const failed = await runMain(['migrate', '--rehearse'], io);
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('  FAIL 003_code     7 ms\n      boom\n');
    expect(failed.stdout).toContain(
      'integrity_check:    row 3 missing from index\nforeign_key_check:  episode_messages rowid 4 -> episodes\n',
    );
    expect(failed.stderr).toBe('error: The rehearsal failed; the real database was not changed.\n');
    const json = await runMain(['migrate', '--rehearse', '--json'], io);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ command: 'migrate', rehearsal: true, ok: false });
    db.rehearsal.violations = [{ table: 't', rowid: null, parent: 'p' }];
    expect((await runMain(['migrate', '--rehearse'], io)).stdout).toContain('t rowid ? -> p');
    const problems = await runMain(['migrate', '--rehearse', '--to', '9'], io);
    expect(problems.code).toBe(3);
    expect(problems.stderr).toContain('error: migrate --rehearse found 1 problem; nothing was changed.');
  });

  it('says when it waits for another runner, and names the config in --verbose', async () => {
    const dir = testdir({ 'gao-db.config.json': '{ "database": "app.db" }' });
    const db = fakeDatabase({ '001_a.sql': 'SELECT 1;' });
    db.waitForLock = true;
    const run = await runMain(['migrate', '--yes', '--verbose', '--busy-timeout', '1500'], {
      cwd: dir,
      env: { GAO_DB_MIGRATIONS: 'm' },
      openMigrator: fakeMigrator(db),
    });
    expect(run.stdout).toContain('Waiting for another gao-db to finish (up to 1.50 s)...\n');
    expect(run.stdout).toContain(
      'Config:      gao-db.config.json (database from the config file, migrations from GAO_DB_MIGRATIONS)\n',
    );
    const bare = await runMain(['status', '--verbose', '--db', 'x.db'], {
      cwd: testdir({}),
      openMigrator: fakeMigrator(fakeDatabase({})),
    });
    expect(bare.stdout).toContain('Config:      none (database from --db, migrations from the default)\n');
  });

  it('passes --busy-timeout and backups from the config to the adapter', async () => {
    const dir = testdir({ 'gao-db.config.json': '{ "backups": { "dir": "bk", "keep": 2 } }' });
    const db = fakeDatabase({ '001_a.sql': 'SELECT 1;' });
    await runMain(['migrate', '--yes', '--busy-timeout', '250'], {
      cwd: dir,
      openMigrator: fakeMigrator(db),
    });
    expect(db.opened[0]).toMatchObject({ busyTimeoutMs: 250, backup: { dir: `${dir}/bk`, keep: 2 } });
    await runMain(['migrate', '--yes', '--no-backup'], { cwd: dir, openMigrator: fakeMigrator(db) });
    expect(db.opened[1]).toMatchObject({ backup: false });
    expect(db.closed).toBe(2);
  });
});
