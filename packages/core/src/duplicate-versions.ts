import type { MigrationFile } from './build-migration.ts';
import type { DuplicateVersionProblem } from './problems.ts';
import { type DuplicateRename, duplicateVersion } from './set-problems.ts';

/** A migration file whose version is valid. */
export interface VersionedFile {
  readonly entry: MigrationFile['entry'];
  readonly version: number;
}

/** The rename of one file to a free version (and of its `.down.sql` with it). */
function renameTo(file: VersionedFile, version: number, downFiles: ReadonlySet<string>): DuplicateRename {
  const { entry } = file;
  const stem = `${String(version).padStart(entry.versionText.length, '0')}_${entry.name}`;
  const downFile = `${entry.id}.down.sql`;
  const down =
    entry.extension === '.sql' && downFiles.has(downFile) ? { from: downFile, to: `${stem}.down.sql` } : null;
  return { from: entry.file, to: `${stem}${entry.extension}`, down };
}

/**
 * How to fix a clash: every file but the first (by name) moved to a free version after every
 * existing one; `null` when the files are one migration written twice, and an empty list when there
 * is no free version left below the limit (the hint then says so without an example).
 */
function renamesFor(
  group: readonly VersionedFile[],
  firstFree: number,
  downFiles: ReadonlySet<string>,
): DuplicateRename[] | null {
  // Same stem, different extensions (`003_x.sql` + `003_x.ts`): one migration written twice, not two.
  if (group.every((file) => file.entry.id === group[0]?.entry.id)) return null;
  const moved = group.slice(1);
  // Compared this way round: past 2^53, adding 1 is lost to rounding.
  if (firstFree > Number.MAX_SAFE_INTEGER - (moved.length - 1)) return [];
  return moved.map((file, i) => renameTo(file, firstFree + i, downFiles));
}

/**
 * One `duplicate_version` problem per version used by more than one file (compared as numbers:
 * `1_x.sql` and `001_x.sql` clash), in version order, files listed by name.
 *
 * @example
 * ```ts
 * findDuplicateVersions(files, new Set()); // [{ code: 'duplicate_version', version: 1, files: ['001_a.sql', '001_b.sql'], ... }]
 * ```
 */
export function findDuplicateVersions(
  files: readonly VersionedFile[],
  downFiles: ReadonlySet<string>,
): DuplicateVersionProblem[] {
  // Nearly always every version is distinct: found without a group (an array) per version.
  const versions = new Set<number>();
  for (const file of files) versions.add(file.version);
  if (versions.size === files.length) return [];
  const byVersion = new Map<number, VersionedFile[]>();
  let freeVersion = 0;
  for (const file of files) {
    const group = byVersion.get(file.version);
    if (group === undefined) byVersion.set(file.version, [file]);
    else group.push(file);
    if (file.version > freeVersion) freeVersion = file.version;
  }
  return [...byVersion.entries()]
    .filter(([, group]) => group.length > 1)
    .sort(([a], [b]) => a - b)
    .map(([version, group]) => {
      const sorted = [...group].sort((a, b) => compareNames(a.entry.file, b.entry.file));
      const renames = renamesFor(sorted, freeVersion + 1, downFiles);
      freeVersion += renames?.length ?? 0;
      return duplicateVersion(
        version,
        sorted.map((file) => file.entry.file),
        renames,
      );
    });
}

/** Orders file names by UTF-16 code units, the same on every machine (unlike `localeCompare`). */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
