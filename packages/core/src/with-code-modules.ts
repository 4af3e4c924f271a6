import type { CodeModuleInfo, MigrationSet } from './migration.ts';

/**
 * A copy of `set` with `module` filled in for the code migrations whose version is in `modules`
 * (the adapter loads the modules; the core never imports code). Other migrations are kept as they are.
 *
 * @example
 * ```ts
 * const loaded = withCodeModules(set, new Map([[2, { hasDown: true, transaction: true }]]));
 * ```
 */
export function withCodeModules(
  set: MigrationSet,
  modules: ReadonlyMap<number, CodeModuleInfo>,
): MigrationSet {
  const migrations = set.migrations.map((migration) => {
    const module = migration.kind === 'code' ? modules.get(migration.version) : undefined;
    return module === undefined ? migration : { ...migration, module };
  });
  return { migrations, ignored: set.ignored };
}
