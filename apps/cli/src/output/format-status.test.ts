import { describe, expect, it } from 'vitest';
import type { SchemaDifference } from '../adapter/migrator-port.ts';
import { formatStatus } from './format-status.ts';
import { createPaint } from './paint.ts';
import type { StatusJson } from './status-view.ts';

const since = {
  id: 9,
  at: '2026-11-24T08:00:00.000Z',
  kind: 'applied',
  version: 2,
  migrationName: '002_posts',
};

function view(changes: readonly SchemaDifference[] | null): StatusJson {
  return {
    database: '/srv/app/app.db',
    databaseExists: true,
    migrationsDir: '/srv/app/migrations',
    currentVersion: 2,
    counts: { applied: 0, pending: 0, pending_out_of_order: 0, failed: 0, changed: 0, missing: 0 },
    migrations: [],
    ignored: [],
    problems: [],
    schemaDrift: { since, recorded: 'a', current: 'b', changes },
  };
}

function driftText(changes: readonly SchemaDifference[] | null): string {
  const lines = formatStatus(view(changes), { cwd: '/srv/app', paint: createPaint(false), sizeBytes: 8192 });
  return lines.slice(lines.indexOf('') + 1).join('\n');
}

const added = (name: string): SchemaDifference => ({
  type: 'index',
  name,
  change: 'added',
  before: null,
  after: `CREATE INDEX ${name}\n  ON users (email)`,
});

describe('status: a schema changed outside gao-db', () => {
  it('lists each object created, dropped or changed, with its CREATE text on one line', () => {
    const text = driftText([
      added('users_email'),
      { type: 'table', name: 'audit', change: 'removed', before: 'CREATE TABLE audit (id)', after: null },
      {
        type: 'table',
        name: 'users',
        change: 'changed',
        before: 'CREATE TABLE users (id, email TEXT, nick)',
        after: 'CREATE TABLE users (id, email TEXT NOT NULL, name TEXT)',
        columns: [
          { column: 'email', change: 'changed', before: 'TEXT', after: 'TEXT NOT NULL' },
          { column: 'nick', change: 'removed', before: '(no type)', after: null },
          { column: 'name', change: 'added', before: null, after: 'TEXT' },
        ],
      },
      {
        type: 'table',
        name: 'tags',
        change: 'changed',
        before: 'CREATE TABLE tags (a)',
        after: 'CREATE TABLE tags (a, CHECK (a > 0))',
      },
    ]);
    expect(text).toContain(
      `Schema changed outside gao-db (4):
  Changed by hand since gao-db recorded the schema after its last change (applied 002_posts at 2026-11-24 08:00:00):
  index users_email created: CREATE INDEX users_email ON users (email)
  table audit dropped: CREATE TABLE audit (id)
  table users changed:
    column email changed: TEXT -> TEXT NOT NULL
    column nick dropped: (no type)
    column name added: TEXT
    before: CREATE TABLE users (id, email TEXT, nick)
    now:    CREATE TABLE users (id, email TEXT NOT NULL, name TEXT)
  table tags changed:
    before: CREATE TABLE tags (a)
    now:    CREATE TABLE tags (a, CHECK (a > 0))
  hint: put the change in a migration`,
    );
  });

  it('lists ten and counts the rest', () => {
    const text = driftText(Array.from({ length: 12 }, (_, i) => added(`i${i}`)));
    expect(text).toContain('Schema changed outside gao-db (12):');
    expect(text).toContain('  index i9 created');
    expect(text).not.toContain('i10');
    expect(text).toContain("  ... and 2 more ('gao-db status --json' lists them all)\n  hint:");
  });

  it('says only that it changed when the recorded schema is not known', () => {
    expect(driftText(null)).toContain(
      'Schema changed outside gao-db:\n  The schema is not the one gao-db recorded after its last change (applied 002_posts at 2026-11-24 08:00:00): a table, index,\n  view or trigger was created, changed or dropped by hand since.\n  hint:',
    );
  });
});
