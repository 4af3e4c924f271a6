// Durations and sizes read the same in the plain output and the UI.
export { formatBytes, formatDuration } from '../output/format-duration.ts';

/**
 * A stored timestamp (`2026-11-24 07:48:00`, `2026-11-24T07:48:00.123Z`) as `2026-11-24 07:48`:
 * the text as stored, minutes precision, no time zone conversion (what is stored is UTC).
 *
 * @example
 * formatTimestamp('2026-11-24T07:48:09.120Z') // '2026-11-24 07:48'
 */
export function formatTimestamp(text: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/.exec(text);
  return match === null ? text : `${match[1]} ${match[2]}`;
}
