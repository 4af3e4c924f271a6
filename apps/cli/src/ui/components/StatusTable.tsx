import type { MigrationStatus } from '@gao/migrate-core';
import { Box, Text } from 'ink';
import { useColors } from '../hooks/use-colors.ts';
import { formatTitles } from '../layout-columns.ts';
import { STATE_LOOKS } from '../state-symbols.ts';
import { type StatusColumn, statusCells, statusColumns } from '../status-columns.ts';
import { fitCell } from '../truncate.ts';

/** Props of {@link StatusTable}. */
export interface StatusTableProps {
  readonly rows: readonly MigrationStatus[];
  readonly columns: number;
  /** The selected row (shown with `›` and inverse), or `null` for a table without selection. */
  readonly selected: number | null;
  /** First visible row and how many are visible; by default every row. */
  readonly offset?: number;
  readonly height?: number;
}

const MARKER_WIDTH = 2;

/**
 * The migration table: version, state (symbol, word and colour), name, applied at, duration.
 * Narrow terminals drop the time columns and truncate names with `…`.
 *
 * @example
 * <StatusTable rows={status.migrations} columns={80} selected={0} offset={0} height={10} />
 */
export function StatusTable({ rows, columns, selected, offset = 0, height = rows.length }: StatusTableProps) {
  const paint = useColors();
  const marker = selected === null ? 0 : MARKER_WIDTH;
  const laid = statusColumns(rows, columns - marker);
  const visible = rows.slice(offset, offset + height);
  return (
    <Box flexDirection="column">
      <Text bold>
        {' '.repeat(marker)}
        {formatTitles(laid).trimEnd()}
      </Text>
      {visible.length === 0 ? (
        <Text dimColor>No migrations yet: add a file to the migrations folder.</Text>
      ) : null}
      {visible.map((row, index) => {
        const isSelected = selected === offset + index;
        const cells = statusCells(row);
        const look = STATE_LOOKS[row.state];
        return (
          <Text key={`${row.version}-${row.id}`} inverse={isSelected} wrap="truncate-end">
            {selected === null ? '' : isSelected ? '› ' : '  '}
            {laid.map((column, position) => (
              <Text key={column.key} color={column.key === 'state' ? paint(look.color) : undefined}>
                {position === 0 ? '' : ' '}
                {cell(cells, column.key, column.width, column.align, position === laid.length - 1)}
              </Text>
            ))}
          </Text>
        );
      })}
    </Box>
  );
}

/** A fitted cell; the last one is not padded, so lines carry no trailing spaces. */
function cell(
  cells: Record<StatusColumn, string>,
  key: StatusColumn,
  width: number,
  align: 'left' | 'right',
  last: boolean,
): string {
  const text = fitCell(cells[key], width, align);
  return last ? text.trimEnd() : text;
}
