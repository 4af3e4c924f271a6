/**
 * `@gao/migrate-core`: the pure part of gao-db. Migration files in, a typed migration set out; the
 * history model; the planner that decides what `migrate`, `rollback` and `baseline` would do, and
 * every problem that forbids it. No I/O: file access comes in through small ports.
 *
 * @packageDocumentation
 */

// The history model
export {
  EMPTY_HISTORY,
  type History,
  type HistoryEvent,
  type HistoryEventKind,
  type HistoryRecord,
  type RecordStatus,
} from './history.ts';

// The migration set
export {
  CODE_EXTENSIONS,
  type CodeExtension,
  type CodeMigration,
  type CodeModuleInfo,
  hasDown,
  type IgnoredFile,
  type IgnoredReason,
  type Migration,
  type MigrationSet,
  runsInTransaction,
  type SectionOptions,
  type SqlMigration,
  type SqlPart,
} from './migration.ts';
// Plans
export type {
  ApplyStep,
  BaselinePlan,
  BaselineStep,
  ChecksumFill,
  MigratePlan,
  Plan,
  RevertStep,
  RollbackPlan,
  Step,
} from './plan.ts';
// Problems
export type * from './problems.ts';
// Results and exhaustiveness
export { assertNever, fail, ok, type Result } from './result.ts';
