import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testdir } from '@gao/tooling/test-utils';
import { describe, expect, it } from 'vitest';
import type { UiBackend, UiProgressEvent, UiResult } from '../../src/ui/types.ts';
import { fakeDatabase, fakeMigrator } from '../support/fake-migrator.ts';
import { fakeUi, TERMINAL } from '../support/fake-ui.ts';
import { THREE } from '../support/fixtures.ts';
import { runMain } from '../support/run-main.ts';

function setup(act: Parameters<typeof fakeUi>[0]) {
  const dir = testdir({});
  const db = fakeDatabase({ ...THREE });
  const ui = fakeUi(act);
  const log = () => join(dir, 'gao.db.gao-db.log');
  const events = () =>
    existsSync(log())
      ? readFileSync(log(), 'utf8')
          .trim()
          .split('\n')
          .map((line) => (JSON.parse(line) as { event: string }).event)
      : [];
  return {
    dir,
    db,
    ui,
    events,
    io: { cwd: dir, openMigrator: fakeMigrator(db), loadUi: ui.loadUi, ...TERMINAL },
  };
}

/** Plays a user who confirms: runs the backend's migrate, stopping after `stopAfter` steps if given. */
function migrateUser(stopAfter?: number, finish: (result: UiResult) => UiResult = (result) => result) {
  return async (options: Record<string, unknown>): Promise<UiResult> => {
    const backend = options.backend as UiBackend;
    const controller = new AbortController();
    let finished = 0;
    const onEvent = (event: UiProgressEvent) => {
      if (event.type === 'step_finished' && ++finished === stopAfter) controller.abort();
    };
    try {
      await backend.migrate({}, { onEvent, signal: controller.signal });
      return finish(
        controller.signal.aborted
          ? { outcome: 'interrupted', exitCode: 130 }
          : { outcome: 'done', exitCode: 0 },
      );
    } catch (error) {
      return finish({ outcome: 'failed', exitCode: 1, error });
    }
  };
}

describe('exit codes and the log file on a terminal are those of the plain command', () => {
  it('a migration that fails: exit 1, the same log lines as migrate --yes', async () => {
    const plain = setup(() => ({ outcome: 'done', exitCode: 0 }));
    plain.db.failUp.set(2, 'no such table: x');
    const scripted = await runMain(['migrate', '--yes'], {
      ...plain.io,
      stdinIsTTY: false,
      stdoutIsTTY: false,
    });
    const ui = setup(migrateUser());
    ui.db.failUp.set(2, 'no such table: x');
    const interactive = await runMain(['migrate'], ui.io);
    expect(interactive.code).toBe(scripted.code);
    expect(interactive.code).toBe(1);
    expect(interactive.stdout).toBe('');
    expect(ui.events()).toEqual(plain.events());
    expect(ui.events()).toContain('error');
  });

  it('success: exit 0 and the same log lines', async () => {
    const plain = setup(() => ({ outcome: 'done', exitCode: 0 }));
    await runMain(['migrate', '--yes'], { ...plain.io, stdinIsTTY: false });
    const ui = setup(migrateUser());
    expect((await runMain(['migrate', '--yes'], ui.io)).code).toBe(0);
    expect(ui.events()).toEqual(plain.events());
    expect(ui.db.history.records).toHaveLength(3);
  });

  it('refused: exit 3 and logged once; not confirmed: exit 2 and nothing logged', async () => {
    const refused = setup(() => ({ outcome: 'refused', exitCode: 3, problems: [] }));
    expect((await runMain(['rollback'], refused.io)).code).toBe(3);
    expect(refused.events()).toEqual(['error']);
    const no = setup(() => ({ outcome: 'not_confirmed', exitCode: 2 }));
    expect((await runMain(['migrate'], no.io)).code).toBe(2);
    expect(no.events()).toEqual([]);
  });

  it('an error while planning is logged; a database error maps to exit 4', async () => {
    const error = Object.assign(new Error('The database is locked.'), {
      code: 'database_locked',
      hint: 'Wait.',
    });
    const locked = setup(() => ({ outcome: 'failed', exitCode: 1, error }));
    expect((await runMain(['migrate'], locked.io)).code).toBe(4);
    expect(locked.events()).toEqual(['error']);
    const missing = setup(() => ({ outcome: 'done', exitCode: 0 }));
    missing.db.exists = false;
    const run = await runMain(['rollback'], missing.io);
    expect(run.code).toBe(4);
    expect(missing.ui.calls).toEqual([]);
  });

  it('Ctrl+C twice: the process is ended at once with 130, from migrate and from the dashboard', async () => {
    for (const args of [['migrate'], []]) {
      const ui = setup(() => ({ outcome: 'interrupted', exitCode: 130, abandoned: true }));
      const ended: number[] = [];
      const run = await runMain(args, { ...ui.io, endAtOnce: (code) => ended.push(code) });
      expect(run.code).toBe(130);
      expect(ended).toEqual([130]);
    }
    const quiet = setup(migrateUser(1));
    const ended: number[] = [];
    expect((await runMain(['migrate'], { ...quiet.io, endAtOnce: (code) => ended.push(code) })).code).toBe(
      130,
    );
    expect(ended).toEqual([]);
  });

  it('Ctrl+C: the run stops after the running migration, exit 130, logged as interrupted', async () => {
    const ui = setup(migrateUser(1));
    expect((await runMain(['migrate'], ui.io)).code).toBe(130);
    expect(ui.db.history.records.map((record) => record.version)).toEqual([1]);
    expect(ui.events()).toContain('interrupted');
    expect(ui.events()).not.toContain('error');
  });
});

