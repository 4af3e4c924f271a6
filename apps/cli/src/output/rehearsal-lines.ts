import type { RehearsalReport, RehearsedStep } from '../adapter/migrator-port.ts';
import { plural } from './count-label.ts';
import { formatStepLine } from './format-step-line.ts';
import type { Paint } from './paint.ts';
import { roundTripLines } from './round-trip-lines.ts';

/** What a rehearsal found, as text: the lines to show, and whether it passed. */
export interface RehearsalText {
  readonly lines: readonly string[];
  /** Every step ran, the copy is healthy (integrity and foreign keys) and the round trip, if any, held. */
  readonly ok: boolean;
}

/**
 * The lines of a rehearsal report (`migrate --rehearse`, the dashboard's `t`): each step with its
 * time (and error), the round trip if it ran, `integrity_check`, `foreign_key_check`, and when it
 * passed a last line saying so. `database` is the path as the user reads it; `idOf` names a step as
 * its file does (`002_add_users`). A failure's own line is the caller's (stderr, a red notice).
 *
 * @example
 * const { lines, ok } = rehearsalText(report, 'data/app.db', (step) => step.name, paint);
 */
export function rehearsalText(
  report: RehearsalReport,
  database: string,
  idOf: (step: RehearsedStep) => string,
  paint: Paint,
): RehearsalText {
  const integrityOk = report.integrityCheck.length === 1 && report.integrityCheck[0] === 'ok';
  const ok = report.ok && integrityOk && report.foreignKeyViolations.length === 0;
  const width = Math.max(0, ...report.steps.map((step) => idOf(step).length));
  const stepLines = (steps: readonly RehearsedStep[]): string[] =>
    steps.flatMap((step) => [
      formatStepLine(idOf(step), step.durationMs, step.ok, width, paint),
      ...(step.error === undefined ? [] : [`      ${paint.red(step.error)}`]),
    ]);
  const violations = report.foreignKeyViolations
    .map((v) => `${v.table} rowid ${v.rowid ?? '?'} -> ${v.parent}`)
    .join('; ');
  const lines = [
    `Rehearsal on a copy of ${database} (the database is not changed):`,
    ...stepLines(report.steps),
    ...(report.roundTrip === null ? [] : roundTripLines(report.roundTrip, stepLines, paint)),
    `integrity_check:    ${integrityOk ? paint.green('ok') : paint.red(report.integrityCheck.join('; '))}`,
    `foreign_key_check:  ${violations === '' ? paint.green('ok') : paint.red(violations)}`,
  ];
  if (ok) {
    const total = report.steps.reduce((sum, step) => sum + step.durationMs, 0);
    const undone = report.roundTrip === null ? '' : ', and their down parts undo them';
    lines.push(
      paint.green(
        `Rehearsal passed: ${plural(report.steps.length, 'migration')} in ${Math.round(total)} ms${undone}.`,
      ),
    );
  }
  return { lines, ok };
}
