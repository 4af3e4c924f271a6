import { describe, expect, it } from 'vitest';
import { applyPlan, stepOutcome } from './apply-plan.ts';
import { EMPTY_HISTORY } from './history.ts';
import type { Plan } from './plan.ts';
import { planBaseline } from './plan-baseline.ts';
import { planMigrate } from './plan-migrate.ts';
import { planRollback } from './plan-rollback.ts';
import type { PlanProblem } from './problems.ts';
import type { Result } from './result.ts';
import { codeMigration, historyOf, record, setOf, sqlMigration } from './testing/builders.ts';

const at = '2026-11-24T07:48:00Z';
const m1 = sqlMigration(1, 'a', { down: true });
const m2 = codeMigration(2, 'b', { down: true, transaction: false });
const m3 = sqlMigration(3, 'c', { down: true });
const set = setOf(m1, m2, m3);

function plan<T extends Plan>(result: Result<T, PlanProblem>): T {
  if (!result.ok) throw new Error(result.problems.map((p) => p.code).join(', '));
  return result.value;
}

describe('applyPlan', () => {
  it('records applied migrations with their checksums and one event each', () => {
    const history = applyPlan(EMPTY_HISTORY, plan(planMigrate(set, EMPTY_HISTORY)), at, 0);
    expect(history.records).toEqual([
      { ...record(m1), appliedAt: at, durationMs: 0 },
      { ...record(m2), appliedAt: at, durationMs: 0, transactional: false },
      { ...record(m3), appliedAt: at, durationMs: 0 },
    ]);
    expect(history.events.map((e) => [e.id, e.kind, e.version, e.durationMs, e.checksum, e.detail])).toEqual([
      [1, 'applied', 1, 0, m1.checksum, null],
      [2, 'applied', 2, 0, m2.checksum, null],
      [3, 'applied', 3, 0, m3.checksum, null],
    ]);
  });

  it('replaces a failed record on retry, keeping its stored version text', () => {
    const failed = historyOf(record(m1, { status: 'failed', versionText: '1', errorMessage: 'boom' }));
    const history = applyPlan(failed, plan(planMigrate(set, failed, { to: 1 })), at);
    expect(history.records).toEqual([{ ...record(m1), versionText: '1', appliedAt: at, durationMs: null }]);
    expect(history.events[0]).toMatchObject({
      kind: 'applied',
      versionText: '1',
      detail: 'retried after a failed attempt',
    });
  });

  it('notes out-of-order applies', () => {
    const start = historyOf(record(m1), record(m3));
    const history = applyPlan(start, plan(planMigrate(set, start, { allowOutOfOrder: true })), at);
    expect(history.events.map((e) => [e.version, e.detail])).toEqual([[2, 'applied out of order']]);
  });

  it('fills missing checksums first, with an event', () => {
    const legacy = { ...historyOf(record(m1, { checksum: null, downChecksum: null })), events: [] };
    const history = applyPlan(legacy, plan(planMigrate(set, legacy, { to: 1 })), at);
    expect(history.records).toEqual([record(m1)]);
    expect(history.events).toEqual([
      {
        id: 1,
        at,
        kind: 'checksum_recorded',
        version: 1,
        versionText: '001',
        migrationName: '001_a',
        durationMs: null,
        checksum: m1.checksum,
        error: null,
        stack: null,
        detail: 'the row was written without a checksum',
        schemaFingerprint: null,
      },
    ]);
  });

  it('ignores a checksum fill for a version without a record', () => {
    const fill = { version: 9, versionText: '009', checksum: 'x', downChecksum: null, fileChecksum: 'f' };
    const history = applyPlan(
      EMPTY_HISTORY,
      { kind: 'baseline', steps: [], checksumFills: [fill], targetVersion: 9 },
      at,
    );
    expect(history).toEqual(EMPTY_HISTORY);
  });

  it('removes rolled-back records, continuing the event ids', () => {
    const start = applyPlan(EMPTY_HISTORY, plan(planMigrate(set, EMPTY_HISTORY)), at, 5);
    const history = applyPlan(start, plan(planRollback(set, start, { count: 2 })), at, 7);
    expect(history.records.map((r) => r.version)).toEqual([1]);
    expect(history.events.slice(3).map((e) => [e.id, e.kind, e.version, e.durationMs])).toEqual([
      [4, 'rolled_back', 3, 7],
      [5, 'rolled_back', 2, 7],
    ]);
  });

  it('records baselined migrations without a duration, replacing failed attempts', () => {
    const start = historyOf(record(m1, { status: 'failed' }));
    const history = applyPlan(start, plan(planBaseline(set, start, 2)), at, 99);
    expect(history.records.map((r) => [r.version, r.status, r.durationMs])).toEqual([
      [1, 'success', null],
      [2, 'success', null],
    ]);
    expect(history.events.map((e) => [e.kind, e.detail])).toEqual([
      ['baselined', 'replaced a failed attempt'],
      ['baselined', null],
    ]);
  });

  it('throws on an unknown step kind (a bug)', () => {
    const bogus = { kind: 'migrate', steps: [{ kind: 'squash', migration: m1 }], checksumFills: [] } as never;
    expect(() => applyPlan(EMPTY_HISTORY, bogus, at)).toThrow('Unexpected step kind');
  });
});

describe('stepOutcome', () => {
  it('is what applyPlan applies for each step: the record after it and the event, without an id', () => {
    const failed = historyOf(record(m1, { status: 'failed', versionText: '1' }));
    const migrate = plan(planMigrate(set, failed));
    let history = failed;
    for (const step of migrate.steps) {
      const previous = history.records.find((r) => r.version === step.migration.version);
      const { record: after, event } = stepOutcome(step, previous, at, 4);
      history = applyPlan(history, { ...migrate, steps: [step] }, at, 4);
      expect(history.records.find((r) => r.version === step.migration.version)).toEqual(after);
      const { id, ...appended } = history.events.at(-1) ?? { id: 0 };
      expect([id, appended]).toEqual([history.events.length, event]);
    }
    expect(history.events.map((e) => e.detail)).toEqual(['retried after a failed attempt', null, null]);
  });

  it('removes the record of a reverted step and says rolled_back with the stored names', () => {
    const start = applyPlan(EMPTY_HISTORY, plan(planMigrate(set, EMPTY_HISTORY)), at, 5);
    const [revert] = plan(planRollback(set, start, { count: 1 })).steps;
    if (revert === undefined) throw new Error('no revert step');
    const outcome = stepOutcome(revert, start.records.at(-1), at, 2);
    expect(outcome.record).toBeNull();
    expect(outcome.event).toMatchObject({
      kind: 'rolled_back',
      version: 3,
      durationMs: 2,
      schemaFingerprint: null,
    });
  });
});
