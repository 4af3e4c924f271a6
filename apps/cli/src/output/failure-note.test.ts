import { describe, expect, it } from 'vitest';
import { failureNote } from './failure-note.ts';

const row = {
  versionText: '004',
  name: 'orphans',
  error: 'boom\n  at line 2',
  fileMissing: false,
  halfApplied: false,
};

describe('failureNote', () => {
  it('puts the error on one line and says what to do in each case', () => {
    expect(failureNote(row)).toEqual({
      text: '004 orphans: boom at line 2',
      hint: "nothing of it was applied: fix the migration, then run 'gao-db migrate' to retry it.",
    });
    expect(failureNote({ ...row, fileMissing: true }).hint).toContain("'gao-db repair mark-rolled-back 004'");
    // Outside a transaction the problem list says how to repair: no claim that nothing was applied.
    expect(failureNote({ ...row, fileMissing: true, halfApplied: true }).hint).toBe(
      'it ran outside a transaction and may be half-applied: see needs_repair below.',
    );
    expect(failureNote({ ...row, error: null }).text).toBe('004 orphans: no error recorded');
  });
});
