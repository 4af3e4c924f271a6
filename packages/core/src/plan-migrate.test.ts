import { describe, expect, it } from 'vitest';
import { EMPTY_HISTORY } from './history.ts';
import type { MigratePlan } from './plan.ts';
import { planMigrate } from './plan-migrate.ts';
import type { PlanProblem } from './problems.ts';
import type { Result } from './result.ts';
import { appliedHistory, codeMigration, historyOf, record, setOf, sqlMigration } from './testing/builders.ts';

const m1 = sqlMigration(1, 'create_users');
const m2 = sqlMigration(2, 'add_email');
const m3 = codeMigration(3, 'backfill');
const m9 = sqlMigration(9, 'nine');
const m10 = sqlMigration(10, 'ten');
const set = setOf(m1, m2, m3);

function plan(result: Result<MigratePlan, PlanProblem>): MigratePlan {
  if (!result.ok) throw new Error(`expected a plan, got ${result.problems.map((p) => p.code).join(', ')}`);
  return result.value;
}

function codes(result: Result<MigratePlan, PlanProblem>): string[] {
  return result.ok ? [] : result.problems.map((p) => p.code);
}

describe('planMigrate', () => {
  it('applies every pending migration in order on an empty database', () => {
    const value = plan(planMigrate(set, EMPTY_HISTORY));
    expect(value.steps).toEqual([
      { kind: 'apply', migration: m1, retry: false, outOfOrder: false },
      { kind: 'apply', migration: m2, retry: false, outOfOrder: false },
      { kind: 'apply', migration: m3, retry: false, outOfOrder: false },
    ]);
    expect(value).toMatchObject({ kind: 'migrate', warnings: [], checksumFills: [], targetVersion: 3 });
  });

  it('compares versions as numbers: 9 runs before 10', () => {
    const value = plan(planMigrate(setOf(m10, m9), EMPTY_HISTORY));
    expect(value.steps.map((s) => s.migration.version)).toEqual([9, 10]);
  });

  it('is up to date when everything is applied', () => {
    const value = plan(planMigrate(set, appliedHistory(m1, m2, m3)));
    expect(value.steps).toEqual([]);
    expect(value.targetVersion).toBe(3);
  });

  it('returns a null target version when there is nothing at all', () => {
    expect(plan(planMigrate(setOf(), EMPTY_HISTORY)).targetVersion).toBeNull();
  });

  it('retries a failed transactional attempt', () => {
    const history = historyOf(record(m1), record(m2, { status: 'failed', errorMessage: 'syntax error' }));
    const value = plan(planMigrate(set, history));
    expect(value.steps.map((s) => [s.migration.version, s.retry])).toEqual([
      [2, true],
      [3, false],
    ]);
  });

  it('warns about a failed attempt whose file is gone, and plans the rest', () => {
    const removed = sqlMigration(4, 'orphans');
    const history = historyOf(record(m1), record(removed, { status: 'failed', errorMessage: 'boom' }));
    const value = plan(planMigrate(set, history));
    expect(value.steps.map((s) => s.migration.version)).toEqual([2, 3]);
    expect(value.warnings).toEqual([
      expect.objectContaining({
        code: 'failed_file_missing',
        version: 4,
        migrationName: '004_orphans',
        error: 'boom',
      }),
    ]);
    expect(value.warnings[0]?.hint).toContain('gao-db repair mark-rolled-back 4');
    // Outside a transaction it may be half-applied: that stays a refusal, not a warning.
    const halfApplied = historyOf(record(m1), record(removed, { status: 'failed', transactional: false }));
    expect(codes(planMigrate(set, halfApplied))).toEqual(['needs_repair']);
  });

  it('refuses a failed non-transactional attempt (needs_repair)', () => {
    const history = historyOf(record(m1), record(m2, { status: 'failed', transactional: false }));
    expect(codes(planMigrate(set, history))).toEqual(['needs_repair']);
  });

  it('refuses changed and missing applied migrations, collecting every problem', () => {
    const history = historyOf(record(m1, { checksum: 'edited' }), record(7, { migrationName: '007_gone' }));
    expect(codes(planMigrate(setOf(m1, m2, m3, m10), history))).toEqual([
      'checksum_mismatch',
      'out_of_order',
      'out_of_order',
      'missing_file',
    ]);
  });

  it('warns about changed migrations with allowChanged, but still refuses missing files', () => {
    const changed = historyOf(record(m1, { checksum: 'edited' }));
    const value = plan(planMigrate(set, changed, { allowChanged: true }));
    expect(value.warnings.map((w) => w.code)).toEqual(['checksum_mismatch']);
    expect(value.steps.map((s) => s.migration.version)).toEqual([2, 3]);
    const missing = historyOf(record(m1), record(7));
    expect(codes(planMigrate(set, missing, { allowChanged: true }))).toEqual([
      'out_of_order',
      'out_of_order',
      'missing_file',
    ]);
  });

  it('never skips an older pending migration: it is refused as out of order', () => {
    // The newest applied record must not hide migration 2 (the "newest timestamp" defect).
    const history = historyOf(record(m1), record(m3, { appliedAt: '2099-01-01 00:00:00' }));
    const result = planMigrate(set, history);
    expect(codes(result)).toEqual(['out_of_order']);
  });

  it('applies out-of-order migrations in version order with allowOutOfOrder', () => {
    const history = historyOf(record(m1), record(m10));
    const value = plan(planMigrate(setOf(m1, m2, m3, m10), history, { allowOutOfOrder: true }));
    expect(value.steps.map((s) => [s.migration.version, s.outOfOrder])).toEqual([
      [2, true],
      [3, true],
    ]);
    expect(value.warnings.map((w) => w.code)).toEqual(['out_of_order', 'out_of_order']);
    expect(value.targetVersion).toBe(10);
  });

  it('treats the retry of a failed attempt below the applied version as out of order', () => {
    const history = historyOf(record(m1), record(m2, { status: 'failed' }), record(m3));
    expect(codes(planMigrate(set, history))).toEqual(['out_of_order']);
    const value = plan(planMigrate(set, history, { allowOutOfOrder: true }));
    expect(value.steps).toEqual([{ kind: 'apply', migration: m2, retry: true, outOfOrder: true }]);
  });

  it('stops at `to`, inclusive', () => {
    const value = plan(planMigrate(set, EMPTY_HISTORY, { to: 2 }));
    expect(value.steps.map((s) => s.migration.version)).toEqual([1, 2]);
    expect(value.targetVersion).toBe(2);
  });

  it('is up to date when `to` is the current version', () => {
    expect(plan(planMigrate(set, appliedHistory(m1, m2), { to: 2 })).steps).toEqual([]);
  });

  it('ignores out-of-order work above `to`', () => {
    const history = historyOf(record(m1), record(m10));
    const value = plan(planMigrate(setOf(m1, m2, m3, m10), history, { to: 2, allowOutOfOrder: true }));
    expect(value.steps.map((s) => s.migration.version)).toEqual([2]);
    expect(value.warnings.map((w) => 'version' in w && w.version)).toEqual([2]);
    expect(codes(planMigrate(setOf(m1, m2, m3, m10), history, { to: 2 }))).toEqual(['out_of_order']);
  });

  it('refuses a `to` that is not a version of the set', () => {
    const result = planMigrate(set, EMPTY_HISTORY, { to: 4 });
    expect(result).toEqual({
      ok: false,
      problems: [expect.objectContaining({ code: 'unknown_target', target: 4 })],
    });
  });

  it('refuses a `to` behind the current version with nothing pending below it', () => {
    const result = planMigrate(set, appliedHistory(m1, m2, m3), { to: 1 });
    expect(result).toEqual({
      ok: false,
      problems: [expect.objectContaining({ code: 'target_behind', target: 1, currentVersion: 3 })],
    });
  });

  it('includes checksum fills for rows written without a checksum', () => {
    const value = plan(planMigrate(set, historyOf(record(m1, { checksum: null }))));
    expect(value.checksumFills).toEqual([
      {
        version: 1,
        versionText: '001',
        checksum: m1.checksum,
        downChecksum: null,
        fileChecksum: m1.fileChecksum,
      },
    ]);
  });
});
