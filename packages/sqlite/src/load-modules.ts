import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { fileURLToPath, pathToFileURL } from 'node:url';
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

/**
 * Where a syntax error is, when Node says so: its stack then starts with `<path>:<line>` (type
 * stripping, and files Node parsed as CommonJS). It may be a file the migration imports.
 */
function syntaxPlace(dir: string, migration: CodeMigration, error: unknown): string {
  const stack = error instanceof Error && typeof error.stack === 'string' ? error.stack : '';
  const found = /^(\/[^\n]*|file:\/\/[^\n]*|[A-Za-z]:\\[^\n]*):(\d+)\n/.exec(stack);
  if (found === null) return '';
  const [, where = '', line] = found;
  let path = where;
  try {
    if (where.startsWith('file:')) path = fileURLToPath(where.replace(/[?#].*$/, ''));
  } catch {
    return ` (line ${line})`;
  }
  const own = resolve(dir, migration.file);
  if (path === own) return ` (line ${line})`;
  const inside = relative(resolve(dir), path);
  const name = inside.startsWith('..') || isAbsolute(inside) ? path : inside.split(sep).join('/');
  return ` (line ${line} of ${name}, which it imports)`;
}

/** Why Node would not load a `.js`/`.ts` file: it parsed ES module syntax as CommonJS. */
const COMMONJS_LOAD = /Unexpected token 'export'|Cannot use import statement outside a module/;

function loadHint(dir: string, migration: CodeMigration, error: unknown, located: boolean): string {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  if (code === 'ERR_UNSUPPORTED_NODE_MODULES_TYPE_STRIPPING') {
    return 'Node does not strip types from files under node_modules: ship these migrations as .js or .mjs (compiled), or keep the migrations folder outside node_modules.';
  }
  if (code === 'ERR_INVALID_MODULE_SPECIFIER' && message.includes('%5C')) {
    return 'Node cannot import a file whose path contains a backslash (\\): rename the folder.';
  }
  if (COMMONJS_LOAD.test(message) && /\.(js|ts)$/.test(migration.file)) {
    return `Node loaded ${migration.file} as CommonJS: rename it to .mjs (.mts for TypeScript), which is always an ES module, or set "type": "module" in the nearest package.json.`;
  }
  // Node tells where an ES module's syntax error is only when it goes uncaught. (A SyntaxError the
  // module's code threw, from JSON.parse say, has the module's frames in its stack.)
  const parsing = error instanceof SyntaxError && !/\n\s+at .*file:\/\//.test(error.stack ?? '');
  if (parsing && code === undefined && !located) {
    return `Fix the syntax error; Node did not say where: node --check ${join(dir, migration.file)} shows the line when it is in this file.`;
  }
  return 'Fix the error in the module. Relative imports need their file extension (./util.ts), and type-only imports need `import type`.';
}

function loadError(dir: string, migration: CodeMigration, error: unknown): ModuleError {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : String(error);
  const place = syntaxPlace(dir, migration, error);
  if (code === 'ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX') {
    return new ModuleError(
      'typescript_syntax',
      `${migration.file} uses TypeScript syntax that Node cannot run without compiling it: ${message}${place}`,
      {
        hint: 'Node runs .ts migrations by erasing types only: replace an enum with a const object, a namespace with plain exports, and parameter properties with fields assigned in the constructor.',
        cause: error,
        file: migration.file,
      },
    );
  }
  // The URL's own query (`?checksum=`) is gao-db's, not something the user wrote.
  const shown = message.replace(/\?checksum=[^\s"'&]*(?:&attempt=\d+)?/g, '');
  return new ModuleError('module_load_failed', `${migration.file} could not be loaded: ${shown}${place}`, {
    hint: loadHint(dir, migration, error, place !== ''),
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
        : typeof fallback === 'function'
          ? 'Export the function by name, `export async function up(db) { ... }`, not as the default export.'
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

/** How often the import of a module URL failed in this process. */
const failedImports = new Map<string, number>();

/**
 * The URL a migration is imported from. The checksum makes an edited file a new module in a
 * long-lived process. After a failed import the attempt number changes it too: Node keeps a module
 * that threw while loading as failed for good, and a retry (the error was outside the file, such as
 * a missing environment variable) must run it again, as a new process would.
 */
function moduleHref(dir: string, migration: CodeMigration): { base: string; href: string } {
  const base = `${pathToFileURL(join(dir, migration.file)).href}?checksum=${migration.checksum.slice(0, 16)}`;
  const failures = failedImports.get(base) ?? 0;
  return { base, href: failures === 0 ? base : `${base}&attempt=${failures + 1}` };
}

/**
 * Loads and validates code migrations once, before any of them runs: `up` must be a function, `down`
 * a function if present, `transaction` a boolean if present. Loads by file URL (a folder named with
 * `#` breaks raw paths); the checksum in the URL makes an edited file load afresh in a long-lived
 * process, and a module that failed to load is imported afresh on the next call. `.ts` goes through
 * Node's type stripping: `enum` and friends fail as `typescript_syntax`. A syntax error names its
 * line (and the imported file it is in) when Node tells it.
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
    const { base, href } = moduleHref(dir, migration);
    let namespace: unknown;
    try {
      namespace = await importModule(href);
    } catch (error) {
      failedImports.set(base, (failedImports.get(base) ?? 0) + 1);
      throw loadError(dir, migration, error);
    }
    loaded.set(migration.version, validate(migration, namespace as Record<string, unknown>));
  }
  return loaded;
}
