import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { migratorFixture } from './migrator.test-fixture.ts';
import { recordSchema } from './recorded-schema.ts';
import { CREATE_EVENTS_TABLE, CREATE_HISTORY_TABLE, readHistoryShape } from './schema.ts';
import { fingerprintOf } from './schema-fingerprint.ts';
import { schemaObjects } from './schema-snapshot.ts';

const FILES = {
  '001_users.sql':
    '-- migrate:up\nCREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);\n-- migrate:down\nDROP TABLE users;\n',
  '002_posts.sql':
    '-- migrate:up\nCREATE TABLE posts (id INTEGER PRIMARY KEY);\n-- migrate:down\nDROP TABLE posts;\n',
  '003_tags.sql':
    '-- migrate:up\nCREATE TABLE tags (id INTEGER PRIMARY KEY);\n-- migrate:down\nDROP TABLE tags;\n',
};

const HEX = /^[0-9a-f]{64}$/;

/** The event log as `[kind, version, has a fingerprint]`. */
function fingerprints(t: ReturnType<typeof migratorFixture>) {
  return t
    .query<{ kind: string; version: string; schema_fingerprint: string | null }>(
      'SELECT kind, version, schema_fingerprint FROM schema_version_events ORDER BY id',
    )
    .map((row) => [
      row.kind,
      row.version,
      row.schema_fingerprint !== null && HEX.test(row.schema_fingerprint),
    ]);
}

function exec(t: ReturnType<typeof migratorFixture>, sql: string): void {
  const db = t.raw();
  db.exec(sql);
  db.close();
}

describe('the schema fingerprint', () => {
  it('is recorded with the last step of a run, and finds a change made by hand (and its undoing)', async () => {
    const t = migratorFixture(FILES);
    await t.migrator.migrate();
    expect(fingerprints(t)).toEqual([
      ['applied', '001', false],
      ['applied', '002', false],
      ['applied', '003', true],
    ]);
    expect((await t.migrator.inspect()).schemaDrift).toBeNull();

    exec(t, 'CREATE INDEX users_email ON users (email)');
    const drift = (await t.migrator.inspect()).schemaDrift;
    expect(drift).toMatchObject({ since: { id: 3, kind: 'applied', version: 3 } });
    expect(drift?.current).toMatch(HEX);
    expect(drift?.current).not.toBe(drift?.recorded);

    exec(t, 'DROP INDEX users_email');
    expect((await t.migrator.inspect()).schemaDrift).toBeNull();
    // Data, gao-db's own tables and cosmetic differences (a rename and back) are not schema changes.
    exec(
      t,
      'INSERT INTO users (email) VALUES (1); ALTER TABLE posts RENAME TO p; ALTER TABLE p RENAME TO posts;',
    );
    expect((await t.migrator.inspect()).schemaDrift).toBeNull();
  });

  it('is recorded by a failure (the schema it leaves), a rollback, a baseline and a repair', async () => {
    const t = migratorFixture({ ...FILES, '004_bad.sql': 'CREATE TABLE bad (id);\nSELECT * FROM missing;' });
    await expect(t.migrator.migrate()).rejects.toThrow();
    expect(fingerprints(t).slice(-2)).toEqual([
      ['applied', '003', false],
      ['failed', '004', true],
    ]);
    expect((await t.migrator.inspect()).schemaDrift).toBeNull();

    writeFileSync(join(t.dir, '004_bad.sql'), 'CREATE TABLE bad (id);\n-- migrate:down\nDROP TABLE bad;');
    await t.migrator.migrate();
    expect((await t.migrator.rollback({ count: 2 })).ok).toBe(true);
    expect(fingerprints(t).slice(-3)).toEqual([
      ['applied', '004', true],
      ['rolled_back', '004', false],
      ['rolled_back', '003', true],
    ]);
    expect((await t.migrator.inspect()).schemaDrift).toBeNull();

    exec(t, 'CREATE TABLE tags (id INTEGER PRIMARY KEY)');
    expect((await t.migrator.inspect()).schemaDrift).not.toBeNull();
    // Baselining 003 (its table exists now) declares the schema as it is.
    await t.migrator.baseline(3);
    expect(fingerprints(t).at(-1)).toEqual(['baselined', '003', true]);
    expect((await t.migrator.inspect()).schemaDrift).toBeNull();

    exec(t, 'CREATE INDEX tags_id ON tags (id)');
    await t.migrator.repair(3, 'accept_checksum');
    expect(fingerprints(t).at(-1)).toEqual(['repaired', '003', true]);
    expect((await t.migrator.inspect()).schemaDrift).toBeNull();
  });

  it('is best effort where it is recorded: a schema that cannot be read gives none, not an error', () => {
    const db = new DatabaseSync(':memory:');
    db.exec('CREATE TABLE t (a)');
    expect(recordSchema(db)).toMatch(HEX);
    expect(recordSchema(db)).toBe(fingerprintOf(schemaObjects(db)));
    db.close();
    expect(() => schemaObjects(db)).toThrow();
    expect(recordSchema(db)).toBeNull();
  });

  it('says nothing when the newest event recorded none (a stopped run, an older log)', async () => {
    const t = migratorFixture(FILES);
    await t.migrator.migrate();
    exec(t, "UPDATE schema_version_events SET schema_fingerprint = NULL WHERE version = '003'");
    exec(t, 'CREATE INDEX users_email ON users (email)');
    expect((await t.migrator.inspect()).schemaDrift).toBeNull();
  });

  it('adds its column to an event log written before it, keeping every event', async () => {
    const old = CREATE_EVENTS_TABLE.replace(',\n  schema_fingerprint TEXT', '');
    expect(old).not.toBe(CREATE_EVENTS_TABLE);
    const t = migratorFixture(
      FILES,
      {},
      `${CREATE_HISTORY_TABLE}; ${old}; INSERT INTO schema_version_events (at, kind, version, migration_name) VALUES ('2026-01-01', 'baselined', '000', 'x');`,
    );
    const shape = () => {
      const db = t.raw();
      try {
        return readHistoryShape(db, t.database).events;
      } finally {
        db.close();
      }
    };
    expect(shape()).toBe('legacy');
    expect((await t.migrator.inspect()).history.events).toMatchObject([
      { kind: 'baselined', schemaFingerprint: null },
    ]);
    await t.migrator.migrate();
    expect(shape()).toBe('current');
    expect(fingerprints(t)).toEqual([
      ['baselined', '000', false],
      ['applied', '001', false],
      ['applied', '002', false],
      ['applied', '003', true],
    ]);
  });
});
