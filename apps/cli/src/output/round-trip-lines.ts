import { oneLine } from '@gao/migrate-core';
import type {
  RehearsedStep,
  RoundTripReport,
  RowCountDifference,
  SchemaDifference,
} from '../adapter/migrator-port.ts';
import { columnLines } from './column-lines.ts';
import type { Paint } from './paint.ts';

/** A schema difference as lines: `  added index users_email: CREATE INDEX ...` (on one line each). */
function differenceLines(difference: SchemaDifference, paint: Paint): string[] {
  const { change, type, name, before, after } = difference;
  const what = `  ${paint.red(`${change} ${type} ${name}`)}`;
  if (change === 'changed') {
    return [
      `${what}:`,
      ...columnLines(difference.columns),
      `    before: ${oneLine(before ?? '')}`,
      `    after:  ${oneLine(after ?? '')}`,
    ];
  }
  return [`${what}: ${oneLine((change === 'added' ? after : before) ?? '')}`];
}

/**
 * The round trip's lines: the down parts, the schema and row counts after them, the up parts again,
 * the schema and row counts after those; or why it was not tried. `stepLines` draws steps as the rehearsal's own.
 *
 * @example
 * for (const line of roundTripLines(report.roundTrip, stepLines, paint)) context.say(line);
 */
export function roundTripLines(
  trip: RoundTripReport,
  stepLines: (steps: readonly RehearsedStep[]) => string[],
  paint: Paint,
): string[] {
  if (trip.skipped !== null) return [paint.red(`Round trip not tried: ${trip.skipped}.`)];
  const problemLines = trip.problems.map((problem) => `  ${problem.message} ${paint.dim(problem.hint)}`);
  if (trip.problems.length > 0 && trip.down.length === 0) {
    return [paint.red('Round trip not possible, no down part was run:'), ...problemLines];
  }
  const schema = (differences: readonly SchemaDifference[], same: string): string[] =>
    differences.length === 0
      ? [`Schema:             ${paint.green(same)}`]
      : [
          `Schema:             ${paint.red(differences.length === 1 ? '1 difference' : `${differences.length} differences`)}`,
          ...differences.flatMap((d) => differenceLines(d, paint)),
        ];
  const rows = (differences: readonly RowCountDifference[], same: string, points: string): string[] =>
    differences.length === 0
      ? [`Rows:               ${paint.green(same)}`]
      : [
          `Rows:               ${paint.red(differences.length === 1 ? '1 table differs' : `${differences.length} tables differ`)}`,
          ...differences.map(
            ({ table, before, after }) =>
              `  ${paint.red(table)}: ${before} rows ${points.replace('%', String(after))}`,
          ),
        ];
  const lines = ['Down parts, newest first:', ...stepLines(trip.down)];
  if (trip.down.some((step) => !step.ok)) return lines;
  lines.push(
    ...schema(trip.notUndone, 'as before the migrations'),
    ...rows(trip.rowsNotUndone, 'as before the migrations', 'before the migrations, % after the down parts'),
    'Up parts again:',
    ...stepLines(trip.upAgain),
  );
  if (trip.upAgain.some((step) => !step.ok)) return lines;
  // The down parts ran, but the up parts could not be planned again.
  if (trip.problems.length > 0)
    return [...lines, paint.red('The up parts could not run again:'), ...problemLines];
  return [
    ...lines,
    ...schema(trip.notRepeated, 'as after their first run'),
    ...rows(trip.rowsNotRepeated, 'as after their first run', 'after the first run, % after the second'),
  ];
}
