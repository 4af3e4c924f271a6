import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { testdir, writeTree } from '@gao/tooling/test-utils';
import { describe, expect, it } from 'vitest';
import { dumpDatabase, fileFingerprint } from '../test/helpers/db-snapshot.ts';
import { migratedFolder } from '../test/helpers/migrated-folder.ts';
import { Migrator } from './migrator.ts';
import { rehearse } from './rehearse.ts';
import { readRowCounts } from './row-counts.ts';
import { compareSchemas, readSchema } from './schema-snapshot.ts';

const BASE = {
  '001_customers.sql':
    '-- migrate:up\nCREATE TABLE customers (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL);\n-- migrate:down\nDROP TABLE customers;\n',
};

/** A database migrated to 001 in `mode`, with `pending` migrations waiting in its folder. */
async function withPending(pending: Record<string, string>, mode: 'wal' | 'delete' = 'delete') {
  const { database, migrationsDir } = await migratedFolder(BASE, mode);
  writeTree(migrationsDir, pending);
  return { database, migrationsDir };
}

const REVERSIBLE = {
  '002_email.sql':
    '-- migrate:up\nALTER TABLE customers ADD COLUMN email TEXT;\n-- migrate:down\nALTER TABLE customers DROP COLUMN email;\n',
  '003_orders.sql':
    '-- migrate:up\nCREATE TABLE orders (id INTEGER PRIMARY KEY AUTOINCREMENT, customer_id INTEGER REFERENCES customers (id));\nCREATE INDEX orders_customer ON orders (customer_id);\nCREATE VIEW order_count AS SELECT count(*) AS n FROM orders;\n-- migrate:down\nDROP VIEW order_count;\nDROP TABLE orders;\n',
};