describe('the dashboard', () => {
  it('prints what happened when its screen closes; exit code of the last run', async () => {
    const ok = setup(migrateUser(undefined, () => ({ outcome: 'quit', exitCode: 0 })));
    const done = await runMain([], ok.io);
    expect(done.code).toBe(0);
    expect(done.stderr).toMatch(/^gao-db: Migrated gao\.db to version 003: 3 migrations in \d+ ms\.\n$/);
    expect(ok.ui.calls[0]?.options).toMatchObject({ color: true });

    const failing = setup(migrateUser(undefined, () => ({ outcome: 'quit', exitCode: 0 })));
    failing.db.failUp.set(3, 'boom');
    const failed = await runMain(['--no-color'], failing.io);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toBe(
      'gao-db: migrate of gao.db failed after 2 migrations: Migration 003_code failed: boom\n',
    );
    expect(failing.events()).toContain('error');

    const stopping = setup(migrateUser(2));
    const stopped = await runMain([], stopping.io);
    expect(stopped.code).toBe(130);
    expect(stopped.stderr).toBe(
      'gao-db: stopped at your request after 2 of 3 migrations; gao.db is consistent. Run the command again to continue.\n',
    );
  });

  it('a refused run and several runs', async () => {
    const twice = setup(async (options) => {
      await migrateUser()(options);
      const backend = options.backend as UiBackend;
      const signal = new AbortController().signal;
      await backend.rollback({ count: 1 }, { onEvent: () => {}, signal });
      await backend.rollback({ count: 9 }, { onEvent: () => {}, signal });
      return { outcome: 'quit', exitCode: 0 };
    });
    const run = await runMain([], twice.io);
    expect(run.code).toBe(3);
    expect(run.stderr).toBe(
      "gao-db: rollback of gao.db was refused: 1 problem; nothing was changed. See 'gao-db validate'. (3 runs in this session)\n",
    );
  });
});

describe('runs the Migrator ends early', () => {
  it('a refusal from the run itself is logged once (exit 3); a run the signal stopped is an interruption', async () => {
    const refusing = setup(async (options) => {
      const report = await (options.backend as UiBackend).migrate(
        { to: 99 },
        { onEvent: () => {}, signal: new AbortController().signal },
      );
      return report.ok
        ? { outcome: 'done', exitCode: 0 }
        : { outcome: 'refused', exitCode: 3, problems: report.problems };
    });
    expect((await runMain(['migrate', '--yes'], refusing.io)).code).toBe(3);
    expect(refusing.events()).toEqual(['run_started', 'error']);

    const aborting = setup(async (options) => {
      const controller = new AbortController();
      controller.abort();
      const report = await (options.backend as UiBackend).migrate(
        {},
        { onEvent: () => {}, signal: controller.signal },
      );
      return { outcome: report.ok ? 'interrupted' : 'refused', exitCode: report.ok ? 130 : 3 };
    });
    expect((await runMain(['migrate', '--yes'], aborting.io)).code).toBe(130);
    expect(aborting.events()).toEqual(['run_started', 'plan_ready', 'backup_created', 'done', 'interrupted']);
  });
});
