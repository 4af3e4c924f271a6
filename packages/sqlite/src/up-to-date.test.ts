import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { planMigrate } from '@gao/migrate-core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { holdWriteLock } from '../test/helpers/lock-holder.ts';
import { DatabaseError } from './errors.ts';
import { readHistory } from './history-store.ts';
import { migratorFixture } from './migrator.test-fixture.ts';
import { readSet } from './read-set.ts';
import { readHistoryShape } from './schema.ts';
import { provenUpToDate } from './up-to-date.ts';

const FILES = {
  '001_users.sql': 'CREATE TABLE users (id INTEGER PRIMARY KEY);\n-- migrate:down\nDROP TABLE users;\n',
  '002_posts.sql': 'CREATE TABLE posts (id INTEGER PRIMARY KEY);\r\n',
  '002_posts.down.sql': 'DROP TABLE posts;\n',
  '003_seed.mjs': "export function up(db) { db.exec('INSERT INTO users DEFAULT VALUES'); }\n",
  '004_bom.sql': '\uFEFFCREATE TABLE bom (id INTEGER);\n',
  'README.md': '# migrations\n',
};

/** The shortcut's answer for a fixture, on a fresh connection of the test's own. */
function provenFor(t: ReturnType<typeof migratorFixture>) {
  const db = t.raw();
  try {
    return provenUpToDate(db, { database: t.database, busyTimeoutMs: 1000 }, t.dir);
  } finally {
    db.close();
  }
}

/** A migrated fixture, and the shortcut's answer for it. */
async function migrated(files: Record<string, string> = FILES) {
  const t = migratorFixture(files);
  const report = await t.migrator.migrate();
  expect(report.ok).toBe(true);
  return { ...t, proven: () => provenFor(t) };
}

