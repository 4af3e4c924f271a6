import type { PlanProblem } from '@gao/migrate-core';
import { Box, Text } from 'ink';
import { useColors } from '../hooks/use-colors.ts';

/** Props of {@link ProblemList}. */
export interface ProblemListProps {
  readonly problems: readonly PlanProblem[];
  /** `✗` for problems that block, `!` for warnings the options allowed. */
  readonly tone?: 'error' | 'warning';
  /** At most this many problems, then `… and N more`. */
  readonly limit?: number;
}

/**
 * Problems, each as `✗ message` and `  Hint: hint`.
 *
 * @example
 * <ProblemList problems={report.problems} />
 */
export function ProblemList({
  problems,
  tone = 'error',
  limit = Number.POSITIVE_INFINITY,
}: ProblemListProps) {
  const paint = useColors();
  const shown = problems.slice(0, Math.max(1, limit));
  const symbol = tone === 'error' ? '✗' : '!';
  return (
    <Box flexDirection="column">
      {shown.map((problem) => (
        <Box key={`${problem.code}-${problem.message}`} flexDirection="column">
          <Text color={paint(tone === 'error' ? 'red' : 'yellow')}>
            {symbol} {problem.message}
          </Text>
          <Text>{`  Hint: ${problem.hint}`}</Text>
        </Box>
      ))}
      {problems.length > shown.length ? <Text>… and {problems.length - shown.length} more</Text> : null}
    </Box>
  );
}
