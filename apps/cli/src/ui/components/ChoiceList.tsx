import { Box, Text } from 'ink';
import { truncate } from '../truncate.ts';

/** Props of {@link ChoiceList}. */
export interface ChoiceListProps {
  readonly title: string;
  readonly labels: readonly string[];
  /** React keys, one per label, when labels may read the same once truncated (default: the labels). */
  readonly keys?: readonly string[];
  readonly selected: number;
  readonly offset: number;
  readonly height: number;
  readonly columns: number;
}

/**
 * A titled list with one selected line (`›` and inverse), scrolled to keep it visible.
 *
 * @example
 * <ChoiceList title="Roll back how far?" labels={labels} selected={0} offset={0} height={10} columns={80} />
 */
export function ChoiceList({ title, labels, keys, selected, offset, height, columns }: ChoiceListProps) {
  return (
    <Box flexDirection="column">
      <Text bold>{truncate(title, columns)}</Text>
      {labels.slice(offset, offset + height).map((label, index) => {
        const isSelected = offset + index === selected;
        return (
          <Text key={keys?.[offset + index] ?? label} inverse={isSelected}>
            {truncate(`${isSelected ? '› ' : '  '}${label}`, columns)}
          </Text>
        );
      })}
    </Box>
  );
}
