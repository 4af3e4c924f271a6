import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMPTY_HISTORY, type History } from './history.ts';
import { highestApplied, isPendingWork, matchHistory } from './match-history.ts';
import type { MigrationSet } from './migration.ts';
import { historyOf, record, setOf, sqlMigration } from './testing/builders.ts';

/** The obvious definition: every version of either side once, with what each side holds, by version. */
function reference(set: MigrationSet, history: History) {
  const versions = [...new Set([...set.migrations, ...history.records].map((x) => x.version))];
  return versions
    .sort((a, b) => a - b)
    .map((version) => ({
      version,
      migration: set.migrations.find((m) => m.version === version) ?? null,
      record: history.records.find((r) => r.version === version) ?? null,
    }));
}

describe('matchHistory', () => {
  it('pairs files and records by numeric version', () => {
    const big = sqlMigration(9_007_199_254_740_991, 'max', { versionText: '9007199254740991' });
    const m2 = sqlMigration(2, 'b');
    const rows = matchHistory(setOf(big, m2), historyOf(record(m2), record(1000)));
    expect(rows.map((r) => [r.version, r.migration !== null, r.record !== null])).toEqual([
      [2, true, true],
      [1000, false, true],
      [9_007_199_254_740_991, true, false],
    ]);
  });

  it('gives the same rows as the obvious definition, whatever the order of the inputs', () => {
    const versions = fc.uniqueArray(fc.integer({ min: 1, max: 40 }), { maxLength: 12 });
    fc.assert(
      fc.property(versions, versions, fc.boolean(), (files, records, shuffle) => {
        const migrations = files.map((v) => sqlMigration(v, `m${v}`));
        const set = { migrations: shuffle ? migrations : setOf(...migrations).migrations, ignored: [] };
        const history = { records: records.map((v) => record(v)), events: [] };
        expect(matchHistory(set, history)).toEqual(reference(set, history));
      }),
    );
  });

  it('throws on duplicate versions (a bug upstream)', () => {
    const [one, two] = [sqlMigration(1, 'a'), sqlMigration(2, 'b')];
    // Not adjacent: the set is out of order.
    expect(() =>
      matchHistory({ migrations: [one, two, sqlMigration(1, 'c')], ignored: [] }, EMPTY_HISTORY),
    ).toThrow('The migration set holds version 1 twice.');
    const a = sqlMigration(1, 'a');
    expect(() => matchHistory({ migrations: [a, sqlMigration(1, 'b')], ignored: [] }, EMPTY_HISTORY)).toThrow(
      'The migration set holds version 1 twice.',
    );
    expect(() => matchHistory(setOf(a), { records: [record(a), record(a)], events: [] })).toThrow(
      'The history holds two records for version 1.',
    );
  });
});

describe('highestApplied / isPendingWork', () => {
  it('counts only success records', () => {
    expect(highestApplied(EMPTY_HISTORY)).toBeNull();
    expect(highestApplied(historyOf(record(3), record(9, { status: 'failed' }), record(5)))).toBe(5);
  });

  it('is work when there is no record or a failed transactional one', () => {
    const m = sqlMigration(1, 'a');
    expect(isPendingWork({ version: 1, migration: m, record: null })).toBe(true);
    expect(isPendingWork({ version: 1, migration: m, record: record(m, { status: 'failed' }) })).toBe(true);
    const halfApplied = record(m, { status: 'failed', transactional: false });
    expect(isPendingWork({ version: 1, migration: m, record: halfApplied })).toBe(false);
    expect(isPendingWork({ version: 1, migration: m, record: record(m) })).toBe(false);
    expect(isPendingWork({ version: 1, migration: null, record: record(1, { status: 'failed' }) })).toBe(
      false,
    );
  });
});
