/** `schema_version.status`: `success` and `failed` are the story's values and stay readable by it. */
export type RecordStatus = 'success' | 'failed';

/**
 * One row of `schema_version`: what the database says about a version. There is at most one record
 * per version; a retry replaces a `failed` record, a rollback removes the record.
 */
export interface HistoryRecord {
  /** The version as an exact integer. */
  readonly version: number;
  /** The version as stored (`'001'`): the row's key, kept as written so legacy rows are never rewritten. */
  readonly versionText: string;
  /** `schema_version.migration_name`: the file stem (`001_create_users`). */
  readonly migrationName: string;
  /** ISO-8601 text as stored by SQLite (`2026-11-24 07:48:00` or with `T`/`Z`). */
  readonly appliedAt: string;
  readonly status: RecordStatus;
  /** Milliseconds the last attempt took; `0` is a real duration, `null` means unknown. */
  readonly durationMs: number | null;
  readonly errorMessage: string | null;
  /** Checksum of the up part when applied; `null` for rows written by the story's Python runner. */
  readonly checksum: string | null;
  readonly downChecksum: string | null;
  /** The migration's `fileChecksum` when the row was written; `null` for rows written before it existed. */
  readonly fileChecksum: string | null;
  /** `false` when the migration ran outside a transaction: a failed one may be half-applied. */
  readonly transactional: boolean;
}

/** What happened, in the append-only event log that `history` shows. */
export type HistoryEventKind =
  | 'applied'
  | 'failed'
  | 'rolled_back'
  | 'rollback_failed'
  | 'baselined'
  | 'repaired'
  | 'checksum_recorded'
  | 'interrupted';

/** One entry of the append-only event log. */
export interface HistoryEvent {
  /** Increasing id: the order events happened in. */
  readonly id: number;
  readonly at: string;
  readonly kind: HistoryEventKind;
  readonly version: number;
  readonly versionText: string;
  readonly migrationName: string;
  readonly durationMs: number | null;
  readonly checksum: string | null;
  readonly error: string | null;
  readonly stack: string | null;
  /** Free text: the repair decision, the previous checksum, who baselined. */
  readonly detail: string | null;
  /**
   * The fingerprint of the database's schema once this event's change was done (the adapter records
   * it with the last step of a run, a failure, a baseline and a repair); `null` when not recorded.
   * A schema that no longer matches the newest one recorded was changed outside gao-db.
   */
  readonly schemaFingerprint: string | null;
}

/** Everything the database says about its migrations. */
export interface History {
  /** One per version, sorted by version. */
  readonly records: readonly HistoryRecord[];
  /** Sorted by id (the order they happened in). */
  readonly events: readonly HistoryEvent[];
}

/** An empty history (a database that has never been migrated). */
export const EMPTY_HISTORY: History = Object.freeze({
  records: Object.freeze([]),
  events: Object.freeze([]),
});
