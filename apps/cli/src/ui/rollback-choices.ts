import type { StatusReport } from '@gao/migrate-core';

/** One way to roll back: how many migrations, and the version the database ends at. */
export interface RollbackChoice {
  readonly count: number;
  readonly label: string;
}

/**
 * The rollback choices of a status: undo the newest 1, 2, ... applied migrations, each naming the
 * version it goes back to and the oldest migration it undoes.
 *
 * @example
 * rollbackChoices(status)[0].label // 'undo 1 -> version 004   (undoes 005 add_index)'
 */
export function rollbackChoices(status: StatusReport): RollbackChoice[] {
  const applied = status.migrations
    .filter((row) => row.record?.status === 'success')
    .sort((a, b) => b.version - a.version);
  return applied.map((row, index) => {
    const below = applied[index + 1];
    const target = below === undefined ? '0 (empty)' : below.versionText;
    const range = index === 0 ? `${row.versionText} ${row.name}` : `${row.versionText} ${row.name} and newer`;
    return { count: index + 1, label: `undo ${index + 1} -> version ${target}   (undoes ${range})` };
  });
}
