import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { testdir } from '@gao/tooling/test-utils';
import { describe, expect, it } from 'vitest';
import { fakeDatabase, fakeMigrator } from '../support/fake-migrator.ts';
import { THREE } from '../support/fixtures.ts';
import { runMain } from '../support/run-main.ts';

function setup(files: Record<string, string> = { ...THREE }, tree: Record<string, string> = {}) {
  const dir = testdir(tree);
  const db = fakeDatabase(files);
  return { dir, db, io: { cwd: dir, openMigrator: fakeMigrator(db) } };
}

describe('a failure with a log file that cannot be written', () => {
  it('does not point to the log file', async () => {
    const { dir, db, io } = setup();
    db.failUp.set(2, 'no such table: c');
    const run = await runMain(['migrate', '--yes', '--log-file', join(dir, 'missing', 'x.log')], io);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('warning: cannot write the log file');
    expect(run.stderr).toContain("hint: Fix 002_more.sql, then run 'gao-db migrate' again.\n");
    expect(run.stderr).not.toContain('Details are in');
  });
});

describe('--dry-run --json with nothing to do', () => {
  it('prints the dry run shape with no steps', async () => {
    const { io } = setup();
    await runMain(['migrate', '--yes'], io);
    const migrate = await runMain(['migrate', '--dry-run', '--json'], io);
    expect(migrate.code).toBe(0);
    expect(JSON.parse(migrate.stdout)).toEqual({
      command: 'migrate',
      dryRun: true,
      database: join(io.cwd, 'gao.db'),
      fromVersion: 3,
      targetVersion: 3,
      steps: [],
    });
    const rollback = await runMain(['rollback', '--to', '3', '--dry-run', '--json'], io);
    expect(JSON.parse(rollback.stdout)).toEqual({
      command: 'rollback',
      dryRun: true,
      database: join(io.cwd, 'gao.db'),
      fromVersion: 3,
      targetVersion: 3,
      steps: [],
    });
  });
});

describe('baseline refused by the planner', () => {
  it('prints no plan, only the problem', async () => {
    const { io } = setup();
    const run = await runMain(['baseline', '5', '--yes'], io);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('unknown_target');
  });
});

describe('new', () => {
  it('refuses to number a migration past the largest version (exit 2)', async () => {
    const { dir, io } = setup({}, { 'migrations/9007199254740991_last.sql': '' });
    const run = await runMain(['new', 'x'], io);
    expect(run).toEqual({
      code: 2,
      stdout: '',
      asked: [],
      stderr:
        'error: The next version would be 9007199254740992, above the largest version, 9007199254740991; nothing was written.\n' +
        'hint: Name the new file yourself with a free version below 9007199254740991, or renumber the file with the highest version in migrations if that number is a mistake.\n',
    });
    expect(readdirSync(join(dir, 'migrations'))).toEqual(['9007199254740991_last.sql']);
  });

  it('writes .mjs and .mts where Node would load .js and .ts as CommonJS', async () => {
    const kinds = async (packageJson: string | null) => {
      const { dir, io } = setup({}, packageJson === null ? {} : { 'package.json': packageJson });
      await runMain(['new', 'a', '--js'], io);
      await runMain(['new', 'b', '--ts'], io);
      return readdirSync(join(dir, 'migrations')).sort();
    };
    expect(await kinds('{ "type": "commonjs" }')).toEqual(['001_a.mjs', '002_b.mts']);
    expect(await kinds('{ "name": "app" }')).toEqual(['001_a.mjs', '002_b.mts']);
    expect(await kinds('{ "type": "module" }')).toEqual(['001_a.js', '002_b.ts']);
    expect(await kinds(null)).toEqual(['001_a.js', '002_b.ts']);
  });
});
