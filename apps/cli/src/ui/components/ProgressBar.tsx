import { Text } from 'ink';
import { useColors } from '../hooks/use-colors.ts';

/** Props of {@link ProgressBar}. */
export interface ProgressBarProps {
  readonly done: number;
  readonly total: number;
  /** Width of the bar itself in columns (the caller subtracts its labels). */
  readonly width: number;
}

/**
 * `█████░░░░░`: a bar that reads without colour (filled and light-shade blocks).
 *
 * @example
 * <ProgressBar done={2} total={5} width={20} />
 */
export function ProgressBar({ done, total, width }: ProgressBarProps) {
  const paint = useColors();
  const size = Math.max(1, width);
  const ratio = total <= 0 ? 1 : Math.min(1, Math.max(0, done / total));
  const filled = Math.round(ratio * size);
  return (
    <Text>
      <Text color={paint('green')}>{'█'.repeat(filled)}</Text>
      <Text color={paint('gray')}>{'░'.repeat(size - filled)}</Text>
    </Text>
  );
}
