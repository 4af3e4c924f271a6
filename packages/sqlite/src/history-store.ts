import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { History, HistoryEvent, HistoryEventKind, HistoryRecord, RecordStatus } from '@gao/migrate-core';
import { DatabaseError } from './errors.ts';
import { EVENTS_TABLE, HISTORY_TABLE, type HistoryShape, ourColumnsSelect } from './schema.ts';
import { cachedStatement } from './statement-cache.ts';

/** A `schema_version` row as an array, in the order {@link readHistory} selects the columns. */
type RecordRow = readonly [
  version: string,
  migrationName: string,
  appliedAt: string | null,
  status: string,
  durationMs: number | null,
  errorMessage: string | null,
  checksum: string | null,
  downChecksum: string | null,
  transactional: number | null,
  fileChecksum: string | null,
];

interface EventRow {
  id: number;
  at: string;
  kind: HistoryEventKind;
  version: string;
  migration_name: string;
  duration_ms: number | null;
  checksum: string | null;
  error: string | null;
  stack: string | null;
  detail: string | null;
  /** Absent from a log written before the column existed. */
  schema_fingerprint?: string | null;
}

const DIGITS = /^\d+$/;

function unrecognised(database: string, reason: string): DatabaseError {
  return new DatabaseError(
    'unrecognised_schema_version',
    `The database ${database} has a ${HISTORY_TABLE} row gao-db cannot read: ${reason}. Nothing was changed.`,
    { hint: `Fix or delete that row of ${HISTORY_TABLE} by hand, then run the command again.`, database },
  );
}

/**
 * A stored version as an exact integer (`'007'` -> 7: versions are matched by value, whatever the
 * zero padding), or `null` when it is not a whole number a JavaScript number holds exactly.
 *
 * @example
 * storedVersion('007') // 7
 * storedVersion('x1') // null
 */
export function storedVersion(text: string): number | null {
  const value = DIGITS.test(text) ? Number(text) : Number.NaN;
  return Number.isSafeInteger(value) ? value : null;
}

function versionNumber(text: string, database: string): number {
  const value = storedVersion(text);
  if (value === null) throw unrecognised(database, `version '${text}' is not a whole number`);
  return value;
}

function toRecord(row: RecordRow, database: string): HistoryRecord {
  // Indexed, not destructured: this runs once per row on every startup, mostly before the JIT
  // has optimised it, and array destructuring goes through the iterator protocol there.
  const version = row[0];
  const status = row[3];
  if (status !== 'success' && status !== 'failed') {
    throw unrecognised(database, `version '${version}' has status '${status}'`);
  }
  return {
    version: versionNumber(version, database),
    versionText: version,
    migrationName: row[1],
    appliedAt: row[2] ?? '',
    status: status satisfies RecordStatus,
    durationMs: row[4],
    errorMessage: row[5],
    checksum: row[6],
    downChecksum: row[7],
    fileChecksum: row[9],
    transactional: row[8] !== 0,
  };
}

/** The history query, returning arrays: cheaper than an object per row on the startup path. */
function recordsQuery(db: DatabaseSync, extra: string) {
  const statement = cachedStatement(
    db,
    `SELECT version, migration_name, applied_at, status, duration_ms, error_message, ${extra} FROM ${HISTORY_TABLE}`,
  );
  statement.setReturnArrays(true);
  return statement;
}

function toEvent(row: EventRow): HistoryEvent {
  return {
    id: row.id,
    at: row.at,
    kind: row.kind,
    version: Number(row.version),
    versionText: row.version,
    migrationName: row.migration_name,
    durationMs: row.duration_ms,
    checksum: row.checksum,
    error: row.error,
    stack: row.stack,
    detail: row.detail,
    schemaFingerprint: row.schema_fingerprint ?? null,
  };
}

function isSorted(records: readonly HistoryRecord[]): boolean {
  for (let index = 1; index < records.length; index++) {
    if ((records[index - 1] as HistoryRecord).version > (records[index] as HistoryRecord).version)
      return false;
  }
  return true;
}

/** What {@link readHistory} reads. */
export interface ReadHistoryOptions {
  /** Read the event log too (default `true`); planning needs only the records. */
  readonly events?: boolean;
}

/**
 * Reads `schema_version` (and the event log) as core's {@link History}: records sorted by version.
 * The story's table without gao-db's columns reads as unchecked (`checksum: null`) transactional rows.
 *
 * @example
 * const history = readHistory(db, readHistoryShape(db, 'app.db'), 'app.db');
 */
export function readHistory(
  db: DatabaseSync,
  shape: HistoryShape,
  database: string,
  options: ReadHistoryOptions = {},
): History {
  if (shape.history === 'absent') return { records: [], events: [] };
  const rows = recordsQuery(db, ourColumnsSelect(shape.missingColumns)).all() as unknown as RecordRow[];
  const records = rows.map((row) => toRecord(row, database));
  // Rows come in key (text) order, which is version order when versions share a width: sort only if not.
  if (!isSorted(records)) records.sort((a, b) => a.version - b.version);
  for (let index = 1; index < records.length; index++) {
    const previous = records[index - 1] as HistoryRecord;
    const current = records[index] as HistoryRecord;
    if (previous.version === current.version) {
      throw unrecognised(
        database,
        `versions '${previous.versionText}' and '${current.versionText}' are the same number`,
      );
    }
  }
  const withEvents = (options.events ?? true) && shape.events !== 'absent';
  const events = withEvents
    ? (db.prepare(`SELECT * FROM ${EVENTS_TABLE} ORDER BY id`).all() as unknown as EventRow[]).map(toEvent)
    : [];
  return { records, events };
}

