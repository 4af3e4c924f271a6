/**
 * The version text for a new migration: one more than the highest version among `files` (any file
 * starting with digits counts, so a broken file still reserves its number), zero-padded to the width
 * already in use (at least 3).
 *
 * @example
 * nextVersion(['001_init.sql', '002_users.sql', 'README.md']) // '003'
 * nextVersion([]) // '001'
 */
export function nextVersion(files: readonly string[]): string {
  let highest = 0n;
  let width = 3;
  for (const file of files) {
    const digits = /^(\d+)/.exec(file)?.[1];
    if (digits === undefined) continue;
    // BigInt: timestamps as versions must not lose precision.
    const value = BigInt(digits);
    if (value > highest) highest = value;
    width = Math.max(width, digits.length);
  }
  return (highest + 1n).toString().padStart(width, '0');
}
