import type { Inspection, MigratorPort, RehearsalReport, RehearsedStep } from '../adapter/migrator-port.ts';
import type { ArgsOf } from '../cli/invocation.ts';
import type { CommandContext } from '../command-context.ts';
import { ProblemsError } from '../errors.ts';
import { ExitCode } from '../exit-codes.ts';
import { displayPath } from '../output/display-path.ts';
import { rehearsalText } from '../output/rehearsal-lines.ts';

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
  // The report names steps without their version; show them as the files do (`002_add_users`).
  const idOf = (step: RehearsedStep): string =>
    inspection.set.migrations.find((migration) => migration.version === step.version)?.id ?? step.name;
  const database = displayPath(inspection.database, context.io.cwd);
  const { lines, ok } = rehearsalText(report, database, idOf, paint);
  if (context.flags.json) {
    context.json({ command, rehearsal: true, database: inspection.database, ...report, ok });
    return ok ? ExitCode.ok : ExitCode.failed;
  }
  for (const line of lines) context.say(line);
  if (ok) return ExitCode.ok;
  context.io.stderr.write(
    `${paint.red('error:')} The rehearsal failed; the real database was not changed.\n`,
  );
  return ExitCode.failed;
}
