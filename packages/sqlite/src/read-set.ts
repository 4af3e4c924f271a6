import { hash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type MigrationSet, type MigrationSource, readMigrationSet } from '@gao/migrate-core';
import { MigrationSetError } from './errors.ts';
import { GaoDbError } from './gao-db-error.ts';

/**
 * node:crypto's SHA-256, much faster than core's portable fallback: the startup path hashes every
 * file. The one-shot `hash()` skips creating a Hash object per call (most parts are a few hundred bytes).
 */
export function sha256(bytes: Uint8Array): string {
  return hash('sha256', bytes, 'hex');
}

/**
 * The migrations folder as core's `MigrationSource` port.
 *
 * @example
 * const source = directorySource('/app/migrations');
 * source.list(); // [{ name: '001_init.sql', isFile: true }, ...]
 */
export function directorySource(dir: string): MigrationSource {
  return {
    list: () =>
      readdirSync(dir, { withFileTypes: true }).map((entry) => ({
        name: entry.name,
        isFile: entry.isFile(),
      })),
    read: (name) => readFileSync(join(dir, name)),
  };
}

/**
 * Reads and checks the migration set of `dir`; set problems (bad names, duplicates, markers) throw
 * {@link MigrationSetError} with all of them, a missing folder `migrations_dir_not_found`.
 *
 * @example
 * const set = readSet('/app/migrations');
 * set.migrations.map((m) => m.version); // [1, 2, 3]
 */
export function readSet(dir: string): MigrationSet {
  let result: ReturnType<typeof readMigrationSet>;
  try {
    result = readMigrationSet(directorySource(dir), { sha256 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new GaoDbError('migrations_dir_not_found', `The migrations folder ${dir} does not exist.`, {
        hint: 'Check the --migrations path (or create the folder and add a migration with gao-db new).',
        cause: error,
      });
    }
    throw error;
  }
  if (!result.ok) throw new MigrationSetError(result.problems);
  return result.value;
}