/** The columns a record is written with, in the order of {@link runWithRecord}. */
const RECORD_COLUMNS =
  'version, migration_name, applied_at, status, duration_ms, error_message, checksum, down_checksum, transactional, file_checksum';

// Built once: the statement cache is keyed by the text, and these run for every step.
const INSERT_RECORD = `INSERT INTO ${HISTORY_TABLE} (${RECORD_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const UPSERT_RECORD = `${INSERT_RECORD}
     ON CONFLICT (version) DO UPDATE SET migration_name = excluded.migration_name, applied_at = excluded.applied_at,
       status = excluded.status, duration_ms = excluded.duration_ms, error_message = excluded.error_message,
       checksum = excluded.checksum, down_checksum = excluded.down_checksum, transactional = excluded.transactional,
       file_checksum = excluded.file_checksum`;
const DELETE_RECORD = `DELETE FROM ${HISTORY_TABLE} WHERE version = ?`;
const APPEND_EVENT = `INSERT INTO ${EVENTS_TABLE} (at, kind, version, migration_name, duration_ms, checksum, error, stack, detail, schema_fingerprint)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;

/** Runs `statement` with a record's values for {@link RECORD_COLUMNS} (no spread: once per step, cold). */
function runWithRecord(statement: StatementSync, record: HistoryRecord): void {
  statement.run(
    record.versionText,
    record.migrationName,
    record.appliedAt,
    record.status,
    record.durationMs,
    record.errorMessage,
    record.checksum,
    record.downChecksum,
    record.transactional ? 1 : 0,
    record.fileChecksum,
  );
}

/**
 * Writes a record, replacing the row of its version (a retry replaces a `failed` row: no primary-key
 * collision), in the caller's transaction.
 *
 * @example
 * upsertRecord(db, { ...record, status: 'success' });
 */
export function upsertRecord(db: DatabaseSync, record: HistoryRecord): void {
  runWithRecord(cachedStatement(db, UPSERT_RECORD), record);
}

/** Inserts a record for a version that has no row (in the caller's transaction). */
export function insertRecord(db: DatabaseSync, record: HistoryRecord): void {
  runWithRecord(cachedStatement(db, INSERT_RECORD), record);
}

/** Removes a version's record (rollback, `repair mark_rolled_back`). */
export function deleteRecord(db: DatabaseSync, versionText: string): void {
  cachedStatement(db, DELETE_RECORD).run(versionText);
}

/**
 * Appends to the event log in the caller's transaction (the id comes from SQLite).
 *
 * @example
 * appendEvent(db, { ...event, kind: 'applied' });
 */
export function appendEvent(db: DatabaseSync, event: Omit<HistoryEvent, 'id'>): void {
  cachedStatement(db, APPEND_EVENT).run(
    event.at,
    event.kind,
    event.versionText,
    event.migrationName,
    event.durationMs,
    event.checksum,
    event.error,
    event.stack,
    event.detail,
    event.schemaFingerprint,
  );
}

function sameRecord(a: HistoryRecord, b: HistoryRecord): boolean {
  return (Object.keys(a) as (keyof HistoryRecord)[]).every((key) => a[key] === b[key]);
}

/**
 * Brings the row of one version from `old` to `record`, in the caller's transaction: inserted when it
 * had none (a plain insert, which fails loudly instead of overwriting if that were ever wrong),
 * replaced when it changed, deleted when `record` is `null`.
 */
function writeRecordChange(
  db: DatabaseSync,
  old: HistoryRecord | undefined,
  record: HistoryRecord | null,
): void {
  if (record === null) {
    if (old !== undefined) deleteRecord(db, old.versionText);
  } else if (old === undefined) insertRecord(db, record);
  else if (!sameRecord(old, record)) upsertRecord(db, record);
}

/**
 * Writes what one step changed, in the caller's transaction: the version's row from `old` (as read
 * inside the caller's lock) to `record` (`null`: removed), then `event`. What {@link persistHistory}
 * does for one version, without comparing whole histories: the runner calls it once per step.
 *
 * @example
 * const { record, event } = stepOutcome(step, old, at, durationMs);
 * persistStep(db, old, record, event);
 */
export function persistStep(
  db: DatabaseSync,
  old: HistoryRecord | undefined,
  record: HistoryRecord | null,
  event: Omit<HistoryEvent, 'id'>,
): void {
  writeRecordChange(db, old, record);
  appendEvent(db, event);
}

/** What {@link persistHistory} writes. */
export interface PersistOptions {
  /** Write the new events too (default `true`). */
  readonly events?: boolean;
}

/**
 * Writes the difference between two histories, in the caller's transaction: changed or new records
 * are upserted, vanished ones deleted, events after `before`'s last appended. `after` comes from
 * core's pure `applyPlan`/`recordFailure`, so the database follows exactly the model the planner
 * is tested against.
 *
 * @example
 * persistHistory(db, before, applyPlan(before, plan, at, durationMs));
 */
export function persistHistory(
  db: DatabaseSync,
  before: History,
  after: History,
  options: PersistOptions = {},
): void {
  const previous = new Map(before.records.map((record) => [record.version, record]));
  const next = new Set(after.records.map((record) => record.version));
  for (const record of before.records) {
    if (!next.has(record.version)) deleteRecord(db, record.versionText);
  }
  // A version `before` does not hold has no row: it was read inside the caller's lock.
  for (const record of after.records) writeRecordChange(db, previous.get(record.version), record);
  if (options.events === false) return;
  const lastId = before.events.reduce((highest, event) => Math.max(highest, event.id), 0);
  for (const event of after.events) if (event.id > lastId) appendEvent(db, event);
}
