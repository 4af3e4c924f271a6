import { eventRelay } from '../adapter/event-relay.ts';
import type { MigratorPort } from '../adapter/migrator-port.ts';
import { createUiSession } from '../adapter/ui-backend.ts';
import type { CommandContext } from '../command-context.ts';
import { versionLabel } from '../commands/version-label.ts';
import { withMigrator } from '../commands/with-migrator.ts';
import { displayPath } from '../output/display-path.ts';
import { dashboardSummary } from './dashboard-summary.ts';
import { dashboardExitCode } from './ui-exit.ts';

/** Versions as the files write them (`004`), read once more after the runs. */
async function versionLabels(migrator: MigratorPort): Promise<(version: number | null) => string> {
  try {
    const inspection = await migrator.inspect({ allowMissing: true });
    return (version) => versionLabel(inspection, version);
  } catch {
    // Only a label: a database that cannot be read now still gets its summary line.
    return (version) => (version === null ? 'none' : String(version));
  }
}

/**
 * `gao-db` with no command on a terminal: the full-screen dashboard over the Migrator, with the
 * configured backups and log file. When its screen closes, one line on stderr says what happened.
 * Exit code: 130 after Ctrl+C stopped a run, else that of the last run (0 when nothing ran).
 *
 * @example
 * return dashboard(context);
 */
export async function dashboard(context: CommandContext): Promise<number> {
  const ui = await context.io.loadUi();
  const relay = eventRelay();
  let abandoned = false;
  const code = await withMigrator(context, { onEvent: relay.emit, thread: true }, async (migrator) => {
    const session = createUiSession(context, migrator, relay);
    const result = await ui.runDashboard({ backend: session.backend, color: context.paint.enabled });
    if (result.abandoned === true) {
      abandoned = true;
      session.abandon();
    }
    // Abandoned: the migration thread may hold the database; do not read it again.
    const label = session.runs.length === 0 || abandoned ? String : await versionLabels(migrator);
    const database = displayPath(context.config.database.value, context.io.cwd);
    context.io.stderr.write(`${dashboardSummary(session.runs, database, label)}\n`);
    return dashboardExitCode(result, session.runs);
  });
  // Ctrl+C twice: the migration thread may still be inside a statement; do not wait for it.
  if (abandoned) context.io.endAtOnce?.(code);
  return code;
}
