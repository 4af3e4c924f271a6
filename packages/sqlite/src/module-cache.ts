import {
  type CodeMigration,
  type CodeModuleInfo,
  type MigrationSet,
  type PlanProblem,
  type Result,
  type Step,
  withCodeModules,
} from '@gao/migrate-core';
import { type LoadedModule, loadCodeModules, type ModuleImporter } from './load-modules.ts';

/**
 * Code migrations loaded so far, keyed by version and checksum: each module is imported once per
 * Migrator (an edited file has a new checksum, so it is imported afresh).
 */
export class ModuleCache {
  readonly #loaded = new Map<string, LoadedModule>();
  readonly #dir: string;
  readonly #importModule: ModuleImporter | undefined;

  constructor(dir: string, importModule?: ModuleImporter) {
    this.#dir = dir;
    this.#importModule = importModule;
  }

  /** Loads (once) the given code migrations, in version order, before any of them runs. */
  async load(migrations: readonly CodeMigration[]): Promise<void> {
    const missing = migrations.filter((migration) => !this.#loaded.has(keyOf(migration)));
    const loaded = await loadCodeModules(this.#dir, missing, this.#importModule);
    for (const migration of missing) {
      const module = loaded.get(migration.version);
      if (module !== undefined) this.#loaded.set(keyOf(migration), module);
    }
  }

  /** The loaded modules of `set`, by version (what the steps run). */
  modulesOf(set: MigrationSet): Map<number, LoadedModule> {
    const modules = new Map<number, LoadedModule>();
    for (const migration of set.migrations) {
      const module = migration.kind === 'code' ? this.#loaded.get(keyOf(migration)) : undefined;
      if (module !== undefined) modules.set(migration.version, module);
    }
    return modules;
  }

  /** `set` with what is known about its loaded modules (core's `withCodeModules`). */
  withInfo(set: MigrationSet): MigrationSet {
    const infos = new Map<number, CodeModuleInfo>();
    for (const [version, module] of this.modulesOf(set)) infos.set(version, module.info);
    return infos.size === 0 ? set : withCodeModules(set, infos);
  }
}

function keyOf(migration: CodeMigration): string {
  return `${migration.version}:${migration.checksum}`;
}

/** A plan together with the set (modules filled in) it was made from. */
export interface PlannedWithModules<P> {
  readonly set: MigrationSet;
  readonly result: Result<P, PlanProblem>;
}

/**
 * Plans, and if the plan involves code migrations (as steps, or as `module_not_loaded` problems),
 * loads exactly those modules and plans again: the nothing-to-do path imports nothing, and rollback
 * planning learns which modules have a `down`.
 *
 * @example
 * const { set: loaded, result } = await planWithModules(set, cache, (s) => planMigrate(s, history));
 */
export async function planWithModules<P extends { readonly steps: readonly Step[] }>(
  set: MigrationSet,
  cache: ModuleCache,
  plan: (set: MigrationSet) => Result<P, PlanProblem>,
): Promise<PlannedWithModules<P>> {
  const known = cache.withInfo(set);
  const first = plan(known);
  const wanted = new Set<number>(
    first.ok
      ? first.value.steps.map((step) => step.migration.version)
      : first.problems.flatMap((problem) => (problem.code === 'module_not_loaded' ? [problem.version] : [])),
  );
  const toLoad = known.migrations.filter(
    (migration): migration is CodeMigration =>
      migration.kind === 'code' && migration.module === null && wanted.has(migration.version),
  );
  if (toLoad.length === 0) return { set: known, result: first };
  await cache.load(toLoad);
  const loaded = cache.withInfo(set);
  return { set: loaded, result: plan(loaded) };
}
