import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { testdir, writeTree } from '@gao/tooling/test-utils';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { MigrationRuleError } from './errors.ts';
import { foreignKeysEnabled } from './foreign-keys.ts';
import { migrateCommand } from './migrate-command.ts';
import { migrationFailure } from './migrator.test-fixture.ts';
import { resolveOptions } from './migrator-options.ts';
import { ModuleCache } from './module-cache.ts';
import { openMigrated } from './open-migrated.ts';
import { type OpenSession, session } from './session.ts';

const PARENT_CHILD = `CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT);
CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE);
INSERT INTO customers VALUES (1, 'ada'), (2, 'bob');
INSERT INTO orders VALUES (10, 1), (11, 1), (12, 2);
`;

const REBUILD = `CREATE TABLE customers_new (id INTEGER PRIMARY KEY, name TEXT NOT NULL DEFAULT '');
INSERT INTO customers_new (id, name) SELECT id, name FROM customers;
DROP TABLE customers;
ALTER TABLE customers_new RENAME TO customers;
`;

function setup(files: Record<string, string>) {
  const root = testdir();
  const dir = join(root, 'migrations');
  mkdirSync(dir);
  writeTree(dir, files);
  return { dir, database: join(root, 'app.db') };
}

async function open(database: string, dir: string): Promise<DatabaseSync> {
  const db = await openMigrated(database, { migrationsDir: dir, backup: false });
  onTestFinished(() => db.close());
  return db;
}

const failure = migrationFailure;

describe('foreign keys during migrations', () => {
  it('the standard table rebuild keeps ON DELETE CASCADE child rows, and enforcement is back on afterwards', async () => {
    const t = setup({ '001_schema.sql': PARENT_CHILD, '002_rebuild.sql': REBUILD });
    const db = await open(t.database, t.dir);
    expect(db.prepare('SELECT id, customer_id FROM orders ORDER BY id').all()).toEqual([
      { id: 10, customer_id: 1 },
      { id: 11, customer_id: 1 },
      { id: 12, customer_id: 2 },
    ]);
    expect(foreignKeysEnabled(db)).toBe(true);
    expect(() => db.exec('INSERT INTO orders VALUES (13, 99)')).toThrow('FOREIGN KEY constraint failed');
  });

  it('fails a migration that orphans rows, listing table, rowid and parent; nothing is applied', async () => {
    const t = setup({
      '001_schema.sql': PARENT_CHILD,
      '002_orphan.sql': 'DELETE FROM customers WHERE id = 1;',
    });
    const error = await failure(openMigrated(t.database, { migrationsDir: t.dir, backup: false }));
    const cause = error.cause as MigrationRuleError;
    expect(cause.code).toBe('foreign_key_violation');
    expect(cause.violations).toEqual([
      { table: 'orders', rowid: 10, parent: 'customers' },
      { table: 'orders', rowid: 11, parent: 'customers' },
    ]);
    expect(error.message).toBe(
      'Migration 002_orphan.sql failed: after 002_orphan.sql, 2 rows violate a foreign key: orders rowid 10 -> customers, orders rowid 11 -> customers',
    );
    const check = new DatabaseSync(t.database);
    onTestFinished(() => check.close());
    expect(check.prepare('SELECT count(*) AS n FROM customers').get()).toEqual({ n: 2 });
  });

  it('says so when the orphaned rows were there before the migration', async () => {
    const t = setup({ '001_schema.sql': PARENT_CHILD });
    (await open(t.database, t.dir)).exec('PRAGMA foreign_keys = OFF; INSERT INTO orders VALUES (20, 42);');
    writeTree(t.dir, { '002_index.sql': 'CREATE INDEX orders_customer ON orders (customer_id);' });
    const error = await failure(openMigrated(t.database, { migrationsDir: t.dir, backup: false }));
    expect((error.cause as MigrationRuleError).message).toBe(
      '1 row violates a foreign key already before 002_index.sql ran: orders rowid 20 -> customers',
    );
  });

  it('lists at most ten violations, and rows of WITHOUT ROWID tables without a rowid', async () => {
    const children = Array.from({ length: 11 }, (_, i) => `(${100 + i}, 1)`).join(', ');
    const t = setup({
      '001_schema.sql': `${PARENT_CHILD}
CREATE TABLE tags (name TEXT PRIMARY KEY, customer_id INTEGER REFERENCES customers (id)) WITHOUT ROWID;
INSERT INTO tags VALUES ('vip', 2);
INSERT INTO orders VALUES ${children};`,
      '002_orphan.sql': 'DELETE FROM customers;',
    });
    const error = await failure(openMigrated(t.database, { migrationsDir: t.dir, backup: false }));
    const cause = error.cause as MigrationRuleError;
    expect(cause.violations).toHaveLength(15);
    expect(cause.violations).toContainEqual({ table: 'tags', rowid: null, parent: 'customers' });
    expect(cause.message).toBe(
      'after 002_orphan.sql, 15 rows violate a foreign key: tags row without rowid -> customers, orders rowid 10 -> customers, orders rowid 11 -> customers, orders rowid 12 -> customers, orders rowid 100 -> customers, orders rowid 101 -> customers, orders rowid 102 -> customers, orders rowid 103 -> customers, orders rowid 104 -> customers, orders rowid 105 -> customers and 5 more',
    );
  });

  it.each([true, false])(
    'restores foreign_keys (%s) on the connection after a failed migration',
    async (on) => {
      const t = setup({ '001_schema.sql': PARENT_CHILD, '002_bad.sql': 'SELECT * FROM nope;' });
      const db = new DatabaseSync(t.database, { enableForeignKeyConstraints: on });
      onTestFinished(() => db.close());
      await failure(migrateCommand(sessionOn(db, t), {}));
      expect(foreignKeysEnabled(db)).toBe(on);
      expect(db.isTransaction).toBe(false);
    },
  );

  it('does not check foreign keys when the connection does not enforce them', async () => {
    const t = setup({
      '001_schema.sql': PARENT_CHILD,
      '002_orphan.sql': 'DELETE FROM customers WHERE id = 1;',
    });
    const db = new DatabaseSync(t.database, { enableForeignKeyConstraints: false });
    onTestFinished(() => db.close());
    const report = await migrateCommand(sessionOn(db, t), {});
    expect(report.ok && report.steps.map((s) => s.version)).toEqual([1, 2]);
    expect(db.prepare('SELECT count(*) AS n FROM orders').get()).toEqual({ n: 3 });
  });
});

