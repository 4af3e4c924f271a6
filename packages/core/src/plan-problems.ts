import type { HistoryEvent, HistoryRecord } from './history.ts';
import type { Migration } from './migration.ts';
import type {
  ChecksumMismatchProblem,
  CountExceedsAppliedProblem,
  DownChangedProblem,
  FailedFileMissingProblem,
  InvalidCountProblem,
  MissingFileProblem,
  ModuleNotLoadedProblem,
  NeedsRepairProblem,
  NoDownProblem,
  OutOfOrderProblem,
  SchemaDriftProblem,
  TargetAheadProblem,
  TargetBehindProblem,
  TransactionFalseInAllOrNothingProblem,
  UnknownTargetProblem,
} from './problems.ts';
import { assertNever } from './result.ts';
import { describeSchemaChanges, type SchemaChange } from './schema-changes.ts';
import { isUnfinishedClaim } from './unfinished-claim.ts';

// One constructor per plan problem code, so every message and hint is written (and tested) once.

/** `3 migrations`, `1 migration`. */
function migrations(count: number): string {
  return count === 1 ? `${count} migration` : `${count} migrations`;
}

/**
 * An applied migration whose up part changed since it was applied.
 *
 * @example
 * checksumMismatchProblem(migration, record.checksum).message
 * // 'Migration 3 (003_add_email.sql) was changed after it was applied.'
 */
export function checksumMismatchProblem(migration: Migration, recorded: string): ChecksumMismatchProblem {
  const { version, file } = migration;
  return {
    code: 'checksum_mismatch',
    version,
    file,
    recorded,
    actual: migration.checksum,
    message: `Migration ${version} (${file}) was changed after it was applied.`,
    hint: `Restore the file as it was applied, or run \`gao-db repair accept-checksum ${version}\` if the edit is deliberate.`,
  };
}

/** A record (applied) whose file is gone. @example missingFileProblem(record).code // 'missing_file' */
export function missingFileProblem(record: HistoryRecord): MissingFileProblem {
  const { version, migrationName } = record;
  return {
    code: 'missing_file',
    version,
    migrationName,
    message: `Migration ${version} (${migrationName}) is recorded as applied but its file is missing.`,
    hint: `Restore the file from version control, or run \`gao-db repair mark-rolled-back ${version}\` if the migration was removed on purpose.`,
  };
}

/** A pending migration below the highest applied version. @example outOfOrderProblem(m, 5).highestApplied // 5 */
export function outOfOrderProblem(migration: Migration, highestApplied: number): OutOfOrderProblem {
  const { version, file } = migration;
  return {
    code: 'out_of_order',
    version,
    file,
    highestApplied,
    message: `Migration ${version} (${file}) is pending but the newer version ${highestApplied} is already applied.`,
    hint: `Give the file a version above ${highestApplied}, or run \`gao-db migrate --allow-out-of-order\` to apply it anyway.`,
  };
}

/**
 * A failed record that ran outside a transaction. A claim nobody finished (the row written before a
 * `transaction:false` part runs) is said as such: another process may still be running it.
 *
 * @example
 * needsRepairProblem(record).code // 'needs_repair'
 */
export function needsRepairProblem(record: HistoryRecord): NeedsRepairProblem {
  const { version, migrationName } = record;
  const repair = `\`gao-db repair mark-applied ${version}\` or \`gao-db repair mark-rolled-back ${version}\``;
  if (isUnfinishedClaim(record)) {
    return {
      code: 'needs_repair',
      version,
      migrationName,
      error: record.errorMessage,
      message: `Migration ${version} (${migrationName}) started outside a transaction and has not finished: another process may still be running it, or it stopped half-way.`,
      hint: `If another gao-db or application is migrating this database, wait for it to finish and run the command again. Otherwise it may be half-applied: finish or undo its changes by hand, then run ${repair} to match.`,
    };
  }
  return {
    code: 'needs_repair',
    version,
    migrationName,
    error: record.errorMessage,
    message: `Migration ${version} (${migrationName}) failed outside a transaction and may be half-applied.`,
    hint: `Finish or undo its changes by hand, then run ${repair} to match.`,
  };
}

/**
 * The warning for a failed transactional attempt whose file is gone: nothing of it was applied, and
 * `repair mark-rolled-back` clears the row if the migration was removed on purpose.
 *
 * @example
 * failedFileMissingProblem(record).message
 * // 'Migration 4 (004_orphans) failed and its file is gone; the failed attempt stays in the history.'
 */
