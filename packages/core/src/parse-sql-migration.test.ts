import { describe, expect, it } from 'vitest';
import { parseSqlDownFile, parseSqlMigration } from './parse-sql-migration.ts';

const F = '001_t.sql';
const codes = (text: string) => {
  const parsed = parseSqlMigration(text, F);
  return parsed.ok
    ? []
    : parsed.problems.map((problem) => [problem.code, 'line' in problem ? problem.line : null]);
};

describe('parseSqlMigration: parts', () => {
  it('takes a file without markers as all up, from line 1', () => {
    expect(parseSqlMigration('CREATE TABLE t (id);\n', F)).toEqual({
      ok: true,
      value: {
        up: { sql: 'CREATE TABLE t (id);\n', line: 1, options: { transaction: true } },
        down: null,
        downMarkerLine: null,
      },
    });
  });

  it('splits at the markers, leaving the marker lines out', () => {
    const text = '-- migrate:up\nCREATE TABLE t (id);\n\n-- migrate:down\nDROP TABLE t;\n';
    expect(parseSqlMigration(text, F)).toEqual({
      ok: true,
      value: {
        up: { sql: 'CREATE TABLE t (id);\n\n', line: 2, options: { transaction: true } },
        down: { sql: 'DROP TABLE t;\n', line: 5, options: { transaction: true } },
        downMarkerLine: 4,
      },
    });
  });

  it('keeps CRLF line endings in the raw SQL and counts lines the same', () => {
    const text = '-- header\r\n-- migrate:up transaction:false\r\nVACUUM;\r\n-- migrate:down\r\nSELECT 1;';
    expect(parseSqlMigration(text, F)).toEqual({
      ok: true,
      value: {
        up: { sql: 'VACUUM;\r\n', line: 3, options: { transaction: false } },
        down: { sql: 'SELECT 1;', line: 5, options: { transaction: true } },
        downMarkerLine: 4,
      },
    });
  });

  it('takes the text before a lone down marker as the up part', () => {
    const parsed = parseSqlMigration(
      'CREATE TABLE t (id);\n-- migrate:down transaction:false\nDROP TABLE t;',
      F,
    );
    expect(parsed.ok && parsed.value.up).toEqual({
      sql: 'CREATE TABLE t (id);\n',
      line: 1,
      options: { transaction: true },
    });
    expect(parsed.ok && parsed.value.down).toEqual({
      sql: 'DROP TABLE t;',
      line: 3,
      options: { transaction: false },
    });
  });

  it('treats a down part with only blanks and comments as no down, but remembers its marker', () => {
    const parsed = parseSqlMigration('SELECT 1;\n-- migrate:down\n-- irreversible\n\n', F);
    expect(parsed.ok && parsed.value.down).toBeNull();
    expect(parsed.ok && parsed.value.downMarkerLine).toBe(2);
  });

  it('allows comments above -- migrate:up', () => {
    const parsed = parseSqlMigration('-- Adds t.\n/* by me */\n-- migrate:up\nSELECT 1;', F);
    expect(parsed.ok && parsed.value.up.line).toBe(4);
  });
});

describe('parseSqlMigration: problems', () => {
  it('finds an empty up part', () => {
    expect(codes('')).toEqual([['empty_up', null]]);
    expect(codes('  -- nothing\n;\n')).toEqual([['empty_up', null]]);
    expect(codes('-- migrate:up\n-- migrate:down\nDROP TABLE t;')).toEqual([['empty_up', null]]);
    expect(codes('-- migrate:up')).toEqual([['empty_up', null]]);
  });

  it('finds a down marker with no up before it', () => {
    expect(codes('-- note\n-- migrate:down\nDROP TABLE t;')).toEqual([['down_without_up', 2]]);
  });

  it('finds repeated and out-of-order markers, and stops there', () => {
    expect(codes('-- migrate:up\nA;\n-- migrate:up\nB;')).toEqual([['marker_repeated', 3]]);
    expect(codes('A;\n-- migrate:down\nB;\n-- migrate:down\n')).toEqual([['marker_repeated', 4]]);
    expect(codes('-- migrate:down\nB;\n-- migrate:up\nA;')).toEqual([['marker_out_of_order', 3]]);
    expect(codes('-- migrate:up\nA;\n-- migrate:down\nB;\n-- migrate:up\n')).toEqual([
      ['marker_repeated', 5],
    ]);
  });

  it('finds unknown markers and bad options, all of them', () => {
    expect(codes('-- migrate:up transaction:no\nA;\n-- migrate:donw\nB;\n-- migrate:down x y\n')).toEqual([
      ['invalid_marker_option', 1],
      ['unknown_marker', 3],
      ['invalid_marker_option', 5],
      ['invalid_marker_option', 5],
    ]);
    expect(codes('-- migrate:up transaction:no\n-- migrate:down\nB;')).toEqual([
      ['invalid_marker_option', 1],
      ['empty_up', null],
    ]);
  });

  it('finds SQL above -- migrate:up, on the line it starts', () => {
    expect(codes('-- header\r\n\r\nPRAGMA x;\r\n-- migrate:up\r\nA;')).toEqual([['sql_before_up_marker', 3]]);
  });
});

describe('parseSqlDownFile', () => {
  it('takes the whole file as the down part, from line 1', () => {
    expect(parseSqlDownFile('DROP TABLE t;\n', '001_t.down.sql')).toEqual({
      ok: true,
      value: { sql: 'DROP TABLE t;\n', line: 1, options: { transaction: true } },
    });
  });

  it('is no down part when it holds only blanks and comments', () => {
    expect(parseSqlDownFile('-- nothing to undo\n', '001_t.down.sql')).toEqual({ ok: true, value: null });
  });

  it('reports every marker-like line', () => {
    const parsed = parseSqlDownFile('-- migrate:down\nDROP TABLE t;\n-- migrate:oops\n', '001_t.down.sql');
    expect(
      parsed.ok ? [] : parsed.problems.map((problem) => [problem.code, 'line' in problem && problem.line]),
    ).toEqual([
      ['marker_in_down_file', 1],
      ['marker_in_down_file', 3],
    ]);
  });
});