describe('foreign keys: every violation a migration can introduce is caught before commit', () => {
  it.each([
    [
      'inserts an orphan child',
      'INSERT INTO orders VALUES (13, 99);',
      [{ table: 'orders', rowid: 13, parent: 'customers' }],
    ],
    [
      'deletes a parent row with children (no cascade: enforcement is off)',
      'DELETE FROM customers WHERE id = 2;',
      [{ table: 'orders', rowid: 12, parent: 'customers' }],
    ],
    [
      'rebuilds the parent via rename and loses a parent row',
      `CREATE TABLE customers_new (id INTEGER PRIMARY KEY, name TEXT);
INSERT INTO customers_new SELECT * FROM customers WHERE id = 1;
DROP TABLE customers;
ALTER TABLE customers_new RENAME TO customers;`,
      [{ table: 'orders', rowid: 12, parent: 'customers' }],
    ],
    [
      'creates a table with a foreign key to rows that do not exist',
      `CREATE TABLE invoices (id INTEGER PRIMARY KEY, order_id INTEGER REFERENCES orders (id));
INSERT INTO invoices VALUES (1, 10), (2, 77);`,
      [{ table: 'invoices', rowid: 2, parent: 'orders' }],
    ],
  ])('fails a migration that %s; nothing of it is applied', async (_, sql, violations) => {
    const t = setup({ '001_schema.sql': PARENT_CHILD, '002_change.sql': sql, '003_after.sql': 'SELECT 1;' });
    const error = await failure(openMigrated(t.database, { migrationsDir: t.dir, backup: false }));
    const cause = error.cause as MigrationRuleError;
    expect(cause.code).toBe('foreign_key_violation');
    expect(cause.violations).toEqual(violations);
    const check = new DatabaseSync(t.database, { readOnly: true });
    onTestFinished(() => check.close());
    expect(
      check.prepare('SELECT version FROM schema_version WHERE status = ? ORDER BY version').all('success'),
    ).toEqual([{ version: '001' }]);
    expect(check.prepare('SELECT count(*) AS n FROM orders').get()).toEqual({ n: 3 });
    expect(check.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name = 'invoices'").get()).toEqual({
      n: 0,
    });
  });

  it('keeps enforcement off for the next step even if a transaction:false migration turned it on', async () => {
    const t = setup({
      '001_schema.sql': PARENT_CHILD,
      '002_on.sql': '-- migrate:up transaction:false\nPRAGMA foreign_keys = ON;\n',
      '003_rebuild.sql': REBUILD,
    });
    const db = await open(t.database, t.dir);
    expect(db.prepare('SELECT count(*) AS n FROM orders').get()).toEqual({ n: 3 });
    expect(foreignKeysEnabled(db)).toBe(true);
  });
});

function sessionOn(db: DatabaseSync, t: { dir: string; database: string }): OpenSession {
  const options = resolveOptions({ database: t.database, migrationsDir: t.dir, backup: false });
  return { ...session(db, options, new ModuleCache(t.dir)), db };
}
