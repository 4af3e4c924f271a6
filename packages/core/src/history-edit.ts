import type { HistoryEvent, HistoryRecord } from './history.ts';

/** An event before it gets its id; the optional fields default to `null`. */
export type NewEvent = Pick<HistoryEvent, 'at' | 'kind' | 'version' | 'versionText' | 'migrationName'> &
  Partial<Pick<HistoryEvent, 'durationMs' | 'checksum' | 'error' | 'stack' | 'detail'>>;

/**
 * The records with `record` in place of any record of the same version, sorted by version.
 *
 * @example
 * upsertRecord(history.records, { ...failed, status: 'success' })
 */
export function upsertRecord(records: readonly HistoryRecord[], record: HistoryRecord): HistoryRecord[] {
  return [...removeRecord(records, record.version), record].sort((a, b) => a.version - b.version);
}

/** The records without the one of `version`. @example removeRecord(history.records, 3) */
export function removeRecord(records: readonly HistoryRecord[], version: number): HistoryRecord[] {
  return records.filter((record) => record.version !== version);
}

/**
 * The events with `event` appended under the next id (one more than the highest so far).
 *
 * @example
 * appendEvent([], { at: '2026-01-01T00:00:00Z', kind: 'applied', version: 1, versionText: '001', migrationName: '001_a' })[0].id // 1
 */
export function appendEvent(events: readonly HistoryEvent[], event: NewEvent): HistoryEvent[] {
  const id = events.reduce((highest, { id }) => Math.max(highest, id), 0) + 1;
  return [
    ...events,
    {
      durationMs: null,
      checksum: null,
      error: null,
      stack: null,
      detail: null,
      ...event,
      id,
    },
  ];
}
