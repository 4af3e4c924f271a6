import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { testdir } from '@gao/tooling/test-utils';
import { describe, expect, it } from 'vitest';
import { spawnCli } from './support/spawn-cli.ts';

const FILES = { 'migrations/001_t.sql': 'CREATE TABLE t (id INTEGER);' };

interface Listed {
  readonly backups: { path: string; reason: string }[];
}

function listed(dir: string, db: string): Listed['backups'] {
  const run = spawnCli(['--db', db, 'backup', '--json'], { cwd: dir });
  expect(run.code).toBe(0);
  return (JSON.parse(run.stdout) as Listed).backups;
}

function rows(path: string): unknown[] {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    return db.prepare('SELECT id FROM t').all();
  } finally {
    db.close();
  }
}

function jsonError(stdout: string): { code: string; message: string; hint: string } {
  return (JSON.parse(stdout) as { error: { code: string; message: string; hint: string } }).error;
}

describe('backups from the command line', () => {
  it('keeps the backups of two databases named alike apart in one backups folder', () => {
    const dir = testdir({ ...FILES, 'gao-db.config.json': '{ "backups": { "dir": "bk", "keep": 2 } }' });
    mkdirSync(join(dir, 'a'));
    mkdirSync(join(dir, 'b'));
    for (const db of ['a/app.db', 'b/app.db'])
      expect(spawnCli(['--db', db, 'migrate', '--yes'], { cwd: dir }).code).toBe(0);
    expect(spawnCli(['--db', 'a/app.db', 'backup', 'create'], { cwd: dir }).code).toBe(0);
    for (let i = 0; i < 3; i++)
      expect(spawnCli(['--db', 'b/app.db', 'backup', 'create'], { cwd: dir }).code).toBe(0);

    const ofA = listed(dir, 'a/app.db');
    expect(ofA).toHaveLength(1); // b's retention (keep 2) left it alone, and b's are not listed
    expect(listed(dir, 'b/app.db')).toHaveLength(2);
    expect(readdirSync(join(dir, 'bk'))).toHaveLength(3);

    const a = new DatabaseSync(join(dir, 'a/app.db'));
    a.exec('INSERT INTO t VALUES (1)');
    a.close();
    const b = new DatabaseSync(join(dir, 'b/app.db'));
    b.exec('INSERT INTO t VALUES (2), (3)');
    b.close();
    const restored = spawnCli(['--db', 'a/app.db', 'restore', 'latest', '--yes', '--json'], { cwd: dir });
    expect(restored.code).toBe(0);
    expect(JSON.parse(restored.stdout)).toMatchObject({ restoredFrom: ofA[0]?.path });
    expect(rows(join(dir, 'a/app.db'))).toEqual([]);
    expect(rows(join(dir, 'b/app.db'))).toEqual([{ id: 2 }, { id: 3 }]);
  });

  it('with "backups": false, lists and restores the backups it still takes on request', () => {
    const dir = testdir({ ...FILES, 'gao-db.config.json': '{ "backups": false }' });
    expect(spawnCli(['migrate', '--yes'], { cwd: dir }).code).toBe(0);
    expect(spawnCli(['backup'], { cwd: dir }).stdout).toBe(
      'No backups of gao.db yet.\n' +
        `Backups before changes are off ("backups": false); 'gao-db backup create' makes one now.\n`,
    );
    expect(spawnCli(['backup', 'create'], { cwd: dir }).code).toBe(0);
    expect(listed(dir, 'gao.db').map((backup) => backup.reason)).toEqual(['manual']);
    const restored = spawnCli(['restore', 'latest', '--yes'], { cwd: dir });
    expect(restored.code).toBe(0);
    expect(listed(dir, 'gao.db').map((backup) => backup.reason)).toEqual(['pre-restore', 'manual']);
  });

  it('says a file that is not a database is not one (exit 4), as status does', () => {
    const dir = testdir({ 'text.db': 'junk\n' });
    const run = spawnCli(['--db', 'text.db', 'backup', 'create', '--json'], { cwd: dir });
    expect(run.code).toBe(4);
    expect(jsonError(run.stdout).code).toBe('not_a_database');
    expect(readdirSync(dir)).not.toContain('backups');
  });

  it('names a backups folder that is a file, with what to do', () => {
    const dir = testdir({ ...FILES, backups: '' });
    const migrate = spawnCli(['migrate', '--yes', '--json'], { cwd: dir });
    expect(migrate.code).toBe(1);
    expect(jsonError(migrate.stdout)).toMatchObject({
      code: 'backup_failed',
      message: `The backups folder ${join(dir, 'backups')} is not a folder: a file is in the way (at that path or one of its parents).`,
      hint: expect.stringContaining('Move that file away'),
    });
    const list = spawnCli(['backup'], { cwd: dir });
    expect(list.code).toBe(1);
    expect(list.stderr).toContain(`error: The backups folder ${join(dir, 'backups')} is not a folder`);
  });

  it("refuses a file that is not a backup with a hint naming 'gao-db backup'", () => {
    const dir = testdir({ ...FILES, 'junk.bak': 'junk' });
    expect(spawnCli(['migrate', '--yes'], { cwd: dir }).code).toBe(0);
    const run = spawnCli(['restore', 'junk.bak', '--yes'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("hint: Choose another backup ('gao-db backup' lists them).");
  });

  it('is database_locked (exit 4) on a locked database, and a retry restores the same backup', async () => {
    const dir = testdir(FILES);
    expect(spawnCli(['migrate', '--yes'], { cwd: dir }).code).toBe(0);
    for (let i = 0; i < 2; i++) expect(spawnCli(['backup', 'create'], { cwd: dir }).code).toBe(0);
    const before = listed(dir, 'gao.db');
    const holder = spawn(
      process.execPath,
      [
        '-e',
        `const { DatabaseSync } = require('node:sqlite');
         const db = new DatabaseSync(${JSON.stringify(join(dir, 'gao.db'))});
         db.exec('BEGIN IMMEDIATE'); console.log('locked');
         process.stdin.on('data', () => { db.exec('ROLLBACK'); db.close(); process.exit(0); });`,
      ],
      { stdio: ['pipe', 'pipe', 'inherit'] },
    );
    await new Promise<void>((ready) => holder.stdout.once('data', () => ready()));
    const exited = new Promise((done) => holder.on('exit', done));
    try {
      const run = spawnCli(['restore', '2', '--yes', '--busy-timeout', '200', '--json'], { cwd: dir });
      expect(run.code).toBe(4);
      expect(jsonError(run.stdout).code).toBe('database_locked');
      expect(listed(dir, 'gao.db')).toEqual(before);
    } finally {
      holder.stdin.write('go\n');
      await exited;
    }
    const retry = spawnCli(['restore', '2', '--yes', '--json'], { cwd: dir });
    expect(retry.code).toBe(0);
    expect(JSON.parse(retry.stdout)).toMatchObject({ restoredFrom: before[1]?.path });
  });
});