describe('provenUpToDate', () => {
  it('proves a migrated folder up to date: SQL, a .down.sql pair, code, a BOM, a README and a folder', async () => {
    const t = await migrated();
    mkdirSync(join(t.dir, '005_not_a_file.sql'));
    expect(t.proven()).toEqual({ finalVersion: 4 });
    const rows = t.query<{ file_checksum: string }>('SELECT file_checksum FROM schema_version');
    expect(rows.map((row) => row.file_checksum)).toEqual([
      expect.stringMatching(/^[0-9a-f]{64}$/),
      expect.stringMatching(/^[0-9a-f]{64}$/),
      expect.stringMatching(/^[0-9a-f]{64}$/),
      expect.stringMatching(/^[0-9a-f]{64}$/),
    ]);
  });

  it('proves an empty folder over empty tables at no version', async () => {
    const t = await migrated({});
    expect(t.tables()).toEqual(['schema_version', 'schema_version_events']);
    expect(t.proven()).toEqual({ finalVersion: null });
  });

  it.each<[string, (dir: string) => void]>([
    ['a new migration (pending)', (dir) => writeFileSync(join(dir, '005_more.sql'), 'SELECT 1;')],
    ['an applied file deleted', (dir) => rmSync(join(dir, '004_bom.sql'))],
    ['one byte of an applied file changed', (dir) => writeFileSync(join(dir, '001_users.sql'), 'SELECT 2;')],
    [
      'line endings changed only (the checksum still matches)',
      (dir) => writeFileSync(join(dir, '002_posts.sql'), 'CREATE TABLE posts (id INTEGER PRIMARY KEY);\n'),
    ],
    ['a .down.sql changed', (dir) => writeFileSync(join(dir, '002_posts.down.sql'), 'DROP TABLE posts ;\n')],
    ['a .down.sql removed', (dir) => rmSync(join(dir, '002_posts.down.sql'))],
    ['an orphan .down.sql', (dir) => writeFileSync(join(dir, '009_gone.down.sql'), 'SELECT 1;')],
    [
      'a second file of an applied version in place of a deleted one',
      (dir) => {
        rmSync(join(dir, '001_users.sql'));
        writeFileSync(join(dir, '4_bom.sql'), '\uFEFFCREATE TABLE bom (id INTEGER);\n');
      },
    ],
    ['the folder gone', (dir) => rmSync(dir, { recursive: true })],
  ])('cannot prove it with %s', async (_name, change) => {
    const t = await migrated();
    change(t.dir);
    expect(t.proven()).toBeUndefined();
  });

  it.each([
    ['a failed row', "UPDATE schema_version SET status = 'failed' WHERE version = '003'"],
    ['a row without a file checksum', "UPDATE schema_version SET file_checksum = NULL WHERE version = '002'"],
    ['a row that is not a number', "UPDATE schema_version SET version = 'x4' WHERE version = '004'"],
    // Edited by hand: the full path compares it with the file and refuses (checksum_mismatch) or fills it.
    ['a checksum edited by hand', "UPDATE schema_version SET checksum = 'deadbeef' WHERE version = '002'"],
    ['a checksum removed by hand', "UPDATE schema_version SET checksum = NULL WHERE version = '002'"],
    ['the event log missing', 'DROP TABLE schema_version_events'],
    ['no tables at all', 'DROP TABLE schema_version; DROP TABLE schema_version_events'],
  ])('cannot prove it with %s', async (_name, sql) => {
    const t = await migrated();
    const db = t.raw();
    db.exec(sql);
    db.close();
    expect(t.proven()).toBeUndefined();
  });

  it('cannot prove it with version 0, even when a row says it was applied', async () => {
    const t = await migrated();
    renameSync(join(t.dir, '004_bom.sql'), join(t.dir, '0_bom.sql'));
    const db = t.raw();
    db.exec("UPDATE schema_version SET version = '0' WHERE version = '004'");
    db.close();
    expect(t.proven()).toBeUndefined();
  });

  it('throws a fault of the database at once instead of trying the full path after it', async () => {
    const t = await migrated();
    // A reader is locked out by BEGIN EXCLUSIVE in rollback-journal mode: one wait, then the error.
    const holder = await holdWriteLock(t.database, 15_000, 'exclusive');
    const db = t.raw();
    let locked: unknown = null;
    try {
      provenUpToDate(db, { database: t.database, busyTimeoutMs: 200 }, t.dir);
    } catch (error) {
      locked = error;
    } finally {
      await holder.release();
    }
    expect(locked).toBeInstanceOf(DatabaseError);
    expect((locked as DatabaseError).code).toBe('database_locked');

    const view = await migrated();
    const viewDb = view.raw();
    viewDb.exec('DROP TABLE schema_version; CREATE VIEW schema_version AS SELECT 1 AS version');
    expect(() => provenUpToDate(viewDb, { database: view.database, busyTimeoutMs: 0 }, view.dir)).toThrow(
      expect.objectContaining({ code: 'unrecognised_schema_version' }),
    );
  });

  it('cannot prove it when the table predates file_checksum (and never changes it)', async () => {
    const t = await migrated();
    const db = t.raw();
    db.exec('ALTER TABLE schema_version DROP COLUMN file_checksum');
    const before = db.prepare('SELECT sql FROM sqlite_schema').all();
    expect(provenUpToDate(db, { database: t.database, busyTimeoutMs: 1000 }, t.dir)).toBeUndefined();
    expect(db.prepare('SELECT sql FROM sqlite_schema').all()).toEqual(before);
  });
});

describe('rows written by baseline and repair carry the file checksum too', () => {
  it('baseline, and accept-checksum after an edit, make the database provable again', async () => {
    const t = migratorFixture(FILES);
    expect((await t.migrator.baseline(4)).ok).toBe(true);
    const proven = () => provenFor(t);
    expect(proven()).toEqual({ finalVersion: 4 });
    writeFileSync(join(t.dir, '001_users.sql'), 'CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);');
    expect(proven()).toBeUndefined();
    expect((await t.migrator.repair(1, 'accept_checksum')).ok).toBe(true);
    expect(proven()).toEqual({ finalVersion: 4 });
  });
});

