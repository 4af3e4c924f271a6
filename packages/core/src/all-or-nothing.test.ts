import { describe, expect, it } from 'vitest';
import { allOrNothingProblems } from './all-or-nothing.ts';
import { EMPTY_HISTORY } from './history.ts';
import { partRunsInTransaction } from './migration.ts';
import { planMigrate } from './plan-migrate.ts';
import { planRollback } from './plan-rollback.ts';
import { appliedHistory, codeMigration, setOf, sqlMigration } from './testing/builders.ts';

const plain = sqlMigration(1, 'create_users', { down: true });
const vacuum = sqlMigration(2, 'vacuum', { transaction: false, down: true });
const outsideDown = sqlMigration(3, 'journal', { down: true, downTransaction: false });
const codeOutside = codeMigration(4, 'backfill', { transaction: false, down: true });
const code = codeMigration(5, 'seed', { down: true });

describe('partRunsInTransaction', () => {
  it('reads the SQL marker option of each direction, and the code module export for both', () => {
    expect([partRunsInTransaction(plain, 'up'), partRunsInTransaction(plain, 'down')]).toEqual([true, true]);
    expect([partRunsInTransaction(vacuum, 'up'), partRunsInTransaction(vacuum, 'down')]).toEqual([
      false,
      true,
    ]);
    expect([partRunsInTransaction(outsideDown, 'up'), partRunsInTransaction(outsideDown, 'down')]).toEqual([
      true,
      false,
    ]);
    expect([partRunsInTransaction(codeOutside, 'up'), partRunsInTransaction(codeOutside, 'down')]).toEqual([
      false,
      false,
    ]);
    expect(partRunsInTransaction(sqlMigration(6, 'no_down'), 'down')).toBe(true);
  });
});

describe('allOrNothingProblems', () => {
  it('names every part marked transaction:false, with its file and direction', () => {
    const problems = allOrNothingProblems([plain, vacuum, codeOutside, code], 'up');
    expect(problems.map((p) => [p.code, p.version, p.file, p.direction])).toEqual([
      ['transaction_false_in_all_or_nothing', 2, '002_vacuum.sql', 'up'],
      ['transaction_false_in_all_or_nothing', 4, '004_backfill.ts', 'up'],
    ]);
    expect(problems[0]?.message).toBe(
      'Migration 2 (002_vacuum.sql) runs its up part outside a transaction (transaction:false), so it cannot be part of an all-or-nothing run.',
    );
    expect(problems[0]?.hint).toContain('`gao-db migrate --to 2` without --all-or-nothing');
  });

  it('points a down part to a rollback that splits the run', () => {
    const [problem] = allOrNothingProblems([outsideDown], 'down');
    expect(problem).toMatchObject({ version: 3, file: '003_journal.sql', direction: 'down' });
    expect(problem?.hint).toContain('`gao-db rollback --to` a version below 3');
  });
});

describe('planMigrate with allOrNothing', () => {
  const set = setOf(plain, vacuum, code);

  it('refuses a plan holding a transaction:false up part, and only then', () => {
    const refused = planMigrate(set, EMPTY_HISTORY, { allOrNothing: true });
    expect(
      refused.ok ? [] : refused.problems.map((p) => `${p.code}:${'version' in p ? p.version : ''}`),
    ).toEqual(['transaction_false_in_all_or_nothing:2']);
    expect(planMigrate(set, EMPTY_HISTORY).ok).toBe(true);
    // Up to a version before it, the run holds only transactional parts.
    const before = planMigrate(set, EMPTY_HISTORY, { allOrNothing: true, to: 1 });
    expect(before.ok && before.value.steps.map((s) => s.migration.version)).toEqual([1]);
  });

  it('does not look at parts already applied', () => {
    const result = planMigrate(set, appliedHistory(plain, vacuum), { allOrNothing: true });
    expect(result.ok && result.value.steps.map((s) => s.migration.version)).toEqual([5]);
  });
});

describe('planRollback with allOrNothing', () => {
  const set = setOf(plain, vacuum, outsideDown, code);
  const history = appliedHistory(plain, vacuum, outsideDown, code);

  it('refuses a range holding a transaction:false down part', () => {
    const refused = planRollback(set, history, { count: 2 }, { allOrNothing: true });
    expect(refused.ok ? [] : refused.problems.map((p) => p.code)).toEqual([
      'transaction_false_in_all_or_nothing',
    ]);
    expect(planRollback(set, history, { count: 2 }).ok).toBe(true);
  });

  it('allows a range whose up parts ran outside a transaction but whose down parts do not', () => {
    const result = planRollback(set, history, { to: 1 }, { allOrNothing: true });
    expect(result.ok ? [] : result.problems.map((p) => ('version' in p ? p.version : null))).toEqual([3]);
    const above = planRollback(set, history, { count: 1 }, { allOrNothing: true });
    expect(above.ok && above.value.steps.map((s) => s.migration.version)).toEqual([5]);
  });
});
