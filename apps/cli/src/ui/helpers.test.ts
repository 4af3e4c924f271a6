import type { PlanProblem } from '@gao/migrate-core';
import { describe, expect, test } from 'vitest';
import { dashboardHints } from './dashboard-hints.ts';
import { detailLines } from './details-lines.ts';
import { describeTableChange, detectTableChanges } from './detect-rebuild.ts';
import { errorInfo, isAbortError } from './error-info.ts';
import { flowOutcome } from './flow-outcome.ts';
import { formatBytes, formatDuration, formatTimestamp } from './format-duration.ts';
import { historyCells } from './history-columns.ts';
import { formatCells, layoutColumns } from './layout-columns.ts';
import { planVerb, stepNotes, versionLabel } from './plan-notes.ts';
import { initialProgress, reduceProgress } from './progress-state.ts';
import { rollbackChoices } from './rollback-choices.ts';
import { abandonedText, doneText, failedTitle, stoppedText } from './run-request.ts';
import { backupLines, noticeLines, validateLines } from './screen-lines.ts';
import { clampIndex, scrollLabel, scrollOffset } from './scroll-window.ts';
import { STATE_LOOKS, STATE_TEXT_WIDTH, stateText } from './state-symbols.ts';
import { statusCells } from './status-columns.ts';
import {
  applyStep,
  codeMigration,
  event,
  MIGRATIONS,
  migratePlan,
  record,
  rollbackPlan,
  sampleInspection,
  sqlMigration,
} from './test-fixtures.ts';
import { fitCell, packGroups, packSegments, truncate, truncateStart } from './truncate.ts';

const problem = (code: PlanProblem['code'], message: string): PlanProblem =>
  ({ code, version: 6, migrationName: '006_x', message, hint: `fix ${message}` }) as PlanProblem;

