import { describe, expect, it } from 'vitest';
import { EMPTY_HISTORY } from './history.ts';
import type { BaselinePlan } from './plan.ts';
import { planBaseline } from './plan-baseline.ts';
import type { PlanProblem } from './problems.ts';
import type { Result } from './result.ts';
import { appliedHistory, historyOf, record, setOf, sqlMigration } from './testing/builders.ts';

const m1 = sqlMigration(1, 'm1');
const m2 = sqlMigration(2, 'm2');
const m3 = sqlMigration(3, 'm3');
const m4 = sqlMigration(4, 'm4');
const set = setOf(m1, m2, m3, m4);

function value(result: Result<BaselinePlan, PlanProblem>): BaselinePlan {
  if (!result.ok) throw new Error(`expected a plan, got ${result.problems.map((p) => p.code).join(', ')}`);
  return result.value;
}

describe('planBaseline', () => {
  it('marks every migration up to V as applied, oldest first', () => {
    expect(value(planBaseline(set, EMPTY_HISTORY, 3))).toEqual({
      kind: 'baseline',
      steps: [
        { kind: 'baseline', migration: m1 },
        { kind: 'baseline', migration: m2 },
        { kind: 'baseline', migration: m3 },
      ],
      checksumFills: [],
      targetVersion: 3,
    });
  });

  it('keeps existing success records and replaces failed transactional ones', () => {
    const history = historyOf(record(m1, { checksum: null }), record(m2, { status: 'failed' }));
    const plan = value(planBaseline(set, history, 3));
    expect(plan.steps.map((s) => s.migration.version)).toEqual([2, 3]);
    expect(plan.checksumFills.map((f) => f.version)).toEqual([1]);
  });

  it('is empty when V is the current version', () => {
    expect(value(planBaseline(set, appliedHistory(m1, m2), 2)).steps).toEqual([]);
  });

  it('refuses a V that is not a version of the set', () => {
    expect(planBaseline(set, EMPTY_HISTORY, 7)).toEqual({
      ok: false,
      problems: [expect.objectContaining({ code: 'unknown_target', target: 7 })],
    });
  });

  it('refuses a V below the current version', () => {
    expect(planBaseline(set, appliedHistory(m1, m2, m3), 2)).toEqual({
      ok: false,
      problems: [expect.objectContaining({ code: 'target_behind', target: 2, currentVersion: 3 })],
    });
  });

  it('refuses while a record needs repair or pending work lies below the current version', () => {
    const history = historyOf(record(m1, { status: 'failed', transactional: false }), record(m3));
    const result = planBaseline(set, history, 4);
    expect(result.ok ? [] : result.problems.map((p) => p.code)).toEqual(['needs_repair', 'out_of_order']);
  });

  it('does not mind changed or missing applied migrations', () => {
    const history = historyOf(record(m1, { checksum: 'edited' }), record(2, { migrationName: '002_gone' }));
    expect(value(planBaseline(setOf(m1, m3), history, 3)).steps.map((s) => s.migration.version)).toEqual([3]);
  });
});
