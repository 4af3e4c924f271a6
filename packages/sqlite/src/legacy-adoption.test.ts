import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it, onTestFinished } from 'vitest';
import { DatabaseError } from './errors.ts';
import { migratorFixture } from './migrator.test-fixture.ts';
import { CREATE_EVENTS_TABLE, CREATE_HISTORY_TABLE, readHistoryShape } from './schema.ts';
import { provenUpToDate } from './up-to-date.ts';

/** The story's table exactly as its Python runner created it. */
const STORY_TABLE = `CREATE TABLE IF NOT EXISTS schema_version (
                    version TEXT PRIMARY KEY,
                    migration_name TEXT NOT NULL,
                    applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
                    status TEXT NOT NULL,
                    duration_ms INTEGER,
                    error_message TEXT
                )`;

const FILES = {
  '001_users.sql': 'CREATE TABLE users (id INTEGER PRIMARY KEY);',
  '002_posts.sql': 'CREATE TABLE posts (id INTEGER PRIMARY KEY);\n-- migrate:down\nDROP TABLE posts;\n',
  '003_tags.sql': 'CREATE TABLE tags (id INTEGER PRIMARY KEY);',
  '004_notes.sql': 'CREATE TABLE notes (id INTEGER PRIMARY KEY);',
};

const setup = (prepare: string) => migratorFixture(FILES, {}, prepare);

const LEGACY = `${STORY_TABLE};
CREATE TABLE users (id INTEGER PRIMARY KEY);
CREATE TABLE posts (id INTEGER PRIMARY KEY);
INSERT INTO schema_version (version, migration_name, applied_at, status, duration_ms) VALUES
  ('001', '001_users', '2025-01-02 03:04:05', 'success', 12),
  ('002', '002_posts', '2025-01-02 03:04:06', 'success', 0);
INSERT INTO schema_version (version, migration_name, status, duration_ms, error_message) VALUES
  ('003', '003_tags', 'failed', 5, 'disk I/O error');
`;

