import { hash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, sep } from 'node:path';
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

/** SHA-256 of a string's UTF-8 bytes, hashed natively (no encoding in JavaScript first). */
export function sha256Text(text: string): string {
  return hash('sha256', text, 'hex');
}

/** Whether a symbolic link leads to a regular file (a dangling link does not). */
function linksToFile(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
}

/**
 * The file as text when it is certainly valid UTF-8: Node's one-call UTF-8 read, which turns invalid
 * bytes into U+FFFD. A text holding U+FFFD is read again as bytes, so core's strict decoder decides
 * (the character may also be there on purpose). A leading byte order mark is dropped, as
 * `TextDecoder` does.
 */
function readUtf8(path: string): string | null {
  const text = readFileSync(path, 'utf8');
  if (text.includes('\uFFFD')) return null;
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * The migrations folder as core's `MigrationSource` port. A symbolic link to a regular file counts
 * as a file (it is stat'ed; other entries are typed by `readdir` alone).
 *
 * @example
 * const source = directorySource('/app/migrations');
 * source.list(); // [{ name: '001_init.sql', isFile: true }, ...]
 */
export function directorySource(dir: string): MigrationSource {
  // `join(dir, name)` normalises the whole path on every call; the names come from `readdir` (no
  // separators), so the normalised folder and a separator are simply prepended.
  const base = join(dir, '.');
  const prefix = base === '.' ? '' : base.endsWith(sep) ? base : base + sep;
  return {
    list: () =>
      readdirSync(dir, { withFileTypes: true }).map((entry) => ({
        name: entry.name,
        isFile: entry.isFile() || (entry.isSymbolicLink() && linksToFile(join(dir, entry.name))),
      })),
    read: (name) => readFileSync(prefix + name),
    readText: (name) => readUtf8(prefix + name),
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
    result = readMigrationSet(directorySource(dir), { sha256, sha256Text });
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
