import { spawn } from 'node:child_process';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { testdir } from '@gao/tooling/test-utils';
import { describe, expect, it } from 'vitest';
import { corruptPage, dumpDatabase, fileFingerprint } from '../test/helpers/db-snapshot.ts';
import { holdWriteLock } from '../test/helpers/lock-holder.ts';
import { createBackup, listBackups, restoreBackup } from './backup.ts';
import { DatabaseError } from './errors.ts';

interface Fixture {
  readonly dir: string;
  readonly path: string;
  readonly backups: string;
}

async function withBackup(mode: 'wal' | 'delete' = 'delete'): Promise<Fixture & { backupPath: string }> {
  const dir = testdir();
  const path = join(dir, 'app.db');
  const backups = join(dir, 'backups');
  const db = new DatabaseSync(path);
  db.exec(`PRAGMA journal_mode = ${mode};
    CREATE TABLE items (id INTEGER PRIMARY KEY, label TEXT);
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
    INSERT INTO items (label) SELECT 'item ' || i FROM n;`);
  const info = await createBackup(db, { dir: backups, databasePath: path, reason: 'pre-migrate' });
  db.close();
  return { dir, path, backups, backupPath: info.path };
}

/** Changes the live database after the backup was taken. */
function diverge(path: string): void {
  const db = new DatabaseSync(path);
  db.exec("CREATE TABLE extra (x); DELETE FROM items WHERE id > 10; INSERT INTO extra VALUES ('after');");
  db.close();
}

