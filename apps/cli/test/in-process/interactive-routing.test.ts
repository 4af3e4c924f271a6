import { testdir } from '@gao/tooling/test-utils';
import { describe, expect, it } from 'vitest';
import type { GlobalFlags } from '../../src/cli/invocation.ts';
import { interactiveScreen, isInteractiveTerminal, noCommandFlags } from '../../src/interactive/route.ts';
import { fakeDatabase, fakeMigrator } from '../support/fake-migrator.ts';
import { fakeUi, TERMINAL, type UiCall } from '../support/fake-ui.ts';
import { THREE } from '../support/fixtures.ts';
import { runMain } from '../support/run-main.ts';

const FLAGS: GlobalFlags = {
  db: undefined,
  migrations: undefined,
  config: undefined,
  json: false,
  logFile: undefined,
  verbose: false,
  quiet: false,
  busyTimeoutMs: undefined,
  color: undefined,
};
/** The events a history table was given. */
const eventsOf = (call: UiCall | undefined) =>
  (call?.options.history as { events: unknown[] } | undefined)?.events;

const TTY = { stdoutIsTTY: true, stdinIsTTY: true, env: {} };

function setup() {
  const dir = testdir({});
  const db = fakeDatabase({ ...THREE });
  const ui = fakeUi();
  return { dir, db, ui, io: { cwd: dir, openMigrator: fakeMigrator(db), loadUi: ui.loadUi } };
}

describe('which path a command line takes', () => {
  it('is interactive only with both terminals, no --json or --quiet, no CI, not a dumb terminal', () => {
    expect(isInteractiveTerminal(TTY, FLAGS)).toBe(true);
    expect(isInteractiveTerminal({ ...TTY, stdoutIsTTY: false }, FLAGS)).toBe(false);
    expect(isInteractiveTerminal({ ...TTY, stdinIsTTY: false }, FLAGS)).toBe(false);
    expect(isInteractiveTerminal(TTY, { ...FLAGS, json: true })).toBe(false);
    expect(isInteractiveTerminal(TTY, { ...FLAGS, quiet: true })).toBe(false);
    expect(isInteractiveTerminal({ ...TTY, env: { CI: 'true' } }, FLAGS)).toBe(false);
    expect(isInteractiveTerminal({ ...TTY, env: { CI: 'false' } }, FLAGS)).toBe(true);
    expect(isInteractiveTerminal({ ...TTY, env: { TERM: 'dumb' } }, FLAGS)).toBe(false);
  });

  it('opens a screen for the dashboard, migrate, rollback, status and history, not for dry runs', () => {
    const screen = (args: Parameters<typeof interactiveScreen>[1]['args'], flags = FLAGS) =>
      interactiveScreen(TTY, { global: flags, args });
    const migrate = {
      command: 'migrate',
      to: undefined,
      yes: false,
      dryRun: false,
      rehearse: false,
      roundTrip: false,
      backup: true,
      allowOutOfOrder: false,
      allOrNothing: false,
    } as const;
    expect(screen(null)).toBe('dashboard');
    expect(screen(migrate)).toBe('migrate');
    expect(screen({ ...migrate, yes: true })).toBe('migrate');
    expect(screen({ ...migrate, dryRun: true })).toBeNull();
    expect(screen({ ...migrate, rehearse: true })).toBeNull();
    const rollback = {
      command: 'rollback',
      target: { count: 1 },
      yes: false,
      dryRun: false,
      rehearse: false,
      backup: true,
      allOrNothing: false,
    } as const;
    expect(screen(rollback)).toBe('rollback');
    expect(screen({ ...rollback, dryRun: true })).toBeNull();
    expect(screen({ ...rollback, rehearse: true })).toBeNull();
    expect(screen({ command: 'status' })).toBe('status');
    expect(screen({ command: 'history', limit: undefined })).toBe('history');
    expect(screen({ command: 'history', limit: undefined }, { ...FLAGS, verbose: true })).toBeNull();
    expect(screen({ command: 'validate' })).toBeNull();
    expect(interactiveScreen({ ...TTY, stdinIsTTY: false }, { global: FLAGS, args: null })).toBeNull();
  });

  it('reads global options of a command line with no command', () => {
    expect(noCommandFlags([])).toEqual(FLAGS);
    expect(noCommandFlags(['--db', 'app.db', '--no-color'])).toMatchObject({ db: 'app.db', color: false });
    expect(noCommandFlags(['status'])).toBeNull();
    expect(noCommandFlags(['--help'])).toBeNull();
    expect(noCommandFlags(['--verbose', '--quiet'])).toBeNull();
  });
});

