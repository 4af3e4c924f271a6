/**
 * A stored timestamp for people, in one shape whoever wrote it: the story's runner stored
 * `2026-09-01 09:00:00` (SQLite's CURRENT_TIMESTAMP, UTC), gao-db stores ISO-8601 with `T` and `Z`.
 * Both are UTC; anything else is shown as stored.
 *
 * @example
 * formatTimestamp('2026-11-24T08:17:29.439Z') // '2026-11-24 08:17:29'
 * formatTimestamp('2026-09-01 09:00:00') // '2026-09-01 09:00:00'
 */
export function formatTimestamp(text: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}:\d{2})(\.\d+)?Z?$/.exec(text);
  return match === null ? text : `${match[1]} ${match[2]}`;
}
