import type { Inspection, MigratorPort } from '../adapter/migrator-port.ts';
import type { ArgsOf } from '../cli/invocation.ts';
import type { CommandContext } from '../command-context.ts';
import { ProblemsError } from '../errors.ts';
import { ExitCode } from '../exit-codes.ts';
import { displayPath } from '../output/display-path.ts';
import { formatStepLine } from '../output/format-step-line.ts';
import { plural } from './count-label.ts';

/**
 * `gao-db migrate --rehearse`: runs the plan on a temporary copy of the database, then reports each
 * step's time, `integrity_check` and `foreign_key_check`. The real database is not touched.
 * Exit 0 when everything passed, 1 when a step or a check failed, 3 when the planner refused.
 */
export async function rehearse(
  context: CommandContext,
  args: ArgsOf<'migrate'>,
  migrator: MigratorPort,
  inspection: Inspection,
): Promise<number> {
  const { paint } = context;
  const report = await migrator.rehearse(args.to === undefined ? {} : { to: args.to });
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
  for (const step of report.steps) {
    context.say(formatStepLine(idOf(step), step.durationMs, step.ok, width, paint));
    if (step.error !== undefined) context.say(`      ${paint.red(step.error)}`);
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
    context.say(
      paint.green(
        `Rehearsal passed: ${plural(report.steps.length, 'migration')} in ${Math.round(total)} ms.`,
      ),
    );
    return ExitCode.ok;
  }
  context.io.stderr.write(
    `${paint.red('error:')} The rehearsal failed; the real database was not changed.\n`,
  );
  return ExitCode.failed;
}
