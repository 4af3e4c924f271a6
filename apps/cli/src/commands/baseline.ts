import { planBaseline } from '@gao/migrate-core';
import type { ArgsOf } from '../cli/invocation.ts';
import type { CommandContext } from '../command-context.ts';
import { ProblemsError } from '../errors.ts';
import { ExitCode } from '../exit-codes.ts';
import { plural } from '../output/count-label.ts';
import { displayPath } from '../output/display-path.ts';
import { runJson } from '../output/run-view.ts';
import { confirm } from '../prompt/confirm.ts';
import { printRunHeader } from './run-header.ts';
import { versionLabel } from './version-label.ts';
import { withMigrator } from './with-migrator.ts';

/**
 * `gao-db baseline <V> [--yes]`: adopts an existing database whose schema already matches version V
 * by recording the migrations up to V as applied, without running them. The database must exist.
 */
export async function baseline(context: CommandContext, args: ArgsOf<'baseline'>): Promise<number> {
  return withMigrator(context, {}, async (migrator) => {
    const inspection = await migrator.inspect();
    const from = inspection.status.currentVersion;
    // Planned before anything is printed: a refused baseline (no such version, ...) shows no plan.
    const planned = planBaseline(inspection.set, inspection.history, args.version);
    if (!planned.ok) throw new ProblemsError(planned.problems, 'baseline');
    const marked = planned.value.steps.map((step) => step.migration);
    printRunHeader(context, inspection);
    context.say(
      `Baseline at ${versionLabel(inspection, args.version)}: record ${plural(marked.length, 'migration')} as applied without running ${marked.length === 1 ? 'it' : 'them'}:`,
    );
    for (const migration of marked) context.say(`  ${migration.file}`);
    await confirm(context.io, {
      yes: args.yes,
      command: 'baseline',
      question: `Record ${plural(marked.length, 'migration')} as applied in ${displayPath(inspection.database, context.io.cwd)}?`,
    });
    // Timed from here: the time spent answering the question is not the run's.
    const started = performance.now();
    context.log.write({
      level: 'info',
      event: 'run_started',
      command: 'baseline',
      database: inspection.database,
    });
    const report = await migrator.baseline(args.version);
    if (!report.ok) throw new ProblemsError(report.problems, 'baseline');
    for (const step of report.steps) {
      context.log.write({
        level: 'info',
        event: 'baselined',
        version: step.version,
        name: step.name,
        duration_ms: 0,
      });
    }
    if (context.flags.json) {
      context.json(
        runJson('baseline', inspection.database, from, report, Math.round(performance.now() - started)),
      );
    } else {
      context.say(
        context.paint.green(
          `Baselined at version ${versionLabel(inspection, report.finalVersion)}: ${plural(report.steps.length, 'migration')} recorded as applied.`,
        ),
      );
    }
    return ExitCode.ok;
  });
}