describe('rehearse with roundTrip: up, down, up again on the copy', () => {
  it.each(['wal', 'delete'] as const)(
    'proves down parts that undo their up parts, and leaves the real database alone (%s)',
    async (mode) => {
      const { database, migrationsDir } = await withPending(REVERSIBLE, mode);
      const before = fileFingerprint(database);
      const content = dumpDatabase(database);

      const report = await rehearse({ database, migrationsDir, roundTrip: true });

      expect(report.ok).toBe(true);
      expect(report.steps.map((step) => step.version)).toEqual([2, 3]);
      expect(report.roundTrip).toMatchObject({
        ok: true,
        notUndone: [],
        notRepeated: [],
        rowsNotUndone: [],
        rowsNotRepeated: [],
        problems: [],
        skipped: null,
      });
      expect(report.roundTrip?.down.map((step) => [step.version, step.ok])).toEqual([
        [3, true],
        [2, true],
      ]);
      expect(report.roundTrip?.upAgain.map((step) => [step.version, step.ok])).toEqual([
        [2, true],
        [3, true],
      ]);
      expect(fileFingerprint(database)).toEqual(before);
      expect(dumpDatabase(database)).toEqual(content);
    },
  );

  it('a table renamed and renamed back is the same schema (SQLite quotes the name where it is referred to)', async () => {
    const { database, migrationsDir } = await withPending({
      '002_orders.sql':
        '-- migrate:up\nCREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers (id));\n-- migrate:down\nDROP TABLE orders;\n',
      '003_rename.sql':
        '-- migrate:up\nALTER TABLE customers RENAME TO clients;\n-- migrate:down\nALTER TABLE clients RENAME TO customers;\n',
    });
    const report = await rehearse({ database, migrationsDir, roundTrip: true });
    expect(report.roundTrip).toMatchObject({ ok: true, notUndone: [], notRepeated: [] });
    expect(report.ok).toBe(true);
  });

  it('runs code migrations both ways too, and a transaction:false part', async () => {
    const { database, migrationsDir } = await withPending({
      '002_tags.mjs':
        "export function up(db) {\n  db.exec('CREATE TABLE tags (id INTEGER); CREATE INDEX tags_id ON tags (id)');\n}\nexport function down(db) {\n  db.exec('DROP TABLE tags');\n}\n",
      '003_wal.sql':
        '-- migrate:up transaction:false\nPRAGMA journal_mode = WAL;\n-- migrate:down transaction:false\nPRAGMA journal_mode = DELETE;\n',
      '004_view.mjs':
        "export function up(db) { db.exec('CREATE VIEW tag_count AS SELECT count(*) AS n FROM tags'); }\nexport function down(db) {}\n",
    });
    const report = await rehearse({ database, migrationsDir, roundTrip: true });
    expect(report.steps.map((step) => [step.version, step.ok])).toEqual([
      [2, true],
      [3, true],
      [4, true],
    ]);
    expect(report.roundTrip?.down.map((step) => [step.version, step.ok])).toEqual([
      [4, true],
      [3, true],
      [2, true],
    ]);
    // 004's down forgot its view (SQLite lets 002 drop the table under it): the view is left over,
    // and 004's second up fails on it.
    expect(report.roundTrip?.notUndone).toEqual([
      {
        type: 'view',
        name: 'tag_count',
        change: 'added',
        before: null,
        after: 'CREATE VIEW tag_count AS SELECT count(*) AS n FROM tags',
      },
    ]);
    expect(report.roundTrip?.upAgain.map((step) => [step.version, step.ok])).toEqual([
      [2, true],
      [3, true],
      [4, false],
    ]);
    expect(report.roundTrip?.upAgain[2]?.error).toContain('tag_count already exists');
    expect(report.ok).toBe(false);
  });

  it('works on a database that does not exist yet (an empty copy), without creating it', async () => {
    const dir = testdir();
    const migrationsDir = join(dir, 'migrations');
    writeTree(migrationsDir, { ...BASE, ...REVERSIBLE });
    const database = join(dir, 'new.db');
    const report = await rehearse({ database, migrationsDir, roundTrip: true });
    expect(report.ok).toBe(true);
    expect(report.roundTrip?.down.map((step) => step.version)).toEqual([3, 2, 1]);
    expect(existsSync(database)).toBe(false);
  });

  it('names what a down part leaves behind (an index it does not drop) and fails the rehearsal', async () => {
    const { database, migrationsDir } = await withPending({
      '002_index.sql':
        '-- migrate:up\nCREATE INDEX customers_name ON customers (name);\nCREATE TABLE tags (id INTEGER);\n-- migrate:down\nDROP TABLE tags;\n',
    });
    const report = await rehearse({ database, migrationsDir, roundTrip: true });
    expect(report.ok).toBe(false);
    // The up part itself is fine: the steps and the checks pass; only the round trip does not.
    expect(report.steps.every((step) => step.ok)).toBe(true);
    expect(report.integrityCheck).toEqual(['ok']);
    expect(report.roundTrip?.ok).toBe(false);
    expect(report.roundTrip?.notUndone).toEqual([
      {
        type: 'index',
        name: 'customers_name',
        change: 'added',
        before: null,
        after: 'CREATE INDEX customers_name ON customers (name)',
      },
    ]);
    // The second up part fails (the index exists): the up part cannot run again after its down part.
    expect(report.roundTrip?.upAgain).toEqual([
      expect.objectContaining({ version: 2, ok: false, error: expect.stringContaining('customers_name') }),
    ]);
  });

  it('names the columns a down part leaves in a table (a column it does not drop)', async () => {
    const { database, migrationsDir } = await withPending({
      '002_nick.sql':
        '-- migrate:up\nALTER TABLE customers ADD COLUMN nick TEXT;\n-- migrate:down\nSELECT 1;\n',
    });
    const report = await rehearse({ database, migrationsDir, roundTrip: true });
    expect(report.roundTrip?.notUndone).toEqual([
      expect.objectContaining({
        type: 'table',
        name: 'customers',
        change: 'changed',
        columns: [{ column: 'nick', change: 'added', before: null, after: 'TEXT' }],
      }),
    ]);
    expect(report.ok).toBe(false);
  });

  it('reports a down part that fails, and the migrations without one, without running any down part', async () => {
    const failing = await withPending({
      '002_t.sql': '-- migrate:up\nCREATE TABLE t (id INTEGER);\n-- migrate:down\nDROP TABLE nope;\n',
    });
    const failed = await rehearse({ ...failing, roundTrip: true });
    expect(failed.ok).toBe(false);
    expect(failed.roundTrip?.down).toEqual([
      expect.objectContaining({
        version: 2,
        ok: false,
        error: expect.stringContaining('no such table: nope'),
      }),
    ]);
    expect(failed.roundTrip?.upAgain).toEqual([]);

    const oneWay = await withPending({
      '002_t.sql': 'CREATE TABLE t (id INTEGER);\n',
      '003_u.sql': '-- migrate:up\nCREATE TABLE u (id INTEGER);\n-- migrate:down\nDROP TABLE u;\n',
    });
    const refused = await rehearse({ ...oneWay, roundTrip: true });
    expect(refused.ok).toBe(false);
    expect(
      refused.roundTrip?.problems.map((problem) => [
        problem.code,
        'version' in problem ? problem.version : null,
      ]),
    ).toEqual([['no_down', 2]]);
    // Nothing was rolled back: the refusal came before any down part ran.
    expect(refused.roundTrip?.down).toEqual([]);
  });

  it('counts rows: seeded rows a down part leaves behind, and an up part that adds them again', async () => {
    const { database, migrationsDir } = await withPending({
      '002_seed.sql':
        "-- migrate:up\nINSERT INTO customers (name) VALUES ('ada'), ('grace');\nCREATE TABLE notes (body TEXT);\nINSERT INTO notes VALUES ('hi');\n-- migrate:down\nDELETE FROM customers WHERE name = 'ada';\nDROP TABLE notes;\n",
    });
    const report = await rehearse({ database, migrationsDir, roundTrip: true });
    expect(report.ok).toBe(false);
    expect(report.roundTrip).toMatchObject({ ok: false, notUndone: [], notRepeated: [] });
    // grace stays after the down part; the second up adds ada and grace again. A table that only
    // exists on one side (notes, dropped by the down part) is the schema's business, not a count.
    expect(report.roundTrip?.rowsNotUndone).toEqual([{ table: 'customers', before: 0, after: 1 }]);
    expect(report.roundTrip?.rowsNotRepeated).toEqual([{ table: 'customers', before: 2, after: 3 }]);
  });

  it('does not count virtual tables, and quotes odd table names', async () => {
    const dir = testdir();
    const path = join(dir, 'odd.db');
    const db = new DatabaseSync(path);
    db.exec(`CREATE TABLE "we""ird" (a); INSERT INTO "we""ird" VALUES (1), (2);
      CREATE VIRTUAL TABLE docs USING fts5(body); INSERT INTO docs VALUES ('a'), ('b');`);
    db.close();
    expect(readRowCounts(path)).toEqual([{ table: 'we"ird', rows: 2 }]);
  });

  it('an up part that cannot run twice is caught on the second up', async () => {
    const { database, migrationsDir } = await withPending({
      // The down part does nothing: the table and its row stay, so the second INSERT breaks the key.
      '002_seed.sql':
        "-- migrate:up\nCREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT);\nINSERT INTO settings VALUES ('theme', 'dark');\n-- migrate:down\nSELECT 1;\n",
    });
    const report = await rehearse({ database, migrationsDir, roundTrip: true });
    expect(report.ok).toBe(false);
    expect(report.roundTrip?.notUndone.map((d) => [d.type, d.name, d.change])).toEqual([
      ['table', 'settings', 'added'],
    ]);
    expect(report.roundTrip?.upAgain).toEqual([
      expect.objectContaining({ version: 2, ok: false, error: expect.stringContaining('UNIQUE') }),
    ]);
  });

  it('is skipped (not ok) for migrations applied out of order; absent when not asked or nothing ran', async () => {
    const { database, migrationsDir } = await withPending({
      '003_later.sql':
        '-- migrate:up\nCREATE TABLE later (id INTEGER);\n-- migrate:down\nDROP TABLE later;\n',
    });
    const migrator = new Migrator({ database, migrationsDir, backup: false });
    await migrator.migrate();
    migrator.close();
    writeTree(migrationsDir, {
      '002_early.sql':
        '-- migrate:up\nCREATE TABLE early (id INTEGER);\n-- migrate:down\nDROP TABLE early;\n',
    });
    const report = await rehearse({ database, migrationsDir, allowOutOfOrder: true, roundTrip: true });
    expect(report.steps.map((step) => [step.version, step.ok])).toEqual([[2, true]]);
    expect(report.ok).toBe(false);
    expect(report.roundTrip).toMatchObject({
      ok: false,
      down: [],
      skipped: expect.stringContaining('out of order'),
    });

    expect((await rehearse({ database, migrationsDir, allowOutOfOrder: true })).roundTrip).toBeNull();
    const upToDate = await withPending({});
    expect(await rehearse({ ...upToDate, roundTrip: true })).toMatchObject({
      ok: true,
      steps: [],
      roundTrip: null,
    });
  });
});

