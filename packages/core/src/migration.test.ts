import { describe, expect, it } from 'vitest';
import { type CodeMigration, hasDown, runsInTransaction, type SqlMigration } from './migration.ts';

const part = { sql: 'SELECT 1;', checksum: 'c', file: '001_a.sql', line: 1, options: { transaction: true } };
const sql: SqlMigration = {
  kind: 'sql',
  version: 1,
  versionText: '001',
  name: 'a',
  id: '001_a',
  file: '001_a.sql',
  checksum: 'c',
  fileChecksum: 'f',
  up: part,
  down: null,
};
const code: CodeMigration = {
  kind: 'code',
  version: 2,
  versionText: '002',
  name: 'b',
  id: '002_b',
  file: '002_b.ts',
  checksum: 'd',
  fileChecksum: 'g',
  extension: '.ts',
  module: null,
};

describe('hasDown / runsInTransaction', () => {
  it('reads SQL parts', () => {
    expect(hasDown(sql)).toBe(false);
    expect(hasDown({ ...sql, down: part })).toBe(true);
    expect(runsInTransaction({ ...sql, up: { ...part, options: { transaction: false } } })).toBe(false);
  });

  it('is unknown for code modules until loaded', () => {
    expect(hasDown(code)).toBeNull();
    expect(runsInTransaction(code)).toBe(true);
    expect(hasDown({ ...code, module: { hasDown: true, transaction: false } })).toBe(true);
    expect(runsInTransaction({ ...code, module: { hasDown: true, transaction: false } })).toBe(false);
  });
});
