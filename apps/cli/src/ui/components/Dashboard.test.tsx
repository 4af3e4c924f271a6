import { EventEmitter } from 'node:events';
import { downChangedProblem, fail, ok } from '@gao/migrate-core';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { ColorContext } from '../color-context.ts';
import { FakeBackend, type FakeBackendOptions, migrationError } from '../test-backend.ts';
import {
  applyStep,
  event,
  longInspection,
  MIGRATIONS,
  migratePlan,
  record,
  rollbackPlan,
  sampleBackups,
  sampleInspection,
} from '../test-fixtures.ts';
import { type FrameCondition, KEYS, plain, renderAt, WAIT, waitForFrame } from '../test-terminal.ts';
import type { InterruptSource } from '../types.ts';
import { Dashboard } from './Dashboard.tsx';

const m = MIGRATIONS;
const PLAN = migratePlan([applyStep(m.addSessions), applyStep(m.vacuum), applyStep(m.seedAdmin)], 9);
let unmount: (() => void) | null = null;
afterEach(() => unmount?.());

/** The question of the migrate plan (the confirm step is on screen). */
const ASK_MIGRATE = 'Apply 3 migrations to data/app.db? y/N';

/** Mounts the dashboard (no colour) on a fake terminal and waits for the first inspection. */
async function dashboard(
  options: Partial<FakeBackendOptions> = {},
  columns = 80,
  rows = 24,
  interrupts: InterruptSource | null = null,
) {
  const backend = new FakeBackend({
    inspection: sampleInspection(),
    backups: sampleBackups(),
    migratePlan: ok(PLAN),
    ...options,
  });
  const exits: unknown[] = [];
  let clock = 0;
  const term = renderAt(
    <ColorContext value={false}>
      <Dashboard backend={backend} now={() => (clock += 100)} interrupts={interrupts} />
    </ColorContext>,
    columns,
    rows,
  );
  unmount = term.unmount;
  // The table's keys show once the first inspection has arrived (or failed).
  await waitForFrame(term.lastFrame, 'm migrate');
  /** Types `key`, then waits for the frame that shows it was handled (containing `expected`). */
  const press = async (key: string, expected: FrameCondition) => {
    await term.stdin.press(key);
    await waitForFrame(term.lastFrame, expected);
  };
  return { ...term, backend, press, exits };
}

const HEADER_80 = `data/app.db (47 KB) · journal wal · last backup 2026-11-27 07:47 (pre-migrate)
version 6 · 2 applied · 3 pending · 1 out of order · 1 failed · 1 changed
1 missing`;
const FOOTER_80 = `↑↓/jk move  Enter details  m migrate  r rollback  t rehearse  h history
v validate  b backups  ? help  q quit`;

