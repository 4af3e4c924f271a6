import { existsSync } from 'node:fs';
import type { DatabaseSync } from 'node:sqlite';
import type {
  History,
  MigratePlan,
  PlanProblem,
  Result,
  RollbackPlan,
  RollbackTarget,
} from '@gao/migrate-core';
import {
  type BackupInfo,
  defaultBackupDir,
  listBackups,
  type RestoreReport,
  restoreBackup,
} from './backup.ts';
import { baselineCommand } from './baseline-command.ts';
import { emitTo } from './events.ts';
import { inspectCommand } from './inspect-command.ts';
import { type MigrateRequest, migrateCommand, planMigrateCommand } from './migrate-command.ts';
import { type MigratorOptions, type ResolvedOptions, resolveOptions } from './migrator-options.ts';
import { ModuleCache } from './module-cache.ts';
import { MEMORY, openDatabase } from './open-database.ts';
import type { RehearsalReport } from './rehearse-report.ts';
import { repairCommand } from './repair-command.ts';
import { planRollbackCommand, type RollbackOptions, rollbackCommand } from './rollback-command.ts';
import type { RepairAction } from './run-repair.ts';
import type { Inspection, RunReport } from './run-report.ts';
import { inTurn } from './same-file-queue.ts';
import { type OpenSession, readState, type Session, session } from './session.ts';
import { type RehearseRequest, trialRollback, trialRun } from './trial-run.ts';

/** Options of {@link Migrator.inspect}. */
export interface InspectOptions {
  /** Report a database that does not exist as empty instead of failing with `database_not_found`. */
  readonly allowMissing?: boolean;
}

/**
 * Runs gao-db migrations against one SQLite database. Read commands (`inspect`, `planMigrate`,
 * `planRollback`) never create or change the file; write commands (`migrate`, `rollback`,
 * `baseline`, `repair`) take the database's write lock per step, re-plan inside it, and record every
 * step with an event; in one process they run one after the other per database file (as
 * `openMigrated` does). One connection serves all calls until {@link Migrator.close}.
 *
 * @example
 * const migrator = new Migrator({ database: 'app.db', migrationsDir: 'migrations', onEvent: console.log });
 * try {
 *   const report = await migrator.migrate();
 *   if (!report.ok) for (const problem of report.problems) console.error(problem.message);
 * } finally {
 *   migrator.close();
 * }
 */
export class Migrator {
  readonly #input: MigratorOptions;
  readonly #options: ResolvedOptions;
  readonly #modules: ModuleCache;
  #connection: { readonly db: DatabaseSync; readonly mode: 'read' | 'write' } | null = null;

  constructor(options: MigratorOptions) {
    this.#input = Object.freeze({ ...options });
    this.#options = resolveOptions(options);
    this.#modules = new ModuleCache(this.#options.migrationsDir, this.#options.importModule);
  }

