import { describeSchemaChange } from '@gao/migrate-core';
import { Box, Text } from 'ink';
import { DRIFT_HINT, driftSince, LISTED_CHANGES, unlistedLine } from '../../output/drift-note.ts';
import { failureNote } from '../../output/failure-note.ts';
import { formatTimestamp } from '../format-duration.ts';
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
 * failed and what to do, the problems, then what was changed by hand in the schema.
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
      <Header inspection={inspection} columns={columns} driftDetails="below" />
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
      <DriftSection inspection={inspection} />
    </Box>
  );
}

/** The schema changed outside gao-db: since when, each object (and column) changed, what to do. */
function DriftSection({ inspection }: { readonly inspection: UiInspection }) {
  const paint = useColors();
  const drift = inspection.schemaDrift ?? null;
  if (drift === null) return null;
  const changes = drift.changes ?? [];
  const { since } = drift;
  const after = driftSince(since, formatTimestamp);
  const unlisted = unlistedLine(changes.length);
  return (
    <Box flexDirection="column" marginTop={1}>
      <Text color={paint('yellow')}>
        {changes.length === 0
          ? 'Schema changed outside gao-db:'
          : `Schema changed outside gao-db (${changes.length}):`}
      </Text>
      <Text>{`  Since gao-db recorded it after its last change (${after}).`}</Text>
      {changes.length === 0 ? (
        <Text>{'  A table, index, view or trigger was created, changed or dropped by hand.'}</Text>
      ) : null}
      {changes.slice(0, LISTED_CHANGES).map((change) => (
        <Text key={`${change.type} ${change.name}`}>{`  ${describeSchemaChange(change)}`}</Text>
      ))}
      {unlisted === null ? null : <Text>{unlisted}</Text>}
      <Text>{`    Hint: ${DRIFT_HINT}`}</Text>
    </Box>
  );
}
