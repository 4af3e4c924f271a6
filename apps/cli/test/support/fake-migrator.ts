import {
  applyPlan,
  EMPTY_HISTORY,
  getStatus,
  type History,
  type MigrationSet,
  planBaseline,
  planMigrate,
  planRollback,
  readMigrationSet,
  recordFailure,
  withCodeModules,
} from '@gao/migrate-core';
import type {
  BackupInfo,
  MigratorFactory,
  MigratorOptions,
  MigratorPort,
  RunReport,
  StepResult,
} from '../../src/adapter/migrator-port.ts';

/** An error shaped like the adapter's GaoDbError. */
export class FakeGaoDbError extends Error {
  readonly code: string;
  readonly hint: string;
  constructor(code: string, message: string, fields: Record<string, unknown> = {}, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.code = code;
    this.hint = (fields.hint as string | undefined) ?? `hint for ${code}`;
    Object.assign(this, fields);
  }
}

/** The state a fake migrator works on; tests read it after a run. */
export interface FakeDatabase {
  files: Record<string, string>;
  history: History;
  exists: boolean;
  backups: BackupInfo[];
  /** Versions whose up (or down) throws, with the error message. */
  failUp: Map<number, string>;
  failDown: Map<number, string>;
  /** Thrown by every method, to simulate locked / corrupt databases. */
  broken: Error | null;
  rehearsal: { integrity: string[]; violations: { table: string; rowid: number | null; parent: string }[] };
  opened: MigratorOptions[];
  restored: string[];
  closed: number;
  /** How long every step "takes". */
  duration: number;
  /** Report waiting for another runner's lock before migrating. */
  waitForLock: boolean;
}

/** A fresh fake database holding `files` (name -> SQL text) and `history`. */
export function fakeDatabase(
  files: Record<string, string>,
  history: History = EMPTY_HISTORY,
  exists = true,
): FakeDatabase {
  return {
    files,
    history,
    exists,
    backups: [],
    failUp: new Map(),
    failDown: new Map(),
    broken: null,
    rehearsal: { integrity: ['ok'], violations: [] },
    opened: [],
    restored: [],
    closed: 0,
    duration: 7,
    waitForLock: false,
  };
}

const AT = '2026-11-24 08:00:00';

function readSet(db: FakeDatabase): MigrationSet {
  const source = {
    list: () => Object.keys(db.files).map((name) => ({ name, isFile: true })),
    read: (name: string) => new TextEncoder().encode(db.files[name] ?? ''),
  };
  const result = readMigrationSet(source);
  if (!result.ok) {
    throw Object.assign(
      new FakeGaoDbError(
        'invalid_migration_set',
        `The migrations folder has ${result.problems.length} problem(s)`,
      ),
      {
        problems: result.problems,
      },
    );
  }
  // Code modules: every one "exports" up and down, in a transaction.
  const modules = new Map(
    result.value.migrations
      .filter((m) => m.kind === 'code')
      .map((m) => [m.version, { hasDown: true, transaction: true }]),
  );
  return withCodeModules(result.value, modules);
}

/**
 * A factory for `main`'s `openMigrator` that runs the real core planner against `db` in memory.
 *
 * @example
 * const db = fakeDatabase({ '001_a.sql': 'CREATE TABLE a (id INTEGER);' });
 * await main(['migrate', '--yes'], { openMigrator: fakeMigrator(db) });
 */
