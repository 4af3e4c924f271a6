import { describe, expect, it } from 'vitest';
import { interruptionEvent } from './record-interruption.ts';
import { record, sqlMigration } from './testing/builders.ts';

const at = '2026-11-24T07:48:00Z';
const m2 = sqlMigration(2, 'b', { down: true });

describe('interruptionEvent', () => {
  it('names the migration that was rolled back, and how far the run got', () => {
    const step = { kind: 'apply', migration: m2, retry: false, outOfOrder: false } as const;
    expect(interruptionEvent({ step, cancelled: true, done: 1, total: 3 }, at)).toEqual({
      at,
      kind: 'interrupted',
      version: 2,
      versionText: '002',
      migrationName: '002_b',
      durationMs: null,
      checksum: null,
      error: null,
      stack: null,
      detail:
        "stopped at the user's request after 1 of 3 migrations; 002_b was cancelled, so it is not applied",
      schemaFingerprint: null,
    });
  });

  it('names a revert by its record: cancelled, it stays applied; or it did not start', () => {
    const stored = record(m2, { versionText: '2', migrationName: '2_b_legacy' });
    const step = { kind: 'revert', migration: m2, record: stored } as const;
    expect(interruptionEvent({ step, cancelled: false, done: 0, total: 2 }, at)).toMatchObject({
      versionText: '2',
      migrationName: '2_b_legacy',
      detail: "stopped at the user's request after 0 of 2 migrations; 2_b_legacy did not start",
    });
    expect(interruptionEvent({ step, cancelled: true, done: 0, total: 2 }, at).detail).toBe(
      "stopped at the user's request after 0 of 2 migrations; the rollback of 2_b_legacy was cancelled, so it stays applied",
    );
  });

  it('says an all-or-nothing run undid the steps before it, so none of the run stays', () => {
    const apply = { kind: 'apply', migration: m2, retry: false, outOfOrder: false } as const;
    expect(interruptionEvent({ step: apply, cancelled: true, done: 0, total: 3, undone: 1 }, at).detail).toBe(
      "stopped at the user's request after 0 of 3 migrations; all or nothing: 002_b was cancelled and the migration before it was undone, so none of the run is applied",
    );
    const revert = { kind: 'revert', migration: m2, record: record(m2) } as const;
    expect(
      interruptionEvent({ step: revert, cancelled: false, done: 0, total: 4, undone: 2 }, at).detail,
    ).toBe(
      "stopped at the user's request after 0 of 4 migrations; all or nothing: 002_b did not start and the 2 migrations before it were undone, so none of the run is rolled back",
    );
  });
});
