import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { testdir, writeTree } from '@gao/tooling/test-utils';
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from 'vitest';
import { dumpDatabase, fileFingerprint } from '../test/helpers/db-snapshot.ts';
import { migratedFolder } from '../test/helpers/migrated-folder.ts';
import { canMountTmpfs } from '../test/helpers/mount.ts';
import { BackupError } from './backup-error.ts';
import { Migrator } from './migrator.ts';
import { rehearse } from './rehearse.ts';
import { rehearseOnCopy } from './rehearse-report.ts';

const BASE = { '001_base.sql': 'CREATE TABLE base (id INTEGER);\n' };
/** `max_page_count` caps the connection that sets it: here the rehearsal's own connection to the copy. */
const FILL_CAPPED =
  'PRAGMA max_page_count = 8;\nCREATE TABLE filler (pad TEXT);\nINSERT INTO filler VALUES (zeroblob(100000));\n';
/** About 2.5 MB of rows: more than a 1 MiB file system holds. */
const FILL_LARGE = `CREATE TABLE filler (n INTEGER, pad TEXT);
WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < 20000)
INSERT INTO filler SELECT i, printf('%0100d', i) FROM r;
`;

let saved: string | undefined;
beforeEach(() => {
  saved = process.env.TMPDIR;
});
afterEach(() => {
  if (saved === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = saved;
});

/** Sends the rehearsal copies (made in `os.tmpdir()`) to `dir`. */
function copiesIn(dir: string): () => string[] {
  process.env.TMPDIR = dir;
  return () => readdirSync(dir).filter((name) => name.startsWith('gao-db-rehearsal-'));
}

/** A tmpfs of `size` mounted in a new folder of the test's, unmounted when the test ends. */
function smallDisk(size: string): string {
  const mount = join(testdir(), 'small');
  mkdirSync(mount);
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', mount]);
  onTestFinished(() => {
    execFileSync('umount', ['-l', mount]);
  });
  return mount;
}

const mountable = canMountTmpfs();

describe('a full disk while a rehearsed migration runs on the copy', () => {
  it('fails that step in the report with the reason and what to do; the database is untouched and the copy gone', async () => {
    const { database, migrationsDir } = await migratedFolder(BASE, 'delete');
    writeTree(migrationsDir, { '002_fill.sql': FILL_CAPPED });
    const temp = testdir();
    const copies = copiesIn(temp);
    const before = fileFingerprint(database);
    const content = dumpDatabase(database);

    const report = await rehearse({ database, migrationsDir });

    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([]);
    expect(report.steps.map((step) => [step.version, step.name, step.ok])).toEqual([[2, 'fill', false]]);
    const error = report.steps[0]?.error ?? '';
    expect(error).toContain('Migration 2 (fill) ran out of room on the rehearsal copy');
    expect(error).toContain('PRAGMA max_page_count');
    expect(error).toContain(`Free space in ${temp}, or set TMPDIR`);
    expect(error).toContain(`${database} was not changed`);
    // The copy's own path (a folder that no longer exists) is not what the user is told about.
    expect(error).not.toContain('gao-db-rehearsal-');
    expect(report.integrityCheck).toEqual(['ok']);
    expect(fileFingerprint(database)).toBe(before);
    expect(dumpDatabase(database)).toEqual(content);
    expect(copies()).toEqual([]);
  });

  it('fails the down part of a round trip that fills the copy, after the up parts passed', async () => {
    const { database, migrationsDir } = await migratedFolder(BASE, 'wal');
    writeTree(migrationsDir, {
      '002_fill.sql': `-- migrate:up\nCREATE TABLE filler (pad TEXT);\n-- migrate:down\n${FILL_CAPPED.replace('CREATE TABLE filler (pad TEXT);\n', '')}DROP TABLE filler;\n`,
    });
    const copies = copiesIn(testdir());
    const before = fileFingerprint(database);

    const report = await rehearse({ database, migrationsDir, roundTrip: true });

    expect(report.ok).toBe(false);
    expect(report.steps.map((step) => [step.version, step.ok])).toEqual([[2, true]]);
    expect(report.roundTrip?.down.map((step) => [step.version, step.ok])).toEqual([[2, false]]);
    expect(report.roundTrip?.down[0]?.error).toContain('Migration 2 (fill) ran out of room');
    expect(report.roundTrip?.upAgain).toEqual([]);
    expect(fileFingerprint(database)).toBe(before);
    expect(copies()).toEqual([]);
  });

  it('fails a down part of a rollback rehearsal that fills the copy', async () => {
    const files = {
      ...BASE,
      '002_keep.sql': `-- migrate:up\nCREATE TABLE keep (id INTEGER);\n-- migrate:down\n${FILL_CAPPED}DROP TABLE keep;\n`,
    };
    const { database, migrationsDir } = await migratedFolder(files, 'delete');
    const copies = copiesIn(testdir());
    const before = fileFingerprint(database);
    const migrator = new Migrator({ database, migrationsDir, backup: false });
    onTestFinished(() => migrator.close());

    const report = await migrator.rehearseRollback({ count: 1 });

    expect(report.ok).toBe(false);
    expect(report.steps.map((step) => [step.version, step.ok])).toEqual([[2, false]]);
    expect(report.steps[0]?.error).toContain('Migration 2 (keep) ran out of room on the rehearsal copy');
    expect(fileFingerprint(database)).toBe(before);
    expect(copies()).toEqual([]);
  });

  it.skipIf(!mountable)(
    'a real full file system under the copy (a 1 MiB tmpfs as TMPDIR) -> the step fails in the report',
    async () => {
      const { database, migrationsDir } = await migratedFolder(BASE, 'delete');
      writeTree(migrationsDir, { '002_fill.sql': FILL_LARGE });
      const disk = smallDisk('1m');
      const copies = copiesIn(disk);
      const before = fileFingerprint(database);

      // SQLite writes the pages at COMMIT here: the disk fills after the migration's SQL returned.
      const report = await rehearse({ database, migrationsDir });

      expect(report.ok).toBe(false);
      expect(report.steps.map((step) => [step.version, step.ok])).toEqual([[2, false]]);
      expect(report.steps[0]?.error).toContain('Migration 2 (fill) ran out of room on the rehearsal copy');
      expect(report.steps[0]?.error).toContain(`Free space in ${disk}`);
      expect(fileFingerprint(database)).toBe(before);
      expect(copies()).toEqual([]);
    },
  );
});

describe('a full disk while the rehearsal copy is made', () => {
  it('outside any migration (the runner filling the copy itself) is a BackupError, not a raw SQLite error', async () => {
    const { database } = await migratedFolder(BASE, 'delete');
    const temp = testdir();
    const copies = copiesIn(temp);
    const before = fileFingerprint(database);

    const error = await rehearseOnCopy(database, async (copy) => {
      const db = new DatabaseSync(copy);
      try {
        db.exec(FILL_CAPPED);
      } finally {
        db.close();
      }
      return { steps: [], problems: [] };
    }).catch((thrown: unknown) => thrown);

    expect(error).toBeInstanceOf(BackupError);
    expect((error as BackupError).message).toBe(
      `The rehearsal copy of ${database} could not be written in ${temp}: the disk there is full.`,
    );
    expect(fileFingerprint(database)).toBe(before);
    expect(copies()).toEqual([]);
  });

  it.skipIf(!mountable)(
    'is a BackupError naming the rehearsal copy and where it was written; nothing is left behind',
    async () => {
      const { database, migrationsDir } = await migratedFolder(BASE, 'wal');
      const data = new DatabaseSync(database);
      // About 300 KB: more than the 64 KiB file system under the copy holds.
      data.exec(
        'CREATE TABLE big (x BLOB); WITH RECURSIVE r(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM r WHERE i < 300) INSERT INTO big SELECT zeroblob(1000) FROM r;',
      );
      data.close();
      writeTree(migrationsDir, { '002_more.sql': 'CREATE TABLE more (id INTEGER);\n' });
      const disk = smallDisk('64k');
      const copies = copiesIn(disk);
      const before = fileFingerprint(database);

      const error = await rehearse({ database, migrationsDir }).catch((thrown: unknown) => thrown);

      expect(error).toBeInstanceOf(BackupError);
      expect((error as BackupError).code).toBe('backup_failed');
      expect((error as BackupError).message).toBe(
        `The rehearsal copy of ${database} could not be written in ${disk}: the disk there is full.`,
      );
      expect((error as BackupError).path).toBe(disk);
      expect((error as BackupError).hint).toContain('set TMPDIR');
      expect(fileFingerprint(database)).toBe(before);
      expect(copies()).toEqual([]);
    },
  );
});
