import type { HistoryRecord } from './history.ts';
import type { Migration } from './migration.ts';
import type { PlanProblem } from './problems.ts';

/** Run a migration's up part and record it. */
export interface ApplyStep {
  readonly kind: 'apply';
  readonly migration: Migration;
  /** A `failed` record of an earlier attempt exists and will be replaced. */
  readonly retry: boolean;
  /** The version is lower than the highest applied one (only with `allowOutOfOrder`). */
  readonly outOfOrder: boolean;
}

/** Run a migration's down part and remove its record. */
export interface RevertStep {
  readonly kind: 'revert';
  readonly migration: Migration;
  readonly record: HistoryRecord;
}

/** Record a migration as applied without running it. */
export interface BaselineStep {
  readonly kind: 'baseline';
  readonly migration: Migration;
}

/** Any step of any plan; interpreters `switch (step.kind)` and end with `assertNever`. */
export type Step = ApplyStep | RevertStep | BaselineStep;

/** A record written without a checksum (the story's Python runner) whose checksum is now recorded. */
export interface ChecksumFill {
  readonly version: number;
  readonly versionText: string;
  readonly checksum: string;
  readonly downChecksum: string | null;
  readonly fileChecksum: string;
}

/** What `migrate` would do. An empty `steps` means up to date. */
export interface MigratePlan {
  readonly kind: 'migrate';
  readonly steps: readonly ApplyStep[];
  readonly checksumFills: readonly ChecksumFill[];
  /** Problems the options allowed (`allowChanged`, `allowOutOfOrder`), shown as warnings. */
  readonly warnings: readonly PlanProblem[];
  /** The highest applied version once the plan has run (`null`: nothing applied). */
  readonly targetVersion: number | null;
}

/** What `rollback` would do: newest first. */
export interface RollbackPlan {
  readonly kind: 'rollback';
  readonly steps: readonly RevertStep[];
  readonly warnings: readonly PlanProblem[];
  /** The highest applied version once the plan has run (`null`: nothing applied). */
  readonly targetVersion: number | null;
}

/** What `baseline V` would do: oldest first. */
export interface BaselinePlan {
  readonly kind: 'baseline';
  readonly steps: readonly BaselineStep[];
  readonly checksumFills: readonly ChecksumFill[];
  readonly targetVersion: number;
}

/** Any plan. */
export type Plan = MigratePlan | RollbackPlan | BaselinePlan;