describe("adopting the story's schema_version", () => {
  it('reads it without changing anything (inspect)', async () => {
    const t = setup(LEGACY);
    const { status, history } = await t.migrator.inspect();
    expect(status.migrations.map((m) => [m.versionText, m.state])).toEqual([
      ['001', 'applied'],
      ['002', 'applied'],
      ['003', 'failed'],
      ['004', 'pending'],
    ]);
    expect(history.records.map((r) => [r.version, r.checksum, r.transactional])).toEqual([
      [1, null, true],
      [2, null, true],
      [3, null, true],
    ]);
    expect(t.query("SELECT name FROM pragma_table_info('schema_version')")).toHaveLength(6);
  });

  it('keeps every row, adds its columns, fills checksums as events, and carries on at 003', async () => {
    const t = setup(LEGACY);
    const report = await t.migrator.migrate();
    expect(report.ok && report.steps.map((s) => s.version)).toEqual([3, 4]);
    expect(
      t
        .query(
          'SELECT version, migration_name, applied_at, status, duration_ms FROM schema_version ORDER BY version',
        )
        .slice(0, 2),
    ).toEqual([
      {
        version: '001',
        migration_name: '001_users',
        applied_at: '2025-01-02 03:04:05',
        status: 'success',
        duration_ms: 12,
      },
      {
        version: '002',
        migration_name: '002_posts',
        applied_at: '2025-01-02 03:04:06',
        status: 'success',
        duration_ms: 0,
      },
    ]);
    const rows = t.query(
      'SELECT version, checksum, down_checksum, transactional FROM schema_version ORDER BY version',
    ) as {
      checksum: string | null;
      down_checksum: string | null;
    }[];
    expect(rows.map((r) => r.checksum?.length)).toEqual([64, 64, 64, 64]);
    expect(rows[1]?.down_checksum).toHaveLength(64);
    expect(t.query('SELECT kind, version FROM schema_version_events ORDER BY id')).toEqual([
      { kind: 'checksum_recorded', version: '001' },
      { kind: 'checksum_recorded', version: '002' },
      { kind: 'applied', version: '003' },
      { kind: 'applied', version: '004' },
    ]);
    expect(t.events.filter((e) => e.type === 'checksum_recorded')).toEqual([
      { type: 'checksum_recorded', version: 1 },
      { type: 'checksum_recorded', version: 2 },
    ]);
    const db = new DatabaseSync(t.database);
    onTestFinished(() => db.close());
    expect(readHistoryShape(db, t.database)).toEqual({
      history: 'current',
      missingColumns: [],
      events: 'current',
    });
  });

  it('matches versions by number: a file 2_posts.sql is the row 002', async () => {
    const t = setup(`${STORY_TABLE};
INSERT INTO schema_version (version, migration_name, status) VALUES ('1', '1_users', 'success'), ('002', '002_posts', 'success');`);
    const { status } = await t.migrator.inspect();
    expect(status.migrations.map((m) => [m.version, m.state])).toEqual([
      [1, 'applied'],
      [2, 'applied'],
      [3, 'pending'],
      [4, 'pending'],
    ]);
  });

  it('fills checksums even when nothing is pending', async () => {
    const t = setup(`${STORY_TABLE};
INSERT INTO schema_version (version, migration_name, status) VALUES ('001', '001_users', 'success'), ('002', '002_posts', 'success'), ('003', '003_tags', 'success'), ('004', '004_notes', 'success');`);
    const report = await t.migrator.migrate();
    expect(report.ok && report.steps).toEqual([]);
    expect(
      t.query("SELECT count(*) AS n FROM schema_version_events WHERE kind = 'checksum_recorded'"),
    ).toEqual([{ n: 4 }]);
    await t.migrator.migrate();
    expect(
      t.query("SELECT count(*) AS n FROM schema_version_events WHERE kind = 'checksum_recorded'"),
    ).toEqual([{ n: 4 }]);
  });
});

describe('a schema_version written before file_checksum existed', () => {
  async function olderTable() {
    const t = setup('');
    await t.migrator.migrate();
    const db = t.raw();
    db.exec('ALTER TABLE schema_version DROP COLUMN file_checksum');
    db.close();
    return t;
  }

  it('keeps reading its checksums, so an edited migration is still refused', async () => {
    const t = await olderTable();
    const { history } = await t.migrator.inspect();
    expect(history.records.map((r) => [r.version, r.checksum?.length, r.fileChecksum])).toEqual([
      [1, 64, null],
      [2, 64, null],
      [3, 64, null],
      [4, 64, null],
    ]);
    writeFileSync(join(t.dir, '001_users.sql'), 'CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);');
    const report = await t.migrator.migrate();
    expect(report.ok === false && report.problems.map((p) => p.code)).toEqual(['checksum_mismatch']);
  });

  it('gets the column and its rows their file checksums on the next migrate, without events', async () => {
    const t = await olderTable();
    const events = t.query('SELECT id, kind FROM schema_version_events');
    const report = await t.migrator.migrate();
    expect(report.ok && report.steps).toEqual([]);
    expect(t.query('SELECT id, kind FROM schema_version_events')).toEqual(events);
    const rows = t.query<{ file_checksum: string | null }>(
      'SELECT file_checksum FROM schema_version ORDER BY version',
    );
    expect(rows.map((row) => row.file_checksum?.length)).toEqual([64, 64, 64, 64]);
    const db = t.raw();
    expect(provenUpToDate(db, { database: t.database, busyTimeoutMs: 1000 }, t.dir)).toEqual({
      finalVersion: 4,
    });
  });
});

