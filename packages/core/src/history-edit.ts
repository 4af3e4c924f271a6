import type { HistoryEvent, HistoryRecord } from './history.ts';

/** An event before it gets its id; the optional fields default to `null`. */
export type NewEvent = Pick<HistoryEvent, 'at' | 'kind' | 'version' | 'versionText' | 'migrationName'> &
  Partial<Pick<HistoryEvent, 'durationMs' | 'checksum' | 'error' | 'stack' | 'detail' | 'schemaFingerprint'>>;

/**
 * The records (sorted by version, as a `History` holds them) with `record` in place of any
 * record of the same version, still sorted.
 *
 * @example
 * upsertRecord(history.records, { ...failed, status: 'success' })
 */
export function upsertRecord(records: readonly HistoryRecord[], record: HistoryRecord): HistoryRecord[] {
  // Inserted at its place, no sort: the runner calls this once per step.
  const next: HistoryRecord[] = [];
  let placed = false;
  for (const current of records) {
    if (current.version === record.version) continue;
    if (!placed && current.version > record.version) {
      next.push(record);
      placed = true;
    }
    next.push(current);
  }
  if (!placed) next.push(record);
  return next;
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
  let highest = 0;
  for (const { id } of events) if (id > highest) highest = id;
  // Spelled out rather than spread over defaults: the runner calls this once per step.
  const appended: HistoryEvent = {
    id: highest + 1,
    at: event.at,
    kind: event.kind,
    version: event.version,
    versionText: event.versionText,
    migrationName: event.migrationName,
    durationMs: event.durationMs ?? null,
    checksum: event.checksum ?? null,
    error: event.error ?? null,
    stack: event.stack ?? null,
    detail: event.detail ?? null,
    schemaFingerprint: event.schemaFingerprint ?? null,
  };
  return [...events, appended];
}
