import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyPlan } from './apply-plan.ts';
import type { History, HistoryRecord } from './history.ts';
import type { Migration, MigrationSet } from './migration.ts';
import { planBaseline } from './plan-baseline.ts';
import { planMigrate } from './plan-migrate.ts';
import { planRollback } from './plan-rollback.ts';
import { getStatus } from './status.ts';
import { codeMigration, historyOf, record, setOf, sqlMigration } from './testing/builders.ts';
import { validate } from './validate.ts';

const at = '2026-11-24T07:48:00Z';
// The planners are cheap: more runs find rarer shapes (orphans, half-applied rows, huge versions).
fc.configureGlobal({ numRuns: 300 });

// ---- Arbitraries: random sets (unique versions, small and huge) and random histories over them.

const versionArb = fc.oneof(
  fc.integer({ min: 1, max: 1200 }),
  fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
);

const migrationPropsArb = fc.record({
  version: versionArb,
  name: fc.stringMatching(/^[a-z][a-z0-9_]{0,10}$/),
  code: fc.boolean(),
  down: fc.boolean(),
  transaction: fc.boolean(),
  padding: fc.integer({ min: 0, max: 4 }),
});

/** A set of 0-10 migrations; `withDown: true` gives every one a down part. */
const setArb = (withDown: boolean | null = null): fc.Arbitrary<MigrationSet> =>
  fc.uniqueArray(migrationPropsArb, { maxLength: 10, selector: (props) => props.version }).map((all) =>
    setOf(
      ...all.map(({ version, name, code, down: maybeDown, transaction, padding }): Migration => {
        const down = withDown ?? maybeDown;
        const versionText = String(version).padStart(String(version).length + padding, '0');
        return code
          ? codeMigration(version, name, { down, transaction, versionText })
          : sqlMigration(version, name, { down, transaction, versionText });
      }),
    ),
  );

/** A consistent history: a random subset applied (some by the story's runner, without checksum), others maybe failed in a transaction. */
const cleanHistoryArb = (set: MigrationSet, prefixOnly: boolean): fc.Arbitrary<History> =>
  fc
    .tuple(
      fc.integer({ min: 0, max: set.migrations.length }),
      fc.array(fc.constantFrom('none', 'applied', 'legacy', 'failed'), {
        minLength: set.migrations.length,
        maxLength: set.migrations.length,
      }),
    )
    .map(([prefix, choices]) =>
      historyOf(
        ...set.migrations.flatMap((m, i): HistoryRecord[] => {
          const choice = prefixOnly
            ? i < prefix
              ? 'applied'
              : i === prefix
                ? choices[i]
                : 'none'
            : choices[i];
          if (choice === 'applied') return [record(m)];
          if (choice === 'legacy') return [record(m, { checksum: null, downChecksum: null })];
          if (choice === 'failed') return [record(m, { status: 'failed', errorMessage: 'boom' })];
          return [];
        }),
      ),
    );

/** Any history: every state, plus records whose file is gone. */
const messyHistoryArb = (set: MigrationSet): fc.Arbitrary<History> =>
  fc
    .tuple(
      // Weighted so that a fair share of histories is consistent enough to plan.
      fc.array(
        fc.oneof(
          { arbitrary: fc.constant('none'), weight: 8 },
          { arbitrary: fc.constant('applied'), weight: 8 },
          { arbitrary: fc.constant('legacy'), weight: 2 },
          { arbitrary: fc.constant('failed'), weight: 2 },
          { arbitrary: fc.constant('changed'), weight: 1 },
          { arbitrary: fc.constant('half'), weight: 1 },
        ),
        { minLength: set.migrations.length, maxLength: set.migrations.length },
      ),
      fc.oneof(
        { arbitrary: fc.constant([]), weight: 4 },
        {
          arbitrary: fc.uniqueArray(fc.tuple(versionArb, fc.boolean()), {
            maxLength: 3,
            selector: ([v]) => v,
          }),
          weight: 1,
        },
      ),
    )
    .map(([choices, extra]) => {
      const inSet = new Set(set.migrations.map((m) => m.version));
      const records = set.migrations.flatMap((m, i): HistoryRecord[] => {
        const choice = choices[i];
        if (choice === 'applied') return [record(m)];
        if (choice === 'legacy') return [record(m, { checksum: null })];
        if (choice === 'changed') return [record(m, { checksum: 'edited' })];
        if (choice === 'failed') return [record(m, { status: 'failed' })];
        if (choice === 'half') return [record(m, { status: 'failed', transactional: false })];
        return [];
      });
      const orphans = extra
        .filter(([v]) => !inSet.has(v))
        .map(([v, failed]) => record(v, failed ? { status: 'failed', transactional: false } : {}));
      return historyOf(...records, ...orphans);
    });

const withClean = (prefixOnly: boolean, withDown: boolean | null = null) =>
  setArb(withDown).chain((set) => fc.tuple(fc.constant(set), cleanHistoryArb(set, prefixOnly)));
const messy = (withDown: boolean | null = null) =>
  setArb(withDown).chain((set) => fc.tuple(fc.constant(set), messyHistoryArb(set)));
const withMessy = messy();

function ascending(versions: readonly number[]): boolean {
  return versions.every((v, i) => i === 0 || (versions[i - 1] ?? v) < v);
}
function appliedVersions(history: History): number[] {
  return history.records.filter((r) => r.status === 'success').map((r) => r.version);
}

