import type { CommandContext } from '../command-context.ts';
import { ExitCode } from '../exit-codes.ts';
import { statusJson } from '../output/status-view.ts';
import { printConfigLine } from './config-line.ts';
import { withMigrator } from './with-migrator.ts';

/**
 * `gao-db status [--json]`: read-only; a database that does not exist yet shows every migration
 * pending (with a note) and is not created. Exit 0 even when problems are listed: `validate` is
 * the command that fails on them. Files that cannot be read as migrations at all exit 3.
 */
export async function status(context: CommandContext): Promise<number> {
  const inspection = await withMigrator(context, {}, (migrator) => migrator.inspect({ allowMissing: true }));
  const view = statusJson(inspection, context.config.migrationsDir.value);
  if (context.flags.json) context.json(view);
  else {
    // The table code is loaded only for people: `status --json` is the scripted, start-up-critical path.
    const { formatStatus } = await import('../output/format-status.ts');
    const lines = formatStatus(view, {
      cwd: context.io.cwd,
      paint: context.paint,
      sizeBytes: inspection.sizeBytes,
    });
    const [database, migrations, ...rest] = lines;
    for (const line of [database, migrations]) if (line !== undefined) context.say(line);
    printConfigLine(context);
    for (const line of rest) context.say(line);
  }
  return ExitCode.ok;
}
