import type { MigrationFile } from './build-migration.ts';
import type { DuplicateVersionProblem } from './problems.ts';
import { type DuplicateRename, duplicateVersion } from './set-problems.ts';

/** A migration file whose version is valid. */
export interface VersionedFile {
  readonly entry: MigrationFile['entry'];
  readonly version: number;
}

/** How to fix a clash: move the last file (by name) to a free version after every existing one. */
function renameFor(
  group: readonly VersionedFile[],
  freeVersion: number,
  downFiles: ReadonlySet<string>,
): DuplicateRename | null {
  // Same stem, different extensions (`003_x.sql` + `003_x.ts`): one migration written twice, not two.
  if (group.every((file) => file.entry.id === group[0]?.entry.id)) return null;
  const { entry } = group[group.length - 1] as VersionedFile;
  const stem = `${String(freeVersion).padStart(entry.versionText.length, '0')}_${entry.name}`;
  const downFile = `${entry.id}.down.sql`;
  const down =
    entry.extension === '.sql' && downFiles.has(downFile) ? { from: downFile, to: `${stem}.down.sql` } : null;
  return { from: entry.file, to: `${stem}${entry.extension}`, down };
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
      const rename = renameFor(sorted, freeVersion + 1, downFiles);
      if (rename !== null) freeVersion++;
      return duplicateVersion(
        version,
        sorted.map((file) => file.entry.file),
        rename,
      );
    });
}

/** Orders file names by UTF-16 code units, the same on every machine (unlike `localeCompare`). */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