  /**
   * Reads everything `status` and `history` show, read-only: never creates or modifies the file. A
   * missing file is `database_not_found` unless `allowMissing`. Set problems throw `MigrationSetError`.
   *
   * @example
   * const { status } = await migrator.inspect();
   * console.log(status.currentVersion, status.counts.pending);
   */
  async inspect(options: InspectOptions = {}): Promise<Inspection> {
    return inspectCommand(this.#read(options.allowMissing ?? false));
  }

  /**
   * The history the database holds (records and the event log), read-only. It does not read the
   * migration files, so it works while a file is broken. A missing file is `database_not_found`.
   *
   * @example
   * const { events } = await migrator.history();
   * console.log(events.filter((event) => event.kind === 'failed').length);
   */
  async history(): Promise<History> {
    return readState(this.#read(false), true).history;
  }

  /**
   * What `migrate` would do now (dry run; read-only). A missing database plans against an empty history.
   *
   * @example
   * const plan = await migrator.planMigrate({ to: 5 });
   * if (plan.ok) console.log(plan.value.steps.map((step) => step.migration.file));
   */
  async planMigrate(request: MigrateRequest = {}): Promise<Result<MigratePlan, PlanProblem>> {
    return planMigrateCommand(this.#read(true), request);
  }

  /**
   * What `rollback` would do now (dry run; read-only).
   *
   * @example
   * const plan = await migrator.planRollback({ count: 2 });
   */
  async planRollback(target: RollbackTarget): Promise<Result<RollbackPlan, PlanProblem>> {
    return planRollbackCommand(this.#read(true), target);
  }

  /**
   * Applies pending migrations (up to `to`), each atomically under the lock; backs up first if
   * anything will run. Throws `MigrationFailedError` if one fails (recorded; schema as before it).
   * With `signal`, an abort stops the run before the next step (the running one finishes): the
   * report is `ok` with `interrupted: true` and the steps that completed.
   *
   * @example
   * const controller = new AbortController();
   * const report = await migrator.migrate({ signal: controller.signal });
   * if (report.ok) console.log(`now at version ${report.finalVersion}${report.interrupted ? ' (interrupted)' : ''}`);
   */
  async migrate(request: MigrateRequest = {}): Promise<RunReport> {
    return this.#inTurn(() => migrateCommand(this.#write(), request));
  }

  /**
   * Undoes the newest `count` applied migrations, or every one above `to` (`{ to: 0 }`: all), newest
   * first; nothing runs if any of them cannot be undone. `signal` as for {@link Migrator.migrate}.
   *
   * @example
   * await migrator.rollback({ count: 1 });
   * await migrator.rollback({ to: 0 }, { signal: controller.signal });
   */
  async rollback(target: RollbackTarget, options: RollbackOptions = {}): Promise<RunReport> {
    return this.#inTurn(() => rollbackCommand(this.#write(), target, options));
  }

  /**
   * Records every migration up to `version` as applied without running it (adopting a database
   * whose schema already matches).
   *
   * @example
   * await migrator.baseline(3);
   */
  async baseline(version: number): Promise<RunReport> {
    return this.#inTurn(() => baselineCommand(this.#write(), version));
  }

  /**
   * Records a person's decision: `mark_applied` / `mark_rolled_back` for a migration that failed
   * outside a transaction, `accept_checksum` for an applied migration edited on purpose.
   *
   * @example
   * await migrator.repair(5, 'mark_rolled_back');
   */
  async repair(version: number, action: RepairAction): Promise<RunReport> {
    return this.#inTurn(() => repairCommand(this.#write(), version, action));
  }

  /**
   * Runs the migrate plan on a throw-away copy and reports timings and checks; with `roundTrip`,
   * also runs the down parts and the up parts again there (up, down, up) and compares the schemas.
   * The real database is only read. An aborted `signal` stops it after the running migration: the
   * copy is deleted unchecked and the report says `interrupted: true` (and `ok: false`).
   *
   * @example
   * const rehearsal = await migrator.rehearse({ roundTrip: true });
   * if (!rehearsal.ok) console.error(rehearsal.steps.find((step) => !step.ok)?.error, rehearsal.roundTrip?.notUndone);
   */
  async rehearse(request: RehearseRequest = {}): Promise<RehearsalReport> {
    return trialRun(this.#input, request, (options) => new Migrator(options));
  }

  /**
   * Runs the rollback plan on a throw-away copy and reports each down part's time and error, and the
   * copy's `integrity_check` and `foreign_key_check`; the real database is only read. `signal` stops
   * it as for {@link Migrator.rehearse}.
   *
   * @example
   * const rehearsal = await migrator.rehearseRollback({ count: 1 });
   * if (!rehearsal.ok) console.error(rehearsal.problems, rehearsal.steps.find((step) => !step.ok)?.error);
   */
  async rehearseRollback(target: RollbackTarget, options: RollbackOptions = {}): Promise<RehearsalReport> {
    return trialRollback(this.#input, target, (migratorOptions) => new Migrator(migratorOptions), options);
  }

  /**
   * The backups of this database, newest first. With backups before runs off, those in the default
   * folder (`<database folder>/backups`): where a manual backup and a restore's safety copy go.
   * Empty for `:memory:`.
   *
   * @example
   * const [latest] = await migrator.listBackups();
   */
  async listBackups(): Promise<BackupInfo[]> {
    const { backupDir, path } = this.#options;
    return path === MEMORY ? [] : listBackups(backupDir ?? defaultBackupDir(path), path);
  }

  /**
   * Restores a backup over the database (taking a safety backup of the current state first). Closes
   * this Migrator's connection; the next call opens a new one.
   *
   * @example
   * const [latest] = await migrator.listBackups();
   * if (latest) await migrator.restoreBackup(latest.path);
   */
  async restoreBackup(path: string): Promise<RestoreReport> {
    return this.#inTurn(async () => {
      this.close();
      const { backupDir, busyTimeoutMs, clock } = this.#options;
      return restoreBackup(this.#options.path, path, {
        ...(backupDir === null ? {} : { dir: backupDir }),
        busyTimeoutMs,
        now: clock,
      });
    });
  }

  /** Closes the connection (safe to call twice); a later call opens a new one. */
  close(): void {
    this.#connection?.db.close();
    this.#connection = null;
  }

  /**
   * Runs a writing call after the earlier ones of this process on the same file (this Migrator's, other
   * Migrators', `openMigrated`'s): SQLite's busy wait would block the event loop they need to finish.
   */
  #inTurn<T>(run: () => Promise<T>): Promise<T> {
    const { path, busyTimeoutMs, onEvent } = this.#options;
    return inTurn({ path, busyTimeoutMs, onWait: () => emitTo(onEvent)({ type: 'waiting_for_lock' }) }, run);
  }

  /** A read session: any open connection, else a read-only one; `null` db for a missing file. */
  #read(allowMissing: boolean): Session {
    const { path, database, busyTimeoutMs } = this.#options;
    if (this.#connection === null) {
      if (allowMissing && path !== MEMORY && !existsSync(path))
        return session(null, this.#options, this.#modules);
      // An in-memory database exists only in its connection: it is always opened read-write.
      const mode = path === MEMORY ? 'write' : 'read';
      this.#connection = { db: openDatabase(database, { mode, busyTimeoutMs }), mode };
    }
    return session(this.#connection.db, this.#options, this.#modules);
  }

  /** A write session: reopens a read-only connection read-write (creating a missing file). */
  #write(): OpenSession {
    const { database, busyTimeoutMs } = this.#options;
    if (this.#connection?.mode !== 'write') {
      this.close();
      this.#connection = { db: openDatabase(database, { mode: 'write', busyTimeoutMs }), mode: 'write' };
    }
    return { ...session(this.#connection.db, this.#options, this.#modules), db: this.#connection.db };
  }
}
