import { describe, expect, it } from 'vitest';
import { buildMigrationSet } from './build-migration-set.ts';
import { type MigrationSource, readMigrationSet } from './read-migration-set.ts';

/** An in-memory migrations directory that records which files were read. */
function memorySource(tree: Record<string, string | null>): MigrationSource & { readonly reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    list: () => Object.entries(tree).map(([name, content]) => ({ name, isFile: content !== null })),
    read: (name) => {
      reads.push(name);
      return new TextEncoder().encode(tree[name] ?? '');
    },
  };
}

describe('readMigrationSet', () => {
  const tree = {
    '001_users.sql': 'CREATE TABLE users (id INTEGER PRIMARY KEY);',
    '001_users.down.sql': 'DROP TABLE users;',
    '002_seed.ts': 'export function up() {}',
    'README.md': '# Migrations',
    '001_users.sql~': 'old',
    '003-bad.sql': 'SELECT 1;',
    drafts: null,
  };

  it('reads only the files named like migrations and their .down.sql parts', () => {
    const source = memorySource(tree);
    readMigrationSet(source);
    expect(source.reads.sort()).toEqual(['001_users.down.sql', '001_users.sql', '002_seed.ts']);
  });

  it('gives the same set as buildMigrationSet over the same files', () => {
    const files = Object.entries(tree).map(([name, content]) => ({
      name,
      isFile: content !== null,
      bytes: content === null ? null : new TextEncoder().encode(content),
    }));
    const expected = buildMigrationSet(files);
    expect(expected.ok).toBe(true);
    expect(readMigrationSet(memorySource(tree))).toEqual(expected);
  });

  it('passes the injected SHA-256 on', () => {
    const result = readMigrationSet(memorySource({ '001_a.sql': 'A;' }), { sha256: () => 'injected' });
    expect(result).toMatchObject({ ok: true, value: { migrations: [{ checksum: 'injected' }] } });
  });

  it('returns the problems of the files', () => {
    const result = readMigrationSet(memorySource({ '001_a.sql': 'A;', '1_b.sql': 'B;' }));
    expect(result).toMatchObject({ ok: false, problems: [{ code: 'duplicate_version', version: 1 }] });
  });
});