describe('main on a terminal', () => {
  it('status and history render the Ink tables; --json, pipes, --quiet and CI stay plain', async () => {
    const { ui, io } = setup();
    const run = await runMain(['status'], { ...io, ...TERMINAL });
    expect(run).toMatchObject({ code: 0, stdout: 'STATUS TABLE\n', stderr: '' });
    expect(ui.calls[0]).toMatchObject({ entry: 'renderStatusTable', options: { columns: 80, color: true } });
    expect(ui.calls[0]?.options.inspection).toMatchObject({ database: 'gao.db', journalMode: null });
    for (const [args, extra] of [
      [['status', '--json'], TERMINAL],
      [['status'], { ...TERMINAL, stdinIsTTY: false }],
      [['status'], { ...TERMINAL, stdoutIsTTY: false }],
      [['status', '--quiet'], TERMINAL],
      [['status'], { ...TERMINAL, env: { CI: '1' } }],
    ] as const) {
      const plain = await runMain(args, { ...io, ...extra });
      expect(plain.code, args.join(' ')).toBe(0);
    }
    expect(ui.calls).toHaveLength(1);
    await runMain(['migrate', '--yes'], io);
    const history = await runMain(['history', '--limit', '2', '--no-color'], {
      ...io,
      ...TERMINAL,
      columns: undefined,
    });
    expect(history.stdout).toBe('HISTORY TABLE\n');
    expect(ui.calls[1]).toMatchObject({
      entry: 'renderHistoryTable',
      options: { columns: 80, color: false },
    });
    expect(eventsOf(ui.calls[1])).toHaveLength(2);
    const all = await runMain(['history'], { ...io, ...TERMINAL });
    expect(all.code).toBe(0);
    expect(eventsOf(ui.calls[2])).toHaveLength(3);
  });

  it('migrate and rollback open the plan-confirm-progress screen with their options', async () => {
    const { ui, io } = setup();
    expect(
      (await runMain(['migrate', '--to', '2'], { ...io, ...TERMINAL, env: { NO_COLOR: '1' } })).code,
    ).toBe(0);
    expect(ui.calls[0]).toMatchObject({
      entry: 'runMigrateInteractive',
      options: {
        command: 'migrate',
        to: 2,
        yes: false,
        color: false,
        database: 'gao.db',
        currentVersion: null,
      },
    });
    await runMain(['migrate', '--yes'], { ...io, ...TERMINAL });
    expect(ui.calls[1]?.options).toMatchObject({ command: 'migrate', yes: true });
    expect(ui.calls[1]?.options).not.toHaveProperty('to');
    await runMain(['rollback', '2'], { ...io, ...TERMINAL });
    expect(ui.calls[2]?.options).toMatchObject({ command: 'rollback', rollback: { count: 2 }, yes: false });
    // Dry runs and rehearsals print their plain text.
    const dry = await runMain(['migrate', '--dry-run'], { ...io, ...TERMINAL });
    expect(dry.stdout).toContain('Dry run: nothing was changed.');
    expect(ui.calls).toHaveLength(3);
  });

  it('no command opens the dashboard on a terminal, and is a usage error elsewhere', async () => {
    const { ui, io } = setup();
    const run = await runMain(['--db', 'app.db'], { ...io, ...TERMINAL });
    expect(run).toEqual({ code: 0, stdout: '', stderr: 'gao-db: app.db: nothing was changed.\n', asked: [] });
    expect(ui.calls.map((call) => call.entry)).toEqual(['runDashboard']);
    const piped = await runMain([], io);
    expect(piped.code).toBe(2);
    expect(piped.stderr).toContain('Choose a command.');
    expect(ui.calls).toHaveLength(1);
  });
});
