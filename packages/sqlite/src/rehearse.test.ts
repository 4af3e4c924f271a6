import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { testdir, writeTree } from '@gao/tooling/test-utils';
import { describe, expect, it } from 'vitest';
import { dumpDatabase, fileFingerprint } from '../test/helpers/db-snapshot.ts';
import { type MigratedFolder, migratedFolder } from '../test/helpers/migrated-folder.ts';
import { Migrator } from './migrator.ts';
import { rehearse } from './rehearse.ts';

const BASE = {
  '001_customers.sql': 'CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT NOT NULL);\n',
  '002_orders.sql':
    'CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE);\n',
};

/** A database migrated to 002 with data, in `mode`, plus the folder where more migrations go. */
async function applied(mode: 'wal' | 'delete'): Promise<MigratedFolder> {
  const folder = await migratedFolder(BASE, mode);
  const { database } = folder;
  const data = new DatabaseSync(database);
  data.exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 200)
    INSERT INTO customers (name) SELECT 'c' || i FROM n;
    INSERT INTO orders (customer_id) SELECT id FROM customers;`);
  data.close();
  return folder;
}

describe('rehearse', () => {
  it.each(['wal', 'delete'] as const)(
    'runs pending migrations on a copy, times them, checks it, and leaves the real database alone (%s)',
    async (mode) => {
      const { dir, database, migrationsDir } = await applied(mode);
      writeTree(migrationsDir, {
        '003_email.sql': 'ALTER TABLE customers ADD COLUMN email TEXT;\n',
        '004_index.sql': 'CREATE INDEX orders_customer ON orders (customer_id);\n',
      });
      const before = fileFingerprint(database);
      const content = dumpDatabase(database);
      const listing = readdirSync(dir).sort();

      const report = await rehearse({ database, migrationsDir });

      expect(report).toMatchObject({
        ok: true,
        integrityCheck: ['ok'],
        foreignKeyViolations: [],
        problems: [],
      });
      expect(report.steps.map((s) => [s.version, s.name, s.ok])).toEqual([
        [3, 'email', true],
        [4, 'index', true],
      ]);
      for (const step of report.steps) expect(step.durationMs).toBeGreaterThanOrEqual(0);
      expect(fileFingerprint(database)).toBe(before);
      expect(dumpDatabase(database)).toEqual(content);
      expect(readdirSync(dir).sort()).toEqual(listing); // no backups folder, no copy left behind
    },
  );

  it('stops at `to`', async () => {
    const { database, migrationsDir } = await applied('delete');
    writeTree(migrationsDir, {
      '003_email.sql': 'ALTER TABLE customers ADD COLUMN email TEXT;\n',
      '004_index.sql': 'CREATE INDEX orders_customer ON orders (customer_id);\n',
    });
    const report = await rehearse({ database, migrationsDir, to: 3 });
    expect(report.steps.map((s) => s.version)).toEqual([3]);
  });

  it('reports the failing migration and its error; earlier steps stay listed', async () => {
    const { database, migrationsDir } = await applied('delete');
    writeTree(migrationsDir, {
      '003_email.sql': 'ALTER TABLE customers ADD COLUMN email TEXT;\n',
      '004_broken.sql': 'UPDATE no_such_table SET x = 1;\n',
    });
    const before = fileFingerprint(database);
    const report = await rehearse({ database, migrationsDir });
    expect(report.ok).toBe(false);
    expect(report.steps.map((s) => [s.version, s.ok])).toEqual([
      [3, true],
      [4, false],
    ]);
    expect(report.steps[1]?.error).toContain('no_such_table');
    expect(fileFingerprint(database)).toBe(before);
  });

  it('catches the cascade-delete trap of a table rebuild before it reaches the real database', async () => {
    const { database, migrationsDir } = await applied('wal');
    // The classic rebuild: with foreign keys on, DROP TABLE customers would cascade-delete every order.
    writeTree(migrationsDir, {
      '003_rebuild_customers.sql': `CREATE TABLE customers_new (id INTEGER PRIMARY KEY, name TEXT NOT NULL, vip INTEGER DEFAULT 0);