describe('format', () => {
  test('durations: 0 ms is a duration, null is unknown', () => {
    expect(formatDuration(0)).toBe('0 ms');
    expect(formatDuration(12.4)).toBe('12 ms');
    expect(formatDuration(1534)).toBe('1.53 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(formatDuration(null)).toBe('-');
    expect(formatDuration(-1)).toBe('-');
  });
  test('bytes and timestamps', () => {
    expect(formatBytes(10)).toBe('10 B');
    expect(formatBytes(48_128)).toBe('47 KB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB');
    expect(formatTimestamp('2026-11-24T07:48:09.120Z')).toBe('2026-11-24 07:48');
    expect(formatTimestamp('2026-11-24 07:48:00')).toBe('2026-11-24 07:48');
    expect(formatTimestamp('yesterday')).toBe('yesterday');
  });
});

describe('truncate', () => {
  test('cuts with … and pads', () => {
    expect(truncate('create_users_table', 8)).toBe('create_…');
    expect(truncate('short', 8)).toBe('short');
    expect(truncate('x', 0)).toBe('');
    expect(truncateStart('/srv/app/backups/app.db.bak', 12)).toBe('…/app.db.bak');
    expect(truncateStart('abc', 5)).toBe('abc');
    expect(truncateStart('abc', 0)).toBe('');
    expect(fitCell('abc', 5)).toBe('abc  ');
    expect(fitCell('42', 5, 'right')).toBe('   42');
  });
  test('packs segments into lines', () => {
    expect(packGroups(['aaa', 'bbb', 'cc'], 7, 1)).toEqual([['aaa', 'bbb'], ['cc']]);
    expect(packSegments(['m migrate', 'q quit'], 12)).toEqual(['m migrate', 'q quit']);
    expect(packSegments(['a very long segment', 'b'], 8)).toEqual(['a very …', 'b']);
  });
});

describe('detectTableChanges', () => {
  test('the rebuild recipe is one rebuild', () => {
    const sql =
      'CREATE TABLE "users_new" (id);\nDROP TABLE users;\nALTER TABLE "users_new" RENAME TO "users";';
    expect(detectTableChanges(sql)).toEqual([{ kind: 'rebuild', table: 'users' }]);
  });
  test('drops and renames alone; comments and strings do not count', () => {
    const sql =
      "-- DROP TABLE a\n/* DROP TABLE b */ INSERT INTO t VALUES ('DROP TABLE c');\nDROP TABLE IF EXISTS [old];\nALTER TABLE `x` RENAME TO y;";
    const changes = detectTableChanges(sql);
    expect(changes).toEqual([
      { kind: 'drop', table: 'old' },
      { kind: 'rename', table: 'x', to: 'y' },
    ]);
    expect(changes.map(describeTableChange)).toEqual(['drops table old', 'renames table x to y']);
    expect(describeTableChange({ kind: 'rebuild', table: 'z' })).toBe('rebuilds table z');
    expect(detectTableChanges('ALTER TABLE t ADD COLUMN c;')).toEqual([]);
  });
});

describe('plan notes', () => {
  test('apply steps', () => {
    const m = MIGRATIONS;
    expect(stepNotes(applyStep(m.rebuildOrders))).toEqual(['rebuilds table orders', 'no down']);
    expect(stepNotes(applyStep(m.vacuum))).toEqual(['transaction:false', 'no down']);
    expect(stepNotes(applyStep(m.createUsers, { retry: true, outOfOrder: true }))).toEqual([
      'retry of a failed attempt',
      'out of order',
    ]);
    expect(stepNotes(applyStep(codeMigration(9, 'seed', true)))).toEqual([]);
    const unloaded = { ...codeMigration(9, 'seed'), module: null };
    expect(stepNotes(applyStep(unloaded))).toEqual([]);
    expect(stepNotes({ kind: 'baseline', migration: m.createUsers })).toEqual([]);
  });
  test('revert steps look at the down part', () => {
    const plan = rollbackPlan(
      [MIGRATIONS.addIndex, codeMigration(9, 'seed', true), sqlMigration(10, 'x')],
      3,
    );
    expect(plan.steps.map(stepNotes)).toEqual([['drops table add_index'], [], []]);
    expect(planVerb(plan)).toBe('roll back 3 migrations');
    expect(planVerb(migratePlan([applyStep(MIGRATIONS.vacuum)], 8))).toBe('apply 1 migration');
    expect(versionLabel(null)).toBe('0 (empty)');
  });
});

describe('layout', () => {
  test('drops optional columns and shares the rest', () => {
    const specs = [
      { key: 'a', title: 'A', width: 3 },
      { key: 'b', title: 'B', width: { flex: 1, min: 4 } },
      { key: 'c', title: 'C', width: { flex: 1, min: 4 } },
      { key: 'd', title: 'D', width: 10, dropOrder: 1 },
    ] as const;
    expect(layoutColumns([...specs], 40).map((c) => c.width)).toEqual([3, 12, 12, 10]);
    expect(layoutColumns([...specs], 20).map((c) => [c.key, c.width])).toEqual([
      ['a', 3],
      ['b', 7],
      ['c', 8],
    ]);
    const laid = layoutColumns([{ key: 'v', title: 'V', width: 3, align: 'right' }], 10);
    expect(formatCells(laid, { v: '7' })).toBe('  7');
  });
  test('scroll window keeps the selection visible', () => {
    expect(scrollOffset(0, 12, 10, 40)).toBe(3);
    expect(scrollOffset(20, 5, 10, 40)).toBe(5);
    expect(scrollOffset(50, 39, 10, 40)).toBe(30);
    expect(scrollOffset(0, 0, 0, 0)).toBe(0);
    expect(clampIndex(12, 5)).toBe(4);
    expect(clampIndex(-1, 0)).toBe(0);
    expect(scrollLabel(10, 10, 42)).toBe('rows 11-20 of 42 ↑ ↓');
    expect(scrollLabel(0, 10, 5)).toBe('rows 1-5 of 5');
    expect(scrollLabel(0, 10, 0)).toBe('no rows');
  });
});

describe('states and cells', () => {
  test('every state has a symbol and a word', () => {
    expect(Object.values(STATE_LOOKS).map((look) => look.symbol)).toEqual(['✓', '·', '↓', '✗', '!', '?']);
    expect(stateText('pending_out_of_order')).toBe('↓ out of order');
    expect(STATE_TEXT_WIDTH).toBe(14);
  });
  test('status cells: 0 ms, unknown duration, pending rows', () => {
    const rows = sampleInspection().status.migrations;
    expect(rows.map((row) => statusCells(row).duration)).toEqual([
      '12 ms',
      '0 ms',
      '1.53 s',
      '',
      '4 ms',
      '-',
      '',
      '',
      '',
    ]);
  });
  test('history cells', () => {
    const r = record(MIGRATIONS.createUsers, { errorMessage: null, status: 'failed' });
    expect(historyCells(event(1, 'rollback_failed', r)).result).toBe('✗ failed');
    expect(historyCells(event(2, 'repaired', r, { detail: 'mark_applied' })).result).toBe('✓ mark_applied');
    expect(historyCells(event(3, 'baselined', { ...r, migrationName: 'nounderscore' })).name).toBe(
      'nounderscore',
    );
  });
});

describe('errors and progress', () => {
  test('errorInfo reads message, code, hint and cause', () => {
    const error = Object.assign(new Error('Migration 3 failed', { cause: new Error('no such table: x') }), {
      code: 'migration_failed',
      hint: 'Fix it',
    });
    expect(errorInfo(error)).toEqual({
      message: 'Migration 3 failed: no such table: x',
      code: 'migration_failed',
      hint: 'Fix it',
    });
    expect(errorInfo('boom')).toEqual({ message: 'boom', code: null, hint: null });
    expect(errorInfo({ message: '' }).message).toBe('[object Object]');
    expect(isAbortError(new DOMException('stop', 'AbortError'))).toBe(true);
    expect(isAbortError(new Error('x'))).toBe(false);
    expect(isAbortError(null)).toBe(false);
  });
  test('reduceProgress folds the event stream', () => {
    const step = applyStep(MIGRATIONS.vacuum);
    let state = initialProgress(2);
    state = reduceProgress(state, { type: 'plan_ready', plan: migratePlan([step], 9) }, 0);
    state = reduceProgress(state, { type: 'waiting_for_lock' }, 0);
    expect(state.waitingForLock).toBe(true);
    const backup = { path: '/b', createdAt: 'now', sizeBytes: 1, reason: 'pre-migrate' };
    state = reduceProgress(state, { type: 'backup_progress', copiedPages: 1000, totalPages: 4000 }, 0);
    expect(state.backingUp).toEqual({ copiedPages: 1000, totalPages: 4000 });
    state = reduceProgress(state, { type: 'backup_created', backup }, 0);
    expect(state.backingUp).toBeNull();
    state = reduceProgress(state, { type: 'step_started', index: 0, total: 1, step }, 5);
    expect(state).toMatchObject({
      total: 1,
      waitingForLock: false,
      backup,
      running: { index: 0, startedAt: 5 },
    });
    state = reduceProgress(state, { type: 'step_finished', index: 0, total: 1, step, durationMs: 0 }, 6);
    state = reduceProgress(state, { type: 'checksum_recorded', version: 1 }, 6);
    state = reduceProgress(state, { type: 'done', finalVersion: 8, durationMs: 9 }, 7);
    expect(state).toMatchObject({ running: null, finished: [{ durationMs: 0 }], done: { finalVersion: 8 } });
    const error = new Error('x');
    const failed = reduceProgress(
      state,
      { type: 'step_failed', index: 1, total: 2, step, error, durationMs: 3 },
      8,
    );
    expect(failed.failed).toEqual({ step, error, durationMs: 3 });
    // A stopped run that ends while a step runs: that step was rolled back.
    const running = reduceProgress(initialProgress(2), { type: 'step_started', index: 0, total: 2, step }, 0);
    const stopped = reduceProgress(
      running,
      { type: 'done', finalVersion: null, durationMs: 4, interrupted: true },
      4,
    );
    expect(stopped.cancelled).toBe(step);
    const ended = reduceProgress(running, { type: 'done', finalVersion: null, durationMs: 4 }, 4);
    expect(ended.cancelled).toBeNull();
  });
  test('run texts and outcomes', () => {
    expect(doneText('migrate', 5, 3, 1200)).toBe('Migrated to version 5: 3 migrations in 1.20 s.');
    expect(doneText('rollback', null, 1, 0)).toBe('Rolled back to version 0 (empty): 1 migration in 0 ms.');
    expect(stoppedText(2, 5)).toBe(
      'Stopped at your request after 2 of 5 migrations. Run the command again to continue.',
    );
    expect(stoppedText(1, 2, rollbackPlan([MIGRATIONS.addIndex], 3).steps[0] ?? null)).toBe(
      'Stopped at your request after 1 of 2 migrations; the rollback of 004 add_index was cancelled, and 004 add_index stays applied. Run the command again to continue.',
    );
    expect(stoppedText(0, 2, applyStep(MIGRATIONS.addIndex))).toBe(
      'Stopped at your request after 0 of 2 migrations; 004 add_index was rolled back. Run the command again to continue.',
    );
    expect(abandonedText(1, 3, applyStep(MIGRATIONS.addIndex))).toBe(
      'Stopped at once after 1 of 3 migrations: 004 add_index was not committed; SQLite rolls it back the next time the database is opened. Run the command again to continue.',
    );
    expect(abandonedText(2, 3, null)).toBe(
      'Stopped at once after 2 of 3 migrations. Run the command again to continue.',
    );
    expect(abandonedText(0, 1, rollbackPlan([MIGRATIONS.addIndex], 3).steps[0] ?? null)).toBe(
      'Stopped at once after 0 of 1 migrations: the rollback of 004 add_index was not committed; SQLite undoes it the next time the database is opened, and 004 add_index stays applied. Run the command again to continue.',
    );
    expect(flowOutcome({ kind: 'interrupted', count: 1, total: 3, abandoned: true })).toEqual({
      outcome: 'interrupted',
      exitCode: 130,
      abandoned: true,
    });
    expect(failedTitle(null)).toBe('The run failed');
    expect(failedTitle(rollbackPlan([MIGRATIONS.addIndex], 3).steps[0] ?? null)).toBe(
      'Rollback of migration 4 (004_add_index.sql) failed',
    );
    expect(flowOutcome({ kind: 'up_to_date', version: 1 })).toEqual({ outcome: 'done', exitCode: 0 });
    expect(flowOutcome({ kind: 'not_confirmed' }).exitCode).toBe(2);
    expect(flowOutcome({ kind: 'refused', problems: [] }).exitCode).toBe(3);
    expect(flowOutcome({ kind: 'interrupted', count: 1, total: 2 }).exitCode).toBe(130);
    expect(flowOutcome({ kind: 'failed', error: 'x', step: null })).toEqual({
      outcome: 'failed',
      exitCode: 1,
      error: 'x',
    });
  });
});

describe('screen lines', () => {
  test('notices', () => {
    expect(noticeLines(null)).toEqual([]);
    expect(noticeLines({ kind: 'info', text: 'hi' })).toEqual([{ text: 'hi' }]);
    expect(
      noticeLines({ kind: 'error', title: null, info: { message: 'm', code: null, hint: null } }),
    ).toEqual([{ text: '✗ m', tone: 'error' }]);
    const three = [problem('missing_file', 'a'), problem('missing_file', 'b'), problem('missing_file', 'c')];
    expect(noticeLines({ kind: 'problems', problems: three }).map((line) => line.text)).toEqual([
      '✗ a',
      '  Hint: fix a',
      '✗ b',
      '  Hint: fix b',
      '… and 1 more (press v to validate)',
    ]);
  });
  test('validate and backups', () => {
    const gone = problem('missing_file', 'gone');
    expect(validateLines({ problems: [gone], warnings: [] }, 3).map((line) => line.text)).toEqual([
      '✗ 1 problem',
      '',
      '✗ gone (missing_file)',
      '  Hint: fix gone',
    ]);
    const pragma = problem('foreign_keys_pragma', 'ignored pragma');
    const warned = validateLines({ problems: [], warnings: [pragma, pragma] }, 3);
    expect(warned.map((line) => [line.text, line.tone])).toEqual([
      ['✓ No problems: the 3 migrations match the history.', 'ok'],
      ['', undefined],
      ['! 2 warnings', 'warning'],
      ['', undefined],
      ['! ignored pragma (foreign_keys_pragma)', 'warning'],
      ['  Hint: fix ignored pragma', undefined],
      ['', undefined],
      ['! ignored pragma (foreign_keys_pragma)', 'warning'],
      ['  Hint: fix ignored pragma', undefined],
    ]);
    expect(backupLines([], 80)[0]?.text).toContain('No backups yet');
    expect(
      backupLines(
        [{ path: '/b/x.bak', createdAt: '2026-01-02T03:04:05Z', sizeBytes: 99, reason: 'manual' }],
        80,
      )[1],
    ).toEqual({
      text: '2026-01-02 03:04 manual          99 B /b/x.bak',
    });
  });
  test('details of missing, code and pending migrations', () => {
    const { status } = sampleInspection();
    const byVersion = (v: number) => {
      const row = status.migrations.find((candidate) => candidate.version === v);
      if (row?.record === undefined) throw new Error(`no row ${v}`);
      return row;
    };
    const missing = detailLines(byVersion(6), status.problems).map((l) => l.text);
    expect(missing.slice(0, 4)).toEqual([
      '006 drop_legacy  ? missing',
      'File        missing (recorded as 006_drop_legacy)',
      'Applied at  2026-11-26 07:46 · took -',
      'Checksum    on disk   (no file)',
    ]);
    const code = detailLines(byVersion(9), []).map((l) => l.text);
    expect(code).toEqual([
      '009 seed_admin  · pending',
      'File        009_seed_admin.ts (code module: no down, in a transaction)',
      'Applied at  not applied',
      'Checksum    on disk   sum-9',
      '',
      'Code: up in 009_seed_admin.ts',
    ]);
    const changed = detailLines(byVersion(3), []).map((l) => l.text);
    expect(changed).toContain('            recorded  sum-3-old  ✗ differs');
    expect(changed).toContain('Down: none (this migration cannot be rolled back)');
    const failed = byVersion(5);
    if (failed.record === null) throw new Error('005 has no record');
    const failedOutside = { ...failed, record: { ...failed.record, transactional: false } };
    expect(detailLines(failedOutside, []).map((l) => l.text)).toContain(
      'Hint        It ran outside a transaction and may be half-applied: repair it before migrating again.',
    );
    const unloaded = { ...byVersion(9), migration: { ...codeMigration(9, 'seed_admin'), module: null } };
    expect(detailLines(unloaded, [])[1]?.text).toBe(
      'File        009_seed_admin.ts (code module: not loaded)',
    );
  });
  test('rollback choices and hints', () => {
    expect(rollbackChoices(sampleInspection().status).map((choice) => choice.label)[0]).toBe(
      'undo 1 -> version 003   (undoes 006 drop_legacy)',
    );
    expect(dashboardHints('loading')).toEqual([{ keys: 'q', action: 'quit' }]);
    expect(dashboardHints('help').map((hint) => hint.action)).toEqual(['scroll', 'back']);
  });
});
