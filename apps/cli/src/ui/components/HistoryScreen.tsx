import type { HistoryEvent } from '@gao/migrate-core';
import { Box, Text, useInput } from 'ink';
import { usePager } from '../hooks/use-pager.ts';
import { scrollLabel } from '../scroll-window.ts';
import { HistoryTable } from './HistoryTable.tsx';

/** Props of {@link HistoryScreen}. */
export interface HistoryScreenProps {
  readonly events: readonly HistoryEvent[];
  readonly columns: number;
  /** Rows available for the title, the events and the position line. */
  readonly height: number;
  readonly onBack: () => void;
}

/**
 * The dashboard's history: the event log, oldest first, opened at its newest events; j/k scroll,
 * q or Esc go back.
 *
 * @example
 * <HistoryScreen events={history.events} columns={80} height={18} onBack={back} />
 */
export function HistoryScreen({ events, columns, height, onBack }: HistoryScreenProps) {
  const body = Math.max(1, height - 2);
  const pager = usePager(events.length, body, 'end');
  useInput((input, key) => {
    if (pager.onKey(input, key)) return;
    if (input === 'q' || input === 'h' || key.escape || key.leftArrow || key.backspace) onBack();
  });
  return (
    <Box flexDirection="column">
      <HistoryTable events={events} columns={columns} offset={pager.offset} height={body} />
      <Text dimColor>{scrollLabel(pager.offset, body, events.length).replace('rows', 'events')}</Text>
    </Box>
  );
}
