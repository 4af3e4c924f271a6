import { describe, expect, test } from 'vitest';
import { rehearsalScreenLines } from './rehearsal-screen-lines.ts';
import { sampleInspection } from './test-fixtures.ts';
import type { UiRehearsal } from './types.ts';

const passed: UiRehearsal = {
  ok: true,
  steps: [
    { version: 8, name: 'vacuum', durationMs: 3, ok: true },
    { version: 9, name: 'seed_admin', durationMs: 2, ok: true },
  ],
  integrityCheck: ['ok'],
  foreignKeyViolations: [],
  problems: [],
  roundTrip: null,
};

describe('rehearsalScreenLines', () => {
  test('a passed rehearsal: the steps named as their files, the checks, then passed (ok)', () => {
    expect(rehearsalScreenLines(passed, sampleInspection())).toEqual([
      { text: 'Rehearsal on a copy of data/app.db (the database is not changed):' },
      { text: '  ok   008_vacuum      3 ms' },
      { text: '  ok   009_seed_admin  2 ms' },
      { text: 'integrity_check:    ok' },
      { text: 'foreign_key_check:  ok' },
      { text: 'Rehearsal passed: 2 migrations in 5 ms.', tone: 'ok' },
    ]);
  });

  test('a failed step and a broken copy: every line, then that it failed (error)', () => {
    const failed: UiRehearsal = {
      ...passed,
      ok: false,
      steps: [{ version: 8, name: 'vacuum', durationMs: 1, ok: false, error: 'no such table: x' }],
      foreignKeyViolations: [{ table: 'orders', rowid: 4, parent: 'users' }],
    };
    expect(rehearsalScreenLines(failed, null)).toEqual([
      { text: 'Rehearsal on a copy of the database (the database is not changed):' },
      { text: '  FAIL vacuum  1 ms' },
      { text: '      no such table: x' },
      { text: 'integrity_check:    ok' },
      { text: 'foreign_key_check:  orders rowid 4 -> users' },
      { text: '✗ The rehearsal failed; the database was not changed.', tone: 'error' },
    ]);
  });

  test('a refused plan lists each problem with its hint; nothing pending says so', () => {
    const problem = {
      code: 'missing_file',
      version: 6,
      message: 'Migration 6 is missing.',
      hint: 'Restore it.',
    } as unknown as UiRehearsal['problems'][number];
    expect(rehearsalScreenLines({ ...passed, ok: false, steps: [], problems: [problem] }, null)).toEqual([
      { text: '✗ 1 problem: migrate would be refused, so nothing was rehearsed.', tone: 'error' },
      { text: '' },
      { text: '✗ Migration 6 is missing. (missing_file)', tone: 'error' },
      { text: '  Hint: Restore it.' },
    ]);
    expect(rehearsalScreenLines({ ...passed, steps: [] }, null)).toEqual([
      { text: '✓ Nothing to rehearse: no migration is pending.', tone: 'ok' },
    ]);
  });
});
