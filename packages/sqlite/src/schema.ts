import type { DatabaseSync } from 'node:sqlite';
import { DatabaseError } from './errors.ts';

/** The table the story defined and gao-db keeps: one row per migration version. */
export const HISTORY_TABLE = 'schema_version';
/** gao-db's append-only event log (applied, failed, rolled back, repaired, ...). */
export const EVENTS_TABLE = 'schema_version_events';

/**
 * The user's schema as gao-db recorded it with its newest fingerprinted event, one row per table,
 * index, view and trigger: what tells `status` which objects were changed by hand since.
 */
export const SCHEMA_TABLE = 'schema_version_objects';

/** gao-db's own tables: never part of the user's schema, row counts or migrations' business. */
export const GAO_TABLES: readonly string[] = [HISTORY_TABLE, EVENTS_TABLE, SCHEMA_TABLE];

/** `schema_version` as gao-db creates it: the story's six columns, then gao-db's four. */
export const CREATE_HISTORY_TABLE = `CREATE TABLE ${HISTORY_TABLE} (
  version TEXT PRIMARY KEY,
  migration_name TEXT NOT NULL,
  applied_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
  status TEXT NOT NULL,
  duration_ms INTEGER,
  error_message TEXT,
  checksum TEXT,
  down_checksum TEXT,
  transactional INTEGER NOT NULL DEFAULT 1,
  file_checksum TEXT
)`;

/**
 * The event log's definition. No `AUTOINCREMENT`: the log is append-only, so SQLite's `max(id) + 1`
 * never reuses an id, and it would cost a `sqlite_sequence` table and a second B-tree write per step.
 */
export const CREATE_EVENTS_TABLE = `CREATE TABLE ${EVENTS_TABLE} (
  id INTEGER PRIMARY KEY,
  at TEXT NOT NULL,
  kind TEXT NOT NULL,
  version TEXT NOT NULL,
  migration_name TEXT NOT NULL,
  duration_ms INTEGER,
  checksum TEXT,
  error TEXT,
  stack TEXT,
  detail TEXT,
  schema_fingerprint TEXT
)`;

/**
 * The recorded schema's definition (see {@link SCHEMA_TABLE}). `WITHOUT ROWID`: it is read and
 * written by type and name only.
 */
export const CREATE_SCHEMA_TABLE = `CREATE TABLE ${SCHEMA_TABLE} (
  type TEXT NOT NULL,
  name TEXT NOT NULL,
  sql TEXT,
  PRIMARY KEY (type, name)
) WITHOUT ROWID`;

/** The story's columns (all required) with their declared types; `version` is the primary key. */
const STORY_COLUMNS: Readonly<Record<string, string>> = {
  version: 'TEXT',
  migration_name: 'TEXT',
  applied_at: 'TIMESTAMP',
  status: 'TEXT',
  duration_ms: 'INTEGER',
  error_message: 'TEXT',
};

/**
 * gao-db's columns: added with ALTER TABLE to a table that lacks them (the story's, or one written
 * before `file_checksum` existed). Their value on a row that predates them is {@link OurColumn.unknown}.
 */
const OUR_COLUMNS: Readonly<Record<string, OurColumn>> = {
  checksum: { type: 'TEXT', definition: 'checksum TEXT', unknown: 'NULL' },
  down_checksum: { type: 'TEXT', definition: 'down_checksum TEXT', unknown: 'NULL' },
  transactional: { type: 'INTEGER', definition: 'transactional INTEGER NOT NULL DEFAULT 1', unknown: '1' },
  file_checksum: { type: 'TEXT', definition: 'file_checksum TEXT', unknown: 'NULL' },
};

interface OurColumn {
  readonly type: string;
  readonly definition: string;
  /** What a row written before the column existed holds (the value `ALTER TABLE` gives it). */
  readonly unknown: string;
}

/**
 * The select list of gao-db's columns in order, a missing one read as its value for old rows: a
 * table written before `file_checksum` existed keeps its checksums.
 *
 * @example
 * ourColumnsSelect(['file_checksum']) // 'checksum, down_checksum, transactional, NULL AS file_checksum'
 */
export function ourColumnsSelect(missing: readonly string[]): string {
  return Object.entries(OUR_COLUMNS)
    .map(([name, column]) => (missing.includes(name) ? `${column.unknown} AS ${name}` : name))
    .join(', ');
}

const EVENT_COLUMNS = [
  'id',
  'at',
  'kind',
  'version',
  'migration_name',
  'duration_ms',
  'checksum',
  'error',
  'stack',
  'detail',
  'schema_fingerprint',
] as const;

/** The event log's column added since its first shape (added with ALTER TABLE to an older log). */
const ADDED_EVENT_COLUMN = 'schema_fingerprint TEXT';

/** What the database holds today, as far as gao-db's tables go. */
export interface HistoryShape {
  /**
   * `absent`: never migrated; `current`: all of gao-db's columns; `legacy`: the story's table, or a
   * table gao-db wrote before one of its columns existed.
   */
  readonly history: 'absent' | 'current' | 'legacy';
  /** gao-db columns a `legacy` table lacks (added on the first write). */
  readonly missingColumns: readonly string[];
  /** `legacy`: the event log as gao-db wrote it before `schema_fingerprint` existed. */
  readonly events: 'absent' | 'current' | 'legacy';
}

interface MasterRow {
  name: string;
  type: string;
  sql: string | null;
}

interface ColumnRow {
  name: string;
  type: string;
  pk: number;
  hidden: number;
}

