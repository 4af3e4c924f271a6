import { Box, Text, useInput } from 'ink';
import type { DetailLine } from '../details-lines.ts';
import { usePager } from '../hooks/use-pager.ts';
import { scrollLabel } from '../scroll-window.ts';
import { ScrollText } from './ScrollText.tsx';

/** Props of {@link PagerScreen}. */
export interface PagerScreenProps {
  readonly lines: readonly DetailLine[];
  readonly columns: number;
  /** Rows available, including the position line shown when the text is longer. */
  readonly height: number;
  readonly onBack: () => void;
}

/**
 * A scrollable text screen (details, validate, backups, help): j/k and arrows scroll, q, Esc,
 * Enter or ← go back.
 *
 * @example
 * <PagerScreen lines={helpLines()} columns={80} height={18} onBack={() => setMode('table')} />
 */
export function PagerScreen({ lines, columns, height, onBack }: PagerScreenProps) {
  const overflow = lines.length > height;
  const body = overflow ? Math.max(1, height - 1) : height;
  const pager = usePager(lines.length, body);
  useInput((input, key) => {
    if (pager.onKey(input, key)) return;
    if (input === 'q' || key.escape || key.return || key.leftArrow || key.backspace) onBack();
  });
  return (
    <Box flexDirection="column">
      <ScrollText lines={lines} columns={columns} offset={pager.offset} height={body} />
      {overflow ? (
        <Text dimColor>{scrollLabel(pager.offset, body, lines.length).replace('rows', 'lines')}</Text>
      ) : null}
    </Box>
  );
}
