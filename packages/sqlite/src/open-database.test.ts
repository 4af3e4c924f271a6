import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { testdir } from '@gao/tooling/test-utils';
import { describe, expect, it, onTestFinished } from 'vitest';
import { classifySqliteError, isSqliteError, withDatabaseErrors } from './database-errors.ts';
import { DatabaseError } from './errors.ts';
import { commit } from './lock.ts';
import { openDatabase } from './open-database.ts';
import { readSet } from './read-set.ts';

const context = (database: string) => ({ database, busyTimeoutMs: 250 });

function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

function databaseError(fn: () => unknown): DatabaseError {
  const error = thrown(fn);
  expect(error).toBeInstanceOf(DatabaseError);
  return error as DatabaseError;
}

function opened(path: string, options: ConstructorParameters<typeof DatabaseSync>[1] = {}): DatabaseSync {
  const db = new DatabaseSync(path, options);
  onTestFinished(() => {
    if (db.isOpen) db.close();
  });
  return db;
}

describe('openDatabase', () => {
  it('read mode refuses a missing file and does not create it', () => {
    const path = join(testdir(), 'missing.db');
    const error = databaseError(() => openDatabase(path, { mode: 'read', busyTimeoutMs: 0 }));
    expect(error.code).toBe('database_not_found');
    expect(error.message).toBe(`The database ${path} does not exist.`);
    expect(existsSync(path)).toBe(false);
  });

  it('write mode creates the file', () => {
    const path = join(testdir(), 'new.db');
    openDatabase(path, { mode: 'write', busyTimeoutMs: 0 }).close();
    expect(existsSync(path)).toBe(true);
  });

  it('read mode cannot write', () => {
    const path = join(testdir(), 'app.db');
    opened(path).exec('CREATE TABLE t (id INTEGER)');
    const db = openDatabase(path, { mode: 'read', busyTimeoutMs: 0 });
    onTestFinished(() => db.close());
    const error = databaseError(() =>
      withDatabaseErrors(context(path), () => db.exec('INSERT INTO t VALUES (1)')),
    );
    expect(error.code).toBe('database_readonly');
    expect(error.message).toBe(`The database ${path} is read-only (attempt to write a readonly database).`);
  });

  it('finds a file that is not a database when opening (errcode 26)', () => {
    const path = join(testdir(), 'notes.db');
    writeFileSync(path, 'These are my notes, not a database. '.repeat(20));
    for (const mode of ['read', 'write'] as const) {
      const error = databaseError(() => openDatabase(path, { mode, busyTimeoutMs: 0 }));
      expect(error.code).toBe('not_a_database');
      expect(error.message).toBe(`${path} is not a SQLite database.`);
      expect(isSqliteError(error.cause) && error.cause.errcode).toBe(26);
    }
    expect(readFileSync(path, 'utf8')).toMatch(/^These are my notes/);
  });

  it('a missing folder is database_not_found', () => {
    const path = join(testdir(), 'no', 'such', 'app.db');
    const error = databaseError(() => openDatabase(path, { mode: 'write', busyTimeoutMs: 0 }));
    expect(error.code).toBe('database_not_found');
    expect(error.message).toBe(`The folder of ${path} does not exist.`);
  });

  it.each(['write', 'read'] as const)('a folder in place of the file is not_a_database (%s mode)', (mode) => {
    const path = testdir();
    const error = databaseError(() => openDatabase(path, { mode, busyTimeoutMs: 0 }));
    expect(error.code).toBe('not_a_database');
    expect(error.message).toBe(`The database path ${path} is a folder, not a file.`);
  });

  it('opens :memory: read-write in either mode', () => {
    const db = openDatabase(':memory:', { mode: 'read', busyTimeoutMs: 0 });
    db.exec('CREATE TABLE t (id INTEGER)');
    db.close();
  });
});

describe('classifySqliteError', () => {
  it('locked by another process (errcode 5) mentions --busy-timeout', () => {
    const path = join(testdir(), 'app.db');
    opened(path).exec('CREATE TABLE t (id INTEGER); BEGIN IMMEDIATE; INSERT INTO t VALUES (1);');
    const other = opened(path, { timeout: 10 });
    const error = databaseError(() => withDatabaseErrors(context(path), () => other.exec('BEGIN IMMEDIATE')));
    expect(error.code).toBe('database_locked');
    expect(error.message).toBe(`The database ${path} is locked by another process.`);
    expect(error.hint).toBe(
      'Another gao-db or the application holds the lock. Wait for it to finish, or raise --busy-timeout (now 250 ms).',
    );
  });

  it('a full disk (errcode 13) is disk_full', () => {
    const path = join(testdir(), 'app.db');
    const db = opened(path);
    db.exec('CREATE TABLE t (x BLOB); PRAGMA max_page_count = 3;');
    const error = databaseError(() =>
      withDatabaseErrors(context(path), () => db.prepare('INSERT INTO t VALUES (zeroblob(100000))').run()),
    );
    expect(error.code).toBe('disk_full');
    expect(error.message).toBe(`The disk holding ${path} is full.`);
  });

  it('a corrupt page (errcode 11) is database_corrupt', () => {
    const path = join(testdir(), 'app.db');
    const db = opened(path);
    db.exec('PRAGMA page_size = 1024; CREATE TABLE t (x TEXT);');
    for (let i = 0; i < 50; i++) db.prepare('INSERT INTO t VALUES (hex(randomblob(200)))').run();
    db.close();
    const bytes = readFileSync(path);
    bytes.fill(0xff, 1024 * 2, 1024 * 3);
    writeFileSync(path, bytes);
    const broken = openDatabase(path, { mode: 'read', busyTimeoutMs: 0 });
    onTestFinished(() => broken.close());
    const error = databaseError(() =>
      withDatabaseErrors(context(path), () => broken.prepare('SELECT count(*) FROM t').all()),
    );
    expect(error.code).toBe('database_corrupt');
    expect(error.message).toMatch(new RegExp(`^The database ${path} is corrupt \\(.+\\)\\.$`));
  });

  it('leaves other errors alone', () => {
    const db = opened(':memory:');
    const error = thrown(() => db.exec('SELEKT 1'));
    expect(classifySqliteError(error, context(':memory:'))).toBeNull();
    expect(classifySqliteError(new Error('plain'), context(':memory:'))).toBeNull();
    expect(
      thrown(() => withDatabaseErrors(context(':memory:'), () => db.exec('SELEKT 1'))),
    ).not.toBeInstanceOf(DatabaseError);
  });
});

describe('commit', () => {
  it('refuses to commit a transaction SQLite already ended', () => {
    const db = opened(':memory:');
    db.exec('CREATE TABLE t (id INTEGER PRIMARY KEY); INSERT INTO t VALUES (1); BEGIN IMMEDIATE;');
    expect(() => db.exec('INSERT OR ROLLBACK INTO t VALUES (1)')).toThrow('UNIQUE constraint failed: t.id');
    expect(() => commit(db, context(':memory:'))).toThrow(
      'The transaction ended before gao-db could commit it (SQLite rolled it back).',
    );
  });
});

describe('readSet', () => {
  it('a migrations path that is a file is migrations_dir_not_found', () => {
    const file = join(testdir({ 'x.txt': 'x' }), 'x.txt');
    expect(() => readSet(file)).toThrow(`The migrations folder ${file} does not exist.`);
  });
});
