import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { testdir, writeTree } from '@gao/tooling/test-utils';
import { describe, expect, it, onTestFinished } from 'vitest';
import type { ProgressEvent } from './events.ts';
import { Migrator } from './migrator.ts';

const FILES = {
  '001_a.sql': '-- migrate:up\nCREATE TABLE a (id INTEGER PRIMARY KEY);\n-- migrate:down\nDROP TABLE a;\n',
  '002_b.sql': '-- migrate:up\nCREATE TABLE b (id INTEGER PRIMARY KEY);\n-- migrate:down\nDROP TABLE b;\n',
  '003_c.sql': '-- migrate:up\nCREATE TABLE c (id INTEGER PRIMARY KEY);\n-- migrate:down\nDROP TABLE c;\n',
};

function setup(initialAbortAfter: number | null) {
  const options = { abortAfter: initialAbortAfter, controller: new AbortController() };
  const root = testdir();
  const dir = join(root, 'migrations');
  mkdirSync(dir);
  writeTree(dir, FILES);
  const database = join(root, 'app.db');
  const events: ProgressEvent[] = [];
  const migrator = new Migrator({
    database,
    migrationsDir: dir,
    backup: false,
    onEvent: (event) => {
      events.push(event);
      if (event.type === 'step_finished' && event.index + 1 === options.abortAfter) {
        options.controller.abort();
      }
    },
  });
  onTestFinished(() => migrator.close());
  const read = () => {
    const db = new DatabaseSync(database, { readOnly: true });
    try {
      const versions = db
        .prepare("SELECT version FROM schema_version WHERE status = 'success' ORDER BY version")
        .all()
        .map((row) => row.version);
      const tables = db
        .prepare(
          "SELECT name FROM sqlite_schema WHERE type = 'table' AND name IN ('a', 'b', 'c') ORDER BY name",
        )
        .all()
        .map((row) => row.name);
      const events = db.prepare('SELECT kind, version FROM schema_version_events ORDER BY id').all();
      const integrity = db.prepare('PRAGMA integrity_check').get();
      return { versions, tables, events, integrity };
    } finally {
      db.close();
    }
  };
  return {
    migrator,
    database,
    options,
    events,
    read,
    get controller() {
      return options.controller;
    },
  };
}

