/**
 * `@gao/migrate-sqlite`: runs `@gao/migrate-core` plans on `node:sqlite`.
 *
 * @packageDocumentation
 */

// Backups and rehearsal
export {
  BackupError,
  type BackupErrorCode,
  type BackupInfo,
  type CreateBackupOptions,
  createBackup,
  listBackups,
  pruneBackups,
  type RestoreOptions,
  type RestoreReport,
  restoreBackup,
} from './backup.ts';

// The runner
export {
  DatabaseError,
  type DatabaseErrorCode,
  type DatabaseErrorStep,
  type ForeignKeyViolation,
  MigrationFailedError,
  MigrationPlanError,
  type MigrationRuleCode,
  MigrationRuleError,
  MigrationSetError,
  ModuleError,
  type ModuleErrorCode,
  type StepResult,
} from './errors.ts';
export type { MigrationLogger, ProgressEvent, ProgressListener } from './events.ts';
export { GaoDbError, type GaoDbErrorCode, type GaoDbErrorOptions } from './gao-db-error.ts';
export type { LoadedModule, MigrationContext, MigrationFunction, ModuleImporter } from './load-modules.ts';
export type { FailedStatement } from './locate-statement.ts';
export type { MigrateRequest } from './migrate-command.ts';
export { type InspectOptions, Migrator } from './migrator.ts';
export {
  type BackupOptions,
  type BackupProgress,
  type BackupTaker,
  DEFAULT_BUSY_TIMEOUT_MS,
  type MigratorOptions,
} from './migrator-options.ts';
export { type OpenMigratedOptions, openMigrated } from './open-migrated.ts';
export { type RehearseOptions, rehearse } from './rehearse.ts';
export type { RehearsalReport, RehearsalStep } from './rehearse-report.ts';
export type { RollbackOptions } from './rollback-command.ts';
export type { RoundTripReport } from './round-trip.ts';
export type { RowCountDifference } from './row-counts.ts';
export type { RepairAction, RepairPlan } from './run-repair.ts';
export type { Inspection, RunReport } from './run-report.ts';
export {
  CREATE_EVENTS_TABLE,
  CREATE_HISTORY_TABLE,
  CREATE_SCHEMA_TABLE,
  EVENTS_TABLE,
  HISTORY_TABLE,
  SCHEMA_TABLE,
} from './schema.ts';
export type { SchemaDrift } from './schema-drift.ts';
export type { SchemaDifference } from './schema-snapshot.ts';
export { sqliteVersion } from './sqlite-version.ts';
export type { ColumnChange } from './table-columns.ts';
export type { RehearseRequest } from './trial-run.ts';
