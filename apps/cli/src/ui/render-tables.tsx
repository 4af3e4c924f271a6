import type { History } from '@gao/migrate-core';
import { renderToString } from 'ink';
import { ColorContext } from './color-context.ts';
import { HistoryTable } from './components/HistoryTable.tsx';
import { StatusScreen } from './components/StatusScreen.tsx';
import type { UiInspection } from './types.ts';

/** Options of {@link renderStatusTable} and {@link renderHistoryTable}. */
export interface TableOptions {
  /** The terminal's width (`process.stdout.columns`); at least 20 is used. */
  readonly columns: number;
  /** `false` under `NO_COLOR` / `--no-color`. */
  readonly color: boolean;
}

/**
 * `gao-db status` on a terminal: the header, the migration table and the problems, rendered once
 * to a string (nothing stays mounted; the caller writes it and exits).
 *
 * @example
 * process.stdout.write(`${renderStatusTable(inspection, { columns: process.stdout.columns, color })}\n`);
 */
export function renderStatusTable(inspection: UiInspection, options: TableOptions): string {
  const columns = Math.max(20, options.columns);
  return renderToString(
    <ColorContext value={options.color}>
      <StatusScreen inspection={inspection} columns={columns} />
    </ColorContext>,
    { columns },
  );
}

/**
 * `gao-db history` on a terminal: the event log as a table, rendered once to a string.
 *
 * @example
 * process.stdout.write(`${renderHistoryTable(history, { columns: 80, color: false })}\n`);
 */
export function renderHistoryTable(history: History, options: TableOptions): string {
  const columns = Math.max(20, options.columns);
  return renderToString(
    <ColorContext value={options.color}>
      <HistoryTable events={history.events} columns={columns} />
    </ColorContext>,
    { columns },
  );
}
