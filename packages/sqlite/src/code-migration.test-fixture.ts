import type { CodeMigration } from '@gao/migrate-core';

/**
 * A code migration as core's reader would build it from `file` (`001_name.mjs`), for tests of the
 * module loader. `checksum` goes into the import URL, so a test that loads the same file twice after
 * editing it passes another one.
 *
 * @example
 * await loadCodeModules(dir, [codeMigration('001_users.mjs')]);
 */
export function codeMigration(file: string, version = 1, checksum = `checksum-of-${file}`): CodeMigration {
  const dot = file.lastIndexOf('.');
  return {
    kind: 'code',
    version,
    versionText: String(version).padStart(3, '0'),
    name: file.slice(4, dot),
    id: file.slice(0, dot),
    file,
    checksum,
    fileChecksum: `file-${checksum}`,
    extension: file.slice(dot) as CodeMigration['extension'],
    module: null,
  };
}