export function failedFileMissingProblem(record: HistoryRecord): FailedFileMissingProblem {
  const { version, migrationName } = record;
  return {
    code: 'failed_file_missing',
    version,
    migrationName,
    error: record.errorMessage,
    message: `Migration ${version} (${migrationName}) failed and its file is gone; the failed attempt stays in the history.`,
    hint: `Nothing of it was applied. If the migration was removed on purpose, clear the record with \`gao-db repair mark-rolled-back ${version}\`; otherwise restore the file and run \`gao-db migrate\` to retry it.`,
  };
}

/**
 * The warning for a down part edited after its migration was applied (the rollback runs it as it is
 * now). `file` is where the down part lives: the `.down.sql` file or the migration itself.
 *
 * @example
 * downChangedProblem(migration, '003_add_email.sql', record.downChecksum, migration.down.checksum).message
 * // 'The down part of migration 3 (003_add_email.sql) was changed after the migration was applied: the rollback runs it as it is now.'
 */
export function downChangedProblem(
  migration: Migration,
  file: string,
  recorded: string,
  actual: string,
): DownChangedProblem {
  const { version } = migration;
  return {
    code: 'down_changed',
    version,
    file,
    recorded,
    actual,
    message: `The down part of migration ${version} (${file}) was changed after the migration was applied: the rollback runs it as it is now.`,
    hint: `Check that it still undoes what migration ${version} did (\`gao-db rollback --dry-run\` shows the SQL). \`gao-db repair accept-checksum ${version}\` records the current file and ends this warning.`,
  };
}

/**
 * The warning for a schema changed outside gao-db since `event`, the newest event of the log, which
 * recorded the schema as gao-db left it. `changes` names what differs when the adapter knows it
 * (`null`: only that something does).
 *
 * @example
 * schemaDriftProblem(history.events.at(-1), [{ type: 'index', name: 'i', change: 'added' }]).message
 * // '... since: index i created.'
 */
export function schemaDriftProblem(
  event: HistoryEvent,
  changes: readonly SchemaChange[] | null = null,
): SchemaDriftProblem {
  const what = `${event.kind.replace('_', ' ')} ${event.migrationName}`;
  const since =
    changes === null || changes.length === 0
      ? 'a table, index, view or trigger was created, changed or dropped by hand since.'
      : `changed by hand since: ${describeSchemaChanges(changes)}.`;
  return {
    code: 'schema_drift',
    version: event.version,
    since: event.at,
    eventKind: event.kind,
    changes:
      changes === null
        ? null
        : changes.map(({ type, name, change, columns }) => ({
            type,
            name,
            change,
            ...(columns === undefined
              ? {}
              : { columns: columns.map((c) => ({ column: c.column, change: c.change })) }),
          })),
    message: `The database's schema is not the one gao-db recorded after its last change (${what} at ${event.at}): ${since}`,
    hint: 'Put the change in a migration (CREATE ... IF NOT EXISTS keeps it safe to run) and run gao-db migrate, which records the schema again; or restore a backup (gao-db backup list).',
  };
}

/** A migration to roll back without a down part. @example noDownProblem(m).code // 'no_down' */
export function noDownProblem(migration: Migration): NoDownProblem {
  const { version, file } = migration;
  const hint =
    migration.kind === 'sql'
      ? `Add a \`-- migrate:down\` section to ${file} (or a ${migration.id}.down.sql file), or roll back fewer migrations.`
      : `Export a \`down\` function from ${file}, or roll back fewer migrations.`;
  return {
    code: 'no_down',
    version,
    file,
    message: `Migration ${version} (${file}) has no down part, so it cannot be rolled back.`,
    hint,
  };
}

/** A rollback count that is not a whole number of 1 or more. @example invalidCountProblem(0).count // 0 */
export function invalidCountProblem(count: number): InvalidCountProblem {
  return {
    code: 'invalid_count',
    count,
    message: `Cannot roll back ${count} migrations: the count must be a whole number of 1 or more.`,
    hint: 'Run `gao-db rollback` to undo the latest migration, or `gao-db rollback <N>` with N of 1 or more.',
  };
}

/** More to roll back than is applied. @example countExceedsAppliedProblem(5, 3).applied // 3 */
export function countExceedsAppliedProblem(count: number, applied: number): CountExceedsAppliedProblem {
  const none = applied === 0;
  return {
    code: 'count_exceeds_applied',
    count,
    applied,
    message: none
      ? `Cannot roll back ${migrations(count)}: no migration is applied.`
      : `Cannot roll back ${migrations(count)}: only ${applied} ${applied === 1 ? 'is' : 'are'} applied.`,
    hint: none
      ? 'There is nothing to roll back; run `gao-db status` to see the migrations.'
      : `Run \`gao-db rollback ${applied}\` to roll back every applied migration, or name a smaller count.`,
  };
}

