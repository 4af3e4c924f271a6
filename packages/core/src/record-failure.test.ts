import { describe, expect, it } from 'vitest';
import { EMPTY_HISTORY } from './history.ts';
import type { ApplyStep, RevertStep } from './plan.ts';
import { recordFailure } from './record-failure.ts';
import { codeMigration, historyOf, record, sqlMigration } from './testing/builders.ts';

const at = '2026-11-24T07:48:00Z';
const error = { message: 'no such table: users', stack: 'Error: no such table: users\n    at up' };

function apply(migration: ApplyStep['migration'], retry = false): ApplyStep {
  return { kind: 'apply', migration, retry, outOfOrder: false };
}

describe('recordFailure', () => {
  it('records a failed apply with its transaction mode, and an event', () => {
    const m = sqlMigration(1, 'a', { transaction: false });
    const history = recordFailure(EMPTY_HISTORY, apply(m), at, error, 12);
    expect(history.records).toEqual([
      {
        ...record(m),
        appliedAt: at,
        status: 'failed',
        durationMs: 12,
        errorMessage: error.message,
        fileChecksum: null,
        transactional: false,
      },
    ]);
    expect(history.events).toEqual([
      {
        id: 1,
        at,
        kind: 'failed',
        version: 1,
        versionText: '001',
        migrationName: '001_a',
        durationMs: 12,
        checksum: m.checksum,
        error: error.message,
        stack: error.stack,
        detail: null,
        schemaFingerprint: null,
      },
    ]);
  });

  it('replaces an earlier failed record on a second failure (no collision)', () => {
    const m = codeMigration(2, 'b');
    const first = recordFailure(EMPTY_HISTORY, apply(m), at, { message: 'first' });
    const second = recordFailure(first, apply(m, true), at, { message: 'second' });
    expect(second.records).toHaveLength(1);
    expect(second.records[0]).toMatchObject({ status: 'failed', errorMessage: 'second', durationMs: null });
    expect(second.events.map((e) => [e.id, e.error, e.stack])).toEqual([
      [1, 'first', null],
      [2, 'second', null],
    ]);
  });

  it('keeps the success record when a transactional down fails', () => {
    const m = sqlMigration(1, 'a', { down: true });
    const start = historyOf(record(m));
    const step: RevertStep = { kind: 'revert', migration: m, record: record(m) };
    const history = recordFailure(start, step, at, error);
    expect(history.records).toEqual(start.records);
    expect(history.events[0]).toMatchObject({ kind: 'rollback_failed', version: 1, error: error.message });
  });

  it('marks the record for repair when a non-transactional down fails', () => {
    for (const m of [
      sqlMigration(1, 'a', { down: true, downTransaction: false }),
      codeMigration(1, 'a', { down: true, transaction: false }),
    ]) {
      const step: RevertStep = { kind: 'revert', migration: m, record: record(m) };
      const history = recordFailure(historyOf(record(m)), step, at, error);
      expect(history.records).toEqual([
        { ...record(m), status: 'failed', errorMessage: error.message, transactional: false },
      ]);
    }
  });

  it('throws on an unknown step kind (a bug)', () => {
    const bogus = { kind: 'squash', migration: sqlMigration(1, 'a') } as never;
    expect(() => recordFailure(EMPTY_HISTORY, bogus, at, error)).toThrow('Unexpected step kind');
  });
});
