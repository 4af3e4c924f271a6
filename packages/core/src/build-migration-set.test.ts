import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { buildMigrationSet, type SourceFile } from './build-migration-set.ts';
import { checksumOf, fileChecksumOf } from './checksum.ts';
import type { MigrationSet } from './migration.ts';

const encoder = new TextEncoder();

/** Files from a record: a string is UTF-8 content, bytes are kept as they are, `null` is a directory. */
function files(tree: Record<string, string | Uint8Array | null>): SourceFile[] {
  return Object.entries(tree).map(([name, content]) => ({
    name,
    isFile: content !== null,
    bytes: content === null ? null : typeof content === 'string' ? encoder.encode(content) : content,
  }));
}

function build(tree: Record<string, string | Uint8Array | null>): MigrationSet {
  const result = buildMigrationSet(files(tree));
  if (!result.ok)
    throw new Error(`unexpected problems: ${result.problems.map((problem) => problem.message).join(' ')}`);
  return result.value;
}

describe('buildMigrationSet: migrations', () => {
  it('builds a SQL migration with its parts and checksums', () => {
    const up = 'CREATE TABLE users (id INTEGER PRIMARY KEY);\n';
    const down = 'DROP TABLE users;\n';
    const text = `-- migrate:up\n${up}-- migrate:down\n${down}`;
    const set = build({ '001_create_users.sql': text });
    expect(set).toEqual({
      migrations: [
        {
          kind: 'sql',
          version: 1,
          versionText: '001',
          name: 'create_users',
          id: '001_create_users',
          file: '001_create_users.sql',
          // Without the line break at the end: a part's trailing blanks are not hashed.
          checksum: checksumOf(up.trimEnd()),
          fileChecksum: fileChecksumOf(text, null),
          up: {
            sql: up,
            line: 2,
            file: '001_create_users.sql',
            checksum: checksumOf(up.trimEnd()),
            options: { transaction: true },
          },
          down: {
            sql: down,
            line: 4,
            file: '001_create_users.sql',
            checksum: checksumOf(down.trimEnd()),
            options: { transaction: true },
          },
        },
      ],
      ignored: [],
    });
  });

  it('hashes a down part only when its checksum is read, and once', () => {
    const hashed: string[] = [];
    const sha256Text = (text: string) => {
      hashed.push(text);
      return createHash('sha256').update(text).digest('hex');
    };
    const result = buildMigrationSet(
      files({ '001_t.sql': '-- migrate:up\nSELECT 1;\n-- migrate:down\nSELECT 2;\n' }),
      {
        sha256Text,
      },
    );
    const migration = result.ok ? result.value.migrations[0] : undefined;
    const whole = '-- migrate:up\nSELECT 1;\n-- migrate:down\nSELECT 2;\n';
    // The up part and the whole file (fileChecksum), not the down part.
    expect(hashed).toEqual(['SELECT 1;', whole]);
    const down = migration?.kind === 'sql' ? migration.down : null;
    expect(down?.checksum).toBe(checksumOf('SELECT 2;'));
    expect(down?.checksum).toBe(checksumOf('SELECT 2;'));
    expect(hashed).toEqual(['SELECT 1;', whole, 'SELECT 2;']);
    // It looks like any other part: the same enumerable fields, kept by a spread and by JSON.
    expect(Object.keys(down ?? {})).toEqual(['sql', 'line', 'options', 'file', 'checksum']);
    expect({ ...down }).toEqual({
      sql: 'SELECT 2;\n',
      line: 4,
      options: { transaction: true },
      file: '001_t.sql',
      checksum: checksumOf('SELECT 2;'),
    });
    expect(JSON.parse(JSON.stringify(down))).toEqual({ ...down });
  });

  it('hashes the whole file for fileChecksum with the injected hasher, as a plain field', () => {
    const hashed: string[] = [];
    const sha256Text = (text: string) => {
      hashed.push(text);
      return createHash('sha256').update(text).digest('hex');
    };
    const text = '-- migrate:up\nSELECT 1;\n';
    const result = buildMigrationSet(files({ '001_t.sql': text }), { sha256Text });
    const migration = result.ok ? result.value.migrations[0] : undefined;
    if (migration === undefined) throw new Error('expected one migration');
    // The up part, then the whole file: nothing is hashed with core's slower fallback.
    expect(hashed).toEqual(['SELECT 1;', text]);
    expect(migration.fileChecksum).toBe(createHash('sha256').update(text).digest('hex'));
    expect(migration.fileChecksum).toBe(fileChecksumOf(text, null));
    expect(JSON.parse(JSON.stringify(migration)).fileChecksum).toBe(migration.fileChecksum);
  });

  it('gives every byte of the file (and of its .down.sql) a say in fileChecksum, unlike checksum', () => {
    const lf = build({ '001_t.sql': 'SELECT 1;\n-- migrate:down\nSELECT 2;\n' }).migrations[0];
    const crlf = build({ '001_t.sql': 'SELECT 1;\r\n-- migrate:down\nSELECT 2;\n' }).migrations[0];
    const otherDown = build({ '001_t.sql': 'SELECT 1;\n-- migrate:down\nSELECT 3;\n' }).migrations[0];
    expect(crlf?.checksum).toBe(lf?.checksum);
    expect(crlf?.fileChecksum).not.toBe(lf?.fileChecksum);
    expect(otherDown?.checksum).toBe(lf?.checksum);
    expect(otherDown?.fileChecksum).not.toBe(lf?.fileChecksum);

    const sha = (text: string) => createHash('sha256').update(text).digest('hex');
    const pair = build({ '001_t.sql': 'CREATE TABLE t (id);', '001_t.down.sql': 'DROP TABLE t;' });
    const changedDown = build({ '001_t.sql': 'CREATE TABLE t (id);', '001_t.down.sql': 'DROP TABLE t ;' });
    expect(pair.migrations[0]?.fileChecksum).toBe(
      sha(`${sha('CREATE TABLE t (id);')}+${sha('DROP TABLE t;')}`),
    );
    expect(changedDown.migrations[0]?.fileChecksum).not.toBe(pair.migrations[0]?.fileChecksum);
    // A byte order mark is not part of the text: hashing the bytes after it gives the same value.
    const bom = build({ '001_t.sql': '\uFEFFSELECT 1;\n' }).migrations[0];
    expect(bom?.fileChecksum).toBe(sha('SELECT 1;\n'));
    const code = build({ '002_c.ts': 'export function up() {}\r\n' }).migrations[0];
    expect(code?.fileChecksum).toBe(sha('export function up() {}\r\n'));
  });

  it('takes the down part from <stem>.down.sql', () => {
    const set = build({ '001_t.sql': 'CREATE TABLE t (id);', '001_t.down.sql': '\nDROP TABLE t;' });
    expect(set.migrations[0]).toMatchObject({
      kind: 'sql',
      down: {
        sql: '\nDROP TABLE t;',
        line: 1,
        file: '001_t.down.sql',
        checksum: checksumOf('\nDROP TABLE t;'),
      },
    });
  });

  it('has no down part for an empty -- migrate:down section or an empty .down.sql', () => {
    const set = build({
      '001_a.sql': 'SELECT 1;\n-- migrate:down\n-- cannot be undone\n',
      '002_b.sql': 'SELECT 2;',
      '002_b.down.sql': '  \n',
      '003_c.sql': 'SELECT 3;',
    });
    expect(set.migrations.map((migration) => migration.kind === 'sql' && migration.down)).toEqual([
      null,
      null,
      null,
    ]);
  });

  it('keeps the up checksum when a down section is added later, after a blank line or without a final newline', () => {
    const checksum = (text: string) => build({ '001_users.sql': text }).migrations[0]?.checksum;
    const applied = checksum('CREATE TABLE users (id INTEGER);\n');
    expect(checksum('CREATE TABLE users (id INTEGER);\n\n-- migrate:down\nDROP TABLE users;\n')).toBe(
      applied,
    );
    expect(checksum('CREATE TABLE users (id INTEGER);\n-- migrate:down\nDROP TABLE users;\n')).toBe(applied);
    expect(checksum('CREATE TABLE users (id INTEGER);')).toBe(applied);
    // Any edit of the SQL itself still counts, white space inside included.
    expect(checksum('CREATE TABLE users (id  INTEGER);\n')).not.toBe(applied);
    expect(checksum('CREATE TABLE users (id INTEGER);\n-- note\n')).not.toBe(applied);
  });

  it('builds a code migration with the checksum of the whole file and no module yet', () => {
    const text = 'export function up(db) {\n  db.exec("SELECT 1");\n}\n';
    expect(build({ '002_seed.ts': text }).migrations).toEqual([
      {
        kind: 'code',
        version: 2,
        versionText: '002',
        name: 'seed',
        id: '002_seed',
        file: '002_seed.ts',
        checksum: checksumOf(text),
        fileChecksum: fileChecksumOf(text, null),
        extension: '.ts',
        module: null,
      },
    ]);
  });

  it('sorts by version as a number: 2 before 10, 999 before 1000', () => {
    const set = build({
      '1000_d.sql': 'D;',
      '10_b.mjs': 'B',
      '999_c.js': 'C',
      '2_a.sql': 'A;',
      '0042_e.mts': 'E',
    });
    expect(set.migrations.map((migration) => migration.version)).toEqual([2, 10, 42, 999, 1000]);
  });

  it('accepts the largest exact version, 2^53 - 1', () => {
    expect(build({ '9007199254740991_last.sql': 'SELECT 1;' }).migrations[0]?.version).toBe(
      Number.MAX_SAFE_INTEGER,
    );
  });

  it('gives the same checksums whatever the line endings or a BOM', () => {
    const lf = build({ '001_t.sql': '-- migrate:up\nA;\nB;\n-- migrate:down\nC;\n', '002_c.ts': 'x\ny\n' });
    const crlf = build({
      '001_t.sql': '\uFEFF-- migrate:up\r\nA;\r\nB;\r\n-- migrate:down\r\nC;\r\n',
      '002_c.ts': '\uFEFFx\r\ny\r\n',
    });
    const cr = build({ '001_t.sql': '-- migrate:up\rA;\rB;\r-- migrate:down\rC;\r', '002_c.ts': 'x\ry\r' });
    const sums = (set: MigrationSet) =>
      set.migrations.map((migration) => [
        migration.checksum,
        migration.kind === 'sql' ? migration.down?.checksum : null,
      ]);
    expect(sums(crlf)).toEqual(sums(lf));
    expect(sums(cr)).toEqual(sums(lf));
    expect(crlf.migrations[0]).toMatchObject({ up: { sql: 'A;\r\nB;\r\n', line: 2 }, down: { line: 5 } });
  });

  it('uses an injected SHA-256 and gets the identical set', () => {
    const tree = files({
      '001_t.sql': 'A;\n-- migrate:down\nB;',
      '002_c.mjs': 'export const up = () => {};',
    });
    const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
    expect(buildMigrationSet(tree, { sha256 })).toEqual(buildMigrationSet(tree));
    expect(buildMigrationSet(tree, { sha256: () => 'fixed' })).toMatchObject({
      value: { migrations: [{ checksum: 'fixed', down: { checksum: 'fixed' } }, { checksum: 'fixed' }] },
    });
  });

  it('throws when a migration file comes without its content (a bug in the caller)', () => {
    expect(() => buildMigrationSet([{ name: '001_t.sql', isFile: true, bytes: null }])).toThrow(
      'buildMigrationSet: no content for migration file 001_t.sql',
    );
  });
});

