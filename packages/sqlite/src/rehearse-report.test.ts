import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { testdir } from '@gao/tooling/test-utils';
import { describe, expect, it } from 'vitest';
import { corruptPage, dumpDatabase, fileFingerprint } from '../test/helpers/db-snapshot.ts';
import { type RehearsalStep, rehearseOnCopy } from './rehearse-report.ts';

function seed(dir: string, mode: 'wal' | 'delete'): string {
  const path = join(dir, 'app.db');
  const db = new DatabaseSync(path);
  db.exec(`PRAGMA journal_mode = ${mode};
    CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT);
    CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customers (id));
    CREATE INDEX orders_customer ON orders (customer_id);
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500)
    INSERT INTO customers (name) SELECT 'c' || i FROM n;
    INSERT INTO orders (customer_id) SELECT id FROM customers;`);
  db.close();
  return path;
}

/** Runs SQL as numbered steps on the copy, the way a runner would, timing each one. */
function sqlRunner(statements: readonly string[], seen: { path?: string; orders?: number } = {}) {
  return async (copy: string) => {
    seen.path = copy;
    const db = new DatabaseSync(copy);
    seen.orders = (db.prepare('SELECT count(*) AS n FROM orders').get() as { n: number }).n;
    const steps: RehearsalStep[] = [];
    try {
      for (const [index, sql] of statements.entries()) {
        const started = performance.now();
        try {
          db.exec(sql);
          steps.push({
            version: index + 1,
            name: `step${index + 1}`,
            durationMs: performance.now() - started,
            ok: true,
          });
        } catch (error) {
          const durationMs = performance.now() - started;
          steps.push({
            version: index + 1,
            name: `step${index + 1}`,
            durationMs,
            ok: false,
            error: String(error),
          });
          break;
        }
      }
    } finally {
      db.close();
    }
    return { steps, problems: [] };
  };
}

describe('rehearseOnCopy', () => {
  it.each([
    ['wal, nobody connected', 'wal', false],
    ['wal, an application connected with WAL content', 'wal', true],
    ['delete', 'delete', false],
  ] as const)(
    'runs on a copy and leaves the real database untouched (%s)',
    async (_what, mode, appConnected) => {
      const dir = testdir();
      const path = seed(dir, mode);
      const app = appConnected ? new DatabaseSync(path) : null;
      app?.exec("PRAGMA wal_autocheckpoint = 0; INSERT INTO customers (name) VALUES ('late')");
      const before = fileFingerprint(path);
      const listing = readdirSync(dir).sort();
      const content = dumpDatabase(path);
      const seen: { path?: string; orders?: number } = {};

      const report = await rehearseOnCopy(
        path,
        sqlRunner(['ALTER TABLE customers ADD COLUMN email TEXT', 'DELETE FROM orders WHERE id > 250'], seen),
      );

      expect(report).toMatchObject({
        ok: true,
        integrityCheck: ['ok'],
        foreignKeyViolations: [],
        problems: [],
      });
      expect(report.steps.map((s) => [s.version, s.ok])).toEqual([
        [1, true],
        [2, true],
      ]);
      expect(report.steps.every((s) => s.durationMs >= 0)).toBe(true);
      expect(seen.orders).toBe(500); // the copy had the real data
      expect(seen.path).not.toBe(path);
      expect(existsSync(dirname(seen.path ?? ''))).toBe(false); // discarded
      expect(fileFingerprint(path)).toBe(before);
      expect(readdirSync(dir).sort()).toEqual(listing);
      expect(dumpDatabase(path)).toEqual(content);
      app?.close();
    },
  );

  it('reports rows left without their parent and a failing step', async () => {
    const path = seed(testdir(), 'delete');
    const report = await rehearseOnCopy(
      path,
      sqlRunner([
        'PRAGMA foreign_keys = OFF; DELETE FROM customers WHERE id IN (3, 4)',
        'SELECT * FROM missing_table',
      ]),
    );
    expect(report.ok).toBe(false);
    expect(report.foreignKeyViolations).toEqual([
      { table: 'orders', rowid: 3, parent: 'customers' },
      { table: 'orders', rowid: 4, parent: 'customers' },
    ]);
    expect(report.steps[1]).toMatchObject({
      version: 2,
      ok: false,
      error: expect.stringContaining('missing_table'),
    });
  });

  it('reports a damaged copy through integrity_check instead of throwing', async () => {
    const path = seed(testdir(), 'delete');
    const report = await rehearseOnCopy(path, async (copy) => {
      corruptPage(copy, 4);
      return { steps: [], problems: [] };
    });
    expect(report.ok).toBe(false);
    expect(report.integrityCheck).not.toEqual(['ok']);
    expect(report.integrityCheck.length).toBeGreaterThan(0);
  });

  it('rehearses on an empty copy when the database does not exist, without creating it', async () => {
    const dir = testdir();
    const path = join(dir, 'missing.db');
    const report = await rehearseOnCopy(path, async (copy) => {
      const db = new DatabaseSync(copy);
      const tables = db.prepare('SELECT count(*) AS n FROM sqlite_schema').get();
      db.exec('CREATE TABLE t (x)');
      db.close();
      expect(tables).toEqual({ n: 0 });
      return { steps: [{ version: 1, name: 'init', durationMs: 1, ok: true }], problems: [] };
    });
    expect(report.ok).toBe(true);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('discards the copy when the runner throws', async () => {
    const path = seed(testdir(), 'wal');
    let copyPath = '';
    const attempt = rehearseOnCopy(path, async (copy) => {
      copyPath = copy;
      throw new Error('runner broke');
    });
    await expect(attempt).rejects.toThrow('runner broke');
    expect(existsSync(dirname(copyPath))).toBe(false);
  });
});
