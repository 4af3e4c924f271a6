import type {
  Inspection,
  MigratorPort,
  RehearsedStep,
  RoundTripReport,
  SchemaDifference,
} from '../adapter/migrator-port.ts';
import type { ArgsOf } from '../cli/invocation.ts';
import type { CommandContext } from '../command-context.ts';
import { ProblemsError } from '../errors.ts';
import { ExitCode } from '../exit-codes.ts';
import { displayPath } from '../output/display-path.ts';
import { formatStepLine } from '../output/format-step-line.ts';
import type { Paint } from '../output/paint.ts';
import { plural } from './count-label.ts';

/** A schema difference as lines: `  added index users_email: CREATE INDEX ...` (on one line each). */
function differenceLines(difference: SchemaDifference, paint: Paint): string[] {
  const { change, type, name, before, after } = difference;
  const oneLine = (sql: string | null) => (sql ?? '').replace(/\s+/g, ' ').trim();
  const what = `  ${paint.red(`${change} ${type} ${name}`)}`;
  if (change === 'changed') {
    return [`${what}:`, `    before: ${oneLine(before)}`, `    after:  ${oneLine(after)}`];
  }
  return [`${what}: ${oneLine(change === 'added' ? after : before)}`];
}

/** The round trip's lines: the down parts, the schema after them, the up parts again, the schema after those. */
function roundTripLines(
  trip: RoundTripReport,
  stepLines: (steps: readonly RehearsedStep[]) => string[],
  paint: Paint,
): string[] {
  if (trip.skipped !== null) return [paint.red(`Round trip not tried: ${trip.skipped}.`)];
  if (trip.problems.length > 0) {
    return [
      paint.red('Round trip not possible, no down part was run:'),
      ...trip.problems.map((problem) => `  ${problem.message} ${paint.dim(problem.hint)}`),
    ];
  }
  const schema = (differences: readonly SchemaDifference[], same: string): string[] =>
    differences.length === 0
      ? [`Schema:             ${paint.green(same)}`]
      : [
          `Schema:             ${paint.red(`${differences.length} difference(s)`)}`,
          ...differences.flatMap((d) => differenceLines(d, paint)),
        ];
  const lines = ['Down parts, newest first:', ...stepLines(trip.down)];
  if (trip.down.some((step) => !step.ok)) return lines;
  lines.push(
    ...schema(trip.notUndone, 'as before the migrations'),
    'Up parts again:',
    ...stepLines(trip.upAgain),
  );
  if (trip.upAgain.some((step) => !step.ok)) return lines;
  return [...lines, ...schema(trip.notRepeated, 'as after their first run')];
}

/**
 * `gao-db migrate --rehearse [--round-trip]`: runs the plan on a temporary copy of the database, then
 * reports each step's time, `integrity_check` and `foreign_key_check`; with `--round-trip` it runs the
 * down parts and the up parts again in between and compares the schemas. The real database is not
 * touched. Exit 0 when everything passed, 1 when a step, a check or the round trip failed, 3 when the
 * planner refused.
 */
export async function rehearse(
  context: CommandContext,
  args: ArgsOf<'migrate'>,
  migrator: MigratorPort,
  inspection: Inspection,
): Promise<number> {
  const { paint } = context;
  const report = await migrator.rehearse({
    ...(args.to === undefined ? {} : { to: args.to }),
    ...(args.roundTrip ? { roundTrip: true } : {}),
  });
  if (report.problems.length > 0) throw new ProblemsError(report.problems, 'migrate --rehearse');
  const integrityOk = report.integrityCheck.length === 1 && report.integrityCheck[0] === 'ok';
  const ok = report.ok && integrityOk && report.foreignKeyViolations.length === 0;
  if (context.flags.json) {
    context.json({ command: 'migrate', rehearsal: true, database: inspection.database, ...report, ok });
    return ok ? ExitCode.ok : ExitCode.failed;
  }
  context.say(
    `Rehearsal on a copy of ${displayPath(inspection.database, context.io.cwd)} (the database is not changed):`,
  );
  // The report names steps without their version; show them as the files do (`002_add_users`).
  const idOf = (step: { readonly version: number; readonly name: string }): string =>
    inspection.set.migrations.find((migration) => migration.version === step.version)?.id ?? step.name;
  const width = Math.max(0, ...report.steps.map((step) => idOf(step).length));
  const stepLines = (steps: readonly RehearsedStep[]): string[] =>
    steps.flatMap((step) => [
      formatStepLine(idOf(step), step.durationMs, step.ok, width, paint),
      ...(step.error === undefined ? [] : [`      ${paint.red(step.error)}`]),
    ]);
  for (const line of stepLines(report.steps)) context.say(line);
  if (report.roundTrip !== null) {
    for (const line of roundTripLines(report.roundTrip, stepLines, paint)) context.say(line);
  }
  context.say(
    `integrity_check:    ${integrityOk ? paint.green('ok') : paint.red(report.integrityCheck.join('; '))}`,
  );
  context.say(
    `foreign_key_check:  ${
      report.foreignKeyViolations.length === 0
        ? paint.green('ok')
        : paint.red(
            report.foreignKeyViolations
              .map((v) => `${v.table} rowid ${v.rowid ?? '?'} -> ${v.parent}`)
              .join('; '),
          )
    }`,
  );
  const total = report.steps.reduce((sum, step) => sum + step.durationMs, 0);
  if (ok) {
    const undone = report.roundTrip === null ? '' : ', and their down parts undo them';
    context.say(
      paint.green(
        `Rehearsal passed: ${plural(report.steps.length, 'migration')} in ${Math.round(total)} ms${undone}.`,
      ),
    );
    return ExitCode.ok;
  }
  context.io.stderr.write(
    `${paint.red('error:')} The rehearsal failed; the real database was not changed.\n`,
  );
  return ExitCode.failed;
}
