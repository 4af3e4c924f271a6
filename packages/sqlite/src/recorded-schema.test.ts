import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { migratorFixture } from './migrator.test-fixture.ts';
import { recordSchema } from './recorded-schema.ts';
import { readRowCounts } from './row-counts.ts';
import { SCHEMA_TABLE } from './schema.ts';
import { schemaObjects } from './schema-snapshot.ts';

const FILES = {
  '001_users.sql':
    '-- migrate:up\nCREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT);\n-- migrate:down\nDROP TABLE users;\n',
  '002_posts.sql':
    '-- migrate:up\nCREATE TABLE posts (id INTEGER PRIMARY KEY);\nCREATE INDEX posts_id ON posts (id);\n-- migrate:down\nDROP TABLE posts;\n',
};

type Fixture = ReturnType<typeof migratorFixture>;

function exec(t: Fixture, sql: string): void {
  const db = t.raw();
  db.exec(sql);
  db.close();
}

/** The recorded schema, as stored. */
function stored(t: Fixture) {
  return t.query<{ type: string; name: string; sql: string | null }>(
    `SELECT type, name, sql FROM ${SCHEMA_TABLE} ORDER BY type, name`,
  );
}

/** The user's schema as it is now. */
function live(t: Fixture) {
  const db = t.raw();
  try {
    return schemaObjects(db);
  } finally {
    db.close();
  }
}

async function changes(t: Fixture) {
  const drift = (await t.migrator.inspect()).schemaDrift;
  return drift === null ? 'no drift' : drift.changes;
}

describe('the recorded schema (schema_version_objects)', () => {
  it('holds the user schema a run leaves, and no table of gao-db', async () => {
    const t = migratorFixture(FILES);
    await t.migrator.migrate();
    expect(stored(t).map((o) => `${o.type} ${o.name}`)).toEqual([
      'index posts_id',
      'table posts',
      'table users',
    ]);
    expect(stored(t)).toEqual(live(t));
    // It is gao-db's: not the user's rows, not the user's schema.
    const db = t.raw();
    expect(schemaObjects(db).map((o) => o.name)).not.toContain(SCHEMA_TABLE);
    db.close();
    expect(readRowCounts(t.database).map((r) => r.table)).toEqual(['posts', 'users']);
  });

  it('names what was created, changed or dropped by hand since', async () => {
    const t = migratorFixture(FILES);
    await t.migrator.migrate();
    expect(await changes(t)).toBe('no drift');
    exec(
      t,
      'CREATE INDEX users_email ON users (email); ALTER TABLE users ADD COLUMN name TEXT; DROP TABLE posts;',
    );
    expect(await changes(t)).toEqual([
      {
        type: 'index',
        name: 'posts_id',
        change: 'removed',
        before: 'CREATE INDEX posts_id ON posts (id)',
        after: null,
      },
      {
        type: 'index',
        name: 'users_email',
        change: 'added',
        before: null,
        after: 'CREATE INDEX users_email ON users (email)',
      },
      {
        type: 'table',
        name: 'posts',
        change: 'removed',
        before: 'CREATE TABLE posts (id INTEGER PRIMARY KEY)',
        after: null,
      },
      {
        type: 'table',
        name: 'users',
        change: 'changed',
        before: 'CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT)',
        after: 'CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, name TEXT)',
        columns: [{ column: 'name', change: 'added', before: null, after: 'TEXT' }],
      },
    ]);
  });

  it('follows each run: rows added, changed and removed as the migrations did', async () => {
    const t = migratorFixture(FILES);
    await t.migrator.migrate();
    writeFileSync(
      join(t.dir, '003_reshape.sql'),
      'CREATE TABLE tags (id INTEGER PRIMARY KEY);\nALTER TABLE users ADD COLUMN name TEXT;\nDROP INDEX posts_id;\n',
    );
    await t.migrator.migrate();
    expect(stored(t).map((o) => `${o.type} ${o.name}`)).toEqual(['table posts', 'table tags', 'table users']);
    expect(stored(t)).toEqual(live(t));
    expect(await changes(t)).toBe('no drift');

    // A failure records the schema it leaves (rolled back: as before it), so a change after it is named.
    writeFileSync(join(t.dir, '004_bad.sql'), 'CREATE TABLE bad (id);\nSELECT * FROM missing;');
    await expect(t.migrator.migrate()).rejects.toThrow(/missing/);
    exec(t, 'CREATE TABLE notes (id)');
    expect(await changes(t)).toMatchObject([{ type: 'table', name: 'notes', change: 'added' }]);
  });

  it('is recorded by a rollback, a baseline and a repair, which reset what counts as changed', async () => {
    const t = migratorFixture(FILES);
    await t.migrator.migrate();
    await t.migrator.rollback({ count: 1 });
    expect(stored(t)).toEqual(live(t));
    exec(t, 'CREATE TABLE posts (id INTEGER PRIMARY KEY)');
    expect(await changes(t)).toMatchObject([{ name: 'posts', change: 'added' }]);
    await t.migrator.baseline(2);
    expect(await changes(t)).toBe('no drift');
    expect(stored(t).map((o) => o.name)).toEqual(['posts', 'users']);

    writeFileSync(join(t.dir, '003_half.sql'), '-- migrate:up transaction:false\nCREATE TABLE half (id);\n');
    exec(
      t,
      "INSERT INTO schema_version (version, migration_name, status, transactional) VALUES ('003', '003_half', 'failed', 0)",
    );
    exec(t, 'CREATE TABLE half (id)');
    await t.migrator.repair(3, 'mark_applied');
    expect(await changes(t)).toBe('no drift');
    expect(stored(t).map((o) => o.name)).toEqual(['half', 'posts', 'users']);
  });

  it('says that, not what, when the schema it recorded is not in the database', async () => {
    const t = migratorFixture(FILES);
    await t.migrator.migrate();
    // A database migrated before gao-db kept the schema: the fingerprint is all there is.
    exec(t, `DROP TABLE ${SCHEMA_TABLE}; CREATE INDEX users_email ON users (email);`);
    const drift = (await t.migrator.inspect()).schemaDrift;
    expect(drift).toMatchObject({ since: { kind: 'applied', version: 2 }, changes: null });

    // The next run records it again.
    writeFileSync(join(t.dir, '003_tags.sql'), 'CREATE TABLE tags (id);');
    await t.migrator.migrate();
    expect(stored(t)).toEqual(live(t));
    // Rows edited by hand no longer match the fingerprint of the event: no list rather than a wrong one.
    exec(t, `DELETE FROM ${SCHEMA_TABLE} WHERE name = 'tags'; CREATE TABLE more (id);`);
    expect((await t.migrator.inspect()).schemaDrift).toMatchObject({ changes: null });
  });

  it('is not created by a run that writes nothing, and is created by the next one that does', async () => {
    const t = migratorFixture(FILES);
    await t.migrator.migrate();
    exec(t, `DROP TABLE ${SCHEMA_TABLE}`);
    await t.migrator.migrate();
    expect(t.tables()).not.toContain(SCHEMA_TABLE);
    writeFileSync(join(t.dir, '003_tags.sql'), 'CREATE TABLE tags (id);');
    await t.migrator.migrate();
    expect(stored(t).map((o) => o.name)).toEqual(['posts_id', 'posts', 'tags', 'users']);
  });

  it('leaves a table of that name it did not create alone, and still finds drift by fingerprint', async () => {
    const t = migratorFixture(
      FILES,
      {},
      `CREATE TABLE ${SCHEMA_TABLE} (x); INSERT INTO ${SCHEMA_TABLE} VALUES (42);`,
    );
    await t.migrator.migrate();
    expect(t.query(`SELECT * FROM ${SCHEMA_TABLE}`)).toEqual([{ x: 42 }]);
    exec(t, 'CREATE TABLE notes (id)');
    expect((await t.migrator.inspect()).schemaDrift).toMatchObject({ since: { version: 2 }, changes: null });
  });

  it('is written whole again after a migration emptied it', async () => {
    const t = migratorFixture(FILES);
    await t.migrator.migrate();
    writeFileSync(join(t.dir, '003_meddle.sql'), `DELETE FROM ${SCHEMA_TABLE};\nCREATE TABLE tags (id);`);
    const report = await t.migrator.migrate();
    expect(report.ok).toBe(true);
    // The last step rewrote what the migration deleted: the record matches the schema again.
    expect(stored(t)).toEqual(live(t));
    expect(await changes(t)).toBe('no drift');
  });
});

