/** A failed migration as `status` explains it. */
export interface FailedMigration {
  readonly versionText: string;
  readonly name: string;
  /** The recorded error message, `null` when none was recorded. */
  readonly error: string | null;
  /** Its file is gone: nothing can retry it. */
  readonly fileMissing: boolean;
  /** It ran outside a transaction and may be half-applied (a `needs_repair` problem says so). */
  readonly halfApplied: boolean;
}

/**
 * Why a migration failed, on one line, and what to do next: `migrate` retries a transactional
 * failure whose file is there; without its file nothing can, so the record is restored or cleared.
 *
 * @example
 * failureNote({ versionText: '004', name: 'orphans', error: 'boom', fileMissing: true, halfApplied: false }).hint
 * // "its file is gone and nothing of it was applied: restore the file and run 'gao-db migrate', or ..."
 */
export function failureNote(row: FailedMigration): { readonly text: string; readonly hint: string } {
  const hint = row.halfApplied
    ? 'it ran outside a transaction and may be half-applied: see needs_repair below.'
    : row.fileMissing
      ? `its file is gone and nothing of it was applied: restore the file and run 'gao-db migrate', or clear the record with 'gao-db repair mark-rolled-back ${row.versionText}'.`
      : "nothing of it was applied: fix the migration, then run 'gao-db migrate' to retry it.";
  // On one line (a recorded message may hold line breaks), without loading core's helpers into
  // the `status` command's start-up.
  const error = row.error === null ? 'no error recorded' : row.error.replace(/\s+/g, ' ').trim();
  return { text: `${row.versionText} ${row.name}: ${error}`, hint };
}
