import type { DatabaseSync } from 'node:sqlite';
import type { History, HistoryEvent } from '@gao/migrate-core';
import { recordedSchema } from './recorded-schema.ts';
import { fingerprintOf } from './schema-fingerprint.ts';
import { compareSchemas, type SchemaDifference, schemaObjects } from './schema-snapshot.ts';

/** The schema differs from the one gao-db recorded with its newest event: it was changed outside gao-db. */
export interface SchemaDrift {
  /** The newest event, which recorded the schema as gao-db left it. */
  readonly since: HistoryEvent;
  readonly recorded: string;
  readonly current: string;
  /**
   * What was created, changed or dropped since, by type and name; `null` when the database does not
   * hold the schema that event recorded (it was written before gao-db kept it), so only the
   * fingerprints tell that something changed.
   */
  readonly changes: readonly SchemaDifference[] | null;
}

/**
 * Whether the schema `db` has now is not the one recorded with the newest event of `history`, and
 * what differs; `null` when it is, or when the newest event recorded none (a log from before
 * fingerprints, no event at all): then nothing can be said.
 *
 * @example
 * const drift = schemaDrift(db, history);
 * if (drift !== null) console.log(`changed outside gao-db since event ${drift.since.id}`);
 */
export function schemaDrift(db: DatabaseSync, history: History): SchemaDrift | null {
  const since = history.events.at(-1);
  const recorded = since?.schemaFingerprint ?? null;
  if (since === undefined || recorded === null) return null;
  const objects = schemaObjects(db);
  const current = fingerprintOf(objects);
  if (current === recorded) return null;
  const before = recordedSchema(db, recorded);
  const changes = before === null ? null : compareSchemas(before, objects, { columns: true });
  return { since, recorded, current, changes };
}
