import { EventEmitter } from 'node:events';
import { fail, ok } from '@gao/migrate-core';
import { describe, expect, test, vi } from 'vitest';
import { type MigrateInteractiveOptions, runMigrateInteractive } from './run-migrate.tsx';
import { FakeBackend, type FakeBackendOptions, migrationError } from './test-backend.ts';
import { applyStep, MIGRATIONS, migratePlan, rollbackPlan, sampleInspection } from './test-fixtures.ts';
import { fakeStreams, KEYS, plain, WAIT, waitForFrame } from './test-terminal.ts';
import type { InterruptSource } from './types.ts';

const m = MIGRATIONS;
const PLAN = migratePlan([applyStep(m.addSessions), applyStep(m.vacuum), applyStep(m.seedAdmin)], 9);

/** Starts `runMigrateInteractive` on a fake 80x24 terminal with a 100 ms-per-read clock. */
function start(
  backendOptions: Partial<FakeBackendOptions>,
  options: Partial<MigrateInteractiveOptions> = {},
) {
  const backend = new FakeBackend({
    inspection: sampleInspection(),
    migratePlan: ok(PLAN),
    ...backendOptions,
  });
  const term = fakeStreams(80, 24);
  let clock = 0;
  const result = runMigrateInteractive({
    backend,
    command: 'migrate',
    database: 'data/app.db',
    currentVersion: 6,
    yes: false,
    color: false,
    now: () => (clock += 100),
    interrupts: null,
    ...term.streams,
    ...options,
  });
  /** Everything written, escapes removed: static lines, then each redraw. */
  const output = () => plain(term.stdout.frames.join(''));
  return { backend, term, result, output };
}