describe('restoreBackup', () => {
  it.each(['wal', 'delete'] as const)(
    'restores the backup content, keeps the file mode and journal mode, and saves the current db first (%s)',
    async (mode) => {
      const { path, backups, backupPath } = await withBackup(mode);
      const expected = dumpDatabase(backupPath);
      diverge(path);
      chmodSync(path, 0o640);
      const before = dumpDatabase(path);
      const reader = new DatabaseSync(path); // an application connection that stays open
      expect(reader.prepare('SELECT count(*) AS n FROM items').get()).toEqual({ n: 10 });

      const report = await restoreBackup(path, backupPath, { dir: backups });

      expect(report.method).toBe('online');
      expect(dumpDatabase(path)).toEqual(expected);
      expect(reader.prepare('SELECT count(*) AS n FROM items').get()).toEqual({ n: 3000 });
      reader.close();
      expect(statSync(path).mode & 0o777).toBe(0o640);
      const check = new DatabaseSync(path);
      expect(check.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: mode });
      check.close();
      expect(report.safetyBackup?.reason).toBe('pre-restore');
      expect(dumpDatabase(report.safetyBackup?.path ?? '')).toEqual(before);
      expect(statSync(report.safetyBackup?.path ?? '').mode & 0o777).toBe(0o600);
    },
  );

  it('restores into a database that does not exist yet as a 0600 file, without a safety backup', async () => {
    const { dir, backupPath } = await withBackup();
    const target = join(dir, 'fresh.db');
    const report = await restoreBackup(target, backupPath, { dir: join(dir, 'backups') });
    expect(report.safetyBackup).toBeNull();
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(dumpDatabase(target)).toEqual(dumpDatabase(backupPath));
  });

  it.each([
    ['a corrupted page', (file: string) => corruptPage(file, 3), 'corrupt'],
    [
      'a file that is not a database',
      (file: string) => writeFileSync(file, 'hello '.repeat(2000)),
      'not a SQLite',
    ],
    ['an empty file', (file: string) => writeFileSync(file, ''), 'empty'],
  ])('refuses a backup with %s and changes nothing', async (_what, damage, why) => {
    const { path, backups, backupPath } = await withBackup('wal');
    diverge(path);
    damage(backupPath);
    const before = fileFingerprint(path);
    const listed = listBackups(backups, path);
    const attempt = restoreBackup(path, backupPath, { dir: backups });
    await expect(attempt).rejects.toMatchObject({
      code: 'restore_failed',
      message: expect.stringContaining(why),
    });
    expect(fileFingerprint(path)).toBe(before);
    expect(listBackups(backups, path)).toEqual(listed); // no safety backup taken either
  });

  it('points to the command that lists backups when one is refused', async () => {
    const { path, backups, backupPath } = await withBackup();
    writeFileSync(backupPath, 'junk');
    await expect(restoreBackup(path, backupPath, { dir: backups })).rejects.toMatchObject({
      hint: "Choose another backup ('gao-db backup' lists them).",
    });
  });

  it('refuses a missing backup file and restoring a database from itself', async () => {
    const { path, backups } = await withBackup();
    await expect(restoreBackup(path, join(backups, 'nope.bak'))).rejects.toMatchObject({
      code: 'restore_failed',
    });
    await expect(restoreBackup(path, path)).rejects.toMatchObject({ code: 'restore_failed' });
  });

  it('replaces a current file that is not a database, keeping its bytes in a raw safety copy', async () => {
    const { path, backups, backupPath } = await withBackup();
    writeFileSync(path, 'garbage '.repeat(1000));
    writeFileSync(`${path}-journal`, 'stale journal of the garbage');
    const report = await restoreBackup(path, backupPath, { dir: backups });
    expect(report.method).toBe('replaced');
    expect(dumpDatabase(path)).toEqual(dumpDatabase(backupPath));
    expect(report.safetyBackup?.reason).toBe('pre-restore-raw');
    expect(readFileSync(report.safetyBackup?.path ?? '', 'utf8')).toBe('garbage '.repeat(1000));
  });

  it('keeps a rollback-journal database in that mode when the backup file is a WAL database', async () => {
    const { dir, path, backups } = await withBackup('delete');
    const foreign = join(dir, 'foreign-wal.db');
    const source = new DatabaseSync(foreign);
    source.exec('PRAGMA journal_mode = WAL; CREATE TABLE t (x); INSERT INTO t VALUES (42);');
    source.close();
    await restoreBackup(path, foreign, { dir: backups });
    const db = new DatabaseSync(path);
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'delete' });
    expect(db.prepare('SELECT x FROM t').all()).toEqual([{ x: 42 }]);
    db.close();
  });

  it('never lets retention delete the backup being restored', async () => {
    const { path, backups, backupPath } = await withBackup();
    const db = new DatabaseSync(path);
    for (let i = 0; i < 3; i++)
      await createBackup(db, { dir: backups, databasePath: path, reason: `later${i}` });
    db.close();
    await restoreBackup(path, backupPath, { dir: backups, keep: 2 });
    const kept = listBackups(backups, path).map((b) => b.path);
    expect(kept).toContain(backupPath);
    expect(kept).toHaveLength(3); // the newest two (one is the safety backup) + the restored one
  });

  it('waits for another process to release its lock, and gives up with a locked hint after the timeout', async () => {
    const { path, backups, backupPath } = await withBackup();
    const holdFor = async (ms: number) => {
      const child = spawn(
        process.execPath,
        [
          '-e',
          `const { DatabaseSync } = require('node:sqlite');
           const db = new DatabaseSync(${JSON.stringify(path)});
           db.exec('BEGIN IMMEDIATE'); db.exec("INSERT INTO items (label) VALUES ('held')");
           console.log('locked');
           setTimeout(() => { db.exec('ROLLBACK'); db.close(); }, ${ms});`,
        ],
        { stdio: ['ignore', 'pipe', 'inherit'] },
      );
      await new Promise<void>((ready) => child.stdout.once('data', () => ready()));
      // Wrapped: an async function returning a promise would make the caller wait for the exit.
      return { exited: new Promise<number | null>((done) => child.on('exit', done)) };
    };

    const longHold = await holdFor(1500);
    const before = fileFingerprint(path);
    const attempt = restoreBackup(path, backupPath, {
      dir: backups,
      busyTimeoutMs: 200,
      safetyBackup: false,
    });
    await expect(attempt).rejects.toMatchObject({
      code: 'database_locked',
      message: expect.stringContaining('locked by another process'),
    });
    expect(fileFingerprint(path)).toBe(before);
    expect(await longHold.exited).toBe(0);

    diverge(path);
    const shortHold = await holdFor(300);
    const report = await restoreBackup(path, backupPath, {
      dir: backups,
      busyTimeoutMs: 5000,
      safetyBackup: false,
    });
    expect(report.method).toBe('online');
    expect(dumpDatabase(path)).toEqual(dumpDatabase(backupPath));
    expect(await shortHold.exited).toBe(0);
  });

  it('is database_locked when a writer holds the database, and leaves no safety backup behind', async () => {
    const { path, backups, backupPath } = await withBackup();
    diverge(path);
    const listed = listBackups(backups, path);
    const before = fileFingerprint(path);
    const holder = await holdWriteLock(path);
    try {
      const attempt = restoreBackup(path, backupPath, { dir: backups, busyTimeoutMs: 200 });
      await expect(attempt).rejects.toBeInstanceOf(DatabaseError);
      await expect(attempt).rejects.toMatchObject({ code: 'database_locked', database: path });
    } finally {
      await holder.release();
    }
    // The numbers `gao-db restore N` uses are unchanged, so a retry restores the same backup.
    expect(listBackups(backups, path)).toEqual(listed);
    expect(fileFingerprint(path)).toBe(before);
  });

  it('waits for a reader of a rollback-journal database, then restores or says it is locked', async () => {
    const { path, backups, backupPath } = await withBackup('delete');
    diverge(path);
    const listed = listBackups(backups, path);
    const longRead = await holdRead(path, 2000);
    const started = performance.now();
    const attempt = restoreBackup(path, backupPath, { dir: backups, busyTimeoutMs: 400 });
    await expect(attempt).rejects.toMatchObject({
      code: 'database_locked',
      message: `The database ${path} is locked by another process; nothing was restored.`,
    });
    expect(performance.now() - started).toBeGreaterThanOrEqual(350);
    expect(listBackups(backups, path)).toEqual(listed);
    expect(await longRead.exited).toBe(0);

    const shortRead = await holdRead(path, 300);
    const report = await restoreBackup(path, backupPath, { dir: backups, busyTimeoutMs: 5000 });
    expect(report.method).toBe('online');
    expect(dumpDatabase(path)).toEqual(dumpDatabase(backupPath));
    expect(await shortRead.exited).toBe(0);
  });
});

/** Another process holding a read transaction (a shared lock in rollback-journal mode) for `ms`. */
async function holdRead(path: string, ms: number): Promise<{ exited: Promise<number | null> }> {
  const child = spawn(
    process.execPath,
    [
      '-e',
      `const { DatabaseSync } = require('node:sqlite');
       const db = new DatabaseSync(${JSON.stringify(path)});
       db.exec('BEGIN'); db.prepare('SELECT count(*) FROM items').get();
       console.log('reading');
       setTimeout(() => { db.exec('COMMIT'); db.close(); }, ${ms});`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise<void>((ready) => child.stdout.once('data', () => ready()));
  return { exited: new Promise<number | null>((done) => child.on('exit', done)) };
}
