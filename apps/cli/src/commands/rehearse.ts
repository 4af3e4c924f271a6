import type { Inspection, MigratorPort, RehearsalReport, RehearsedStep } from '../adapter/migrator-port.ts';
import type { ArgsOf } from '../cli/invocation.ts';
import type { CommandContext } from '../command-context.ts';
import { ProblemsError } from '../errors.ts';
import { ExitCode } from '../exit-codes.ts';
import { displayPath } from '../output/display-path.ts';
import { formatStepLine } from '../output/format-step-line.ts';
import { roundTripLines } from '../output/round-trip-lines.ts';
import { plural } from './count-label.ts';

/**
 * `gao-db migrate --rehearse [--round-trip]`: runs the plan on a temporary copy of the database, then
 * reports each step's time, `integrity_check` and `foreign_key_check`; with `--round-trip` it runs the
 * down parts and the up parts again in between and compares the schemas. The real database is not
 * touched. Exit 0 when everything passed, 1 when a step, a check or the round trip failed, 3 when the
 * planner refused.
 */
export async function rehearseMigrate(
  context: CommandContext,
  args: ArgsOf<'migrate'>,
  migrator: MigratorPort,
  inspection: Inspection,
): Promise<number> {
  const report = await migrator.rehearse({
    ...(args.to === undefined ? {} : { to: args.to }),
    ...(args.roundTrip ? { roundTrip: true } : {}),
  });
  return reportRehearsal(context, 'migrate', report, inspection);
}

/**
 * `gao-db rollback --rehearse`: runs the rollback plan on a temporary copy and reports as
 * {@link rehearseMigrate} does (exit 0, 1 or 3). The real database is not touched.
 */
export async function rehearseRollback(
  context: CommandContext,
  args: ArgsOf<'rollback'>,
  migrator: MigratorPort,
  inspection: Inspection,
): Promise<number> {
  return reportRehearsal(context, 'rollback', await migrator.rehearseRollback(args.target), inspection);
}

/** Prints (or writes as JSON) what a rehearsal found; the exit code. */
function reportRehearsal(
  context: CommandContext,
  command: 'migrate' | 'rollback',
  report: RehearsalReport,
  inspection: Inspection,
): number {
  const { paint } = context;
  if (report.problems.length > 0) throw new ProblemsError(report.problems, `${command} --rehearse`);
  const integrityOk = report.integrityCheck.length === 1 && report.integrityCheck[0] === 'ok';
  const ok = report.ok && integrityOk && report.foreignKeyViolations.length === 0;
  if (context.flags.json) {
    context.json({ command, rehearsal: true, database: inspection.database, ...report, ok });
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
