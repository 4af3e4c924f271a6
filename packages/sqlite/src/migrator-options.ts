import type { DatabaseSync } from 'node:sqlite';
import { type BackupInfo, createBackup, defaultBackupDir } from './backup.ts';
import { type MigrationLogger, type ProgressListener, SILENT_LOGGER } from './events.ts';
import type { ModuleImporter } from './load-modules.ts';
import { MEMORY, resolveDatabasePath } from './open-database.ts';

/**
 * Takes a backup of the open database before something runs (`reason`: `pre-migrate`,
 * `pre-rollback`). Called outside any transaction: SQLite refuses a backup while the connection
 * holds a write transaction. `onProgress` (pages copied, of the total) may be called as the copy
 * goes; a taker that cannot tell ignores it.
 */
export type BackupTaker = (
  db: DatabaseSync,
  reason: string,
  onProgress?: BackupProgress,
) => Promise<BackupInfo>;

/** Told the pages copied so far and the total, after each step of a backup copy. */
export type BackupProgress = (copiedPages: number, totalPages: number) => void;

/** Where backups go and how many are kept. */
export interface BackupOptions {
  /** Default: `<database folder>/backups`. */
  readonly dir?: string;
  /** Default: 10. */
  readonly keep?: number;
}

/** The options of a {@link Migrator} (and of `openMigrated`, without `database`). */
export interface MigratorOptions {
  /** The database file; `:memory:` works but is never backed up. */
  readonly database: string;
  /** The folder holding the migration files. */
  readonly migrationsDir: string;
  /** How long to wait for another runner's lock before `database_locked` (default 5000 ms). */
  readonly busyTimeoutMs?: number;
  /** Backups before migrate/rollback when something will run; `false` turns them off. */
  readonly backup?: BackupOptions | false;
  /** Replaces the built-in backup (`createBackup`), e.g. to upload it somewhere. */
  readonly takeBackup?: BackupTaker;
  /** Apply pending migrations below the highest applied version (warned, not refused). */
  readonly allowOutOfOrder?: boolean;
  /** Accept applied migrations whose file changed (warned, not refused). */
  readonly allowChanged?: boolean;
  /**
   * Run `migrate` and `rollback` in one transaction for all their steps instead of one per step:
   * either every step of the run commits or none does (a failure or a stop rolls back the steps
   * before it too). Parts marked `transaction:false` are refused. Other runners wait for the whole
   * run. Default `false`.
   */
  readonly allOrNothing?: boolean;
  /** The typed progress stream; the adapter prints nothing itself. */
  readonly onEvent?: ProgressListener;
  /** Handed to code migrations as `ctx.logger` (default: silent). */
  readonly logger?: MigrationLogger;
  /** The clock for `applied_at` and event times (default `() => new Date()`). */
  readonly clock?: () => Date;
  /** How code migrations are imported (default: Node's `import()`). */
  readonly importModule?: ModuleImporter;
}

/** The options with every default filled in; frozen. */
export interface ResolvedOptions {
  readonly database: string;
  /** Absolute path (or `:memory:`). */
  readonly path: string;
  readonly migrationsDir: string;
  readonly busyTimeoutMs: number;
  /** `null`: no backups. */
  readonly takeBackup: BackupTaker | null;
  readonly backupDir: string | null;
  readonly allowOutOfOrder: boolean;
  readonly allowChanged: boolean;
  readonly allOrNothing: boolean;
  readonly onEvent: ProgressListener | undefined;
  readonly logger: MigrationLogger;
  readonly clock: () => Date;
  readonly importModule: ModuleImporter | undefined;
}

/** Default busy timeout: long enough for another runner's typical migration, short enough to notice. */
export const DEFAULT_BUSY_TIMEOUT_MS = 5000;

/**
 * Fills in the defaults and freezes the result.
 *
 * @example
 * resolveOptions({ database: 'app.db', migrationsDir: 'migrations' }).busyTimeoutMs; // 5000
 */
export function resolveOptions(options: MigratorOptions): ResolvedOptions {
  const path = resolveDatabasePath(options.database);
  const clock = options.clock ?? (() => new Date());
  const backup = options.backup ?? {};
  const wanted = backup !== false && path !== MEMORY;
  const backupDir = wanted ? (backup.dir ?? defaultBackupDir(path)) : null;
  const keep = backup === false ? undefined : backup.keep;
  const builtIn: BackupTaker = (db, reason, onProgress) =>
    createBackup(db, {
      onProgress,
      dir: backupDir ?? defaultBackupDir(path),
      databasePath: path,
      reason,
      keep,
      now: clock,
    });
  return Object.freeze({
    database: options.database,
    path,
    migrationsDir: options.migrationsDir,
    busyTimeoutMs: options.busyTimeoutMs ?? DEFAULT_BUSY_TIMEOUT_MS,
    takeBackup: wanted ? (options.takeBackup ?? builtIn) : null,
    backupDir,
    allowOutOfOrder: options.allowOutOfOrder ?? false,
    allowChanged: options.allowChanged ?? false,
    allOrNothing: options.allOrNothing ?? false,
    onEvent: options.onEvent,
    logger: options.logger ?? SILENT_LOGGER,
    clock,
    importModule: options.importModule,
  });
}
