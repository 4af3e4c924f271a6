import { describe, expect, it } from 'vitest';
import { EMPTY_HISTORY } from './history.ts';
import type { RollbackPlan } from './plan.ts';
import { planRollback } from './plan-rollback.ts';
import type { PlanProblem } from './problems.ts';
import type { Result } from './result.ts';
import { appliedHistory, codeMigration, historyOf, record, setOf, sqlMigration } from './testing/builders.ts';

const m1 = sqlMigration(1, 'create_users', { down: true });
const m2 = sqlMigration(2, 'add_email', { down: true });
const m3 = codeMigration(3, 'backfill', { down: true });
const m10 = sqlMigration(10, 'ten', { down: true });
const set = setOf(m1, m2, m3, m10);
const all = appliedHistory(m1, m2, m3, m10);

function versions(result: Result<RollbackPlan, PlanProblem>): number[] {
  if (!result.ok) throw new Error(`expected a plan, got ${result.problems.map((p) => p.code).join(', ')}`);
  return result.value.steps.map((s) => s.migration.version);
}

function codes(result: Result<RollbackPlan, PlanProblem>): string[] {
  return result.ok ? [] : result.problems.map((p) => p.code);
}

describe('planRollback', () => {
  it('undoes the latest N applied migrations, newest first (numerically)', () => {
    const result = planRollback(set, all, { count: 2 });
    expect(versions(result)).toEqual([10, 3]);
    expect(result).toMatchObject({ ok: true, value: { kind: 'rollback', warnings: [], targetVersion: 2 } });
    if (result.ok)
      expect(result.value.steps[0]).toEqual({ kind: 'revert', migration: m10, record: record(m10) });
  });

  it('ignores failed transactional attempts', () => {
    const history = historyOf(record(m1), record(m2), record(m3, { status: 'failed' }));
    expect(versions(planRollback(set, history, { count: 1 }))).toEqual([2]);
  });

  it('rolls everything back with count = applied, leaving no version', () => {
    const result = planRollback(set, all, { count: 4 });
    expect(versions(result)).toEqual([10, 3, 2, 1]);
    expect(result.ok && result.value.targetVersion).toBeNull();
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses the count %s', (count) => {
    expect(codes(planRollback(set, all, { count }))).toEqual(['invalid_count']);
  });

  it('refuses a count larger than what is applied, never rolling back fewer', () => {
    const result = planRollback(set, appliedHistory(m1, m2), { count: 5 });
    expect(result).toEqual({
      ok: false,
      problems: [expect.objectContaining({ code: 'count_exceeds_applied', count: 5, applied: 2 })],
    });
    expect(codes(planRollback(set, EMPTY_HISTORY, { count: 1 }))).toEqual(['count_exceeds_applied']);
  });

  it('undoes every applied migration above `to`', () => {
    expect(versions(planRollback(set, all, { to: 2 }))).toEqual([10, 3]);
    expect(versions(planRollback(set, all, { to: 10 }))).toEqual([]);
  });

  it('undoes everything with `to: 0`, even with nothing applied', () => {
    expect(versions(planRollback(set, all, { to: 0 }))).toEqual([10, 3, 2, 1]);
    expect(versions(planRollback(set, EMPTY_HISTORY, { to: 0 }))).toEqual([]);
  });

  it('refuses a `to` that is not applied, or above the current version', () => {
    const history = appliedHistory(m1, m3);
    expect(codes(planRollback(set, history, { to: 2 }))).toEqual(['unknown_target']);
    expect(codes(planRollback(set, history, { to: -1 }))).toEqual(['unknown_target']);
    expect(planRollback(set, history, { to: 10 })).toEqual({
      ok: false,
      problems: [expect.objectContaining({ code: 'target_ahead', target: 10, currentVersion: 3 })],
    });
    expect(codes(planRollback(set, EMPTY_HISTORY, { to: 1 }))).toEqual(['target_ahead']);
  });

  it('refuses migrations in range without a down, file, unchanged up part or loaded module', () => {
    const noDown = sqlMigration(4, 'no_down');
    const unloaded = codeMigration(5, 'unloaded', { loaded: false });
    const changed = sqlMigration(6, 'changed', { down: true });
    const history = historyOf(
      record(m1),
      record(noDown),
      record(unloaded),
      record(changed, { checksum: 'as applied' }),
      record(7, { migrationName: '007_gone' }),
    );
    const result = planRollback(setOf(m1, noDown, unloaded, changed), history, { count: 4 });
    expect(result.ok ? [] : result.problems.map((p) => [p.code, 'version' in p && p.version])).toEqual([
      ['missing_file', 7],
      ['checksum_mismatch', 6],
      ['module_not_loaded', 5],
      ['no_down', 4],
    ]);
  });

  it('ignores problems outside the range', () => {
    const history = historyOf(record(sqlMigration(1, 'create_users'), { checksum: 'edited' }), record(m2));
    expect(versions(planRollback(setOf(sqlMigration(1, 'create_users'), m2), history, { count: 1 }))).toEqual(
      [2],
    );
  });

  it('accepts a row without a checksum in range', () => {
    expect(versions(planRollback(set, historyOf(record(m1, { checksum: null })), { count: 1 }))).toEqual([1]);
  });

  it('refuses while a failed non-transactional record exists anywhere, collecting all problems', () => {
    const history = historyOf(record(m1), record(m10, { status: 'failed', transactional: false }));
    expect(codes(planRollback(set, history, { count: 1 }))).toEqual(['needs_repair']);
    expect(codes(planRollback(set, history, { count: 3 }))).toEqual([
      'needs_repair',
      'count_exceeds_applied',
    ]);
    expect(codes(planRollback(set, history, { to: 5 }))).toEqual(['needs_repair', 'target_ahead']);
  });

  it('warns (does not refuse) when a SQL down part in range changed after it was applied', () => {
    const history = historyOf(
      record(m1, { downChecksum: 'as-applied' }),
      record(m2, { downChecksum: 'old' }),
    );
    const result = planRollback(set, history, { count: 2 });
    expect(versions(result)).toEqual([2, 1]);
    if (!result.ok) return;
    expect(result.value.warnings.map((w) => [w.code, 'version' in w ? w.version : null])).toEqual([
      ['down_changed', 2],
      ['down_changed', 1],
    ]);
    expect(result.value.warnings[1]).toMatchObject({
      file: '001_create_users.sql',
      recorded: 'as-applied',
      actual: m1.down?.checksum,
      message:
        'The down part of migration 1 (001_create_users.sql) was changed after the migration was applied: the rollback runs it as it is now.',
    });
    // Only the range counts: rolling back 2 alone says nothing about 1.
    const one = planRollback(set, history, { count: 1 });
    expect(one.ok && one.value.warnings.map((w) => w.code)).toEqual(['down_changed']);
  });

  it('does not warn for an unchanged down part, a row recorded without one, or a code migration', () => {
    const history = historyOf(
      record(m1),
      record(m2, { downChecksum: null }),
      record(m3, { downChecksum: 'anything' }),
      record(m10),
    );
    const result = planRollback(set, history, { to: 0 });
    expect(versions(result)).toEqual([10, 3, 2, 1]);
    expect(result.ok && result.value.warnings).toEqual([]);
  });

  it('names the .down.sql file when the down part lives there', () => {
    const split = sqlMigration(4, 'split', { down: true });
    const withFile = { ...split, down: split.down && { ...split.down, file: '004_split.down.sql' } };
    const result = planRollback(setOf(withFile), historyOf(record(split, { downChecksum: 'old' })), {
      count: 1,
    });
    expect(result.ok && result.value.warnings[0]).toMatchObject({
      code: 'down_changed',
      file: '004_split.down.sql',
    });
  });
});