describe('runMigrateInteractive', () => {
  test('shows the plan and asks; y runs with the progress bar and finished migrations above it', async () => {
    const { term, result, output, backend } = start({});
    await expect.poll(term.lastFrame, WAIT).toContain(`Plan: apply 3 migrations (version 6 -> 9)
  VER NAME                                  WARNINGS
  007 add_sessions_table_with_a_rather_lon… -
! 008 vacuum                                transaction:false, no down
! 009 seed_admin                            no down
Apply 3 migrations to data/app.db? y/N`);
    await term.stdin.press('y');
    expect(await result).toEqual({ outcome: 'done', exitCode: 0 });
    expect(backend.calls).toEqual(['planMigrate', 'migrate']);
    expect(
      output(),
    ).toContain(`✓ 007 add_sessions_table_with_a_rather_long_descriptive_name                0 ms
✓ 008 vacuum                                                               10 ms
✓ 009 seed_admin                                                           20 ms
Migrating data/app.db: version 6 -> 9
████████████████████████████████████████████████████████████████████ 3/3  900 ms
✓ Migrated to version 9: 3 migrations in 900 ms.`);
  });

  test('--yes shows the progress bar straight away', async () => {
    const { result, output } = start({}, { yes: true, to: 9 });
    expect((await result).exitCode).toBe(0);
    expect(output()).not.toContain('y/N');
    expect(output()).toContain('Migrating data/app.db: version 6 -> 9');
  });

  test('n, Enter (default no) and Esc do not confirm: exit 2, nothing runs', async () => {
    for (const key of ['n', KEYS.enter, KEYS.escape]) {
      const { term, result, backend, output } = start({});
      await waitForFrame(term.lastFrame, 'Apply 3 migrations to data/app.db? y/N');
      await term.stdin.press(key);
      expect(await result).toEqual({ outcome: 'not_confirmed', exitCode: 2 });
      expect(backend.calls).toEqual(['planMigrate']);
      expect(output()).toContain('Not confirmed. Nothing was changed.');
    }
  });

  test('a refused plan shows its problems and exits 3; an empty plan says up to date', async () => {
    const problem = {
      code: 'missing_file',
      version: 6,
      migrationName: '006_x',
      message: 'Migration 6 is missing.',
      hint: 'Restore it.',
    } as const;
    const refused = start({ migratePlan: fail([problem]) });
    expect(await refused.result).toEqual({ outcome: 'refused', exitCode: 3, problems: [problem] });
    expect(refused.output()).toContain('✗ Migration 6 is missing.\n  Hint: Restore it.');
    const empty = start({ migratePlan: ok(migratePlan([], 6)) });
    expect((await empty.result).exitCode).toBe(0);
    expect(empty.output()).toContain('✓ Already up to date at version 6. Nothing to run.');
  });

  test('a failing migration stops with its error and hint: exit 1', async () => {
    const error = migrationError(
      'Migration 8 (008_vacuum.sql) failed',
      'Add transaction:false to its marker.',
      'cannot VACUUM from within a transaction',
    );
    const { result, output } = start({ failAt: { version: 8, error } }, { yes: true });
    expect(await result).toEqual({ outcome: 'failed', exitCode: 1, error });
    expect(output()).toContain(`✗ Migration 8 (008_vacuum.sql) failed after 4 ms
  Migration 8 (008_vacuum.sql) failed: cannot VACUUM from within a transaction
  Hint: Add transaction:false to its marker.`);
  });

  test('a planner that throws is a failure with its message', async () => {
    const broken = start({ planError: new Error('database is locked') });
    expect((await broken.result).exitCode).toBe(1);
    expect(broken.output()).toContain('✗ database is locked');
  });

  test('progress events move the bar; Ctrl+C stops after the running migration: exit 130', async () => {
    const { term, result, backend, output } = start({ mode: 'manual' }, { yes: true });
    const control = await vi.waitUntil(() => backend.control, WAIT);
    const [first, second] = PLAN.steps as [(typeof PLAN.steps)[0], (typeof PLAN.steps)[0]];
    control.onEvent({ type: 'backup_progress', copiedPages: 0, totalPages: 3000 });
    await expect.poll(term.lastFrame, WAIT).toContain('→ Backing up the database… 0%');
    control.onEvent({ type: 'backup_progress', copiedPages: 2999, totalPages: 3000 });
    await expect.poll(term.lastFrame, WAIT).toContain('→ Backing up the database… 99%');
    const backup = { path: '/b/app.db.bak', createdAt: 'now', sizeBytes: 1, reason: 'pre-migrate' };
    control.onEvent({ type: 'backup_created', backup });
    await expect.poll(term.lastFrame, WAIT).not.toContain('Backing up');
    control.onEvent({ type: 'waiting_for_lock' });
    await expect.poll(term.lastFrame, WAIT).toContain('→ Waiting for another gao-db to finish (lock)…');
    control.onEvent({ type: 'step_started', index: 0, total: 3, step: first });
    control.onEvent({ type: 'step_finished', index: 0, total: 3, step: first, durationMs: 0 });
    control.onEvent({ type: 'step_started', index: 1, total: 3, step: second });
    await waitForFrame(term.lastFrame, '→ Applying 008 vacuum');
    await waitForFrame(output, '✓ 007');
    const frame = term.lastFrame();
    // Finished migrations go to <Static>: written once above the live frame.
    expect(output()).toContain(
      '✓ 007 add_sessions_table_with_a_rather_long_descriptive_name                0 ms',
    );
    expect(frame).not.toContain('✓ 007');
    expect(frame).toMatch(
      /Migrating data\/app.db: version 6 -> 9\n█{23}░{45} 1\/3 {2}\d+(\.\d+)? m?s\n→ Applying 008 vacuum \(\d+ ms\)/,
    );
    await term.stdin.press(KEYS.ctrlC);
    await waitForFrame(term.lastFrame, '→ Stopping after 008');
    expect(control.signal.aborted).toBe(true);
    expect(term.lastFrame()).toContain('→ Stopping after 008 vacuum');
    control.onEvent({ type: 'step_finished', index: 1, total: 3, step: second, durationMs: 7 });
    backend.settle(new DOMException('stopped', 'AbortError'));
    expect(await result).toEqual({ outcome: 'interrupted', exitCode: 130 });
  });

  test('Ctrl+C twice stops at once: the screen stops waiting for the running migration', async () => {
    const { term, result, backend, output } = start({ mode: 'manual' }, { yes: true });
    const control = await vi.waitUntil(() => backend.control, WAIT);
    const [first, second] = PLAN.steps as [(typeof PLAN.steps)[0], (typeof PLAN.steps)[0]];
    control.onEvent({ type: 'step_started', index: 0, total: 3, step: first });
    control.onEvent({ type: 'step_finished', index: 0, total: 3, step: first, durationMs: 0 });
    control.onEvent({ type: 'step_started', index: 1, total: 3, step: second });
    await waitForFrame(term.lastFrame, '→ Applying 008 vacuum');
    await term.stdin.press(KEYS.ctrlC);
    await waitForFrame(term.lastFrame, 'Ctrl+C again: stop at once.');
    await term.stdin.press(KEYS.ctrlC);
    // The backend never reported: the run is over for the screen, and the host ends the process.
    expect(await result).toEqual({ outcome: 'interrupted', exitCode: 130, abandoned: true });
    expect(control.signal.aborted).toBe(true);
    expect(output().replace(/\s+/g, ' ')).toContain(
      '! Stopped at once after 1 of 3 migrations: 008 vacuum ran outside a transaction and may be half-applied;',
    );
    expect(term.lastFrame()).not.toContain('→ ');
  });

  test('Ctrl+C (SIGINT) before confirming interrupts: exit 130, nothing runs', async () => {
    const signals = new EventEmitter();
    const { term, result, backend } = start({}, { interrupts: signals as unknown as InterruptSource });
    // The question is on screen: the flow is waiting for an answer and listens for SIGINT.
    await waitForFrame(term.lastFrame, 'Apply 3 migrations to data/app.db? y/N');
    signals.emit('SIGINT');
    expect(await result).toEqual({ outcome: 'interrupted', exitCode: 130 });
    expect(backend.calls).toEqual(['planMigrate']);
  });

  test('rollback: the plan names what is undone; a refused run shows problems', async () => {
    const problem = {
      code: 'no_down',
      version: 2,
      file: '002_add_email.sql',
      message: 'Migration 2 has no down part.',
      hint: 'Add one.',
    } as const;
    const { term, result, backend, output } = start(
      { rollbackPlan: () => ok(rollbackPlan([m.addEmail], 1)) },
      { command: 'rollback', rollback: { to: 1 } },
    );
    await expect.poll(term.lastFrame, WAIT).toContain('Plan: roll back 1 migration (version 6 -> 1)');
    backend.migrate = backend.migrate.bind(backend);
    backend.rollback = async () => ({ ok: false, problems: [problem] });
    await term.stdin.press('y');
    expect((await result).exitCode).toBe(3);
    expect(output()).toContain('✗ Migration 2 has no down part.');
  });
});