describe('migrate when the database is proved up to date', () => {
  it('reports and emits exactly what the planner would, without reading a migration', async () => {
    const t = await migrated();
    const planned = await t.migrator.planMigrate();
    t.events.length = 0;
    const report = await t.migrator.migrate();
    expect(planned.ok && planned.value.steps).toEqual([]);
    expect(report).toEqual({
      ok: true,
      plan: planned.ok && planned.value,
      steps: [],
      backup: null,
      finalVersion: 4,
    });
    expect(t.events.map((event) => event.type)).toEqual(['plan_ready', 'done']);
    expect(t.events[0]).toEqual({ type: 'plan_ready', plan: planned.ok && planned.value });
    // The same answer as the full path, which a row without a file checksum forces.
    const db = t.raw();
    db.exec("UPDATE schema_version SET file_checksum = NULL WHERE version = '001'");
    db.close();
    expect(await t.migrator.migrate()).toEqual(report);
  });

  it('still finds an edited applied migration (the full path runs and refuses)', async () => {
    const t = await migrated();
    writeFileSync(join(t.dir, '001_users.sql'), 'CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);');
    const report = await t.migrator.migrate();
    expect(report.ok === false && report.problems.map((problem) => problem.code)).toEqual([
      'checksum_mismatch',
    ]);
  });
});

/** What a folder and database can go through between two startups. */
const CHANGES = [
  'none',
  'add_readme',
  'add_pending',
  'edit_applied',
  'crlf_applied',
  'edit_down',
  'delete_applied',
  'orphan_down',
  'duplicate_version',
  'fail_row',
  'null_file_checksum',
  'zero_version',
] as const;

describe('provenUpToDate agrees with the planner', () => {
  it('whenever it proves a database up to date, planMigrate has nothing to run, record or warn', async () => {
    let proofs = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.uniqueArray(fc.constantFrom(...CHANGES), { maxLength: 3 }),
        async (count, changes) => {
          const files: Record<string, string> = {};
          for (let version = 1; version <= count; version++) {
            files[`00${version}_m.sql`] =
              `CREATE TABLE t${version} (id);\n-- migrate:down\nDROP TABLE t${version};\n`;
          }
          const t = await migrated(files);
          const db = t.raw();
          const last = join(t.dir, `00${count}_m.sql`);
          for (const change of changes) {
            if (change === 'add_readme') writeFileSync(join(t.dir, 'README.md'), 'notes');
            if (change === 'add_pending') writeFileSync(join(t.dir, '009_new.sql'), 'CREATE TABLE n (id);');
            if (change === 'edit_applied') writeFileSync(last, `CREATE TABLE t${count} (id, x);`);
            if (change === 'crlf_applied')
              writeFileSync(
                last,
                `CREATE TABLE t${count} (id);\r\n-- migrate:down\r\nDROP TABLE t${count};\r\n`,
              );
            if (change === 'edit_down')
              writeFileSync(
                last,
                `CREATE TABLE t${count} (id);\n-- migrate:down\nDROP TABLE IF EXISTS t${count};\n`,
              );
            if (change === 'delete_applied') rmSync(last, { force: true });
            if (change === 'orphan_down') writeFileSync(join(t.dir, '007_x.down.sql'), 'SELECT 1;');
            if (change === 'duplicate_version') writeFileSync(join(t.dir, '1_copy.sql'), 'SELECT 1;');
            if (change === 'fail_row')
              db.exec("UPDATE schema_version SET status = 'failed' WHERE version = '001'");
            if (change === 'null_file_checksum') db.exec('UPDATE schema_version SET file_checksum = NULL');
            if (change === 'zero_version') writeFileSync(join(t.dir, '0_zero.sql'), 'SELECT 1;');
          }
          const proven = provenUpToDate(db, { database: t.database, busyTimeoutMs: 1000 }, t.dir);
          if (proven === undefined) return;
          proofs++;
          const set = readSet(t.dir);
          const history = readHistory(db, readHistoryShape(db, t.database), t.database, { events: false });
          const plan = planMigrate(set, history);
          expect(plan.ok).toBe(true);
          if (!plan.ok) return;
          expect(plan.value.steps).toEqual([]);
          expect(plan.value.checksumFills).toEqual([]);
          expect(plan.value.warnings).toEqual([]);
          expect(plan.value.targetVersion).toBe(proven.finalVersion);
        },
      ),
      { numRuns: 60 },
    );
    // Not vacuous: untouched folders (or ones with only a README) were proved.
    expect(proofs).toBeGreaterThan(0);
  });
});