// ---- Properties

describe('planner properties', () => {
  it('migrate, then status shows nothing pending and nothing wrong', () => {
    fc.assert(
      fc.property(withClean(false), ([set, history]) => {
        const plan = planMigrate(set, history, { allowOutOfOrder: true });
        if (!plan.ok) throw new Error(plan.problems.map((p) => p.message).join('\n'));
        const versions = plan.value.steps.map((s) => s.migration.version);
        expect(ascending(versions)).toBe(true);
        expect(versions.every((v) => !appliedVersions(history).includes(v))).toBe(true);
        const after = applyPlan(history, plan.value, at, 1);
        const status = getStatus(set, after);
        expect(status.counts.applied).toBe(set.migrations.length);
        expect(status.migrations).toHaveLength(set.migrations.length);
        expect(status.problems).toEqual([]);
        expect(status.checksumFills).toEqual([]);
        expect(status.currentVersion).toBe(set.migrations.at(-1)?.version ?? null);
      }),
    );
  });

  it('migrate without options never skips an older pending migration', () => {
    fc.assert(
      fc.property(withMessy, ([set, history]) => {
        const plan = planMigrate(set, history);
        if (!plan.ok) {
          expect(plan.problems.length).toBeGreaterThan(0);
          return;
        }
        expect(ascending(plan.value.steps.map((s) => s.migration.version))).toBe(true);
        const status = getStatus(set, applyPlan(history, plan.value, at));
        const left = status.migrations.filter((m) => m.state.startsWith('pending') || m.state === 'failed');
        // Only failed attempts whose file is gone (nothing to run) may remain.
        expect(left.every((m) => m.state === 'failed' && m.migration === null)).toBe(true);
      }),
    );
  });

  it('rollback N, then migrate, returns to the same applied set', () => {
    const arb = withClean(true, true).chain(([set, history]) =>
      fc.tuple(
        fc.constant(set),
        fc.constant(history),
        fc.integer({ min: 1, max: Math.max(1, history.records.length) }),
      ),
    );
    fc.assert(
      fc.property(arb, ([set, history, count]) => {
        const applied = appliedVersions(history);
        const rollback = planRollback(set, history, { count });
        if (count > applied.length) {
          expect(rollback.ok).toBe(false);
          return;
        }
        if (!rollback.ok) throw new Error(rollback.problems.map((p) => p.message).join('\n'));
        const reverted = rollback.value.steps.map((s) => s.migration.version);
        expect(reverted).toEqual([...applied].sort((a, b) => b - a).slice(0, count));
        const down = applyPlan(history, rollback.value, at);
        const migrate = planMigrate(set, down, { to: Math.max(...applied) });
        if (!migrate.ok) throw new Error(migrate.problems.map((p) => p.message).join('\n'));
        expect(migrate.value.steps.map((s) => s.migration.version)).toEqual([...reverted].reverse());
        expect(appliedVersions(applyPlan(down, migrate.value, at))).toEqual(applied);
      }),
    );
  });

  it('rollback { count } returns exactly count steps, newest first, or problems', () => {
    fc.assert(
      fc.property(messy(true), fc.integer({ min: -1, max: 6 }), ([set, history], count) => {
        const result = planRollback(set, history, { count });
        if (!result.ok) {
          expect(result.problems.length).toBeGreaterThan(0);
          return;
        }
        const versions = result.value.steps.map((s) => s.migration.version);
        expect(versions).toHaveLength(count);
        expect(ascending([...versions].reverse())).toBe(true);
      }),
    );
  });

  it('rollback { to: 0 } then nothing is applied', () => {
    fc.assert(
      fc.property(withClean(false, true), ([set, history]) => {
        const result = planRollback(set, history, { to: 0 });
        if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
        expect(appliedVersions(applyPlan(history, result.value, at))).toEqual([]);
      }),
    );
  });

  it('status has one row per version, sorted numerically, and counts that sum to the rows', () => {
    fc.assert(
      fc.property(withMessy, ([set, history]) => {
        const status = getStatus(set, history);
        const versions = new Set([...set.migrations, ...history.records].map((x) => x.version));
        expect(status.migrations).toHaveLength(versions.size);
        expect(ascending(status.migrations.map((m) => m.version))).toBe(true);
        expect(Object.values(status.counts).reduce((a, b) => a + b, 0)).toBe(versions.size);
        expect(status.problems).toEqual(validate(set, history));
      }),
    );
  });

  it('baseline V leaves nothing pending up to V', () => {
    const arb = withMessy
      .filter(([set]) => set.migrations.length > 0)
      .chain(([set, history]) =>
        fc.tuple(
          fc.constant(set),
          fc.constant(history),
          fc.constantFrom(...set.migrations.map((m) => m.version)),
        ),
      );
    fc.assert(
      fc.property(arb, ([set, history, version]) => {
        const result = planBaseline(set, history, version);
        if (!result.ok) return;
        expect(ascending(result.value.steps.map((s) => s.migration.version))).toBe(true);
        const status = getStatus(set, applyPlan(history, result.value, at));
        const open = status.migrations.filter(
          (m) => m.version <= version && m.migration !== null && m.record === null,
        );
        expect(open).toEqual([]);
        expect(status.currentVersion).toBe(version);
      }),
    );
  });
});
