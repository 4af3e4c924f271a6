import { Box, Text } from 'ink';
import type { ErrorInfo } from '../error-info.ts';
import { useColors } from '../hooks/use-colors.ts';

/** Props of {@link ErrorBox}. */
export interface ErrorBoxProps {
  readonly info: ErrorInfo;
  /** A first line before the message (`Migration 3 failed after 12 ms`). */
  readonly title?: string;
}

/**
 * An error with its hint: `✗ message` then `  Hint: ...`.
 *
 * @example
 * <ErrorBox info={errorInfo(error)} />
 */
export function ErrorBox({ info, title }: ErrorBoxProps) {
  const paint = useColors();
  return (
    <Box flexDirection="column">
      {title === undefined ? null : <Text color={paint('red')}>✗ {title}</Text>}
      <Text color={title === undefined ? paint('red') : undefined}>
        {title === undefined ? '✗ ' : '  '}
        {info.message}
      </Text>
      {info.hint === null ? null : <Text>{`  Hint: ${info.hint}`}</Text>}
    </Box>
  );
}
