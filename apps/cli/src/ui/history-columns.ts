import type { HistoryEvent, HistoryEventKind } from '@gao/migrate-core';
import { formatDuration, formatTimestamp } from './format-duration.ts';
import { type ColumnSpec, type LaidColumn, layoutColumns } from './layout-columns.ts';

/** The columns of the history table. */
export type HistoryColumn = 'time' | 'action' | 'version' | 'name' | 'duration' | 'result';

const ACTIONS: Readonly<Record<HistoryEventKind, string>> = {
  applied: 'applied',
  failed: 'apply failed',
  rolled_back: 'rolled back',
  rollback_failed: 'rollback failed',
  baselined: 'baselined',
  repaired: 'repaired',
  checksum_recorded: 'checksum recorded',
  interrupted: 'interrupted',
};

/** Whether an event records a failure (shown with `✗` and in red). */
export function isFailureEvent(event: HistoryEvent): boolean {
  return event.kind === 'failed' || event.kind === 'rollback_failed';
}

/**
 * The history table's columns at a width; `DURATION`, then `TIME`, then `RESULT` are dropped when
 * the name would get fewer than 10 columns.
 *
 * @example
 * historyColumns(events, 80).map((c) => c.key) // ['time', 'action', 'version', 'name', 'duration', 'result']
 */
export function historyColumns(events: readonly HistoryEvent[], width: number): LaidColumn<HistoryColumn>[] {
  const versionWidth = Math.max(3, ...events.map((event) => event.versionText.length));
  const specs: ColumnSpec<HistoryColumn>[] = [
    { key: 'time', title: 'TIME', width: 16, dropOrder: 2 },
    { key: 'action', title: 'ACTION', width: 17 },
    { key: 'version', title: 'VER', width: versionWidth },
    { key: 'name', title: 'NAME', width: { flex: 2, min: 10 } },
    { key: 'duration', title: 'DURATION', width: 9, align: 'right', dropOrder: 3 },
    { key: 'result', title: 'RESULT', width: { flex: 1, min: 6 }, dropOrder: 1 },
  ];
  return layoutColumns(specs, width);
}

/** The part of `001_create_users` after the first `_`. */
function nameOf(migrationName: string): string {
  const separator = migrationName.indexOf('_');
  return separator === -1 ? migrationName : migrationName.slice(separator + 1);
}

/**
 * The text of each cell of one event. The result is `✓ ok`, `✗ <error>` for failures, or the
 * event's detail (a repair decision, the previous checksum).
 *
 * @example
 * historyCells(event).action // 'rolled back'
 */
export function historyCells(event: HistoryEvent): Record<HistoryColumn, string> {
  const failed = isFailureEvent(event);
  const result = failed
    ? `✗ ${event.error ?? 'failed'}`
    : event.detail === null
      ? '✓ ok'
      : `✓ ${event.detail}`;
  return {
    time: formatTimestamp(event.at),
    action: ACTIONS[event.kind],
    version: event.versionText,
    name: nameOf(event.migrationName),
    duration: formatDuration(event.durationMs),
    result,
  };
}
