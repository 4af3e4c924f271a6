import type { DatabaseSync } from 'node:sqlite';
import { CREATE_SCHEMA_TABLE, SCHEMA_TABLE } from './schema.ts';
import { fingerprintOf } from './schema-fingerprint.ts';
import { compareSchemas, type SchemaObject, schemaObjects } from './schema-snapshot.ts';

/**
 * Whether {@link SCHEMA_TABLE} is there as gao-db created it. A table of that name with other SQL
 * is someone else's: gao-db neither reads nor writes it.
 */
function schemaTableState(db: DatabaseSync): 'absent' | 'ours' | 'foreign' {
  const row = db.prepare('SELECT sql FROM sqlite_schema WHERE name = ?').get(SCHEMA_TABLE) as
    | { sql: string | null }
    | undefined;
  if (row === undefined) return 'absent';
  return row.sql === CREATE_SCHEMA_TABLE ? 'ours' : 'foreign';
}

function storedObjects(db: DatabaseSync): SchemaObject[] {
  const rows = db
    .prepare(`SELECT type, name, sql FROM ${SCHEMA_TABLE} ORDER BY type, name`)
    .all() as unknown as SchemaObject[];
  return rows.map(({ type, name, sql }) => ({ type, name, sql }));
}

/** Brings {@link SCHEMA_TABLE} (created the first time) to `objects`, writing only what differs. */
function writeSchema(db: DatabaseSync, objects: readonly SchemaObject[]): void {
  const state = schemaTableState(db);
  if (state === 'foreign') return;
  if (state === 'absent') db.exec(CREATE_SCHEMA_TABLE);
  const differences = compareSchemas(state === 'absent' ? [] : storedObjects(db), objects);
  if (differences.length === 0) return;
  const insert = db.prepare(`INSERT INTO ${SCHEMA_TABLE} (type, name, sql) VALUES (?, ?, ?)`);
  const remove = db.prepare(`DELETE FROM ${SCHEMA_TABLE} WHERE type = ? AND name = ?`);
  const update = db.prepare(`UPDATE ${SCHEMA_TABLE} SET sql = ? WHERE type = ? AND name = ?`);
  for (const { type, name, change, after } of differences) {
    if (change === 'added') insert.run(type, name, after);
    else if (change === 'removed') remove.run(type, name);
    else update.run(after, type, name);
  }
}

const SAVEPOINT = 'gao_db_recorded_schema';

/**
 * Records the user's schema as it is now, in the caller's write transaction, and returns its
 * fingerprint for the event that ends the run: {@link SCHEMA_TABLE} gets what changed since it was
 * last written, so a run that changed one table writes one row. Best effort, as the fingerprint
 * only serves to notice later changes made by hand: it never fails what it is recorded with.
 * Returns `null`, and writes nothing, when `sqlite_schema` cannot be read; a failed write of the
 * table (a full disk) is undone to a savepoint and the fingerprint still returned (the table then
 * no longer matches it, so `status` says that the schema changed but not what). Throws only when
 * SQLite ended the caller's whole transaction, which the caller must not write past.
 *
 * @example
 * const fingerprint = recordSchema(db); // inside BEGIN IMMEDIATE ... COMMIT
 */
export function recordSchema(db: DatabaseSync): string | null {
  let objects: SchemaObject[];
  try {
    objects = schemaObjects(db);
  } catch {
    return null;
  }
  db.exec(`SAVEPOINT ${SAVEPOINT}`);
  try {
    writeSchema(db, objects);
  } catch (error) {
    // SQLite ended the whole transaction (it may, on a full disk): the step's own rows must not
    // then be written outside one, so this is the step's error after all.
    if (!db.isTransaction) throw error;
    db.exec(`ROLLBACK TO ${SAVEPOINT}`);
  }
  db.exec(`RELEASE ${SAVEPOINT}`);
  return fingerprintOf(objects);
}

/**
 * The schema {@link recordSchema} wrote when it returned `fingerprint`, or `null` when the database
 * does not hold it: no {@link SCHEMA_TABLE} (a log from before gao-db kept one), or one that was
 * written since by something else (its own fingerprint tells).
 *
 * @example
 * const before = recordedSchema(db, drift.recorded); // null: not kept, or edited since
 */
export function recordedSchema(db: DatabaseSync, fingerprint: string): SchemaObject[] | null {
  if (schemaTableState(db) !== 'ours') return null;
  const objects = storedObjects(db);
  return fingerprintOf(objects) === fingerprint ? objects : null;
}
