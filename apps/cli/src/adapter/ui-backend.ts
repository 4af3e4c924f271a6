import type { PlanProblem, Result } from '@gao/migrate-core';
import type { CommandContext } from '../command-context.ts';
import { progressPrinter } from '../commands/progress.ts';
import { ProblemsError } from '../errors.ts';
import { errorLogEntry } from '../log/error-entry.ts';
import type { LogEntry } from '../log/log-file.ts';
import type { UiBackend, UiRunControl, UiRunReport } from '../ui/types.ts';
import type { EventRelay } from './event-relay.ts';
import type { MigratorPort, RunReport } from './migrator-port.ts';
import { toUiInspection } from './ui-inspection.ts';
import { validationReport } from './validation-problems.ts';

/** How one migrate or rollback started from the UI ended. */
export interface UiRunRecord {
  readonly command: 'migrate' | 'rollback';
  readonly outcome: 'done' | 'interrupted' | 'refused' | 'failed';
  /** Steps that finished, and how many the run had when it started. */
  readonly count: number;
  readonly total: number;
  readonly finalVersion: number | null;
  readonly durationMs: number;
  readonly error?: unknown;
  readonly problems?: readonly PlanProblem[];
}

/** The backend, and what its runs did (oldest first), for the exit code and the last line. */
export interface UiSession {
  readonly backend: UiBackend;
  readonly runs: readonly UiRunRecord[];
  /**
   * The screen stopped waiting for the run in progress (Ctrl+C twice): logs it as `interrupted`
   * (`abandoned: true`) and records it, before the host ends the process. Nothing when no run is.
   */
  abandon(): void;
}

/**
 * The terminal UI's {@link UiBackend} over the CLI's Migrator port. Every run writes the log file as
 * the scripted commands do: `run_started`, the progress events through the same subscriber
 * ({@link progressPrinter}, with console output off: the UI draws instead), and the error or the
 * planner's refusal. A plan the planner refuses (or that cannot be made) is logged and recorded as
 * a run too, as `gao-db migrate` logs it when it stops there. Backups are the Migrator's (on unless
 * `--no-backup` or the config says no).
 *
 * @example
 * const relay = eventRelay();
 * await withMigrator(context, { onEvent: relay.emit }, async (migrator) => {
 *   const { backend } = createUiSession(context, migrator, relay);
 *   return ui.runDashboard({ backend, color: context.paint.enabled });
 * });
 */
export function createUiSession(
  context: CommandContext,
  migrator: MigratorPort,
  relay: EventRelay,
): UiSession {
  const runs: UiRunRecord[] = [];
  const quiet: CommandContext = { ...context, say: () => {} };
  // The run in progress: how to record it if the screen abandons it before it reports.
  let inProgress: (() => void) | null = null;

  async function track(
    command: UiRunRecord['command'],
    run: UiRunControl,
    start: (signal: AbortSignal) => Promise<RunReport>,
  ): Promise<UiRunReport> {
    const { log } = context;
    const logEvent = progressPrinter(quiet, command);
    let count = 0;
    let total = 0;
    relay.listen((event) => {
      logEvent(event);
      if (event.type === 'plan_ready') total = event.plan.steps.length;
      if (event.type === 'step_finished') count += 1;
      run.onEvent(event);
    });
    const started = performance.now();
    // Recorded once: by the run's own outcome, or when the screen abandons it first (Ctrl+C twice).
    let ended = false;
    const end = (
      entry: LogEntry | null,
      fields: Pick<UiRunRecord, 'outcome' | 'finalVersion'> & Partial<UiRunRecord>,
    ) => {
      if (ended) return;
      ended = true;
      if (entry !== null) log.write(entry);
      runs.push({ command, count, total, durationMs: performance.now() - started, ...fields });
    };
    log.write({ level: 'info', event: 'run_started', command, database: context.config.database.value });
    inProgress = () =>
      end(
        { level: 'warn', event: 'interrupted', command, completed: count, total, abandoned: true },
        { outcome: 'interrupted', finalVersion: null },
      );
    try {
      const report = await start(run.signal);
      if (!report.ok) {
        const entry = errorLogEntry(new ProblemsError(report.problems, command));
        end(entry, { outcome: 'refused', finalVersion: null, problems: report.problems });
        return report;
      }
      // Ctrl+C: the Migrator finished the running migration and started no other.
      if (report.interrupted === true) {
        end(
          { level: 'warn', event: 'interrupted', command, completed: count, total },
          { outcome: 'interrupted', finalVersion: report.finalVersion },
        );
      } else end(null, { outcome: 'done', finalVersion: report.finalVersion });
      return { ok: true, finalVersion: report.finalVersion };
    } catch (error) {
      end(errorLogEntry(error), { outcome: 'failed', finalVersion: null, error });
      throw error;
    } finally {
      inProgress = null;
      relay.listen(null);
    }
  }

  /** The plan shown before a run; a refusal or an error ends the attempt there: logged, recorded. */
  async function plan<P>(
    command: UiRunRecord['command'],
    planning: () => Promise<Result<P, PlanProblem>>,
  ): Promise<Result<P, PlanProblem>> {
    const started = performance.now();
    const end = (error: unknown, fields: Pick<UiRunRecord, 'outcome'> & Partial<UiRunRecord>) => {
      const entry = errorLogEntry(error);
      if (entry !== null) context.log.write(entry);
      runs.push({
        command,
        count: 0,
        total: 0,
        finalVersion: null,
        durationMs: performance.now() - started,
        ...fields,
      });
    };
    try {
      const result = await planning();
      if (!result.ok) {
        const { problems } = result;
        end(new ProblemsError(problems, command), { outcome: 'refused', problems });
      }
      return result;
    } catch (error) {
      end(error, { outcome: 'failed', error });
      throw error;
    }
  }

  const backend: UiBackend = {
    inspect: async () => toUiInspection(await migrator.inspect({ allowMissing: true }), context.io.cwd),
    planMigrate: (options) => plan('migrate', () => migrator.planMigrate(options)),
    planRollback: (target) => plan('rollback', () => migrator.planRollback(target)),
    migrate: (options, run) => track('migrate', run, (signal) => migrator.migrate({ ...options, signal })),
    rollback: (target, run) => track('rollback', run, (signal) => migrator.rollback(target, { signal })),
    validate: () => validationReport(migrator),
    rehearse: () => migrator.rehearse({}),
    listBackups: () => migrator.listBackups(),
    restoreBackup: async (path) => {
      // Logged as `gao-db restore` logs it.
      const { log } = context;
      const database = context.config.database.value;
      log.write({ level: 'info', event: 'restore_started', database, path });
      try {
        const { safetyBackup } = await migrator.restoreBackup(path);
        log.write({
          level: 'info',
          event: 'restored',
          database,
          path,
          safety_backup: safetyBackup?.path ?? null,
        });
        return { safetyBackup };
      } catch (error) {
        const entry = errorLogEntry(error);
        if (entry !== null) log.write(entry);
        throw error;
      }
    },
  };
  const abandon = () => {
    const record = inProgress;
    inProgress = null;
    relay.listen(null);
    record?.();
  };
  return { backend, runs, abandon };
}
