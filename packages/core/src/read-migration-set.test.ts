import { createHash } from 'node:crypto';
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

describe('readMigrationSet: the text fast path', () => {
  const tree = {
    '001_users.sql':
      '-- migrate:up\r\nCREATE TABLE users (id INTEGER PRIMARY KEY);\r\n-- migrate:down\r\nDROP TABLE users;\r\n',
    '002_seed.ts': 'export function up() {}',
    '003_more.sql': 'CREATE TABLE more (id);',
    '003_more.down.sql': 'DROP TABLE more;',
  };

  it('gives exactly the set the bytes give, with readText for some files and null (bytes) for others', () => {
    const bytesOnly = memorySource(tree);
    const texts: string[] = [];
    const withText: MigrationSource = {
      ...memorySource(tree),
      readText: (name) => {
        texts.push(name);
        return name === '003_more.sql' ? null : (tree[name as keyof typeof tree] ?? null);
      },
    };
    const hashedText: string[] = [];
    const sha256Text = (text: string) => {
      hashedText.push(text);
      return createHash('sha256').update(text, 'utf8').digest('hex');
    };
    const expected = readMigrationSet(bytesOnly);
    expect(readMigrationSet(withText)).toEqual(expected);
    expect(readMigrationSet(withText, { sha256Text })).toEqual(expected);
    expect(texts.sort()).toContain('001_users.sql');
    expect(hashedText).toContain('CREATE TABLE users (id INTEGER PRIMARY KEY);');
  });

  it('reports invalid UTF-8 from bytes when the reader gives no text', () => {
    const source: MigrationSource = {
      list: () => [{ name: '001_bad.sql', isFile: true }],
      read: () => new Uint8Array([0x53, 0xff, 0x3b]),
      readText: () => null,
    };
    const result = readMigrationSet(source);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems[0]?.code).toBe('invalid_utf8');
  });

  it('buildMigrationSet takes files given as text', () => {
    const result = buildMigrationSet([{ name: '001_t.sql', isFile: true, bytes: null, text: 'SELECT 1;' }]);
    expect(result.ok && result.value.migrations[0]?.checksum).toBe(
      createHash('sha256').update('SELECT 1;').digest('hex'),
    );
  });
});
