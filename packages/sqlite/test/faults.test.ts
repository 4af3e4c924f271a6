import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { testdir, writeTree } from '@gao/tooling/test-utils';
import { describe, expect, it, onTestFinished } from 'vitest';
import { corruptPage, fileFingerprint } from './helpers/db-snapshot.ts';
import { readMigrationState } from './helpers/db-state.ts';
import { holdWriteLock } from './helpers/lock-holder.ts';
import { canMountTmpfs } from './helpers/mount.ts';
import { runWorker, type WorkerExit } from './helpers/spawn-worker.ts';
import type { WorkerJob } from './helpers/worker-job.ts';

const NOBODY = 65534;
const isRoot = process.getuid?.() === 0;

const FIRST = {
  '001_create_items.sql':
    "CREATE TABLE items (id INTEGER PRIMARY KEY, label TEXT);\nINSERT INTO items (label) VALUES ('a');\n",
};
const SECOND = {
  '002_fill.sql': `CREATE TABLE filler (n INTEGER, pad TEXT);
WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < 20000)
INSERT INTO filler SELECT i, printf('%0100d', i) FROM r;
`,
};

/** A database with 001 applied, and a migrations folder where 002 is pending. */
async function migratedOnce(dir: string): Promise<{ database: string; migrationsDir: string }> {
  const migrationsDir = join(dir, 'migrations');
  const database = join(dir, 'app.db');
  writeTree(migrationsDir, FIRST);
  const first = await runWorker({ action: 'migrate', database, migrationsDir, busyTimeoutMs: 1000 });
  expect(first.code, first.stderr).toBe(0);
  writeTree(migrationsDir, SECOND);
  return { database, migrationsDir };
}

function job(database: string, migrationsDir: string, action: WorkerJob['action'] = 'migrate'): WorkerJob {
  return { action, database, migrationsDir, busyTimeoutMs: 300 };
}

function describeExit(exit: WorkerExit): string {
  return `exit ${exit.code ?? exit.signal}: ${JSON.stringify(exit.error)} ${exit.stderr.slice(0, 400)}`;
}

/** Lets the unprivileged user reach files in `dir` (testdir() makes it 0700 root). */
function openUp(dir: string): void {
  chmodSync(dir, 0o755);
}

