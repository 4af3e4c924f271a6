import type { ProgressEvent } from '../adapter/migrator-port.ts';
import type { CommandContext } from '../command-context.ts';
import { displayPath } from '../output/display-path.ts';
import { formatDuration } from '../output/format-duration.ts';
import { formatStepLine } from '../output/format-step-line.ts';

/**
 * Subscribes the console and the log file to the adapter's progress events: one line per finished
 * step with its duration, a note when waiting for another runner's lock, the backup taken.
 *
 * @example
 * const onEvent = progressPrinter(context, 'migrate');
 * await withMigrator(context, { onEvent }, (m) => m.migrate({}));
 */
export function progressPrinter(context: CommandContext, command: string): (event: ProgressEvent) => void {
  const { paint, log } = context;
  let width = 0;
  return (event) => {
    switch (event.type) {
      case 'plan_ready':
        width = Math.max(0, ...event.plan.steps.map((step) => step.migration.id.length));
        log.write({ level: 'info', event: 'plan_ready', command, steps: event.plan.steps.length });
        return;
      case 'backup_created':
        context.say(`Backup:      ${displayPath(event.backup.path, context.io.cwd)}`);
        log.write({
          level: 'info',
          event: 'backup_created',
          path: event.backup.path,
          size_bytes: event.backup.sizeBytes,
        });
        return;
      case 'waiting_for_lock':
        context.say(
          paint.yellow(
            `Waiting for another gao-db to finish (up to ${formatDuration(context.config.busyTimeoutMs.value)})...`,
          ),
        );
        log.write({ level: 'info', event: 'waiting_for_lock' });
        return;
      case 'step_started':
        return;
      case 'step_finished':
        context.say(formatStepLine(event.step.migration.id, event.durationMs, true, width, paint));
        log.write({
          level: 'info',
          event: `${event.step.kind}_finished`,
          version: event.step.migration.version,
          name: event.step.migration.id,
          duration_ms: event.durationMs,
        });
        return;
      case 'step_failed':
        context.say(formatStepLine(event.step.migration.id, event.durationMs, false, width, paint));
        log.write({
          level: 'error',
          event: `${event.step.kind}_failed`,
          version: event.step.migration.version,
          name: event.step.migration.id,
          duration_ms: event.durationMs,
          error: event.error.message,
          ...(event.error.stack === undefined ? {} : { stack: event.error.stack }),
        });
        return;
      case 'checksum_recorded':
        log.write({ level: 'info', event: 'checksum_recorded', version: event.version });
        return;
      case 'backup_progress':
        // Lines and the log say the backup once it exists; the interactive view shows the copy.
        return;
      case 'done':
        log.write({
          level: 'info',
          event: 'done',
          command,
          final_version: event.finalVersion,
          duration_ms: event.durationMs,
        });
        return;
    }
  };
}
