// A scriptable UiBackend for tests: plans and runs from in-memory data, optionally paused so a test
// can send progress events one by one.
import {
  type MigratePlan,
  ok,
  type PlanProblem,
  type Result,
  type RollbackPlan,
  type RollbackTarget,
  type Step,
} from '@gao/migrate-core';
import type {
  UiBackend,
  UiBackupInfo,
  UiInspection,
  UiRehearsal,
  UiRestoreResult,
  UiRunControl,
  UiRunReport,
  UiValidation,
} from './types.ts';

/** An error like the adapter's `MigrationFailedError`: a code, a hint and a cause. */
export function migrationError(message: string, hint: string, cause?: string): Error {
  return Object.assign(new Error(message, cause === undefined ? undefined : { cause: new Error(cause) }), {
    code: 'migration_failed',
    hint,
  });
}

/** What {@link FakeBackend} does. */
export interface FakeBackendOptions {
  readonly inspection: UiInspection | (() => UiInspection);
  readonly migratePlan?: Result<MigratePlan, PlanProblem>;
  readonly rollbackPlan?: (target: RollbackTarget) => Result<RollbackPlan, PlanProblem>;
  readonly problems?: readonly PlanProblem[];
  /** What `validate` warns of (default none). */
  readonly warnings?: readonly PlanProblem[];
  readonly backups?: readonly UiBackupInfo[];
  /** `manual`: runs wait for the test (`control`, `settle`); `auto`: steps finish at once. */
  readonly mode?: 'auto' | 'manual';
  /** In `auto` mode, the version whose step fails with this error. */
  readonly failAt?: { readonly version: number; readonly error: Error };
  /** Makes `planMigrate` reject. */
  readonly planError?: Error;
  /** Makes `inspect` reject. */
  readonly inspectError?: Error;
  /** What `restoreBackup` resolves with (default: no safety backup), or the error it rejects with. */
  readonly restore?: UiRestoreResult | Error;
  /** What `rehearse` resolves with (default: nothing to rehearse, passed), or the error it rejects with. */
  readonly rehearsal?: UiRehearsal | Error;
}

/** A {@link UiBackend} over in-memory data, recording its calls. */
export class FakeBackend implements UiBackend {
  readonly calls: string[] = [];
  control: UiRunControl | null = null;
  private settleRun: ((report: UiRunReport | Error) => void) | null = null;
  private readonly options: FakeBackendOptions;
  constructor(options: FakeBackendOptions) {
    this.options = options;
  }

  async inspect(): Promise<UiInspection> {
    this.calls.push('inspect');
    if (this.options.inspectError !== undefined) throw this.options.inspectError;
    const { inspection } = this.options;
    return typeof inspection === 'function' ? inspection() : inspection;
  }
  async planMigrate(options: { readonly to?: number }): Promise<Result<MigratePlan, PlanProblem>> {
    this.calls.push(`planMigrate ${options.to ?? ''}`.trim());
    if (this.options.planError !== undefined) throw this.options.planError;
    return (
      this.options.migratePlan ??
      ok({ kind: 'migrate', steps: [], checksumFills: [], warnings: [], targetVersion: null })
    );
  }
  async planRollback(target: RollbackTarget): Promise<Result<RollbackPlan, PlanProblem>> {
    this.calls.push(`planRollback ${JSON.stringify(target)}`);
    const plan = this.options.rollbackPlan;
    return plan === undefined
      ? ok({ kind: 'rollback', steps: [], warnings: [], targetVersion: null })
      : plan(target);
  }
  async migrate(options: { readonly to?: number }, control: UiRunControl): Promise<UiRunReport> {
    this.calls.push(`migrate ${options.to ?? ''}`.trim());
    const plan = this.options.migratePlan;
    return this.run(plan?.ok ? plan.value.steps : [], control, null);
  }
  async rollback(target: RollbackTarget, control: UiRunControl): Promise<UiRunReport> {
    this.calls.push(`rollback ${JSON.stringify(target)}`);
    const plan = this.options.rollbackPlan?.(target);
    return this.run(plan?.ok ? plan.value.steps : [], control, plan?.ok ? plan.value.targetVersion : null);
  }
  async validate(): Promise<UiValidation> {
    this.calls.push('validate');
    return { problems: this.options.problems ?? [], warnings: this.options.warnings ?? [] };
  }
  async rehearse(): Promise<UiRehearsal> {
    this.calls.push('rehearse');
    const { rehearsal } = this.options;
    if (rehearsal instanceof Error) throw rehearsal;
    return (
      rehearsal ?? {
        ok: true,
        steps: [],
        integrityCheck: ['ok'],
        foreignKeyViolations: [],
        problems: [],
        roundTrip: null,
      }
    );
  }
  async listBackups(): Promise<readonly UiBackupInfo[]> {
    this.calls.push('listBackups');
    return this.options.backups ?? [];
  }
  async restoreBackup(path: string): Promise<UiRestoreResult> {
    this.calls.push(`restoreBackup ${path}`);
    const { restore } = this.options;
    if (restore instanceof Error) throw restore;
    return restore ?? { safetyBackup: null };
  }

  /** Ends a paused run with a report, or with an error (a failed migration). */
  settle(outcome: UiRunReport | Error): void {
    this.settleRun?.(outcome);
  }

  /** Runs `steps`; a rollback ends at `rollbackTarget`, a migrate at its last step's version. */
  private run(
    steps: readonly Step[],
    control: UiRunControl,
    rollbackTarget: number | null,
  ): Promise<UiRunReport> {
    this.control = control;
    if (this.options.mode === 'manual') {
      return new Promise((resolve, reject) => {
        this.settleRun = (outcome) => (outcome instanceof Error ? reject(outcome) : resolve(outcome));
      });
    }
    const total = steps.length;
    let finalVersion: number | null = null;
    for (const [index, step] of steps.entries()) {
      if (control.signal.aborted) break;
      control.onEvent({ type: 'step_started', index, total, step });
      const { failAt } = this.options;
      if (failAt !== undefined && failAt.version === step.migration.version) {
        control.onEvent({ type: 'step_failed', index, total, step, error: failAt.error, durationMs: 4 });
        return Promise.reject(failAt.error);
      }
      control.onEvent({ type: 'step_finished', index, total, step, durationMs: index * 10 });
      finalVersion = step.kind === 'revert' ? rollbackTarget : step.migration.version;
    }
    control.onEvent({ type: 'done', finalVersion, durationMs: 30 });
    return Promise.resolve({ ok: true, finalVersion });
  }
}
