import { describeSchemaChanges, MIGRATION_STATES, type MigrationState } from '@gao/migrate-core';
import { Box, Text } from 'ink';
import { formatBytes, formatTimestamp } from '../format-duration.ts';
import { useColors } from '../hooks/use-colors.ts';
import { STATE_LOOKS } from '../state-symbols.ts';
import { packGroups, truncate } from '../truncate.ts';
import type { UiInspection } from '../types.ts';

/** Props of {@link Header}. */
export interface HeaderProps {
  readonly inspection: UiInspection;
  readonly columns: number;
  /** Where the drift line sends the reader for details: `gao-db status` (default), or the lines below it. */
  readonly driftDetails?: 'status' | 'below';
}

const SEPARATOR = ' · ';

/** The segments of the header's first line: database, size, journal mode, last backup. */
function databaseSegments(inspection: UiInspection): string[] {
  const { lastBackup } = inspection;
  return [
    `${inspection.database} (${formatBytes(inspection.sizeBytes)})`,
    `journal ${inspection.journalMode ?? 'unknown'}`,
    `last backup ${lastBackup === null ? 'none' : `${formatTimestamp(lastBackup.createdAt)} (${lastBackup.reason})`}`,
  ];
}

/** `applied 5`, ...: every count, with out of order only when there is one. */
function countSegments(inspection: UiInspection): { text: string; state: MigrationState | null }[] {
  const { status } = inspection;
  const version = status.currentVersion === null ? '0 (empty)' : String(status.currentVersion);
  const counts = MIGRATION_STATES.filter(
    (state) => state !== 'pending_out_of_order' || status.counts.pending_out_of_order > 0,
  ).map((state) => ({ text: `${status.counts[state]} ${STATE_LOOKS[state].label}`, state }));
  return [{ text: `version ${version}`, state: null }, ...counts];
}

/** The warning line of a schema changed outside gao-db, or `null`. */
function driftLine(
  inspection: UiInspection,
  columns: number,
  details: 'status' | 'below' = 'status',
): string | null {
  const since = inspection.schemaDrift?.since;
  if (since === undefined) return null;
  const changes = inspection.schemaDrift?.changes ?? [];
  const where = details === 'status' ? 'gao-db status' : 'below';
  // What changed says more than since when; status has both.
  if (changes.length > 0) {
    return truncate(`! schema changed by hand: ${describeSchemaChanges(changes, 1)} (${where})`, columns);
  }
  const after = `${since.kind.replace('_', ' ')} ${since.migrationName}`;
  return truncate(`! schema changed outside gao-db since ${after}: see ${where}`, columns);
}

/**
 * How many lines {@link Header} takes at a width.
 *
 * @example
 * headerHeight(inspection, 80) // 2
 */
export function headerHeight(inspection: UiInspection, columns: number): number {
  const sep = SEPARATOR.length;
  return (
    packGroups(databaseSegments(inspection), columns, sep).length +
    packGroups(
      countSegments(inspection).map((segment) => segment.text),
      columns,
      sep,
    ).length +
    (driftLine(inspection, columns) === null ? 0 : 1)
  );
}

/**
 * The dashboard header: database path and size, journal mode and last backup; then the current
 * version and the count of migrations in each state (coloured when non-zero); then, when the schema
 * was changed outside gao-db, a line saying so.
 *
 * @example
 * <Header inspection={inspection} columns={80} />
 */
export function Header({ inspection, columns, driftDetails = 'status' }: HeaderProps) {
  const paint = useColors();
  const counts = countSegments(inspection);
  const countLines = packGroups(
    counts.map((segment) => segment.text),
    columns,
    SEPARATOR.length,
  );
  let next = 0;
  const drift = driftLine(inspection, columns, driftDetails);
  return (
    <Box flexDirection="column">
      {packGroups(databaseSegments(inspection), columns, SEPARATOR.length).map((line, index) => (
        <Text key={line.join()} bold={index === 0}>
          {line.join(SEPARATOR)}
        </Text>
      ))}
      {countLines.map((line) => (
        <Text key={line.join()}>
          {line.map((text, index) => {
            const segment = counts[next];
            next += 1;
            const state = segment?.state ?? null;
            const count = state === null ? 0 : inspection.status.counts[state];
            const color = state !== null && count > 0 ? paint(STATE_LOOKS[state].color) : undefined;
            return (
              <Text key={text}>
                {index === 0 ? '' : SEPARATOR}
                <Text color={color} bold={state === null}>
                  {text}
                </Text>
              </Text>
            );
          })}
        </Text>
      ))}
      {drift === null ? null : <Text color={paint('yellow')}>{drift}</Text>}
    </Box>
  );
}