describe('an unrecognised schema_version is refused and left unchanged', () => {
  it.each([
    ['a view', 'CREATE VIEW schema_version AS SELECT 1 AS version', 'it is a view, not a table'],
    [
      'an extra column',
      `${STORY_TABLE.replace('error_message TEXT', 'error_message TEXT, owner TEXT')}`,
      'it has a column "owner"',
    ],
    [
      'another type',
      STORY_TABLE.replace('version TEXT PRIMARY KEY', 'version INTEGER PRIMARY KEY'),
      'column "version" is declared INTEGER, expected TEXT',
    ],
    [
      'a missing column',
      STORY_TABLE.replace(',\n                    error_message TEXT', ''),
      'column "error_message" is missing',
    ],
    [
      'no primary key',
      STORY_TABLE.replace('version TEXT PRIMARY KEY', 'version TEXT'),
      'its primary key is not the version column alone',
    ],
    [
      'a Flyway-like table',
      'CREATE TABLE schema_version (installed_rank INT PRIMARY KEY, version TEXT)',
      'it has a column "installed_rank"',
    ],
  ])('%s', async (_name, prepare, reason) => {
    const t = setup(prepare);
    const before = t.query('SELECT name, sql FROM sqlite_schema');
    const error = await t.migrator.migrate().catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(DatabaseError);
    expect((error as DatabaseError).code).toBe('unrecognised_schema_version');
    expect((error as DatabaseError).message).toBe(
      `The database ${t.database} has a schema_version table gao-db does not recognise: ${reason}. Nothing was changed.`,
    );
    expect(t.query('SELECT name, sql FROM sqlite_schema')).toEqual(before);
  });

  it.each([
    ["version 'abc'", "('abc', 'x', 'success')", "version 'abc' is not a whole number"],
    ["status 'pending'", "('001', '001_users', 'pending')", "version '001' has status 'pending'"],
    [
      "rows '1' and '001'",
      "('1', 'a', 'success'), ('001', 'b', 'success')",
      "versions '1' and '001' are the same number",
    ],
  ])('a row with %s', async (_name, values, reason) => {
    const t = setup(
      `${STORY_TABLE}; INSERT INTO schema_version (version, migration_name, status) VALUES ${values};`,
    );
    const error = await t.migrator.inspect().catch((thrown: unknown) => thrown);
    expect((error as DatabaseError).message).toBe(
      `The database ${t.database} has a schema_version row gao-db cannot read: ${reason}. Nothing was changed.`,
    );
  });

  it('a foreign schema_version_events table', async () => {
    const t = setup('CREATE TABLE schema_version_events (id INTEGER PRIMARY KEY, what TEXT)');
    await expect(t.migrator.migrate()).rejects.toThrow(
      `The database ${t.database} has a schema_version_events table gao-db does not recognise. Nothing was changed.`,
    );
  });

  it('accepts an event log created with AUTOINCREMENT (the first definition) and continues its ids', async () => {
    const t = setup(
      `${CREATE_EVENTS_TABLE.replace('id INTEGER PRIMARY KEY', 'id INTEGER PRIMARY KEY AUTOINCREMENT')};
      INSERT INTO schema_version_events (id, at, kind, version, migration_name) VALUES (7, '2025-01-01T00:00:00.000Z', 'baselined', '000', 'old');`,
    );
    const report = await t.migrator.migrate();
    expect(report.ok && report.steps).toHaveLength(4);
    expect(t.query('SELECT id, kind FROM schema_version_events ORDER BY id')).toEqual([
      { id: 7, kind: 'baselined' },
      { id: 8, kind: 'applied' },
      { id: 9, kind: 'applied' },
      { id: 10, kind: 'applied' },
      { id: 11, kind: 'applied' },
    ]);
  });

  it('accepts its own table even when recreated by hand with the same columns in another layout', async () => {
    const t = setup(CREATE_HISTORY_TABLE.replace(/\n\s*/g, ' '));
    const report = await t.migrator.migrate();
    expect(report.ok && report.steps).toHaveLength(4);
  });
});
