import { Box, Text } from 'ink';
import type { DetailLine } from '../details-lines.ts';
import { useColors } from '../hooks/use-colors.ts';
import { truncate } from '../truncate.ts';

/** Props of {@link ScrollText}. */
export interface ScrollTextProps {
  readonly lines: readonly DetailLine[];
  readonly columns: number;
  readonly offset: number;
  readonly height: number;
}

/**
 * A window of `height` lines from `offset`, each truncated to the width, toned by kind.
 *
 * @example
 * <ScrollText lines={detailLines(row, problems)} columns={80} offset={0} height={18} />
 */
export function ScrollText({ lines, columns, offset, height }: ScrollTextProps) {
  const paint = useColors();
  const color = (tone: DetailLine['tone']) =>
    tone === 'ok'
      ? paint('green')
      : tone === 'error'
        ? paint('red')
        : tone === 'warning'
          ? paint('yellow')
          : undefined;
  return (
    <Box flexDirection="column">
      {lines.slice(offset, offset + height).map((line, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional and may repeat
        <Text key={offset + index} color={color(line.tone)} bold={line.tone === 'title'}>
          {truncate(line.text, columns) || ' '}
        </Text>
      ))}
    </Box>
  );
}
