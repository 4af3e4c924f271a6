import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildMigration, type MigrationFile } from './build-migration.ts';
import { classifyByRules, classifyFileName } from './classify-file-name.ts';
import { parsePlainSqlMigration, parseSqlMigration } from './parse-sql-migration.ts';

// Pieces that make well-formed files and every kind of ill-formed one (markers with options,
// typos, case, CRLF, indentation, markers inside SQL, comments only, blank parts).
const pieceArb = fc.constantFrom(
  '-- migrate:up',
  '-- migrate:down',
  '-- migrate:up transaction:false',
  '-- migrate:down transaction:true',
  '-- migrate:Up',
  '-- MIGRATE:down',
  '  -- migrate:up',
  '-- migrate:donw',
  '--migrate:down',
  "SELECT 'migrate:up';",
  'CREATE TABLE t (id INTEGER PRIMARY KEY);',
  'DROP TABLE t;',
  '-- a comment',
  '/* block */',
  '/* open',
  '*/',
  ';',
  '',
  ' ',
);
const breakArb = fc.constantFrom('\n', '\n', '\n', '\r\n', '\r');
const textArb = fc
  .array(fc.tuple(pieceArb, breakArb), { maxLength: 12 })
  .chain((lines) =>
    fc
      .boolean()
      .map((lastBreak) =>
        lines.map(([piece, end], i) => (i === lines.length - 1 && !lastBreak ? piece : piece + end)).join(''),
      ),
  );
const wellFormedArb = fc
  .record({
    head: fc.constantFrom('', '-- header\n', '\n', '/* x */\n'),
    up: fc.boolean(),
    upSql: fc.constantFrom('CREATE TABLE t (id);\n', 'SELECT 1;', '\nSELECT 1;\n\n', '-- only a comment\n'),
    down: fc.boolean(),
    downSql: fc.constantFrom('DROP TABLE t;\n', '', '-- nothing\n', 'DROP TABLE t;'),
  })
  .map(
    ({ head, up, upSql, down, downSql }) =>
      `${up ? `${head}-- migrate:up\n` : ''}${upSql}${down ? `\n-- migrate:down\n${downSql}` : ''}`,
  );

const entry = (file: string): MigrationFile['entry'] => {
  const classified = classifyFileName(file);
  if (classified.kind !== 'migration') throw new Error(`not a migration: ${file}`);
  return classified;
};

describe('parsePlainSqlMigration', () => {
  it('agrees with parseSqlMigration whenever it answers', () => {
    fc.assert(
      fc.property(fc.oneof(textArb, wellFormedArb), (text) => {
        const fast = parsePlainSqlMigration(text);
        if (fast !== null)
          expect(parseSqlMigration(text, '001_x.sql')).toStrictEqual({ ok: true, value: fast });
      }),
      { numRuns: 2000 },
    );
  });

  it('answers for the usual files', () => {
    expect(parsePlainSqlMigration('-- migrate:up\nSELECT 1;\n-- migrate:down\nSELECT 2;\n')).not.toBeNull();
    expect(parsePlainSqlMigration('SELECT 1;')).not.toBeNull();
    expect(parsePlainSqlMigration('-- migrate:up\nSELECT 1;\n-- migrate:down')).not.toBeNull();
    expect(parsePlainSqlMigration('SELECT 1;\r\n')).toBeNull();
  });

  it('builds the same migration as the full path', () => {
    const fileArb = fc.record({
      version: fc.constantFrom('001', '0', '1', '99999999999999999999', '42'),
      text: fc.oneof(textArb, wellFormedArb),
      bytes: fc.boolean(),
    });
    fc.assert(
      fc.property(fileArb, ({ version, text, bytes }) => {
        const up = {
          entry: entry(`${version}_x.sql`),
          bytes: bytes ? new TextEncoder().encode(text) : text,
        };
        const built = buildMigration(up, null);
        const parsed = parseSqlMigration(text, up.entry.file);
        if (!built.ok || !parsed.ok) return;
        const { value } = built;
        if (value.kind !== 'sql') throw new Error('not sql');
        expect(value.up).toMatchObject(parsed.value.up);
        expect(value.down === null).toBe(parsed.value.down === null);
        if (value.down !== null) {
          expect(value.down).toMatchObject(parsed.value.down ?? {});
          // Lazy: computed on read, same value as forcing the full path (a `.down.sql` file).
          expect(value.down.checksum).toMatch(/^[0-9a-f]{64}$/);
        }
        // The full path (a `.down.sql` forces it) gives the same up part.
        const full = buildMigration(up, { file: `${version}_x.down.sql`, bytes: 'SELECT 1;' });
        if (full.ok) expect(full.value.kind === 'sql' && full.value.up).toStrictEqual(value.up);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('classifyFileName fast path', () => {
  it('classifies plain names as the full rules do', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[0-9]{0,4}[_-]?[a-zA-Z0-9_.~# -]{0,8}\.(sql|SQL|ts)~?$/), (file) => {
        expect(classifyFileName(file)).toStrictEqual(classifyByRules(file));
      }),
    );
  });
});