describe('compareSchemas', () => {
  it('tells added, removed and changed objects apart, and ignores layout', () => {
    const table = { type: 'table', name: 't', sql: 'CREATE TABLE t (a)' };
    expect(
      compareSchemas(
        [table, { type: 'index', name: 'gone', sql: 'CREATE INDEX gone ON t (a)' }],
        [
          { ...table, sql: 'CREATE TABLE t (a, b)' },
          { type: 'view', name: 'v', sql: 'CREATE VIEW v AS SELECT 1' },
        ],
      ),
    ).toEqual([
      { type: 'index', name: 'gone', change: 'removed', before: 'CREATE INDEX gone ON t (a)', after: null },
      {
        type: 'table',
        name: 't',
        change: 'changed',
        before: 'CREATE TABLE t (a)',
        after: 'CREATE TABLE t (a, b)',
      },
      { type: 'view', name: 'v', change: 'added', before: null, after: 'CREATE VIEW v AS SELECT 1' },
    ]);
    expect(compareSchemas([table], [{ ...table, sql: 'CREATE  TABLE t\n  (a)' }])).toEqual([]);
    // Quotes around simple names do not count; inside string literals everything counts.
    expect(compareSchemas([table], [{ ...table, sql: 'CREATE TABLE "t" ([a])' }])).toEqual([]);
    const check = { type: 'table', name: 'c', sql: `CREATE TABLE c (a CHECK (a IN ('x')))` };
    expect(
      compareSchemas([check], [{ ...check, sql: `CREATE TABLE c (a CHECK (a IN ('"x"')))` }]),
    ).toHaveLength(1);
  });

  it("reads the user's schema without SQLite's or gao-db's own tables", async () => {
    const { database } = await withPending({});
    expect(readSchema(database)).toEqual([
      {
        type: 'table',
        name: 'customers',
        sql: 'CREATE TABLE customers (id INTEGER PRIMARY KEY AUTOINCREMENT, name TEXT NOT NULL)',
      },
    ]);
  });
});