describe('buildMigrationSet: ignored files', () => {
  it('lists every file that is not a migration by name, with its reason, and runs none of them', () => {
    const set = build({
      'README.md': null,
      '001_t.sql': 'A;',
      '001_t.sql~': 'A;',
      '.gitkeep': '',
      archive: null,
      '002_x.SQL': 'B;',
      '003-y.sql': 'C;',
      '004_z.d.ts': 'D',
      '005_w.py': 'E',
    });
    expect(set.migrations.map((migration) => migration.file)).toEqual(['001_t.sql']);
    expect(set.ignored.map((file) => [file.file, file.reason])).toEqual([
      ['.gitkeep', 'hidden'],
      ['001_t.sql~', 'editor_backup'],
      ['002_x.SQL', 'extension_case'],
      ['003-y.sql', 'bad_separator'],
      ['004_z.d.ts', 'unsupported_extension'],
      ['005_w.py', 'unsupported_extension'],
      ['README.md', 'not_a_file'],
      ['archive', 'not_a_file'],
    ]);
  });

  it('explains a sub-directory, even one named like a migration', () => {
    expect(build({ '001_t.sql': null }).ignored).toEqual([
      {
        file: '001_t.sql',
        reason: 'not_a_file',
        message:
          '001_t.sql is not a file (sub-directories are not searched), so it is not a migration; put migration files directly in the migrations directory.',
      },
    ]);
  });

  it('carries the classifier message for ignored files', () => {
    expect(build({ '001_x.SQL': 'A;' }).ignored[0]?.message).toBe(
      '001_x.SQL has the extension ".SQL", but extensions must be lower case, so it is not a migration; if it was meant as one, rename it to 001_x.sql.',
    );
  });
});
