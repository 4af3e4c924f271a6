import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { testdir } from '@gao/tooling/test-utils';
import { describe, expect, it } from 'vitest';
import { dumpConnection, dumpDatabase, openImmutableForTest } from '../test/helpers/db-snapshot.ts';
import { BackupError, createBackup, listBackups } from './backup.ts';
import { DatabaseError } from './errors.ts';

function seeded(dir: string, journalMode: 'wal' | 'delete'): { path: string; db: DatabaseSync } {
  const path = join(dir, 'app.db');
  const db = new DatabaseSync(path);
  db.exec(`PRAGMA journal_mode = ${journalMode}`);
  db.exec(`CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE);
    CREATE INDEX users_email ON users (email);
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
    INSERT INTO users (email) SELECT 'user' || i || '@example.com' FROM n;`);
  return { path, db };
}

/** A clock that moves one second per call, starting at `start`. */
function ticking(start = Date.parse('2026-11-24T07:58:00.000Z')): () => Date {
  let t = start;
  return () => {
    t += 1000;
    return new Date(t);
  };
}

describe('createBackup', () => {
  it.each(['wal', 'delete'] as const)(
    'writes a consistent, self-contained 0600 copy (%s mode, source mode 0644)',
    async (mode) => {
      const dir = testdir();
      const { path, db } = seeded(dir, mode);
      expect(statSync(path).mode & 0o777).toBe(0o644); // umask 022: the backup must not inherit this
      const info = await createBackup(db, {
        dir: join(dir, 'backups'),
        databasePath: path,
        reason: 'pre-migrate',
      });

      expect(statSync(info.path).mode & 0o777).toBe(0o600);
      expect(statSync(join(dir, 'backups')).mode & 0o777).toBe(0o700);
      expect(info.path).toMatch(
        /backups\/app\.db\.\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z\.pre-migrate\.bak$/,
      );
      expect(info.sizeBytes).toBe(statSync(info.path).size);
      expect(info.reason).toBe('pre-migrate');
      const copy = openImmutableForTest(info.path);
      expect(dumpConnection(copy)).toEqual(dumpConnection(db));
      expect(copy.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'delete' });
      copy.close();
      // One file: no -wal/-shm/-journal left next to it.
      expect(readdirSync(join(dir, 'backups'))).toEqual([info.path.split('/').pop()]);
      db.close();
    },
  );

  it('includes writes still in the WAL of another connection', async () => {
    const dir = testdir();
    const { path, db } = seeded(dir, 'wal');
    const writer = new DatabaseSync(path);
    writer.exec("PRAGMA wal_autocheckpoint = 0; INSERT INTO users (email) VALUES ('late@example.com')");
    const info = await createBackup(db, { dir, databasePath: path, reason: 'x' });
    const copy = openImmutableForTest(info.path);
    expect(copy.prepare("SELECT count(*) AS n FROM users WHERE email = 'late@example.com'").get()).toEqual({
      n: 1,
    });
    copy.close();
    writer.close();
    db.close();
  });

  it('refuses to run inside a transaction and leaves no file', async () => {
    const dir = testdir();
    const { path, db } = seeded(dir, 'delete');
    db.exec('BEGIN IMMEDIATE');
    const attempt = createBackup(db, { dir: join(dir, 'backups'), databasePath: path, reason: 'x' });
    await expect(attempt).rejects.toBeInstanceOf(BackupError);
    await expect(attempt).rejects.toMatchObject({
      code: 'backup_failed',
      hint: expect.stringContaining('before BEGIN'),
    });
    db.exec('ROLLBACK');
    expect(listBackups(join(dir, 'backups'), path)).toEqual([]);
    db.close();
  });

  it('fails with backup_failed when the folder cannot be created, and for :memory:', async () => {
    const dir = testdir({ 'not-a-folder': 'x' });
    const { path, db } = seeded(dir, 'delete');
    const blocked = createBackup(db, {
      dir: join(dir, 'not-a-folder', 'sub'),
      databasePath: path,
      reason: 'x',
    });
    await expect(blocked).rejects.toMatchObject({
      code: 'backup_failed',
      path: join(dir, 'not-a-folder', 'sub'),
      message: expect.stringContaining('a file is in the way'),
    });
    const memory = createBackup(db, { dir, databasePath: ':memory:', reason: 'x' });
    await expect(memory).rejects.toMatchObject({ code: 'backup_failed' });
    db.close();
  });

  it.each([
    ['not a database', 'not_a_database', (path: string) => writeFileSync(path, 'junk\n')],
    [
      'corrupt',
      'database_corrupt',
      (path: string) => {
        const bytes = readFileSync(path);
        bytes.fill(0xab, 100, 4096); // page 1 after the header: the schema is unreadable
        writeFileSync(path, bytes);
      },
    ],
  ])('says the database is %s (a DatabaseError), and writes no file', async (_what, code, damage) => {
    const dir = testdir();
    const { path, db } = seeded(dir, 'delete');
    db.close();
    damage(path);
    const reader = new DatabaseSync(path, { readOnly: true });
    const attempt = createBackup(reader, { dir: join(dir, 'backups'), databasePath: path, reason: 'x' });
    await expect(attempt).rejects.toBeInstanceOf(DatabaseError);
    await expect(attempt).rejects.toMatchObject({ code, database: path });
    reader.close();
    expect(readdirSync(dir)).toEqual(['app.db']); // not even the backups folder
  });

  it('keeps the newest `keep` backups and never touches files that are not ours', async () => {
    const dir = testdir();
    const backups = join(dir, 'backups');
    const { path, db } = seeded(dir, 'delete');
    const foreign = [
      'other.db.2020-01-01T00-00-00-000Z.pre-migrate.bak', // another database's backup
      'app.db.manual-copy.bak',
      'notes.txt',
      'app.db.2020-01-01T00-00-00-000Z.pre-migrate.bak-journal-ish',
    ];
    testdirWrite(backups, foreign);
    const now = ticking();
    const made = [];
    for (let i = 0; i < 5; i++) {
      made.push(await createBackup(db, { dir: backups, databasePath: path, reason: `r${i}`, keep: 3, now }));
    }
    const listed = listBackups(backups, path);
    expect(listed.map((b) => b.reason)).toEqual(['r4', 'r3', 'r2']);
    expect(listed.map((b) => b.path)).toEqual([made[4]?.path, made[3]?.path, made[2]?.path]);
    expect(listed[0]?.createdAt).toBe('2026-11-24T07:58:05.000Z');
    for (const name of foreign) expect(readFileSync(join(backups, name), 'utf8')).toBe(name);
    db.close();
  });

  it('gives two backups in the same millisecond distinct names, newest first', async () => {
    const dir = testdir();
    const { path, db } = seeded(dir, 'delete');
    const now = () => new Date('2026-11-24T07:58:00.000Z');
    const first = await createBackup(db, { dir, databasePath: path, reason: 'same', now });
    const second = await createBackup(db, { dir, databasePath: path, reason: 'same', now });
    expect(second.path).not.toBe(first.path);
    expect(listBackups(dir, path).map((b) => b.path)).toEqual([second.path, first.path]);
    db.close();
  });

  it('rejects a keep that is not a positive integer before writing anything', async () => {
    const dir = testdir();
    const { path, db } = seeded(dir, 'delete');
    await expect(createBackup(db, { dir, databasePath: path, reason: 'x', keep: 0 })).rejects.toThrow(
      RangeError,
    );
    expect(listBackups(dir, path)).toEqual([]);
    db.close();
  });
});

