import { writeTree } from '@gao/tooling/test-utils';
import { describe, expect, it } from 'vitest';
import { MigrationRuleError } from './errors.ts';
import { migrationFailure, migratorFixture } from './migrator.test-fixture.ts';

const BASE = { '001_base.sql': 'CREATE TABLE base (id INTEGER);\n' };

describe('a migration that switches on PRAGMA query_only and then writes', () => {
  it('fails as that migration (not as a read-only database), is recorded, and leaves the connection writable', async () => {
    const t = migratorFixture({
      ...BASE,
      '002_lock_down.sql': 'PRAGMA query_only = ON;\nINSERT INTO base (id) VALUES (1);\n',
    });
    const error = await migrationFailure(t.migrator.migrate());

    expect(error.code).toBe('migration_failed');
    expect(error.file).toBe('002_lock_down.sql');
    expect(error.message).toContain('002_lock_down.sql switched on PRAGMA query_only');
    expect(error.cause).toBeInstanceOf(MigrationRuleError);
    expect((error.cause as MigrationRuleError).code).toBe('query_only_pragma');
    expect(error.hint).toContain('Remove PRAGMA query_only');
    expect(error.recordError).toBeNull();
    // Recorded as any failed migration: its row and its event, with the explanation.
    expect(t.query('SELECT version, status FROM schema_version ORDER BY version')).toEqual([
      { version: '001', status: 'success' },
      { version: '002', status: 'failed' },
    ]);
    const [event] = t.query<{ error: string }>(
      "SELECT error FROM schema_version_events WHERE kind = 'failed' AND version = '002'",
    );
    expect(event?.error).toContain('switched on PRAGMA query_only');
    expect(t.events.at(-1)).toMatchObject({ type: 'step_failed', step: { migration: { version: 2 } } });
    expect(t.query('SELECT count(*) AS n FROM base')).toEqual([{ n: 0 }]);

    // The same connection can write again: the fixed migration applies on the next run.
    writeTree(t.dir, { '002_lock_down.sql': 'INSERT INTO base (id) VALUES (1);\n' });
    const report = await t.migrator.migrate();
    expect(report.ok).toBe(true);
    expect(t.query('SELECT count(*) AS n FROM base')).toEqual([{ n: 1 }]);
  });

  it("fails as that migration when the refused write is gao-db's record of it (nothing written after the pragma)", async () => {
    const t = migratorFixture({
      ...BASE,
      '002_only_pragma.sql': 'INSERT INTO base (id) VALUES (7);\nPRAGMA query_only = ON;\n',
    });
    const error = await migrationFailure(t.migrator.migrate());

    expect(error.code).toBe('migration_failed');
    expect(error.file).toBe('002_only_pragma.sql');
    expect((error.cause as MigrationRuleError).code).toBe('query_only_pragma');
    expect(error.recordError).toBeNull();
    expect(t.query("SELECT status FROM schema_version WHERE version = '002'")).toEqual([
      { status: 'failed' },
    ]);
    // Rolled back with the migration: the row it inserted before the pragma is gone.
    expect(t.query('SELECT count(*) AS n FROM base')).toEqual([{ n: 0 }]);
  });

  it('does the same for a code migration that runs outside a transaction', async () => {
    const t = migratorFixture({
      ...BASE,
      '002_lock_down.mjs':
        "export const transaction = false;\nexport function up(db) {\n  db.exec('PRAGMA query_only = 1');\n  db.exec('CREATE TABLE later (id INTEGER)');\n}\n",
    });
    const error = await migrationFailure(t.migrator.migrate());

    expect(error.message).toContain('002_lock_down.mjs switched on PRAGMA query_only');
    expect((error.cause as MigrationRuleError).code).toBe('query_only_pragma');
    expect(error.recordError).toBeNull();
    expect(t.query("SELECT status FROM schema_version WHERE version = '002'")).toEqual([
      { status: 'failed' },
    ]);
    expect(t.tables()).not.toContain('later');
  });
});
