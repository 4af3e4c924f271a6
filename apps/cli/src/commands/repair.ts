import type { ArgsOf, RepairAction } from '../cli/invocation.ts';
import type { CommandContext } from '../command-context.ts';
import { CliError, ProblemsError } from '../errors.ts';
import { ExitCode } from '../exit-codes.ts';
import { runJson } from '../output/run-view.ts';
import { confirm } from '../prompt/confirm.ts';
import { printRunHeader } from './run-header.ts';
import { withMigrator } from './with-migrator.ts';

const WHAT: Readonly<Record<RepairAction, string>> = {
  mark_applied: 'record it as applied (you finished its changes by hand)',
  mark_rolled_back: 'record it as not applied (you undid its partial changes by hand)',
  accept_checksum: "record the file's current checksum (you edited it on purpose)",
};

/**
 * `gao-db repair <mark-applied | mark-rolled-back | accept-checksum> <V> [--yes]`: the explicit ways
 * out of a failed non-transactional migration or a deliberate edit. It changes only the history,
 * never the schema, and every repair is kept in the event log.
 */
export async function repair(context: CommandContext, args: ArgsOf<'repair'>): Promise<number> {
  return withMigrator(context, {}, async (migrator) => {
    const inspection = await migrator.inspect();
    const row = inspection.status.migrations.find((candidate) => candidate.version === args.version);
    if (row === undefined) {
      throw new CliError(
        'invalid_repair',
        `There is no migration ${args.version} in the files or the history of ${inspection.database}.`,
        "Run 'gao-db status' to see the versions and their states.",
      );
    }
    printRunHeader(context, inspection);
    context.say(`Migration ${row.id} is ${row.state}. Repair: ${WHAT[args.action]}.`);
    context.say('This changes only the history, not the schema.');
    await confirm(context.io, { yes: args.yes, command: 'repair', question: `Repair ${row.id}?` });
    // Timed from here: the time spent answering the question is not the run's.
    const started = performance.now();
    context.log.write({
      level: 'info',
      event: 'run_started',
      command: 'repair',
      action: args.action,
      version: args.version,
    });
    const report = await migrator.repair(args.version, args.action);
    if (!report.ok) throw new ProblemsError(report.problems, 'repair');
    context.log.write({
      level: 'info',
      event: 'repaired',
      version: args.version,
      name: row.id,
      action: args.action,
    });
    if (context.flags.json) {
      context.json({
        ...runJson(
          'repair',
          inspection.database,
          inspection.status.currentVersion,
          report,
          Math.round(performance.now() - started),
        ),
        action: args.action,
      });
    } else context.say(context.paint.green(`Repaired ${row.id}.`));
    return ExitCode.ok;
  });
}
