import { Box, Text } from 'ink';
import { packGroups } from '../truncate.ts';

/** One key and what it does. */
export interface KeyHint {
  readonly keys: string;
  readonly action: string;
}

/** Props of {@link Footer}. */
export interface FooterProps {
  readonly hints: readonly KeyHint[];
  readonly columns: number;
}

/**
 * The lines {@link Footer} takes at a width (for layouts that must know their height).
 *
 * @example
 * footerLines([{ keys: 'q', action: 'quit' }], 80) // [['q quit']]
 */
export function footerLines(hints: readonly KeyHint[], columns: number): string[][] {
  return packGroups(
    hints.map((hint) => `${hint.keys} ${hint.action}`),
    columns,
    2,
  );
}

/**
 * The keys of the current screen, packed into as few lines as fit.
 *
 * @example
 * <Footer hints={[{ keys: 'q', action: 'quit' }]} columns={80} />
 */
export function Footer({ hints, columns }: FooterProps) {
  return (
    <Box flexDirection="column">
      {footerLines(hints, columns).map((line) => (
        <Text key={line.join('|')} dimColor>
          {line.join('  ')}
        </Text>
      ))}
    </Box>
  );
}
