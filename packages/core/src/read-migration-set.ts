import { type BuildOptions, buildClassified, type SourceEntry } from './build-migration-set.ts';
import { classifyFileName } from './classify-file-name.ts';
import { compareNames } from './duplicate-versions.ts';
import type { MigrationSet } from './migration.ts';
import type { SetProblem } from './problems.ts';
import type { Result } from './result.ts';

/**
 * The migrations directory, as a port: the adapter implements it with `node:fs`, tests with an
 * object literal. `list()` returns the directory's entries (not recursive); `read()` one file's bytes.
 */
export interface MigrationSource {
  list(): readonly SourceEntry[];
  read(name: string): Uint8Array;
  /**
   * Optional fast path: the file's text when it is certainly valid UTF-8 (without a leading byte
   * order mark), else `null` and {@link MigrationSource.read} is used. Must agree with `read()`.
   */
  readText?(name: string): string | null;
}

/**
 * Reads the migration set from `source`. Only files whose names are migrations (or `.down.sql`
 * parts) are read; README files, backups and the like are listed as ignored without being opened.
 *
 * @example
 * ```ts
 * const files = new Map([['001_users.sql', 'CREATE TABLE users (id INTEGER PRIMARY KEY);']]);
 * const source: MigrationSource = {
 *   list: () => [...files.keys()].map((name) => ({ name, isFile: true })),
 *   read: (name) => new TextEncoder().encode(files.get(name)),
 * };
 * const result = readMigrationSet(source); // ok: one migration, version 1
 * ```
 */
export function readMigrationSet(
  source: MigrationSource,
  options?: BuildOptions,
): Result<MigrationSet, SetProblem> {
  const listed = [...source.list()].sort((a, b) => compareNames(a.name, b.name));
  // Each name is classified once: to decide whether to read the file, and to build the set.
  const files = listed.map(({ name, isFile }) => {
    const entry = isFile ? classifyFileName(name) : null;
    const wanted = entry !== null && entry.kind !== 'ignored';
    const text = wanted ? (source.readText?.(name) ?? null) : null;
    if (text !== null) return { file: { name, isFile, bytes: null, text }, entry };
    return { file: { name, isFile, bytes: wanted ? source.read(name) : null }, entry };
  });
  return buildClassified(files, options);
}
