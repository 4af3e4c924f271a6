import type { MigrationStatus } from '@gao/migrate-core';
import { formatDuration, formatTimestamp } from './format-duration.ts';
import { type ColumnSpec, type LaidColumn, layoutColumns } from './layout-columns.ts';
import { STATE_TEXT_WIDTH, stateText } from './state-symbols.ts';

/** The columns of the migration table. */
export type StatusColumn = 'version' | 'state' | 'name' | 'appliedAt' | 'duration';

/**
 * The migration table's columns at a width: version, state and name always; `APPLIED AT` and
 * `DURATION` are dropped (in that order) when the name would get fewer than 12 columns.
 *
 * @example
 * statusColumns(rows, 40).map((c) => c.key) // ['version', 'state', 'name']
 */
export function statusColumns(rows: readonly MigrationStatus[], width: number): LaidColumn<StatusColumn>[] {
  const versionWidth = Math.max(3, ...rows.map((row) => row.versionText.length));
  const specs: ColumnSpec<StatusColumn>[] = [
    { key: 'version', title: 'VER', width: versionWidth },
    { key: 'state', title: 'STATE', width: STATE_TEXT_WIDTH },
    { key: 'name', title: 'NAME', width: { flex: 1, min: 12 } },
    { key: 'appliedAt', title: 'APPLIED AT', width: 16, dropOrder: 2 },
    { key: 'duration', title: 'DURATION', width: 9, align: 'right', dropOrder: 1 },
  ];
  return layoutColumns(specs, width);
}

/**
 * The text of each cell of one migration row. Pending rows have no time nor duration; a duration of
 * `0` reads `0 ms`, an unknown one (rows written by the old Python runner) `-`.
 *
 * @example
 * statusCells(row).duration // '12 ms'
 */
export function statusCells(row: MigrationStatus): Record<StatusColumn, string> {
  const { record } = row;
  return {
    version: row.versionText,
    state: stateText(row.state),
    name: row.name,
    appliedAt: record === null ? '' : formatTimestamp(record.appliedAt),
    duration: record === null ? '' : formatDuration(record.durationMs),
  };
}