INSERT INTO customers_new (id, name) SELECT id, name FROM customers WHERE id > 5;
DROP TABLE customers;
ALTER TABLE customers_new RENAME TO customers;
`,
    });
    const report = await rehearse({ database, migrationsDir });
    // The runner refuses to commit orphans; either way the rehearsal is not ok and names the rows.
    expect(report.ok).toBe(false);
    const failed = report.steps.find((s) => !s.ok);
    const orphans = report.foreignKeyViolations.length > 0 || /foreign key/i.test(failed?.error ?? '');
    expect(orphans).toBe(true);
    const real = new DatabaseSync(database, { readOnly: true });
    expect(real.prepare('SELECT count(*) AS n FROM orders').get()).toEqual({ n: 200 });
    real.close();
  });

  it('lists planner problems (an edited applied migration) and runs nothing', async () => {
    const { database, migrationsDir } = await applied('delete');
    writeTree(migrationsDir, {
      '001_customers.sql': 'CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT);\n',
    });
    const report = await rehearse({ database, migrationsDir });
    expect(report.ok).toBe(false);
    expect(report.steps).toEqual([]);
    expect(report.problems.map((p) => p.code)).toEqual(['checksum_mismatch']);
  });

  it('rehearses a first deployment when the database does not exist, without creating it', async () => {
    const dir = testdir();
    const migrationsDir = join(dir, 'migrations');
    writeTree(migrationsDir, BASE);
    const report = await rehearse({ database: join(dir, 'new.db'), migrationsDir });
    expect(report.ok).toBe(true);
    expect(report.steps.map((s) => s.version)).toEqual([1, 2]);
    expect(readdirSync(dir)).toEqual(['migrations']);
  });
});

describe('rehearseRollback', () => {
  const FILES = {
    '001_a.sql': '-- migrate:up\nCREATE TABLE a (id INTEGER PRIMARY KEY);\n-- migrate:down\nDROP TABLE a;\n',
    '002_b.sql':
      '-- migrate:up\nCREATE TABLE b (id INTEGER, a_id INTEGER REFERENCES a (id));\n-- migrate:down\nDROP TABLE b;\n',
  };

  it.each(['wal', 'delete'] as const)(
    'runs the down parts on a copy, reports them and the checks, and leaves the database alone (%s)',
    async (mode) => {
      const { database, migrationsDir } = await migratedFolder(FILES, mode);
      const before = fileFingerprint(database);
      const content = dumpDatabase(database);
      const migrator = new Migrator({ database, migrationsDir, backup: false });
      try {
        const report = await migrator.rehearseRollback({ to: 0 });
        expect(report).toMatchObject({
          ok: true,
          integrityCheck: ['ok'],
          foreignKeyViolations: [],
          problems: [],
          roundTrip: null,
        });
        expect(report.steps.map((step) => [step.version, step.name, step.ok])).toEqual([
          [2, 'b', true],
          [1, 'a', true],
        ]);
        const refused = await migrator.rehearseRollback({ count: 3 });
        expect(refused.ok).toBe(false);
        expect(refused.steps).toEqual([]);
        expect(refused.problems.map((problem) => problem.code)).toEqual(['count_exceeds_applied']);
      } finally {
        migrator.close();
      }
      expect(fileFingerprint(database)).toEqual(before);
      expect(dumpDatabase(database)).toEqual(content);
    },
  );

  it('reports a down part that fails, with its error; the ones before it ran', async () => {
    const { database, migrationsDir } = await migratedFolder(FILES, 'delete');
    // The down part is not part of the checksum: the edit is allowed (and warned about: down_changed).
    writeTree(migrationsDir, {
      '001_a.sql': FILES['001_a.sql'].replace('DROP TABLE a;', 'DROP TABLE nope;'),
    });
    const migrator = new Migrator({ database, migrationsDir, backup: false });
    try {
      const failed = await migrator.rehearseRollback({ to: 0 });
      expect(failed.ok).toBe(false);
      expect(failed.steps).toEqual([
        expect.objectContaining({ version: 2, ok: true }),
        expect.objectContaining({
          version: 1,
          ok: false,
          error: expect.stringContaining('no such table: nope'),
        }),
      ]);
      expect(failed.integrityCheck).toEqual(['ok']);
    } finally {
      migrator.close();
    }
  });
});
