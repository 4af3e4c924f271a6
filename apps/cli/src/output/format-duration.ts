/**
 * A duration for people: `0 ms` is a real duration (the story printed it as "N/A"), `null` is
 * unknown and prints as `-`.
 *
 * @example
 * formatDuration(0) // '0 ms'
 * formatDuration(1534) // '1.53 s'
 * formatDuration(125_000) // '2 min 5 s'
 */
export function formatDuration(ms: number | null): string {
  if (ms === null || !Number.isFinite(ms) || ms < 0) return '-';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(2)} s`;
  const seconds = Math.round(ms / 1000);
  return `${Math.floor(seconds / 60)} min ${seconds % 60} s`;
}

/**
 * A file size for people.
 *
 * @example
 * formatBytes(48_128) // '47 KB'
 */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
