import { Box, Text } from 'ink';
import { failureNote } from '../../output/failure-note.ts';
import { useColors } from '../hooks/use-colors.ts';
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
 * What `gao-db status` prints on a terminal: the header, every migration, why each failed one
 * failed and what to do, then the problems.
 *
 * @example
 * <StatusScreen inspection={inspection} columns={80} />
 */
export function StatusScreen({ inspection, columns }: StatusScreenProps) {
  const { status } = inspection;
  const paint = useColors();
  const failed = status.migrations.filter((row) => row.state === 'failed');
  return (
    <Box flexDirection="column">
      <Header inspection={inspection} columns={columns} />
      <Text> </Text>
      <StatusTable rows={status.migrations} columns={columns} selected={null} />
      {failed.length > 0 ? (
        <Box flexDirection="column" marginTop={1}>
          <Text color={paint('red')}>Failed ({failed.length}):</Text>
          {failed.map((row) => {
            const note = failureNote({
              versionText: row.versionText,
              name: row.name,
              error: row.record?.errorMessage ?? null,
              fileMissing: row.migration === null,
              halfApplied: row.record?.transactional === false,
            });
            return (
              <Box key={row.version} flexDirection="column">
                <Text>{`  ${note.text}`}</Text>
                <Text>{`    Hint: ${note.hint}`}</Text>
              </Box>
            );
          })}
        </Box>
      ) : null}
      {status.problems.length > 0 ? (
        <Box flexDirection="column" marginTop={1}>
          <ProblemList problems={status.problems} />
        </Box>
      ) : null}
    </Box>
  );
}
