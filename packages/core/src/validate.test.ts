import { describe, expect, it } from 'vitest';
import { EMPTY_HISTORY } from './history.ts';
import { appliedHistory, historyOf, record, setOf, sqlMigration } from './testing/builders.ts';
import { validate } from './validate.ts';

const m1 = sqlMigration(1, 'a');
const m2 = sqlMigration(2, 'b');
const m3 = sqlMigration(3, 'add_email');

describe('validate', () => {
  it('finds nothing wrong in a consistent history', () => {
    expect(validate(setOf(m1, m2, m3), EMPTY_HISTORY)).toEqual([]);
    expect(validate(setOf(m1, m2, m3), appliedHistory(m1, m2))).toEqual([]);
  });

  it('reports every problem, in version order', () => {
    const history = historyOf(
      record(m1, { status: 'failed', transactional: false, errorMessage: 'boom' }),
      record(m3, { checksum: 'as applied' }),
      record(4, { migrationName: '004_gone' }),
    );
    expect(validate(setOf(m1, m2, m3), history).map((p) => p.message)).toEqual([
      'Migration 1 (001_a) failed outside a transaction and may be half-applied.',
      'Migration 2 (002_b.sql) is pending but the newer version 4 is already applied.',
      'Migration 3 (003_add_email.sql) was changed after it was applied.',
      'Migration 4 (004_gone) is recorded as applied but its file is missing.',
    ]);
  });

  it('does not compare the checksum of a failed attempt, nor of a row that never had one', () => {
    const history = historyOf(
      record(m1, { checksum: null }),
      record(m2, { status: 'failed', checksum: 'old' }),
    );
    expect(validate(setOf(m1, m2), history)).toEqual([]);
  });
});
