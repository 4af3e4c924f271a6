import type { HistoryEvent } from '@gao/migrate-core';
import { Box, Text } from 'ink';
import { historyCells, historyColumns, isFailureEvent } from '../history-columns.ts';
import { useColors } from '../hooks/use-colors.ts';
import { formatTitles } from '../layout-columns.ts';
import { fitCell } from '../truncate.ts';

/** Props of {@link HistoryTable}. */
export interface HistoryTableProps {
  readonly events: readonly HistoryEvent[];
  readonly columns: number;
  /** First visible event and how many are visible; by default every event. */
  readonly offset?: number;
  readonly height?: number;
}

/**
 * The event log as a table: time, action, version, name, duration, result (`✓ ok` or `✗ error`).
 *
 * @example
 * <HistoryTable events={history.events} columns={80} />
 */
export function HistoryTable({ events, columns, offset = 0, height = events.length }: HistoryTableProps) {
  const paint = useColors();
  const laid = historyColumns(events, columns);
  return (
    <Box flexDirection="column">
      <Text bold>{formatTitles(laid).trimEnd()}</Text>
      {events.length === 0 ? <Text dimColor>No events yet: nothing has been migrated.</Text> : null}
      {events.slice(offset, offset + height).map((event) => {
        const cells = historyCells(event);
        const failed = isFailureEvent(event);
        const line = laid.map((column) => fitCell(cells[column.key], column.width, column.align)).join(' ');
        return (
          <Text key={event.id} color={failed ? paint('red') : undefined} wrap="truncate-end">
            {line.trimEnd()}
          </Text>
        );
      })}
    </Box>
  );
}
