import { Box, Text } from 'ink';
import type { UiInspection } from '../types.ts';
import { Header } from './Header.tsx';
import { ProblemList } from './ProblemList.tsx';
import { StatusTable } from './StatusTable.tsx';

/** Props of {@link StatusScreen}. */
export interface StatusScreenProps {
  readonly inspection: UiInspection;
  readonly columns: number;
}

/**
 * What `gao-db status` prints on a terminal: the header, every migration, then the problems.
 *
 * @example
 * <StatusScreen inspection={inspection} columns={80} />
 */
export function StatusScreen({ inspection, columns }: StatusScreenProps) {
  const { status } = inspection;
  return (
    <Box flexDirection="column">
      <Header inspection={inspection} columns={columns} />
      <Text> </Text>
      <StatusTable rows={status.migrations} columns={columns} selected={null} />
      {status.problems.length > 0 ? (
        <Box flexDirection="column" marginTop={1}>
          <ProblemList problems={status.problems} />
        </Box>
      ) : null}
    </Box>
  );
}
