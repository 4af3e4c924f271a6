import type { MigrationState } from '@gao/migrate-core';
import type { Inspection, SchemaDifference } from '../adapter/migrator-port.ts';
import { type ProblemJson, problemJson } from './problem-json.ts';

/** One migration row of `status --json`. */
export interface StatusMigrationJson {
  readonly version: number;
  readonly versionText: string;
  readonly name: string;
  /** The file name, `null` when the file is missing. */
  readonly file: string | null;
  readonly state: MigrationState;
  readonly appliedAt: string | null;
  readonly durationMs: number | null;
  /** The file's checksum (`null`: file missing). */
  readonly checksum: string | null;
  /** The checksum recorded when applied (`null`: not applied, or applied by the story's runner). */
  readonly recordedChecksum: string | null;
  readonly error: string | null;
}

/** The document `gao-db status --json` prints (documented in docs/cli.md). */
export interface StatusJson {
  readonly database: string;
  readonly databaseExists: boolean;
  readonly migrationsDir: string;
  readonly currentVersion: number | null;
  readonly counts: Readonly<Record<MigrationState, number>>;
  readonly migrations: readonly StatusMigrationJson[];
  readonly ignored: readonly { readonly file: string; readonly reason: string; readonly message: string }[];
  readonly problems: readonly ProblemJson[];
  /**
   * The schema is not the one gao-db recorded with its newest event (`since`): something was created,
   * changed or dropped by hand; `null` when it is, or when that event recorded none.
   */
  readonly schemaDrift: {
    readonly since: {
      readonly id: number;
      readonly at: string;
      readonly kind: string;
      readonly version: number;
      readonly migrationName: string;
    };
    readonly recorded: string;
    readonly current: string;
    /** What was created, changed or dropped, with the `CREATE` text before and after; `null` when not known. */
    readonly changes: readonly SchemaDifference[] | null;
  } | null;
}

function driftJson(drift: NonNullable<Inspection['schemaDrift']> | null): StatusJson['schemaDrift'] {
  if (drift === null) return null;
  const { id, at, kind, version, migrationName } = drift.since;
  return {
    since: { id, at, kind, version, migrationName },
    recorded: drift.recorded,
    current: drift.current,
    changes:
      drift.changes?.map(({ type, name, change, before, after, columns }) => ({
        type,
        name,
        change,
        before,
        after,
        ...(columns === undefined ? {} : { columns }),
      })) ?? null,
  };
}

/**
 * Builds the `status --json` document from an inspection.
 *
 * @example
 * statusJson(await migrator.inspect({ allowMissing: true }), '/srv/app/migrations').currentVersion // 3
 */
export function statusJson(inspection: Inspection, migrationsDir: string): StatusJson {
  const { status } = inspection;
  return {
    database: inspection.database,
    databaseExists: inspection.exists,
    migrationsDir,
    currentVersion: status.currentVersion,
    counts: status.counts,
    migrations: status.migrations.map((row) => ({
      version: row.version,
      versionText: row.versionText,
      name: row.name,
      file: row.file,
      state: row.state,
      appliedAt: row.record?.appliedAt ?? null,
      durationMs: row.record?.durationMs ?? null,
      checksum: row.migration?.checksum ?? null,
      recordedChecksum: row.record?.checksum ?? null,
      error: row.record?.errorMessage ?? null,
    })),
    ignored: status.ignored.map(({ file, reason, message }) => ({ file, reason, message })),
    problems: status.problems.map(problemJson),
    schemaDrift: driftJson(inspection.schemaDrift ?? null),
  };
}
