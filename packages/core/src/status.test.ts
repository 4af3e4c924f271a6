import { describe, expect, it } from 'vitest';
import { EMPTY_HISTORY } from './history.ts';
import { getStatus } from './status.ts';
import { appliedHistory, historyOf, record, setOf, sqlMigration } from './testing/builders.ts';

const m1 = sqlMigration(1, 'create_users');
const m2 = sqlMigration(2, 'add_email');
const m3 = sqlMigration(3, 'add_index');
const m10 = sqlMigration(10, 'backfill');

describe('getStatus', () => {
  it('reports everything pending on an empty database', () => {
    const report = getStatus(setOf(m1, m2), EMPTY_HISTORY);
    expect(report.currentVersion).toBeNull();
    expect(report.migrations.map((m) => m.state)).toEqual(['pending', 'pending']);
    expect(report.counts).toEqual({
      applied: 0,
      pending: 2,
      pending_out_of_order: 0,
      failed: 0,
      changed: 0,
      missing: 0,
    });
    expect(report.problems).toEqual([]);
    expect(report.checksumFills).toEqual([]);
  });

  it('shows every state, sorted by numeric version', () => {
    const m1000 = sqlMigration(1000, 'late');
    const m999 = sqlMigration(999, 'early');
    const set = setOf(m1, m2, m3, m10, m999, m1000);
    const history = historyOf(
      record(m1),
      record(m3, { status: 'failed', errorMessage: 'boom' }),
      record(m10, { checksum: 'edited' }),
      record(m999),
      record(20, { migrationName: '020_dropped_table' }),
    );
    const report = getStatus(set, history);
    expect(report.migrations.map((m) => [m.version, m.state])).toEqual([
      [1, 'applied'],
      [2, 'pending_out_of_order'],
      [3, 'failed'],
      [10, 'changed'],
      [20, 'missing'],
      [999, 'applied'],
      [1000, 'pending'],
    ]);
    expect(report.currentVersion).toBe(999);
    expect(report.counts).toEqual({
      applied: 2,
      pending: 1,
      pending_out_of_order: 1,
      failed: 1,
      changed: 1,
      missing: 1,
    });
    expect(report.problems.map((p) => [p.code, 'version' in p ? p.version : null])).toEqual([
      ['out_of_order', 2],
      ['out_of_order', 3],
      ['checksum_mismatch', 10],
      ['missing_file', 20],
    ]);
  });

  it('describes a record without a file from the record', () => {
    const [row] = getStatus(
      setOf(),
      historyOf(record(7, { versionText: '7', migrationName: '7_drop_legacy' })),
    ).migrations;
    expect(row).toMatchObject({
      version: 7,
      versionText: '7',
      id: '7_drop_legacy',
      name: 'drop_legacy',
      file: null,
      state: 'missing',
      migration: null,
    });
    const [odd] = getStatus(setOf(), historyOf(record(8, { migrationName: 'legacy' }))).migrations;
    expect(odd).toMatchObject({ id: 'legacy', name: 'legacy' });
  });

  it('describes a migration from its file', () => {
    const [row] = getStatus(setOf(m1), appliedHistory(m1)).migrations;
    expect(row).toMatchObject({
      version: 1,
      versionText: '001',
      id: '001_create_users',
      name: 'create_users',
      file: '001_create_users.sql',
      state: 'applied',
      migration: m1,
      record: record(m1),
    });
  });

  it('accepts a row without a checksum and fills it in', () => {
    const withDown = sqlMigration(1, 'a', { down: true });
    const report = getStatus(
      setOf(withDown),
      historyOf(record(withDown, { checksum: null, versionText: '1' })),
    );
    expect(report.migrations[0]?.state).toBe('applied');
    expect(report.checksumFills).toEqual([
      {
        version: 1,
        versionText: '1',
        checksum: withDown.checksum,
        downChecksum: withDown.down?.checksum,
        fileChecksum: withDown.fileChecksum,
      },
    ]);
  });

  it('tells failed attempts apart by transaction', () => {
    const history = historyOf(
      record(m1, { status: 'failed', transactional: false }),
      record(5, { status: 'failed', transactional: false }),
      record(6, { status: 'failed', transactional: true }),
    );
    const report = getStatus(setOf(m1), history);
    expect(report.migrations.map((m) => [m.version, m.state])).toEqual([
      [1, 'failed'],
      [5, 'missing'],
      [6, 'failed'],
    ]);
    expect(report.currentVersion).toBeNull();
    expect(report.problems.map((p) => p.code)).toEqual(['needs_repair', 'needs_repair']);
  });

  it('lists the statements migrate would refuse in pending up parts, not in applied ones', () => {
    const vacuum = sqlMigration(1, 'vacuum', { up: 'VACUUM;' });
    const commit = sqlMigration(2, 'commit', { up: 'SELECT 1;\nCOMMIT;' });
    const pragma = sqlMigration(3, 'pragma', { up: 'PRAGMA foreign_keys = OFF;' });
    const status = getStatus(setOf(vacuum, commit, pragma), appliedHistory(vacuum));
    expect(status.problems.map((problem) => `${problem.code} ${problem.message}`)).toEqual([
      'transaction_control Migration 2 (002_commit.sql) runs COMMIT at line 3; gao-db runs each migration in its own transaction, so BEGIN, COMMIT, END, ROLLBACK, SAVEPOINT and RELEASE are not allowed in it.',
    ]);
  });

  it('passes the ignored files through', () => {
    const ignored = [{ file: 'README.md', reason: 'readme_or_doc' as const, message: 'docs' }];
    expect(getStatus({ migrations: [], ignored }, EMPTY_HISTORY).ignored).toEqual(ignored);
  });
});
