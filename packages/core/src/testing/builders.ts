import type { History, HistoryEvent, HistoryRecord } from '../history.ts';
import type {
  CodeExtension,
  CodeMigration,
  Migration,
  MigrationSet,
  SqlMigration,
  SqlPart,
} from '../migration.ts';

// In-memory builders for tests (the core's and the adapter's): no files, no parser, no clock.

/** Options of {@link sqlMigration}. */
export interface SqlMigrationOptions {
  /** The up part's SQL (default: a comment naming the migration). */
  readonly up?: string;
  /** `true` (or the SQL text) adds a down part; default: no down. */
  readonly down?: boolean | string;
  /** The up part's `transaction` option (default `true`). */
  readonly transaction?: boolean;
  /** The down part's `transaction` option (default `true`). */
  readonly downTransaction?: boolean;
  /** Default: a fake checksum derived from version and name. */
  readonly checksum?: string;
  /** Default: `file:` and the checksum. */
  readonly fileChecksum?: string;
  /** Default: the version padded to 3 digits. */
  readonly versionText?: string;
}

/** A fake, deterministic checksum (real ones are SHA-256 hex; the planner only compares them). @example fakeChecksum(1, 'a') // 'sum:1:a' */
export function fakeChecksum(...parts: readonly (string | number)[]): string {
  return `sum:${parts.join(':')}`;
}

function pad(version: number): string {
  return String(version).padStart(3, '0');
}

/**
 * A SQL migration as the parser would build it.
 *
 * @example
 * sqlMigration(3, 'add_email', { down: true }).file // '003_add_email.sql'
 */
export function sqlMigration(version: number, name: string, options: SqlMigrationOptions = {}): SqlMigration {
  const versionText = options.versionText ?? pad(version);
  const id = `${versionText}_${name}`;
  const file = `${id}.sql`;
  const checksum = options.checksum ?? fakeChecksum(version, name);
  const part = (sql: string, partChecksum: string, transaction: boolean): SqlPart => ({
    sql,
    checksum: partChecksum,
    file,
    line: 2,
    options: { transaction },
  });
  const downSql = typeof options.down === 'string' ? options.down : `-- undo ${id}`;
  return {
    kind: 'sql',
    version,
    versionText,
    name,
    id,
    file,
    checksum,
    fileChecksum: options.fileChecksum ?? `file:${checksum}`,
    up: part(options.up ?? `-- ${id}`, checksum, options.transaction ?? true),
    down: options.down
      ? part(downSql, fakeChecksum(version, name, 'down'), options.downTransaction ?? true)
      : null,
  };
}

/** Options of {@link codeMigration}. */
export interface CodeMigrationOptions {
  /** The module exports `down` (default `false`). */
  readonly down?: boolean;
  /** `export const transaction = false` when `false` (default `true`). */
  readonly transaction?: boolean;
  /** `false` leaves `module: null`, as before the adapter loads it (default `true`). */
  readonly loaded?: boolean;
  readonly extension?: CodeExtension;
  readonly checksum?: string;
  readonly fileChecksum?: string;
  readonly versionText?: string;
}

/**
 * A code migration, loaded unless `loaded: false`.
 *
 * @example
 * codeMigration(4, 'backfill', { down: true }).file // '004_backfill.ts'
 */
export function codeMigration(
  version: number,
  name: string,
  options: CodeMigrationOptions = {},
): CodeMigration {
  const versionText = options.versionText ?? pad(version);
  const extension = options.extension ?? '.ts';
  const id = `${versionText}_${name}`;
  return {
    kind: 'code',
    version,
    versionText,
    name,
    id,
    file: `${id}${extension}`,
    checksum: options.checksum ?? fakeChecksum(version, name),
    fileChecksum: options.fileChecksum ?? `file:${options.checksum ?? fakeChecksum(version, name)}`,
    extension,
    module:
      options.loaded === false
        ? null
        : { hasDown: options.down ?? false, transaction: options.transaction ?? true },
  };
}

/**
 * A history record: from a migration (as if it had been applied successfully) or from a bare version
 * (a record whose file is missing). Any field can be overridden.
 *
 * @example
 * record(sqlMigration(1, 'a'), { status: 'failed', transactional: false })
 * record(7, { migrationName: '007_gone' })
 */
export function record(from: Migration | number, overrides: Partial<HistoryRecord> = {}): HistoryRecord {
  const base: HistoryRecord =
    typeof from === 'number'
      ? {
          version: from,
          versionText: pad(from),
          migrationName: `${pad(from)}_gone`,
          appliedAt: '2026-01-01 00:00:00',
          status: 'success',
          durationMs: 1,
          errorMessage: null,
          checksum: fakeChecksum(from, 'gone'),
          downChecksum: null,
          fileChecksum: null,
          transactional: true,
        }
      : {
          version: from.version,
          versionText: from.versionText,
          migrationName: from.id,
          appliedAt: '2026-01-01 00:00:00',
          status: 'success',
          durationMs: 1,
          errorMessage: null,
          checksum: from.checksum,
          downChecksum: from.kind === 'sql' ? (from.down?.checksum ?? null) : null,
          fileChecksum: from.fileChecksum,
          transactional: true,
        };
  return { ...base, ...overrides };
}

/** A history holding `records` (sorted by version) and `events`. @example historyOf(record(m1), record(m2)) */
export function historyOf(...records: readonly HistoryRecord[]): History {
  return { records: [...records].sort((a, b) => a.version - b.version), events: [] as HistoryEvent[] };
}

/** A history where every migration given was applied successfully. @example appliedHistory(m1, m2) */
export function appliedHistory(...migrations: readonly Migration[]): History {
  return historyOf(...migrations.map((migration) => record(migration)));
}

/** A migration set of `migrations` (sorted by version), with no ignored files. @example setOf(m2, m1) */
export function setOf(...migrations: readonly Migration[]): MigrationSet {
  return { migrations: [...migrations].sort((a, b) => a.version - b.version), ignored: [] };
}