/** The command whose target is checked. */
export type TargetCommand = 'migrate' | 'rollback' | 'baseline';

/** The one-line message and hint of an unknown target, per command. */
function unknownTargetText(target: number, command: TargetCommand): { message: string; hint: string } {
  switch (command) {
    case 'migrate':
      return {
        message: `Cannot migrate to ${target}: no migration has version ${target}.`,
        hint: 'Name the version of a migration file (see `gao-db status`).',
      };
    case 'baseline':
      return {
        message: `Cannot baseline at ${target}: no migration has version ${target}.`,
        hint: 'Name the version of the last migration the database already contains (see `gao-db status`).',
      };
    case 'rollback':
      return {
        message: `Cannot roll back to ${target}: version ${target} is not applied.`,
        hint: 'Name an applied version (see `gao-db status`), or 0 to roll back every migration.',
      };
    default:
      return assertNever(command, 'command');
  }
}

/**
 * A target that names no migration (migrate, baseline) or no applied one (rollback).
 *
 * @example
 * unknownTargetProblem(7, 'migrate').message // 'Cannot migrate to 7: no migration has version 7.'
 */
export function unknownTargetProblem(target: number, command: TargetCommand): UnknownTargetProblem {
  return { code: 'unknown_target', target, ...unknownTargetText(target, command) };
}

/** `migrate --to` or `baseline` below the current version. @example targetBehindProblem(3, 5, 'migrate') */
export function targetBehindProblem(
  target: number,
  currentVersion: number,
  command: 'migrate' | 'baseline',
): TargetBehindProblem {
  const migrate = command === 'migrate';
  return {
    code: 'target_behind',
    target,
    currentVersion,
    message: `Cannot ${migrate ? 'migrate to' : 'baseline at'} ${target}: the database is already at version ${currentVersion}.`,
    hint: migrate
      ? `To go back, run \`gao-db rollback --to ${target}\`.`
      : `Name version ${currentVersion} or higher; migrations up to ${currentVersion} are already recorded.`,
  };
}

/** `rollback --to` above the current version. @example targetAheadProblem(9, 5).currentVersion // 5 */
export function targetAheadProblem(target: number, currentVersion: number | null): TargetAheadProblem {
  return {
    code: 'target_ahead',
    target,
    currentVersion,
    message:
      currentVersion === null
        ? `Cannot roll back to ${target}: no migration is applied.`
        : `Cannot roll back to ${target}: the database is at version ${currentVersion}.`,
    hint:
      currentVersion === null
        ? 'There is nothing to roll back; run `gao-db status` to see the migrations.'
        : `Name an applied version below ${currentVersion}, or 0 to roll back every migration; \`gao-db migrate\` moves forward.`,
  };
}

/** A code migration planned before its module was loaded. @example moduleNotLoadedProblem(m).code */
export function moduleNotLoadedProblem(migration: Migration): ModuleNotLoadedProblem {
  const { version, file } = migration;
  return {
    code: 'module_not_loaded',
    version,
    file,
    message: `Migration ${version} (${file}) was planned before its module was loaded.`,
    hint: 'This is a bug in the caller: load code migrations (`withCodeModules`) before planning a rollback.',
  };
}

/**
 * A `transaction:false` part in a run asked to be all-or-nothing: it cannot run inside the run's one
 * transaction, nor be undone with it.
 *
 * @example
 * transactionFalseInAllOrNothingProblem(vacuum, 'up').message
 * // 'Migration 5 (005_vacuum.sql) runs its up part outside a transaction (transaction:false), so it cannot be part of an all-or-nothing run.'
 */
export function transactionFalseInAllOrNothingProblem(
  migration: Migration,
  direction: 'up' | 'down',
): TransactionFalseInAllOrNothingProblem {
  const { version } = migration;
  const file =
    direction === 'down' && migration.kind === 'sql'
      ? (migration.down?.file ?? migration.file)
      : migration.file;
  const [command, split] =
    direction === 'up'
      ? ['migrate', `\`gao-db migrate --to ${version}\` without --all-or-nothing`]
      : ['rollback', `\`gao-db rollback --to\` a version below ${version}, without --all-or-nothing`];
  return {
    code: 'transaction_false_in_all_or_nothing',
    version,
    file,
    direction,
    message: `Migration ${version} (${file}) runs its ${direction} part outside a transaction (transaction:false), so it cannot be part of an all-or-nothing run.`,
    hint: `Split the run: ${split}, then \`gao-db ${command} --all-or-nothing\` for the rest; or run without --all-or-nothing.`,
  };
}
