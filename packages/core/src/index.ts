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
  partRunsInTransaction,
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

// History, status and planning

export { allOrNothingProblems } from './all-or-nothing.ts';
export { applyPlan, type StepOutcome, stepOutcome } from './apply-plan.ts';
export { downChecksumOf, type FileChecksumFill, fileChecksumFillsOf } from './checksum-fills.ts';
export { MIGRATION_STATES, type MigrationState } from './migration-state.ts';
export { planBaseline } from './plan-baseline.ts';
export { type MigrateOptions, planMigrate } from './plan-migrate.ts';
export {
  checksumMismatchProblem,
  countExceedsAppliedProblem,
  downChangedProblem,
  failedFileMissingProblem,
  invalidCountProblem,
  missingFileProblem,
  moduleNotLoadedProblem,
  needsRepairProblem,
  noDownProblem,
  outOfOrderProblem,
  schemaDriftProblem,
  type TargetCommand,
  targetAheadProblem,
  targetBehindProblem,
  transactionFalseInAllOrNothingProblem,
  unknownTargetProblem,
} from './plan-problems.ts';
export { planRollback, type RollbackPlanOptions, type RollbackTarget } from './plan-rollback.ts';
export { recordFailure, type StepError } from './record-failure.ts';
export { type Interruption, interruptionEvent } from './record-interruption.ts';
export { describeSchemaChange, describeSchemaChanges, type SchemaChange } from './schema-changes.ts';
export { getStatus, type MigrationStatus, type StatusReport } from './status.ts';
export { claimMessage, isUnfinishedClaim, isUnfinishedClaimProblem } from './unfinished-claim.ts';
export { validate } from './validate.ts';

// The migration set: parsing and reading

export {
  type BuildOptions,
  buildMigrationSet,
  type SourceEntry,
  type SourceFile,
} from './build-migration-set.ts';
export {
  checksumOf,
  combineFileHashes,
  fileChecksumOf,
  normaliseText,
  type Sha256,
  type Sha256Text,
  withoutTrailingBlanks,
} from './checksum.ts';
export { classifyFileName, type FileNameClass, type MigrationExtension } from './classify-file-name.ts';
export { versionNumber } from './migration-stem.ts';
export {
  type ParsedSqlFile,
  parseSqlDownFile,
  parseSqlMigration,
  type SqlSection,
} from './parse-sql-migration.ts';
export { type MigrationSource, readMigrationSet } from './read-migration-set.ts';
export { sha256Hex } from './sha256.ts';
export { quotedEnd } from './sql-statements.ts';
export { firstSqlOffset, lineAt, oneLine } from './sql-text.ts';
export { withCodeModules } from './with-code-modules.ts';