describe('faults: a clear error code, a non-zero exit, and nothing changed', () => {
  it('a file that is not a database -> not_a_database', async () => {
    const dir = testdir();
    const migrationsDir = join(dir, 'migrations');
    writeTree(migrationsDir, FIRST);
    const database = join(dir, 'notes.db');
    writeFileSync(database, 'These are my notes, not a database.\n'.repeat(200));
    const before = fileFingerprint(database);
    const exit = await runWorker(job(database, migrationsDir));
    expect(exit.code, describeExit(exit)).toBe(2);
    expect(exit.error?.code).toBe('not_a_database');
    expect(fileFingerprint(database)).toBe(before);
  });

  it('a corrupted page -> database_corrupt, schema and history unchanged', async () => {
    const dir = testdir();
    const { database, migrationsDir } = await migratedOnce(dir);
    // Fill the database, then damage a page in the middle of the data, as disk damage would.
    writeTree(migrationsDir, {
      '002_fill.sql': SECOND['002_fill.sql'],
    });
    const filled = await runWorker(job(database, migrationsDir));
    expect(filled.code, describeExit(filled)).toBe(0);
    writeTree(migrationsDir, { '003_index_filler.sql': 'CREATE INDEX filler_pad ON filler (pad);\n' });
    const pages = (() => {
      const db = new DatabaseSync(database, { readOnly: true });
      const n = (db.prepare('PRAGMA page_count').get() as { page_count: number }).page_count;
      db.close();
      return n;
    })();
    const before = readMigrationState(database);
    corruptPage(database, Math.floor(pages / 2));
    const exit = await runWorker(job(database, migrationsDir));
    expect(exit.code, describeExit(exit)).toBe(2);
    expect(exit.error?.code, describeExit(exit)).toBe('database_corrupt');
    expect(readMigrationState(database)).toEqual(before);
  });

  it('a path that does not exist: inspect reports database_not_found, plan is a dry run; neither creates it', async () => {
    const dir = testdir();
    const migrationsDir = join(dir, 'migrations');
    writeTree(migrationsDir, FIRST);
    for (const database of [join(dir, 'missing.db'), join(dir, 'no-such-folder', 'app.db')]) {
      const inspect = await runWorker(job(database, migrationsDir, 'inspect'));
      expect(inspect.code, describeExit(inspect)).toBe(2);
      expect(inspect.error?.code).toBe('database_not_found');
      // planMigrate on a missing database plans a first deployment against an empty history.
      const plan = await runWorker(job(database, migrationsDir, 'plan'));
      expect(plan.code, describeExit(plan)).toBe(0);
    }
    expect(readdirSync(dir)).toEqual(['migrations']);
  });

  it('locked by another process past the busy timeout -> database_locked', async () => {
    const dir = testdir();
    const { database, migrationsDir } = await migratedOnce(dir);
    const before = readMigrationState(database);
    const holder = await holdWriteLock(database);
    const started = Date.now();
    const exit = await runWorker(job(database, migrationsDir));
    const waited = Date.now() - started;
    expect(await holder.release()).toBe(0);
    expect(exit.code, describeExit(exit)).toBe(2);
    expect(exit.error).toMatchObject({
      code: 'database_locked',
      message: expect.stringContaining('locked by another process'),
    });
    expect(waited).toBeGreaterThanOrEqual(300); // it did wait for the busy timeout
    expect(readMigrationState(database)).toEqual(before);
  });

  describe.skipIf(!isRoot)('as an unprivileged user (root ignores file modes)', () => {
    it('a read-only database file -> database_readonly', async () => {
      const dir = testdir();
      const { database, migrationsDir } = await migratedOnce(dir);
      openUp(dir);
      chownSync(dir, NOBODY, NOBODY); // the folder is writable: only the file is read-only
      chownSync(database, NOBODY, NOBODY);
      chmodSync(database, 0o444);
      const before = fileFingerprint(database);
      const exit = await runWorker(job(database, migrationsDir), { uid: NOBODY, gid: NOBODY });
      expect(exit.code, describeExit(exit)).toBe(2);
      expect(exit.error?.code, describeExit(exit)).toBe('database_readonly');
      expect(fileFingerprint(database)).toBe(before);
    });

    it('a read-only folder (no room for the journal) -> database_readonly', async () => {
      const dir = testdir();
      const { database, migrationsDir } = await migratedOnce(dir);
      openUp(dir); // root-owned 0755: nobody cannot create app.db-journal here
      chownSync(database, NOBODY, NOBODY);
      chmodSync(database, 0o644);
      const before = readMigrationState(database);
      const bytes = fileFingerprint(database);
      const exit = await runWorker(job(database, migrationsDir), { uid: NOBODY, gid: NOBODY });
      expect(exit.code, describeExit(exit)).toBe(2);
      expect(exit.error?.code, describeExit(exit)).toBe('database_readonly');
      expect(fileFingerprint(database)).toBe(bytes);
      expect(readMigrationState(database)).toEqual(before);
    });

    it('a worker as nobody can migrate when it may write (the set-up itself is sound)', async () => {
      const dir = testdir();
      const { database, migrationsDir } = await migratedOnce(dir);
      openUp(dir);
      chownSync(dir, NOBODY, NOBODY);
      chownSync(database, NOBODY, NOBODY);
      const exit = await runWorker(job(database, migrationsDir), { uid: NOBODY, gid: NOBODY });
      expect(exit.code, describeExit(exit)).toBe(0);
    });
  });

  describe('a full disk', () => {
    it('a migration that sets PRAGMA max_page_count (a per-connection cap) -> disk_full, schema unchanged', async () => {
      const dir = testdir();
      const { database, migrationsDir } = await migratedOnce(dir);
      // max_page_count applies to the connection that sets it, so the migration sets it on the runner's
      // own connection: the following insert then hits SQLITE_FULL inside the runner's transaction.
      writeTree(migrationsDir, {
        '002_fill.sql': `PRAGMA max_page_count = 8;\n${SECOND['002_fill.sql']}`,
      });
      const before = readMigrationState(database);
      const exit = await runWorker(job(database, migrationsDir));
      expect(exit.code, describeExit(exit)).toBe(2);
      expect(exit.error?.code, describeExit(exit)).toBe('disk_full');
      expect(readMigrationState(database)).toEqual(before);
    });

    const canMount = isRoot && canMountTmpfs();
    it.skipIf(!canMount)(
      'a real full file system (a 1 MiB tmpfs) -> disk_full, schema unchanged',
      async () => {
        const dir = testdir();
        const mount = join(dir, 'small');
        mkdirSync(mount);
        execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', mount]);
        onTestFinished(() => {
          execFileSync('umount', ['-l', mount]);
        });
        const migrationsDir = join(dir, 'migrations');
        const database = join(mount, 'app.db');
        writeTree(migrationsDir, FIRST);
        const first = await runWorker(job(database, migrationsDir));
        expect(first.code, describeExit(first)).toBe(0);
        writeTree(migrationsDir, SECOND); // ~2.5 MB of rows: does not fit
        const before = readMigrationState(database);
        const exit = await runWorker(job(database, migrationsDir));
        expect(exit.code, describeExit(exit)).toBe(2);
        expect(exit.error?.code, describeExit(exit)).toBe('disk_full');
        expect(readMigrationState(database)).toEqual(before);
        expect(existsSync(`${database}-journal`)).toBe(false);
      },
    );
  });
});
