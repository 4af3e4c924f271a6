import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { checksumOf } from '@gao/migrate-core';
import { testdir } from '@gao/tooling/test-utils';
import { describe, expect, it } from 'vitest';
import { MigrationSetError } from './errors.ts';
import { directorySource, readSet, sha256Text } from './read-set.ts';

function folder() {
  const root = testdir();
  const dir = join(root, 'migrations');
  mkdirSync(dir);
  return { root, dir };
}

describe('readSet', () => {
  it('counts a symbolic link to a file as a file; a dangling link and a link to a folder are not files', () => {
    const { root, dir } = folder();
    writeFileSync(join(root, 'shared.sql'), 'CREATE TABLE shared (id);');
    mkdirSync(join(root, 'elsewhere'));
    symlinkSync(join(root, 'shared.sql'), join(dir, '001_shared.sql'));
    symlinkSync(join(root, 'missing.sql'), join(dir, '002_dangling.sql'));
    symlinkSync(join(root, 'elsewhere'), join(dir, '003_folder.sql'));
    const set = readSet(dir);
    expect(set.migrations.map((migration) => migration.file)).toEqual(['001_shared.sql']);
    expect(set.ignored.map((file) => [file.file, file.reason])).toEqual([
      ['002_dangling.sql', 'not_a_file'],
      ['003_folder.sql', 'not_a_file'],
    ]);
  });

  it('reads text exactly as the strict decoder does: BOM dropped, U+FFFD kept, invalid UTF-8 refused', () => {
    const { dir } = folder();
    writeFileSync(join(dir, '001_bom.sql'), '\uFEFFCREATE TABLE a (id);\n');
    writeFileSync(join(dir, '002_replacement.sql'), "SELECT '\uFFFD';\n");
    const set = readSet(dir);
    const [bom, replacement] = set.migrations;
    expect(bom?.kind === 'sql' && bom.up.sql).toBe('CREATE TABLE a (id);\n');
    expect(replacement?.kind === 'sql' && replacement.up.sql).toBe("SELECT '\uFFFD';\n");
    expect(replacement?.checksum).toBe(checksumOf("SELECT '\uFFFD';"));
    const source = directorySource(dir);
    expect(source.readText?.('001_bom.sql')).toBe('CREATE TABLE a (id);\n');
    expect(source.readText?.('002_replacement.sql')).toBeNull();

    writeFileSync(join(dir, '003_bad.sql'), Buffer.from([0x53, 0xff, 0x3b]));
    expect(() => readSet(dir)).toThrow(MigrationSetError);
  });

  it('hashes text natively with the same result as core', () => {
    expect(sha256Text('caf\u00e9 \ud800')).toBe(checksumOf('caf\u00e9 \ud800'));
  });
});
