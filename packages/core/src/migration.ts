/** The file extensions gao-db runs as code migrations (ES modules exporting `up` and optionally `down`). */
export const CODE_EXTENSIONS = ['.ts', '.mts', '.js', '.mjs'] as const;

/** One extension of a code migration file. */
export type CodeExtension = (typeof CODE_EXTENSIONS)[number];

/** Options written on a `-- migrate:up` / `-- migrate:down` marker line, e.g. `transaction:false`. */
export interface SectionOptions {
  /** `false` runs the section outside a transaction (for `VACUUM`, `PRAGMA journal_mode`, ...). */
  readonly transaction: boolean;
}

/** The up or down part of a SQL migration. */
export interface SqlPart {
  /** The SQL text to run, exactly as written (not normalised). */
  readonly sql: string;
  /** SHA-256 (hex) of the normalised text: BOM removed, CRLF/CR turned into LF. */
  readonly checksum: string;
  /** The file the part comes from (the `.sql` itself or its `.down.sql`). */
  readonly file: string;
  /** 1-based line in `file` where the part's SQL starts. */
  readonly line: number;
  readonly options: SectionOptions;
}

/** What is known about a code migration's module once it has been loaded (the adapter loads it). */
export interface CodeModuleInfo {
  /** The module exports a `down` function. */
  readonly hasDown: boolean;
  /** `export const transaction = false` was found. */
  readonly transaction: boolean;
}

interface MigrationCommon {
  /** The version as an exact integer (`001` -> 1). Versions are compared as numbers, never as text. */
  readonly version: number;
  /** The version digits as written in the file name (`001`). */
  readonly versionText: string;
  /** The part of the stem after the first `_` (`001_create_users` -> `create_users`). */
  readonly name: string;
  /** The file stem (`001_create_users`): what `schema_version.migration_name` records. */
  readonly id: string;
  /** The file name inside the migrations directory (`001_create_users.sql`). */
  readonly file: string;
  /** SHA-256 (hex) of the normalised up part (SQL) or of the whole normalised file (code). */
  readonly checksum: string;
  /**
   * SHA-256 (hex) of the file's text exactly as it is (only a leading byte order mark dropped), and
   * of its `.down.sql` if it has one ({@link fileChecksumOf}). Recorded with the row: when every
   * file still hashes to it, the startup check knows the database is up to date without parsing.
   */
  readonly fileChecksum: string;
}

/** A migration written in SQL, with an optional down part. */
export interface SqlMigration extends MigrationCommon {
  readonly kind: 'sql';
  readonly up: SqlPart;
  readonly down: SqlPart | null;
}

/** A migration written as an ES module (`.ts`, `.mts`, `.js`, `.mjs`). */
export interface CodeMigration extends MigrationCommon {
  readonly kind: 'code';
  readonly extension: CodeExtension;
  /** `null` until the adapter has loaded the module and validated its exports. */
  readonly module: CodeModuleInfo | null;
}

/** One migration of the set. */
export type Migration = SqlMigration | CodeMigration;

/** Why a file in the migrations directory is not run. */
export type IgnoredReason =
  | 'not_a_file'
  | 'hidden'
  | 'editor_backup'
  | 'readme_or_doc'
  | 'no_version'
  | 'bad_separator'
  | 'extension_case'
  | 'unsupported_extension'
  | 'no_name';

/** A file that is not a migration, with the reason, so users see why their file was not picked up. */
export interface IgnoredFile {
  readonly file: string;
  readonly reason: IgnoredReason;
  /** One sentence for humans: what the rule is and how to name the file if it was meant as a migration. */
  readonly message: string;
}

/** The migrations of one directory, sorted by version, plus the files that were ignored. */
export interface MigrationSet {
  readonly migrations: readonly Migration[];
  readonly ignored: readonly IgnoredFile[];
}

/** Whether a migration can be undone (its down part or `down` export exists). `null`: module not loaded. */
export function hasDown(migration: Migration): boolean | null {
  if (migration.kind === 'sql') return migration.down !== null;
  return migration.module === null ? null : migration.module.hasDown;
}

/** Whether a migration's up runs inside a transaction. Code modules default to `true` until loaded. */
export function runsInTransaction(migration: Migration): boolean {
  if (migration.kind === 'sql') return migration.up.options.transaction;
  return migration.module?.transaction ?? true;
}

/**
 * Whether a migration's up or down part runs inside a transaction: a SQL part's marker option, a
 * code module's `transaction` export (both directions). Code modules default to `true` until loaded.
 *
 * @example
 * partRunsInTransaction(vacuum, 'up') // false for `-- migrate:up transaction:false`
 */
export function partRunsInTransaction(migration: Migration, direction: 'up' | 'down'): boolean {
  if (direction === 'up' || migration.kind === 'code') return runsInTransaction(migration);
  return migration.down?.options.transaction ?? true;
}