describe('recording the schema is best effort', () => {
  it('a failed write of the table is undone alone: the step commits, the drift is told without a list', async () => {
    // A trigger of the user's that refuses the write stands in for a full disk at that moment.
    const t = migratorFixture(FILES);
    await t.migrator.migrate();
    exec(
      t,
      `CREATE TRIGGER refuse BEFORE INSERT ON ${SCHEMA_TABLE} BEGIN SELECT RAISE(ABORT, 'no room'); END;`,
    );
    writeFileSync(join(t.dir, '003_tags.sql'), 'CREATE TABLE tags (id);');
    const report = await t.migrator.migrate();
    expect(report).toMatchObject({ ok: true, finalVersion: 3 });
    expect(t.tables()).toContain('tags');
    // The event has the fingerprint of the schema with tags; the table still holds the one without.
    expect(stored(t).map((o) => o.name)).not.toContain('tags');
    expect(await changes(t)).toBe('no drift');
    exec(t, 'CREATE TABLE more (id)');
    expect((await t.migrator.inspect()).schemaDrift).toMatchObject({ since: { version: 3 }, changes: null });
  });

  it('a write that ends the whole transaction fails the step instead (nothing is written outside it)', () => {
    const db = new DatabaseSync(':memory:');
    db.exec('CREATE TABLE t (a)');
    db.exec('BEGIN IMMEDIATE');
    recordSchema(db);
    // RAISE(ROLLBACK) ends the whole transaction, as SQLite may on a full disk.
    db.exec(
      `CREATE TRIGGER end_it BEFORE UPDATE ON ${SCHEMA_TABLE} BEGIN SELECT RAISE(ROLLBACK, 'rolled back'); END;`,
    );
    db.exec('ALTER TABLE t ADD COLUMN b');
    expect(() => recordSchema(db)).toThrow('rolled back');
    expect(db.isTransaction).toBe(false);
    db.close();
  });
});