describe('AbortSignal: migrate and rollback stop between steps', () => {
  it('migrate: an abort during step 1 of 3 lets it commit, then stops: exactly one applied, database consistent', async () => {
    const t = setup(1);
    const report = await t.migrator.migrate({ signal: t.controller.signal });
    expect(report.ok && report.interrupted).toBe(true);
    expect(report.ok && report.steps.map((step) => step.version)).toEqual([1]);
    expect(report.ok && report.finalVersion).toBe(1);
    const state = t.read();
    expect(state.versions).toEqual(['001']);
    expect(state.tables).toEqual(['a']);
    // The log says where the run stopped: 002 did not start.
    expect(state.events).toEqual([
      { kind: 'applied', version: '001' },
      { kind: 'interrupted', version: '002' },
    ]);
    expect(state.integrity).toEqual({ integrity_check: 'ok' });
    expect(t.events.at(-1)).toMatchObject({ type: 'done', finalVersion: 1, interrupted: true });
    expect(t.events.filter((event) => event.type === 'step_started')).toHaveLength(1);
    // The rest is still pending and runs next time.
    const rest = await t.migrator.migrate();
    expect(rest.ok && rest.steps.map((step) => step.version)).toEqual([2, 3]);
    expect(rest.ok && rest.interrupted).toBeUndefined();
  });

  it('migrate: an abort that arrives as a later task (a key press, SIGINT) is seen before the next step', async () => {
    const t = setup(null);
    // The abort is queued as a macrotask once step 1 has finished: the runner must give the event
    // loop a turn between steps, or the abort would only land after step 3.
    const migrator = new Migrator({
      database: t.database,
      migrationsDir: join(t.database, '..', 'migrations'),
      backup: false,
      onEvent: (event) => {
        if (event.type === 'step_finished' && event.index === 0) setImmediate(() => t.controller.abort());
      },
    });
    onTestFinished(() => migrator.close());
    const report = await migrator.migrate({ signal: t.controller.signal });
    expect(report.ok && report.steps.map((step) => step.version)).toEqual([1]);
    expect(t.read().versions).toEqual(['001']);
  });

  it('migrate: an abort that arrives while a migration runs rolls that migration back', async () => {
    const t = setup(null);
    const migrator = new Migrator({
      database: t.database,
      migrationsDir: join(t.database, '..', 'migrations'),
      backup: false,
      onEvent: (event) => {
        // Queued when step 2 starts: it can only land once the body has run (Ctrl+C in the UI).
        if (event.type === 'step_started' && event.index === 1) setImmediate(() => t.controller.abort());
      },
    });
    onTestFinished(() => migrator.close());
    const report = await migrator.migrate({ signal: t.controller.signal });
    expect(report.ok && report.interrupted).toBe(true);
    expect(report.ok && report.steps.map((step) => step.version)).toEqual([1]);
    expect(report.ok && report.finalVersion).toBe(1);
    const state = t.read();
    expect(state.versions).toEqual(['001']);
    expect(state.tables).toEqual(['a']);
    expect(state.events).toEqual([
      { kind: 'applied', version: '001' },
      { kind: 'interrupted', version: '002' },
    ]);
    expect(state.integrity).toEqual({ integrity_check: 'ok' });
    // The event says what became of 002, and records the schema the run left: a later change by hand
    // is still noticed.
    const history = await migrator.history();
    expect(history.events.at(-1)).toMatchObject({
      kind: 'interrupted',
      detail:
        "stopped at the user's request after 1 of 3 migrations; 002_b was cancelled, so it is not applied",
      schemaFingerprint: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    expect((await migrator.inspect()).schemaDrift).toBeNull();
    const hand = new DatabaseSync(t.database);
    hand.exec('CREATE TABLE by_hand (id INTEGER)');
    hand.close();
    // The interruption recorded the schema's objects too: the change is named.
    expect((await migrator.inspect()).schemaDrift).toMatchObject({
      since: { kind: 'interrupted' },
      changes: [{ type: 'table', name: 'by_hand', change: 'added' }],
    });
    // Nothing of 002 stayed: it is simply pending.
    const rest = await migrator.migrate();
    expect(rest.ok && rest.steps.map((step) => step.version)).toEqual([2, 3]);
  });

  it('migrate: an already-aborted signal runs nothing and writes nothing', async () => {
    const t = setup(null);
    t.controller.abort();
    const report = await t.migrator.migrate({ signal: t.controller.signal });
    expect(report).toMatchObject({ ok: true, steps: [], interrupted: true, finalVersion: null });
    expect(t.events.map((event) => event.type)).toEqual(['plan_ready', 'done']);
    const db = new DatabaseSync(t.database, { readOnly: true });
    onTestFinished(() => db.close());
    expect(db.prepare('SELECT count(*) AS n FROM sqlite_schema').get()).toEqual({ n: 0 });
  });

  it('migrate: an abort after the last step is not an interruption', async () => {
    const t = setup(3);
    const report = await t.migrator.migrate({ signal: t.controller.signal });
    expect(report.ok && report.steps).toHaveLength(3);
    expect(report.ok && report.interrupted).toBeUndefined();
    expect(t.events.at(-1)).toEqual(expect.not.objectContaining({ interrupted: true }));
  });

  it('rollback: an already-aborted signal reverts nothing; an abort during the first revert stops after it', async () => {
    const t = setup(null);
    await t.migrator.migrate();
    t.options.controller = new AbortController();
    t.options.controller.abort();
    const none = await t.migrator.rollback({ to: 0 }, { signal: t.controller.signal });
    expect(none).toMatchObject({ ok: true, steps: [], interrupted: true, finalVersion: 3 });
    expect(t.read().versions).toEqual(['001', '002', '003']);

    t.options.controller = new AbortController();
    t.options.abortAfter = 1;
    t.events.length = 0;
    const one = await t.migrator.rollback({ to: 0 }, { signal: t.controller.signal });
    expect(one).toMatchObject({ ok: true, interrupted: true, finalVersion: 2 });
    expect(one.ok && one.steps.map((step) => [step.kind, step.version])).toEqual([['revert', 3]]);
    const state = t.read();
    expect(state.versions).toEqual(['001', '002']);
    expect(state.tables).toEqual(['a', 'b']);
    expect(state.events.slice(-2)).toEqual([
      { kind: 'rolled_back', version: '003' },
      { kind: 'interrupted', version: '002' },
    ]);
    expect(t.events.at(-1)).toMatchObject({ type: 'done', finalVersion: 2, interrupted: true });
  });
});