function refuse(database: string, reason: string): DatabaseError {
  return new DatabaseError(
    'unrecognised_schema_version',
    `The database ${database} has a ${HISTORY_TABLE} table gao-db does not recognise: ${reason}. Nothing was changed.`,
    {
      hint: `gao-db keeps its history in ${HISTORY_TABLE} (the story's columns plus checksum, down_checksum, transactional, file_checksum). If another tool owns that table, use a separate database or rename the table.`,
      database,
    },
  );
}

function columnsOf(db: DatabaseSync, table: string): ColumnRow[] {
  return db
    .prepare('SELECT name, type, pk, hidden FROM pragma_table_xinfo(?)')
    .all(table) as unknown as ColumnRow[];
}

function historyColumns(db: DatabaseSync, database: string): { missing: string[] } {
  const found = new Map(columnsOf(db, HISTORY_TABLE).map((column) => [column.name.toLowerCase(), column]));
  for (const [name, column] of found) {
    const expected = STORY_COLUMNS[name] ?? OUR_COLUMNS[name]?.type;
    if (expected === undefined || column.hidden !== 0) throw refuse(database, `it has a column "${name}"`);
    if (column.type.trim().toUpperCase() !== expected) {
      throw refuse(
        database,
        `column "${name}" is declared ${column.type || 'without a type'}, expected ${expected}`,
      );
    }
    if ((column.pk !== 0) !== (name === 'version')) {
      throw refuse(database, 'its primary key is not the version column alone');
    }
  }
  for (const name of Object.keys(STORY_COLUMNS)) {
    if (!found.has(name)) throw refuse(database, `column "${name}" is missing`);
  }
  return { missing: Object.keys(OUR_COLUMNS).filter((name) => !found.has(name)) };
}

/**
 * Reads which of gao-db's tables exist and in which shape, without changing anything. A
 * `schema_version` that is neither gao-db's nor the story's (a view, other columns, other types, no
 * primary key on `version`) is refused with `unrecognised_schema_version`.
 *
 * @example
 * const shape = readHistoryShape(db, 'app.db'); // { history: 'legacy', missingColumns: ['checksum', ...], events: 'absent' }
 */
export function readHistoryShape(db: DatabaseSync, database: string): HistoryShape {
  const rows = db
    .prepare('SELECT name, type, sql FROM sqlite_schema WHERE name IN (?, ?)')
    .all(HISTORY_TABLE, EVENTS_TABLE) as unknown as MasterRow[];
  const history = rows.find((row) => row.name === HISTORY_TABLE);
  const events = rows.find((row) => row.name === EVENTS_TABLE);
  let shape: Pick<HistoryShape, 'history' | 'missingColumns'> = { history: 'absent', missingColumns: [] };
  if (history !== undefined) {
    if (history.type !== 'table') throw refuse(database, `it is a ${history.type}, not a table`);
    // Tables gao-db created itself still carry its exact SQL: no need to look at the columns.
    const missing = history.sql === CREATE_HISTORY_TABLE ? [] : historyColumns(db, database).missing;
    shape = { history: missing.length === 0 ? 'current' : 'legacy', missingColumns: missing };
  }
  if (events === undefined) return { ...shape, events: 'absent' };
  const eventShape =
    events.type !== 'table' ? null : events.sql === CREATE_EVENTS_TABLE ? 'current' : eventTableShape(db);
  if (eventShape === null) {
    throw new DatabaseError(
      'unrecognised_schema_version',
      `The database ${database} has a ${EVENTS_TABLE} ${events.type} gao-db does not recognise. Nothing was changed.`,
      {
        hint: `gao-db keeps its event log in ${EVENTS_TABLE}. If another tool owns it, use a separate database or rename it.`,
        database,
      },
    );
  }
  return { ...shape, events: eventShape };
}

/** `current` or `legacy` (all columns but the last one added) for gao-db's log, `null` for another table. */
function eventTableShape(db: DatabaseSync): 'current' | 'legacy' | null {
  const names = columnsOf(db, EVENTS_TABLE).map((column) => column.name.toLowerCase());
  const has = (expected: readonly string[]) =>
    names.length === expected.length && expected.every((name) => names.includes(name));
  if (has(EVENT_COLUMNS)) return 'current';
  return has(EVENT_COLUMNS.slice(0, -1)) ? 'legacy' : null;
}

/**
 * Brings the tables to gao-db's shape inside the caller's write transaction: creates what is missing
 * and adds gao-db's columns to the story's table, keeping every row. Returns whether it changed anything.
 *
 * @example
 * db.exec('BEGIN IMMEDIATE');
 * ensureHistoryTables(db, readHistoryShape(db, 'app.db'));
 */
export function ensureHistoryTables(db: DatabaseSync, shape: HistoryShape): boolean {
  let changed = false;
  if (shape.history === 'absent') {
    db.exec(CREATE_HISTORY_TABLE);
    changed = true;
  }
  for (const name of shape.missingColumns) {
    const column = OUR_COLUMNS[name];
    if (column === undefined) continue;
    db.exec(`ALTER TABLE ${HISTORY_TABLE} ADD COLUMN ${column.definition}`);
    changed = true;
  }
  if (shape.events === 'absent') {
    db.exec(CREATE_EVENTS_TABLE);
    changed = true;
  }
  if (shape.events === 'legacy') {
    db.exec(`ALTER TABLE ${EVENTS_TABLE} ADD COLUMN ${ADDED_EVENT_COLUMN}`);
    changed = true;
  }
  return changed;
}

/** Whether the tables already have gao-db's shape (no write needed before recording). */
export function isCurrentShape(shape: HistoryShape): boolean {
  return shape.history === 'current' && shape.events === 'current';
}
