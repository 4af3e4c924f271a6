import { buildMigration, type DownFile } from './build-migration.ts';
import type { Sha256, Sha256Text } from './checksum.ts';
import { classifyFileName, type FileNameClass } from './classify-file-name.ts';
import { compareNames, findDuplicateVersions, type VersionedFile } from './duplicate-versions.ts';
import { ignoredMessage } from './ignored-file-messages.ts';
import type { IgnoredFile, Migration, MigrationSet } from './migration.ts';
import { versionNumber } from './migration-stem.ts';
import type { SetProblem } from './problems.ts';
import { fail, ok, type Result } from './result.ts';
import { orphanDownFile } from './set-problems.ts';

/** One entry of the migrations directory. */
export interface SourceEntry {
  readonly name: string;
  /** `false` for directories and anything else that is not a regular file: those are never read. */
  readonly isFile: boolean;
}

/** An entry with its content: `null` for entries that are not migration files (they are not read). */
export interface SourceFile extends SourceEntry {
  readonly bytes: Uint8Array | null;
  /**
   * The content already decoded, when the reader knows it is valid UTF-8 (without a leading byte
   * order mark, as `TextDecoder` gives it): used instead of `bytes`.
   */
  readonly text?: string;
}

export interface BuildOptions {
  /** SHA-256 to use instead of the built-in one (e.g. `node:crypto`'s); must return the same hex. */
  readonly sha256?: Sha256;
  /** SHA-256 of a text's UTF-8 bytes, used instead of `sha256` when given; must return the same hex. */
  readonly sha256Text?: Sha256Text;
}

type Classified = Exclude<FileNameClass, { kind: 'ignored' }>;

function contentOf(file: SourceFile): Uint8Array | string {
  if (file.text !== undefined) return file.text;
  // The reader only skips content for files that are not migrations; a missing one is a caller bug.
  if (file.bytes === null) throw new Error(`buildMigrationSet: no content for migration file ${file.name}`);
  return file.bytes;
}

/** Files that explain an orphan `.down.sql`: golang-migrate's `<stem>.up.sql`, or a code migration of the stem. */
function nearMisses(id: string, entries: readonly { readonly entry: Classified }[]) {
  const find = (match: (entry: Classified) => boolean) =>
    entries.find(({ entry }) => match(entry))?.entry.file ?? null;
  return {
    upSql: find(
      (entry) => entry.kind === 'migration' && entry.id === `${id}.up` && entry.extension === '.sql',
    ),
    code: find((entry) => entry.kind === 'migration' && entry.id === id && entry.extension !== '.sql'),
  };
}

/**
 * Turns the entries of a migrations directory into the typed migration set: migrations sorted by
 * version, every ignored file with its reason, or every problem found (nothing may run then).
 *
 * @example
 * ```ts
 * const bytes = new TextEncoder().encode('CREATE TABLE users (id INTEGER PRIMARY KEY);');
 * const result = buildMigrationSet([{ name: '001_users.sql', isFile: true, bytes }, { name: 'README.md', isFile: true, bytes: null }]);
 * if (result.ok) result.value.migrations[0]?.id; // '001_users'
 * ```
 */
export function buildMigrationSet(
  files: readonly SourceFile[],
  options: BuildOptions = {},
): Result<MigrationSet, SetProblem> {
  const sorted = [...files].sort((a, b) => compareNames(a.name, b.name));
  return buildClassified(
    sorted.map((file) => ({ file, entry: file.isFile ? classifyFileName(file.name) : null })),
    options,
  );
}

/** A directory entry with its name already classified (`null`: not a regular file). */
export interface ClassifiedFile {
  readonly file: SourceFile;
  readonly entry: FileNameClass | null;
}

/**
 * {@link buildMigrationSet} over entries sorted by name and classified once (the reader classified
 * them to decide which to read).
 *
 * @example
 * ```ts
 * buildClassified([{ file, entry: classifyFileName(file.name) }]);
 * ```
 */
export function buildClassified(
  files: readonly ClassifiedFile[],
  options: BuildOptions = {},
): Result<MigrationSet, SetProblem> {
  const ignored: IgnoredFile[] = [];
  const entries: { readonly entry: Classified; readonly bytes: Uint8Array | string }[] = [];
  for (const { file, entry } of files) {
    if (entry === null) {
      const message = ignoredMessage(file.name, { reason: 'not_a_file' }, null);
      ignored.push({ file: file.name, reason: 'not_a_file', message });
    } else if (entry.kind === 'ignored') {
      ignored.push({ file: entry.file, reason: entry.reason, message: entry.message });
    } else entries.push({ entry, bytes: contentOf(file) });
  }
  const sqlStems = new Set<string>();
  const downs = new Map<string, DownFile>();
  for (const { entry, bytes } of entries) {
    if (entry.kind === 'down') downs.set(entry.id, { file: entry.file, bytes });
    else if (entry.extension === '.sql') sqlStems.add(entry.id);
  }
  const problems: SetProblem[] = [];
  const migrations: Migration[] = [];
  const versioned: VersionedFile[] = [];
  for (const { entry, bytes } of entries) {
    if (entry.kind === 'down') {
      if (!sqlStems.has(entry.id)) {
        problems.push(orphanDownFile(entry.file, entry.upFile, nearMisses(entry.id, entries)));
      }
      continue;
    }
    const built = buildMigration(
      { entry, bytes },
      entry.extension === '.sql' ? (downs.get(entry.id) ?? null) : null,
      options,
    );
    if (built.ok) migrations.push(built.value);
    else for (const problem of built.problems) problems.push(problem);
    // Duplicates are checked even when a file has other problems: all problems are reported at once.
    const version = versionNumber(entry.versionText);
    if (version !== null && version > 0) versioned.push({ entry, version });
  }
  problems.push(...findDuplicateVersions(versioned, new Set([...downs.values()].map((down) => down.file))));
  if (problems.length > 0) return fail(problems);
  return ok({ migrations: migrations.sort((a, b) => a.version - b.version), ignored });
}