describe('listBackups', () => {
  it('is empty for a folder that does not exist', () => {
    expect(listBackups('/nonexistent/gao-db/backups', '/x/app.db')).toEqual([]);
  });

  it('is a backup_failed naming the folder when a file stands where the folder should be', () => {
    const dir = testdir({ backups: '' });
    const attempt = () => listBackups(join(dir, 'backups'), join(dir, 'app.db'));
    expect(attempt).toThrow(BackupError);
    expect(attempt).toThrow(expect.objectContaining({ code: 'backup_failed', path: join(dir, 'backups') }));
    expect(attempt).toThrow(`The backups folder ${join(dir, 'backups')} is not a folder`);
  });

  it('lists a database backup next to its dump equal to the source', async () => {
    const dir = testdir();
    const { path, db } = seeded(dir, 'wal');
    const info = await createBackup(db, { dir, databasePath: path, reason: 'x' });
    db.close();
    expect(listBackups(dir, path)).toEqual([info]);
    const copy = openImmutableForTest(info.path);
    expect(dumpDatabase(path)).toEqual(dumpConnection(copy));
    copy.close();
  });
});

function testdirWrite(folder: string, names: readonly string[]): void {
  mkdirSync(folder, { recursive: true });
  for (const name of names) writeFileSync(join(folder, name), name);
}