describe('Dashboard', () => {
  test('renders the header, every state with its symbol, and the keys at 80x24 without colour', async () => {
    const { lastFrame } = await dashboard();
    await expect.poll(lastFrame, WAIT).toBe(`${HEADER_80}
  VER STATE          NAME                             APPLIED AT        DURATION
› 001 ✓ applied      create_users                     2026-11-21 07:41     12 ms
  002 ✓ applied      add_email                        2026-11-22 07:42      0 ms
  003 ! changed      rebuild_orders                   2026-11-23 07:43    1.53 s
  004 ↓ out of order add_index
  005 ✗ failed       backfill_names                   2026-11-25 07:45      4 ms
  006 ? missing      drop_legacy                      2026-11-26 07:46         -
  007 · pending      add_sessions_table_with_a_rathe…
  008 · pending      vacuum
  009 · pending      seed_admin
rows 1-9 of 9







${FOOTER_80}`);
    expect(lastFrame()).not.toContain('N/A');
  });

  test('a schema changed outside gao-db gets a line under the counts', async () => {
    const since = event(4, 'applied', record(m.addEmail, { appliedAt: '2026-11-22 07:42:00' }));
    const { lastFrame } = await dashboard({ inspection: { ...sampleInspection(), schemaDrift: { since } } });
    await expect
      .poll(lastFrame, WAIT)
      .toContain(
        `${HEADER_80}\n! schema changed outside gao-db since applied 002_add_email: see gao-db status\n  VER STATE`,
      );
  });

  test('the line names what changed when the adapter knows it', async () => {
    const since = event(4, 'applied', record(m.addEmail, { appliedAt: '2026-11-22 07:42:00' }));
    const changes = [
      { type: 'index', name: 'users_email', change: 'added' },
      { type: 'table', name: 'audit', change: 'removed' },
    ] as const;
    const { lastFrame } = await dashboard({
      inspection: { ...sampleInspection(), schemaDrift: { since, changes } },
    });
    await expect
      .poll(lastFrame, WAIT)
      .toContain(
        `${HEADER_80}\n! schema changed by hand: index users_email created and 1 more (gao-db status)\n  VER STATE`,
      );
  });

  test('j/k and arrows move the selection; Enter opens the details; Esc goes back', async () => {
    const { lastFrame, press, stdin } = await dashboard();
    await press('j', '› 002');
    await press('j', '› 003');
    await press(KEYS.down, '› 004');
    await press('j', '› 005');
    await press('k', '› 004');
    await press(KEYS.up, '› 003');
    await press('j', '› 004');
    await press('j', '› 005');
    expect(lastFrame()).toContain('› 005 ✗ failed       backfill_names');
    await stdin.press(KEYS.enter);
    await expect.poll(lastFrame, WAIT).toBe(`${HEADER_80}
005 backfill_names  ✗ failed
File        005_backfill_names.sql (SQL)
Failed at   2026-11-25 07:45 · took 4 ms
Checksum    on disk   sum-5
            recorded  sum-5  ✓ matches
Error       no such column: nickname
✗ Migration 5 (005_backfill_names.sql) is pending but the newer version 6 is al…
  Hint: Give the file a version above 6, or run \`gao-db migrate --allow-out-of-…

Up (005_backfill_names.sql line 2; in a transaction)
  UPDATE users SET nickname = name;

Down (005_backfill_names.sql line 5; in a transaction; drops table backfill_nam…
  DROP TABLE backfill_names;





↑↓/jk scroll  q/Esc back`);
    await stdin.press(KEYS.escape);
    await expect.poll(lastFrame, WAIT).toContain('› 005 ✗ failed');
  });

  test('a long list scrolls and keeps the selection visible; redraws on resize', async () => {
    const { lastFrame, press, stdout } = await dashboard({ inspection: longInspection(40) });
    await press('G', '› 040');
    const frame = lastFrame();
    expect(frame).toContain('› 040 ✓ applied      step_40');
    expect(frame).toContain('rows 24-40 of 40 ↑');
    expect(frame).not.toContain('step_23 ');
    await press('g', '› 001');
    await press(KEYS.pageDown, '› 018');
    expect(lastFrame()).toContain('› 018 ✓ applied');
    expect(lastFrame()).toContain('rows 2-18 of 40 ↑ ↓');
    stdout.resize(40, 12);
    await expect.poll(lastFrame, WAIT).toBe(`/srv/app/data/app.db (3.0 MB)
journal delete · last backup none
version 40 · 40 applied · 0 pending
0 failed · 0 changed · 0 missing
  VER STATE          NAME
  017 ✓ applied      step_17
› 018 ✓ applied      step_18
rows 17-18 of 40 ↑ ↓
↑↓/jk move  Enter details  m migrate
r rollback  t rehearse  h history
v validate  b backups  ? help  q quit`);
  });

  test('narrow terminal: 40 columns drop the time columns and truncate names with …', async () => {
    const { lastFrame } = await dashboard({}, 40, 24);
    await expect.poll(lastFrame, WAIT).toBe(`data/app.db (47 KB) · journal wal
last backup 2026-11-27 07:47 (pre-migra…
version 6 · 2 applied · 3 pending
1 out of order · 1 failed · 1 changed
1 missing
  VER STATE          NAME
› 001 ✓ applied      create_users
  002 ✓ applied      add_email
  003 ! changed      rebuild_orders
  004 ↓ out of order add_index
  005 ✗ failed       backfill_names
  006 ? missing      drop_legacy
  007 · pending      add_sessions_table…
  008 · pending      vacuum
  009 · pending      seed_admin
rows 1-9 of 9




↑↓/jk move  Enter details  m migrate
r rollback  t rehearse  h history
v validate  b backups  ? help  q quit`);
  });

  test('m shows the plan with its warnings and asks; n cancels and nothing runs', async () => {
    const { lastFrame, press, backend, stdin } = await dashboard();
    await stdin.press('m');
    await expect.poll(lastFrame, WAIT).toBe(`${HEADER_80}
Plan: apply 3 migrations (version 6 -> 9)
  VER NAME                                  WARNINGS
  007 add_sessions_table_with_a_rather_lon… -
! 008 vacuum                                transaction:false, no down
! 009 seed_admin                            no down
Apply 3 migrations to data/app.db? y/N













y run  n/Esc cancel  Ctrl+C stop after the running migration`);
    // Back on the table with the notice: the flow has ended, so nothing can still start a run.
    await press('n', ['Not confirmed. Nothing was changed.', 'VER STATE']);
    expect(lastFrame()).toContain('Not confirmed. Nothing was changed.');
    expect(backend.calls).toEqual(['inspect', 'planMigrate']);
  });

  test('y runs with the backend, then the table is reloaded with a summary', async () => {
    let migrated = false;
    const after = sampleInspection();
    const { lastFrame, press, backend } = await dashboard({
      inspection: () => (migrated ? after : sampleInspection()),
    });
    await press('m', ASK_MIGRATE);
    migrated = true;
    await press('y', ['✓ Migrated to version 9: 3 migrations in', 'VER STATE']);
    expect(backend.calls).toEqual(['inspect', 'planMigrate', 'migrate', 'inspect']);
    expect(lastFrame()).toContain('✓ Migrated to version 9: 3 migrations in');
    expect(lastFrame()).toContain('VER STATE');
  });

  test('a failure shows the error and hint, and selects the failed row', async () => {
    const failAt = {
      version: 8,
      error: migrationError(
        'Migration 8 (008_vacuum.sql) failed',
        'Add transaction:false to its marker.',
        'cannot VACUUM from within a transaction',
      ),
    };
    const failedInspection = sampleInspection();
    const vacuumRecord = record(m.vacuum, {
      status: 'failed',
      errorMessage: 'cannot VACUUM from within a transaction',
    });
    const history = {
      ...failedInspection.history,
      records: [...failedInspection.history.records, vacuumRecord],
    };
    let ran = false;
    const { lastFrame, press } = await dashboard({
      failAt,
      inspection: () =>
        ran
          ? {
              ...failedInspection,
              history,
              status: {
                ...failedInspection.status,
                migrations: failedInspection.status.migrations.map((row) =>
                  row.version === 8 ? { ...row, state: 'failed' as const, record: vacuumRecord } : row,
                ),
              },
            }
          : sampleInspection(),
    });
    await press('m', ASK_MIGRATE);
    ran = true;
    await press('y', ['✗ Migration 8 (008_vacuum.sql) failed', '› 008 ✗ failed']);
    const frame = lastFrame();
    expect(frame).toContain(`✗ Migration 8 (008_vacuum.sql) failed
  Migration 8 (008_vacuum.sql) failed: cannot VACUUM from within a transaction
  Hint: Add transaction:false to its marker.`);
    expect(frame).toContain('› 008 ✗ failed       vacuum');
  });

  test('a refused plan and an empty plan leave a notice', async () => {
    const problem = {
      code: 'missing_file',
      version: 6,
      migrationName: '006_drop_legacy',
      message: 'Migration 6 is missing.',
      hint: 'Restore it.',
    } as const;
    const refused = await dashboard({ migratePlan: fail([problem]) });
    await refused.stdin.press('m');
    await expect.poll(refused.lastFrame, WAIT).toContain('✗ Migration 6 is missing.\n  Hint: Restore it.');
    refused.unmount();
    const empty = await dashboard({ migratePlan: ok(migratePlan([], 6)) });
    await empty.stdin.press('m');
    await expect.poll(empty.lastFrame, WAIT).toContain('Already up to date. Nothing to run.');
  });

  test('r chooses how far, shows the rollback plan, and runs it', async () => {
    const { lastFrame, press, backend, stdin } = await dashboard({
      rollbackPlan: (target) =>
        ok(
          rollbackPlan(
            'count' in target && target.count === 2 ? [m.rebuildOrders, m.addEmail] : [m.addEmail],
            1,
          ),
        ),
    });
    await stdin.press('r');
    await expect.poll(lastFrame, WAIT).toContain(`Roll back how far? (the plan is shown before anything runs)
› undo 1 -> version 003   (undoes 006 drop_legacy)
  undo 2 -> version 002   (undoes 003 rebuild_orders and newer)`);
    await press('j', '› undo 2');
    await stdin.press(KEYS.enter);
    await expect.poll(lastFrame, WAIT).toContain(`Plan: roll back 2 migrations (version 6 -> 1)
  VER NAME                                  WARNINGS
  003 rebuild_orders                        -
! 002 add_email                             drops table add_email
Roll back 2 migrations in data/app.db? y/N`);
    await press('y', ['✓ Rolled back to version 1: 2 migrations in', 'VER STATE']);
    expect(backend.calls).toContain('rollback {"count":2}');
    expect(lastFrame()).toContain('✓ Rolled back to version 1: 2 migrations in');
    await press('r', 'Roll back how far?');
    await stdin.press('q');
    await expect.poll(lastFrame, WAIT).toContain('› 001 ✓ applied');
  });

  test('the rollback plan shows a down part changed since it was applied as a warning', async () => {
    const plan = rollbackPlan([m.addEmail], 1);
    const changed = downChangedProblem(m.addEmail, m.addEmail.file, 'old', 'new');
    const { lastFrame, stdin } = await dashboard({
      rollbackPlan: () => ok({ ...plan, warnings: [changed] }),
    });
    await stdin.press('r');
    await expect.poll(lastFrame, WAIT).toContain('Roll back how far?');
    await stdin.press(KEYS.enter);
    await expect
      .poll(lastFrame, WAIT)
      .toContain(`! 002 add_email                             drops table add_email
! The down part of migration 2 (002_add_email.sql) was changed after the
migration was applied: the rollback runs it as it is now.
  Hint: Check that it still undoes what migration 2 did (\`gao-db rollback
--dry-run\` shows the SQL). \`gao-db repair accept-checksum 2\` records the current
 file and ends this warning.
Roll back 1 migration in data/app.db? y/N`);
  });

  test('h shows the history; v validates; b lists backups; ? helps; q goes back each time', async () => {
    const problem = {
      code: 'missing_file',
      version: 6,
      migrationName: '006_drop_legacy',
      message: 'Migration 6 is missing.',
      hint: 'Restore it.',
    } as const;
    const { lastFrame, press, stdin } = await dashboard({ problems: [problem] });
    await stdin.press('h');
    await expect.poll(lastFrame, WAIT).toBe(`${HEADER_80}
TIME             ACTION            VER NAME                 DURATION RESULT
2026-11-21 07:41 applied           001 create_users            12 ms ✓ ok
2026-11-22 07:42 applied           002 add_email                0 ms ✓ ok
2026-11-23 07:43 applied           003 rebuild_orders         1.53 s ✓ ok
2026-11-26 07:46 applied           006 drop_legacy                 - ✓ ok
2026-11-25 07:45 apply failed      005 backfill_names           4 ms ✗ no such …
2026-11-21 07:41 checksum recorded 001 create_users            12 ms ✓ was empty
events 1-6 of 6











↑↓/jk scroll  q/Esc back`);
    await press('q', 'VER STATE');
    await stdin.press('v');
    await expect
      .poll(lastFrame, WAIT)
      .toContain('✗ 1 problem\n\n✗ Migration 6 is missing. (missing_file)\n  Hint: Restore it.');
    await press('q', 'VER STATE');
    await stdin.press('b');
    await expect.poll(lastFrame, WAIT).toContain(`  CREATED AT       REASON          SIZE PATH
› 2026-11-27 07:47 pre-migrate    46 KB …026-11-27T07-47-00-000Z.pre-migrate.bak
  2026-11-20 10:00 manual         40 KB ….db.2026-11-20T10-00-00-000Z.manual.bak`);
    await press('q', 'VER STATE');
    await stdin.press('?');
    await expect.poll(lastFrame, WAIT).toContain('  ✓ applied       ran and recorded; file unchanged');
    expect(lastFrame()).toContain('  ? missing       recorded as applied, but the file is gone');
    // The help fits the screen, so j changes nothing on it (no frame to wait for); q then goes back.
    await stdin.press('j');
    await stdin.press('q');
    await expect.poll(lastFrame, WAIT).toContain('VER STATE');
  });

  test('b then Enter asks to restore the chosen backup; y restores, reloads and names the safety copy', async () => {
    const safetyBackup = {
      path: '/srv/app/data/backups/app.db.2026-11-28T08-00-00-000Z.pre-restore.bak',
      createdAt: '2026-11-28T08:00:00.000Z',
      sizeBytes: 48_000,
      reason: 'pre-restore',
    };
    const { lastFrame, press, backend, stdin } = await dashboard({ restore: { safetyBackup } });
    await press('b', '› 2026-11-27 07:47');
    await press('j', '› 2026-11-20 10:00');
    await stdin.press(KEYS.enter);
    await expect.poll(lastFrame, WAIT).toBe(`${HEADER_80}
Restore data/app.db from this backup?
  taken 2026-11-20 10:00 (manual), 40 KB
  /srv/app/data/backups/app.db.2026-11-20T10-00-00-000Z.manual.bak
Replace data/app.db with this backup? Changes made since it was taken are lost.
y/N














y restore  n/Esc cancel`);
    await press('y', 'Restored data/app.db');
    await expect
      .poll(lastFrame, WAIT)
      .toContain(`✓ Restored data/app.db from app.db.2026-11-20T10-00-00-000Z.manual.bak.
  The database as it was before is kept as a pre-restore backup (b lists it).
  VER STATE`);
    expect(backend.calls).toEqual([
      'inspect',
      'listBackups',
      'restoreBackup /srv/app/data/backups/app.db.2026-11-20T10-00-00-000Z.manual.bak',
      'inspect',
    ]);
  });

  test('a restore can be declined (n, Esc), and a failing one leaves the error', async () => {
    const failure = Object.assign(new Error('The backup file is not a database.'), {
      code: 'restore_failed',
      hint: 'Choose another backup.',
    });
    const { lastFrame, press, backend } = await dashboard({ restore: failure });
    for (const cancel of ['n', KEYS.escape]) {
      await press('b', '› 2026-11-27 07:47');
      await press(KEYS.enter, 'Restore data/app.db from this backup?');
      await press(cancel, ['Not confirmed. Nothing was changed.', 'VER STATE']);
    }
    expect(backend.calls.filter((call) => call.startsWith('restoreBackup'))).toEqual([]);
    await press('b', '› 2026-11-27 07:47');
    await press(KEYS.enter, 'Restore data/app.db from this backup?');
    await press('y', ['✗ The restore failed', 'VER STATE']);
    expect(lastFrame()).toContain(`✗ The restore failed
  The backup file is not a database.
  Hint: Choose another backup.`);
    expect(backend.calls.at(-1)).toBe('inspect');
  });

  test('with no backups there is nothing to choose: Enter does nothing, q goes back', async () => {
    const { press, backend, stdin } = await dashboard({ backups: [] });
    await press('b', 'No backups yet: one is taken before every migrate and rollback.');
    await stdin.press(KEYS.enter);
    await press('q', 'VER STATE');
    expect(backend.calls).toEqual(['inspect', 'listBackups']);
  });

  test('validate lists the warnings after the problems, as gao-db validate does', async () => {
    const warning = {
      code: 'foreign_keys_pragma',
      version: 4,
      file: '004_x.sql',
      line: 2,
      statement: 'PRAGMA foreign_keys = OFF',
      message: 'Migration 4 sets PRAGMA foreign_keys.',
      hint: 'Remove it.',
    } as const;
    const { stdin, lastFrame } = await dashboard({ problems: [], warnings: [warning] });
    await stdin.press('v');
    await expect
      .poll(lastFrame, WAIT)
      .toContain(
        '✓ No problems: the 9 migrations match the history.\n\n! 1 warning\n\n! Migration 4 sets PRAGMA foreign_keys. (foreign_keys_pragma)\n  Hint: Remove it.',
      );
  });

  test('t rehearses the pending migrations on a copy and shows the report; q goes back', async () => {
    const rehearsal = {
      ok: true,
      steps: [{ version: 8, name: 'vacuum', durationMs: 3, ok: true }],
      integrityCheck: ['ok'],
      foreignKeyViolations: [],
      problems: [],
      roundTrip: null,
    };
    const { stdin, lastFrame, press, backend } = await dashboard({ rehearsal });
    await stdin.press('t');
    await expect
      .poll(lastFrame, WAIT)
      .toContain(
        'Rehearsal on a copy of data/app.db (the database is not changed):\n  ok   008_vacuum  3 ms\nintegrity_check:    ok\nforeign_key_check:  ok\nRehearsal passed: 1 migration in 3 ms.',
      );
    expect(backend.calls).toContain('rehearse');
    await press('q', 'VER STATE');
    backend.rehearse = () =>
      Promise.reject(Object.assign(new Error('disk I/O error'), { hint: 'Check the disk.' }));
    await stdin.press('t');
    await expect.poll(lastFrame, WAIT).toContain('✗ disk I/O error\n  Hint: Check the disk.');
  });

  test('validate and backups show a failing backend as an error', async () => {
    const backend = await dashboard();
    backend.backend.validate = () =>
      Promise.reject(Object.assign(new Error('database is locked'), { hint: 'Try later.' }));
    await backend.stdin.press('v');
    await expect.poll(backend.lastFrame, WAIT).toContain('✗ database is locked\n  Hint: Try later.');
  });

  test('an unreadable database shows the error and hint; q quits', async () => {
    const error = Object.assign(new Error('Not a database: data/app.db'), {
      code: 'not_a_database',
      hint: 'Check the path.',
    });
    const { lastFrame, stdin } = await dashboard({ inspectError: error });
    await expect
      .poll(lastFrame, WAIT)
      .toContain('✗ Cannot read the database\n  Not a database: data/app.db\n  Hint: Check the path.');
    await stdin.press('q');
  });

  test('Ctrl+C during a run asks the backend to stop; the running migration is rolled back; exits 130', async () => {
    const signals = new EventEmitter();
    const { lastFrame, press, backend, stdin, stdout } = await dashboard(
      { mode: 'manual' },
      80,
      24,
      signals as unknown as InterruptSource,
    );
    await press('m', ASK_MIGRATE);
    await stdin.press('y');
    const control = await vi.waitUntil(() => backend.control, WAIT);
    const step = applyStep(m.addSessions);
    control.onEvent({ type: 'step_started', index: 0, total: 3, step });
    await expect
      .poll(lastFrame, WAIT)
      .toContain('→ Applying 007 add_sessions_table_with_a_rather_long_descriptive_name');
    signals.emit('SIGINT');
    await waitForFrame(lastFrame, ['! Stop requested', '→ Stopping, cancelling 007']);
    expect(control.signal.aborted).toBe(true);
    expect(lastFrame()).toContain('! Stop requested: no further migration will start.');
    // The adapter rolls the running (transactional) migration back: no step_finished, done interrupted.
    control.onEvent({ type: 'done', finalVersion: 6, durationMs: 5, interrupted: true });
    backend.settle({ ok: true, finalVersion: 6 });
    await expect
      .poll(
        () =>
          stdout.frames
            .map(plain)
            .some(
              (frame) =>
                frame.includes('! Stopped at your request after 0 of 3 migrations; 007') &&
                frame.includes('was rolled back'),
            ),
        WAIT,
      )
      .toBe(true);
  });
});
