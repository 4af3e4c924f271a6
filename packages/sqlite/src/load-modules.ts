import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { pathToFileURL } from 'node:url';
import type { CodeMigration, CodeModuleInfo } from '@gao/migrate-core';
import { ModuleError } from './errors.ts';
import type { MigrationLogger } from './events.ts';

/** What a code migration's `up`/`down` receives besides the connection. */
export interface MigrationContext {
  readonly version: number;
  /** The file stem (`004_backfill_emails`). */
  readonly name: string;
  /** The file name inside the migrations folder. */
  readonly file: string;
  readonly direction: 'up' | 'down';
  readonly logger: MigrationLogger;
}

/**
 * A code migration's `up` or `down`: gets the runner's own connection (already inside the migration's
 * transaction unless `transaction = false`) and may be async.
 */
export type MigrationFunction = (db: DatabaseSync, context: MigrationContext) => unknown;

/** A loaded and validated code migration module. */
export interface LoadedModule {
  readonly up: MigrationFunction;
  readonly down: MigrationFunction | null;
  readonly info: CodeModuleInfo;
}

/** Imports a module by URL; the default is Node's own `import()`. */
export type ModuleImporter = (href: string) => Promise<unknown>;

const nativeImport: ModuleImporter = (href) => import(href);

function loadError(migration: CodeMigration, error: unknown): ModuleError {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX') {
    return new ModuleError(
      'typescript_syntax',
      `${migration.file} uses TypeScript syntax that Node cannot run without compiling it: ${message}`,
      {
        hint: 'Node runs .ts migrations by erasing types only: replace an enum with a const object, a namespace with plain exports, and parameter properties with fields assigned in the constructor.',
        cause: error,
        file: migration.file,
      },
    );
  }
  return new ModuleError('module_load_failed', `${migration.file} could not be loaded: ${message}`, {
    hint: 'Fix the error in the module. Relative imports need their file extension (./util.ts), and type-only imports need `import type`.',
    cause: error,
    file: migration.file,
  });
}

function invalid(migration: CodeMigration, message: string, hint: string): ModuleError {
  return new ModuleError('module_invalid', `${migration.file} ${message}`, { hint, file: migration.file });
}

function validate(migration: CodeMigration, namespace: Record<string, unknown>): LoadedModule {
  const { up, down, transaction } = namespace;
  const fallback = namespace.default as Record<string, unknown> | undefined;
  if (typeof up !== 'function') {
    const hint =
      typeof fallback?.up === 'function'
        ? 'Export up (and down) as named exports, not as properties of a default export.'
        : 'Add `export async function up(db) { ... }` (and optionally `down`).';
    throw invalid(migration, 'does not export an up function.', hint);
  }
  if (down !== undefined && typeof down !== 'function') {
    throw invalid(
      migration,
      'exports down, but it is not a function.',
      'Export `down` as a function, or remove it.',
    );
  }
  if (transaction !== undefined && typeof transaction !== 'boolean') {
    throw invalid(
      migration,
      `exports transaction = ${JSON.stringify(transaction)}; it must be true or false.`,
      'Write `export const transaction = false` to run the migration outside a transaction, or remove the export.',
    );
  }
  return {
    up: up as MigrationFunction,
    down: typeof down === 'function' ? (down as MigrationFunction) : null,
    info: { hasDown: typeof down === 'function', transaction: transaction ?? true },
  };
}

/**
 * Loads and validates code migrations once, before any of them runs: `up` must be a function, `down`
 * a function if present, `transaction` a boolean if present. Loads by file URL (a folder named with
 * `#` breaks raw paths); the checksum in the URL makes an edited file load afresh in a long-lived
 * process. `.ts` goes through Node's type stripping: `enum` and friends fail as `typescript_syntax`.
 *
 * @example
 * const modules = await loadCodeModules('/app/migrations', [codeMigration]);
 * modules.get(4)?.info; // { hasDown: true, transaction: true }
 */
export async function loadCodeModules(
  dir: string,
  migrations: readonly CodeMigration[],
  importModule: ModuleImporter = nativeImport,
): Promise<Map<number, LoadedModule>> {
  const loaded = new Map<number, LoadedModule>();
  for (const migration of migrations) {
    const href = `${pathToFileURL(join(dir, migration.file)).href}?checksum=${migration.checksum.slice(0, 16)}`;
    let namespace: unknown;
    try {
      namespace = await importModule(href);
    } catch (error) {
      throw loadError(migration, error);
    }
    loaded.set(migration.version, validate(migration, namespace as Record<string, unknown>));
  }
  return loaded;
}