export function fakeMigrator(db: FakeDatabase): MigratorFactory {
  return async (options) => {
    db.opened.push(options);
    const emit = options.onEvent;
    const DURATION = db.duration;
    const guard = (): void => {
      if (db.broken !== null) throw db.broken;
    };
    const needDatabase = (): void => {
      guard();
      if (!db.exists) {
        throw new FakeGaoDbError('database_not_found', `The database ${options.database} does not exist.`, {
          database: options.database,
          hint: "Check the path, or run 'gao-db migrate' to create it.",
        });
      }
    };
    const backup = (): BackupInfo | null => {
      if (options.backup === false || !db.exists) return null;
      const info = {
        path: `/backups/b${db.backups.length + 1}.bak`,
        createdAt: AT,
        sizeBytes: 4096,
        reason: 'pre-migrate',
      };
      db.backups.unshift(info);
      emit({ type: 'backup_created', backup: info });
      return info;
    };
    const port: MigratorPort = {
      async history() {
        guard();
        if (!db.exists) needDatabase();
        return db.history;
      },
      async inspect(inspectOptions) {
        guard();
        if (!db.exists && inspectOptions?.allowMissing !== true) needDatabase();
        const set = readSet(db);
        const history = db.exists ? db.history : EMPTY_HISTORY;
        return {
          database: options.database,
          exists: db.exists,
          sizeBytes: db.exists ? 8192 : 0,
          set,
          history,
          status: getStatus(set, history),
          lastBackup: db.backups[0] ?? null,
        };
      },
      async planMigrate(planOptions) {
        guard();
        return planMigrate(readSet(db), db.history, {
          ...planOptions,
          allowOutOfOrder: options.allowOutOfOrder,
        });
      },
      async planRollback(target) {
        needDatabase();
        return planRollback(readSet(db), db.history, target);
      },
      async migrate(runOptions): Promise<RunReport> {
        guard();
        const planned = planMigrate(readSet(db), db.history, {
          ...runOptions,
          allowOutOfOrder: options.allowOutOfOrder,
        });
        if (!planned.ok) return { ok: false, problems: planned.problems };
        const plan = planned.value;
        if (db.waitForLock) emit({ type: 'waiting_for_lock' });
        emit({ type: 'plan_ready', plan });
        const made = backup();
        db.exists = true;
        const steps: StepResult[] = [];
        let interrupted = false;
        for (const [index, step] of plan.steps.entries()) {
          // Stopped (Ctrl+C): the running migration finished; start no other.
          if (runOptions.signal?.aborted) {
            interrupted = true;
            break;
          }
          const total = plan.steps.length;
          emit({ type: 'step_started', index, total, step });
          const failure = db.failUp.get(step.migration.version);
          if (failure !== undefined) {
            const cause = new Error(failure);
            emit({ type: 'step_failed', index, total, step, error: cause, durationMs: 3 });
            db.history = recordFailure(db.history, step, AT, cause, 3);
            throw new FakeGaoDbError(
              'migration_failed',
              `Migration ${step.migration.id} failed: ${failure}`,
              {
                version: step.migration.version,
                file: step.migration.file,
                direction: 'up',
                completed: [...steps],
                hint: `Fix ${step.migration.file}, then run 'gao-db migrate' again.`,
              },
              cause,
            );
          }
          db.history = applyPlan(
            db.history,
            { ...plan, steps: [step], checksumFills: index === 0 ? plan.checksumFills : [] },
            AT,
            DURATION,
          );
          emit({ type: 'step_finished', index, total, step, durationMs: DURATION });
          steps.push({
            kind: 'apply',
            version: step.migration.version,
            name: step.migration.name,
            file: step.migration.file,
            durationMs: DURATION,
          });
        }
        emit({ type: 'done', finalVersion: plan.targetVersion, durationMs: DURATION * steps.length });
        return {
          ok: true,
          plan,
          steps,
          backup: made,
          finalVersion: plan.targetVersion,
          ...(interrupted ? { interrupted: true as const } : {}),
        };
      },
      async rollback(target, runOptions): Promise<RunReport> {
        needDatabase();
        const planned = planRollback(readSet(db), db.history, target);
        if (!planned.ok) return { ok: false, problems: planned.problems };
        const plan = planned.value;
        emit({ type: 'plan_ready', plan });
        const made = backup();
        const steps: StepResult[] = [];
        let interrupted = false;
        for (const [index, step] of plan.steps.entries()) {
          if (runOptions?.signal?.aborted) {
            interrupted = true;
            break;
          }
          const total = plan.steps.length;
          const failure = db.failDown.get(step.migration.version);
          if (failure !== undefined) {
            const cause = new Error(failure);
            emit({ type: 'step_failed', index, total, step, error: cause, durationMs: 2 });
            throw new FakeGaoDbError(
              'rollback_failed',
              `Rollback of ${step.migration.id} failed: ${failure}`,
              {
                version: step.migration.version,
                file: step.migration.file,
                direction: 'down',
                completed: [...steps],
              },
              cause,
            );
          }
          db.history = applyPlan(db.history, { ...plan, steps: [step] }, AT, DURATION);
          emit({ type: 'step_finished', index, total, step, durationMs: DURATION });
          steps.push({
            kind: 'revert',
            version: step.migration.version,
            name: step.migration.name,
            file: step.migration.file,
            durationMs: DURATION,
          });
        }
        return {
          ok: true,
          plan,
          steps,
          backup: made,
          finalVersion: plan.targetVersion,
          ...(interrupted ? { interrupted: true as const } : {}),
        };
      },
      async baseline(version): Promise<RunReport> {
        needDatabase();
        const planned = planBaseline(readSet(db), db.history, version);
        if (!planned.ok) return { ok: false, problems: planned.problems };
        db.history = applyPlan(db.history, planned.value, AT, 0);
        const steps = planned.value.steps.map((step) => ({
          kind: 'baseline' as const,
          version: step.migration.version,
          name: step.migration.name,
          file: step.migration.file,
          durationMs: 0,
        }));
        return { ok: true, plan: planned.value, steps, backup: null, finalVersion: version };
      },
      async repair(version, action): Promise<RunReport> {
        needDatabase();
        const set = readSet(db);
        const migration = set.migrations.find((m) => m.version === version);
        const records = db.history.records.flatMap((record) => {
          if (record.version !== version) return [record];
          if (action === 'mark_rolled_back') return [];
          if (action === 'mark_applied')
            return [{ ...record, status: 'success' as const, errorMessage: null }];
          return [{ ...record, checksum: migration?.checksum ?? record.checksum }];
        });
        db.history = { records, events: db.history.events };
        const step = {
          kind: 'repair' as const,
          version,
          name: migration?.id ?? String(version),
          file: migration?.file ?? null,
          durationMs: 0,
        };
        return {
          ok: true,
          plan: null,
          steps: [step],
          backup: null,
          finalVersion: getStatus(set, db.history).currentVersion,
        };
      },
      async rehearseRollback() {
        guard();
        // The scripted flow only: the real rehearsal is tested against the real adapter.
        return {
          ok: true,
          steps: [],
          integrityCheck: db.rehearsal.integrity,
          foreignKeyViolations: db.rehearsal.violations,
          problems: [],
          roundTrip: null,
        };
      },
      async rehearse(runOptions) {
        guard();
        const planned = planMigrate(readSet(db), db.history, {
          ...runOptions,
          allowOutOfOrder: options.allowOutOfOrder,
        });
        if (!planned.ok) {
          return {
            ok: false,
            steps: [],
            integrityCheck: [],
            foreignKeyViolations: [],
            problems: planned.problems,
            roundTrip: null,
          };
        }
        const steps = planned.value.steps.map((step) => {
          const failure = db.failUp.get(step.migration.version);
          return {
            version: step.migration.version,
            name: step.migration.name,
            durationMs: DURATION,
            ok: failure === undefined,
            ...(failure === undefined ? {} : { error: failure }),
          };
        });
        return {
          ok: steps.every((step) => step.ok),
          steps,
          integrityCheck: db.rehearsal.integrity,
          foreignKeyViolations: db.rehearsal.violations,
          problems: [],
          roundTrip: null,
        };
      },
      async listBackups() {
        guard();
        return db.backups;
      },
      async createBackup() {
        needDatabase();
        const info = {
          path: `/backups/b${db.backups.length + 1}.bak`,
          createdAt: AT,
          sizeBytes: 4096,
          reason: 'manual',
        };
        db.backups.unshift(info);
        return info;
      },
      async restoreBackup(path) {
        guard();
        db.restored.push(path);
        return {
          safetyBackup: db.exists
            ? { path: '/backups/safety.bak', createdAt: AT, sizeBytes: 4096, reason: 'pre-restore' }
            : null,
        };
      },
      close() {
        db.closed += 1;
      },
    };
    return port;
  };
}
