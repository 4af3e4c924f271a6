import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareColumns } from './table-columns.ts';

describe('compareColumns', () => {
  it('names columns added, removed and declared otherwise, in declaration order', () => {
    expect(
      compareColumns(
        'users',
        'CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, nick TEXT, score REAL DEFAULT 0)',
        "CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL DEFAULT '', score INTEGER DEFAULT 0, name TEXT)",
      ),
    ).toEqual([
      { column: 'email', change: 'changed', before: 'TEXT', after: "TEXT NOT NULL DEFAULT ''" },
      { column: 'nick', change: 'removed', before: 'TEXT', after: null },
      { column: 'score', change: 'changed', before: 'REAL DEFAULT 0', after: 'INTEGER DEFAULT 0' },
      { column: 'name', change: 'added', before: null, after: 'TEXT' },
    ]);
  });

  it('reads what SQLite reads: quoting, generated columns, no type; only table constraints differing gives []', () => {
    expect(
      compareColumns(
        'we "ird"',
        'CREATE TABLE "we ""ird""" (a, b AS (a * 2))',
        'CREATE TABLE "we ""ird""" (a, b AS (a * 2) STORED)',
      ),
    ).toEqual([
      {
        column: 'b',
        change: 'changed',
        before: '(no type) GENERATED VIRTUAL',
        after: '(no type) GENERATED STORED',
      },
    ]);
    expect(
      compareColumns('t', 'CREATE TABLE t (a, b)', 'CREATE TABLE t (a, b, CHECK (a > 0), UNIQUE (b))'),
    ).toEqual([]);
  });

  it('cannot say for what is not an ordinary table SQLite can read on its own', () => {
    // A CHECK calling a function only the application registers.
    expect(compareColumns('t', 'CREATE TABLE t (a CHECK (app_fn(a)))', 'CREATE TABLE t (a, b)')).toBeNull();
    expect(compareColumns('t', 'CREATE TABLE t (a)', 'CREATE TABLE t (a CHECK (app_fn(a)))')).toBeNull();
    expect(
      compareColumns('f', 'CREATE VIRTUAL TABLE f USING fts5(a)', 'CREATE VIRTUAL TABLE f USING fts5(a, b)'),
    ).toBeNull();
  });
});

describe('compareColumns on text it did not write', () => {
  it('runs the CREATE TABLE statement alone, never what follows it', () => {
    const before =
      "CREATE TABLE t (a); ATTACH DATABASE '/tmp/gao-db-should-not-exist.db' AS x; CREATE TABLE x.y (z)";
    expect(compareColumns('t', before, 'CREATE TABLE t (a, b)')).toEqual([
      { column: 'b', change: 'added', before: null, after: '(no type)' },
    ]);
    expect(existsSync('/tmp/gao-db-should-not-exist.db')).toBe(false);
  });
});
