import type { DatabaseSync } from 'node:sqlite';
import type { History, HistoryEvent } from '@gao/migrate-core';
import { sha256Text } from './read-set.ts';
import { normalisedSql, schemaObjects } from './schema-snapshot.ts';

/**
 * SHA-256 of the user's schema as `db` sees it now (inside its transaction, if one is open): every
 * table, index, view and trigger by type and name, with its `CREATE` text as {@link normalisedSql}
 * reads it (white space and quotes around simple names do not count). gao-db's own tables and
 * SQLite's are left out, so recording history never changes it.
 *
 * @example
 * schemaFingerprint(db); // 'a3f1…' (64 hex digits)
 */
export function schemaFingerprint(db: DatabaseSync): string {
  const lines = schemaObjects(db).map(
    ({ type, name, sql }) => `${type}\t${name}\t${sql === null ? '' : normalisedSql(sql)}\n`,
  );
  return sha256Text(lines.join(''));
}

/**
 * {@link schemaFingerprint}, or `null` when the schema cannot be read: the fingerprint only serves
 * to notice later changes made by hand, so it never fails the migration, failure or repair it is
 * recorded with (what stops those is met by their own statements).
 *
 * @example
 * const fingerprint = recordableFingerprint(db); // null if sqlite_schema could not be read
 */
export function recordableFingerprint(db: DatabaseSync): string | null {
  try {
    return schemaFingerprint(db);
  } catch {
    return null;
  }
}

/**
 * The history with `fingerprint` on its newest event (the one a step, a failure, a baseline or a
 * repair just appended); unchanged for `null`.
 *
 * @example
 * const after = withFingerprint(applyPlan(before, plan, at), schemaFingerprint(db));
 */
export function withFingerprint(history: History, fingerprint: string | null): History {
  const last = history.events.at(-1);
  if (fingerprint === null || last === undefined) return history;
  return {
    records: history.records,
    events: [...history.events.slice(0, -1), { ...last, schemaFingerprint: fingerprint }],
  };
}

/** The schema differs from the one gao-db recorded with its newest event: it was changed outside gao-db. */
export interface SchemaDrift {
  /** The newest event, which recorded the schema as gao-db left it. */
  readonly since: HistoryEvent;
  readonly recorded: string;
  readonly current: string;
}

/**
 * Whether the schema `db` has now is not the one recorded with the newest event of `history`;
 * `null` when it is, or when the newest event recorded none (a run that was stopped, a log from
 * before fingerprints, no event at all): then nothing can be said.
 *
 * @example
 * const drift = schemaDrift(db, history);
 * if (drift !== null) console.log(`changed outside gao-db since event ${drift.since.id}`);
 */
export function schemaDrift(db: DatabaseSync, history: History): SchemaDrift | null {
  const since = history.events.at(-1);
  const recorded = since?.schemaFingerprint ?? null;
  if (since === undefined || recorded === null) return null;
  const current = schemaFingerprint(db);
  return current === recorded ? null : { since, recorded, current };
}
