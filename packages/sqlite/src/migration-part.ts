import type { DatabaseSync } from 'node:sqlite';
import type { Migration } from '@gao/migrate-core';
import type { MigrationLogger } from './events.ts';
import type { LoadedModule, MigrationFunction } from './load-modules.ts';

/** The up or down half of one migration, ready to run. */
export interface MigrationPart {
  readonly migration: Migration;
  readonly direction: 'up' | 'down';
  /** The file the code comes from (`.down.sql` for a separate down file). */
  readonly file: string;
  /** Runs inside the runner's transaction; `false`: on its own, for `VACUUM` and the like. */
  readonly transactional: boolean;
  /** The SQL it runs and its first line in {@link MigrationPart.file}; `null` for code. */
  readonly source: { readonly sql: string; readonly line: number } | null;
  /**
   * Runs the SQL (`exec`, which handles many statements) at once, or calls the module's function and
   * returns its promise: no promise per step for SQL, which is what most steps are.
   */
  run(db: DatabaseSync, logger: MigrationLogger): void | Promise<void>;
}

function moduleOf(migration: Migration, modules: ReadonlyMap<number, LoadedModule>): LoadedModule {
  const loaded = modules.get(migration.version);
  // The runner loads every code migration of the plan before the first step: a miss is a bug.
  if (loaded === undefined)
    throw new Error(`Internal error: ${migration.file} was not loaded before running.`);
  return loaded;
}

/**
 * Picks the SQL section or the module function to run for one direction of a migration.
 *
 * @example
 * const part = migrationPart(step.migration, 'up', modules);
 * await part.run(db, logger);
 */
export function migrationPart(
  migration: Migration,
  direction: 'up' | 'down',
  modules: ReadonlyMap<number, LoadedModule>,
): MigrationPart {
  if (migration.kind === 'sql') {
    const section = direction === 'up' ? migration.up : migration.down;
    if (section === null) throw new Error(`Internal error: ${migration.file} has no down part.`);
    return {
      migration,
      direction,
      file: section.file,
      transactional: section.options.transaction,
      source: { sql: section.sql, line: section.line },
      run: (db) => {
        db.exec(section.sql);
      },
    };
  }
  const loaded = moduleOf(migration, modules);
  const fn: MigrationFunction | null = direction === 'up' ? loaded.up : loaded.down;
  if (fn === null) throw new Error(`Internal error: ${migration.file} has no down function.`);
  return {
    migration,
    direction,
    file: migration.file,
    transactional: loaded.info.transaction,
    source: null,
    run: async (db, logger) => {
      await fn(db, {
        version: migration.version,
        name: migration.id,
        file: migration.file,
        direction,
        logger,
      });
    },
  };
}
