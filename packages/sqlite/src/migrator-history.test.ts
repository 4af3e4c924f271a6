import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { testdir, writeTree } from '@gao/tooling/test-utils';
import { expect, it, onTestFinished } from 'vitest';
import { DatabaseError, MigrationSetError } from './errors.ts';
import { Migrator } from './migrator.ts';

it('history() reads the event log without the migration files, and never creates the database', async () => {
  const root = testdir({ 'migrations/001_a.sql': 'CREATE TABLE a (id INTEGER);\n' });
  const database = join(root, 'app.db');
  const migrator = new Migrator({ database, migrationsDir: join(root, 'migrations'), backup: false });
  onTestFinished(() => migrator.close());

  const missing = await migrator.history().catch((error: unknown) => error);
  expect(missing).toBeInstanceOf(DatabaseError);
  expect((missing as DatabaseError).code).toBe('database_not_found');
  expect(existsSync(database)).toBe(false);

  await migrator.migrate();
  // A broken file stops inspect(), not history().
  writeTree(root, { 'migrations/002_b.sql': '-- migrate:down\nDROP TABLE b;\n' });
  await expect(migrator.inspect()).rejects.toBeInstanceOf(MigrationSetError);
  const history = await migrator.history();
  expect(history.records.map((record) => `${record.versionText} ${record.status}`)).toEqual(['001 success']);
  expect(history.events.map((event) => `${event.kind} ${event.versionText}`)).toEqual(['applied 001']);
});
