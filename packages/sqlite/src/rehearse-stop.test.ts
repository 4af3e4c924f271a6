import { readdirSync } from 'node:fs';
import { testdir } from '@gao/tooling/test-utils';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migratorFixture } from './migrator.test-fixture.ts';

const SQL = (table: string) =>
  `-- migrate:up\nCREATE TABLE ${table} (id);\n-- migrate:down\nDROP TABLE ${table};\n`;

// A code migration that aborts the test's controller while it runs (on the rehearsal's copy).
const ABORTING = `export function up(db) {
  globalThis.stopRehearsal();
  db.exec('CREATE TABLE b (id)');
}
export function down(db) {
  globalThis.stopRehearsal();
  db.exec('DROP TABLE b');
}
`;

const FILES = { '001_a.sql': SQL('a'), '002_b.mjs': ABORTING, '003_c.sql': SQL('c') };

let temp = '';
let saved: string | undefined;
beforeEach(() => {
  // Rehearsal copies go to os.tmpdir(): a folder of the test's own shows that none is left behind.
  temp = testdir({});
  saved = process.env.TMPDIR;
  process.env.TMPDIR = temp;
});
afterEach(() => {
  if (saved === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = saved;
  delete (globalThis as { stopRehearsal?: () => void }).stopRehearsal;
});

function stopWith(controller: AbortController): void {
  (globalThis as { stopRehearsal?: () => void }).stopRehearsal = () => controller.abort();
}

const copies = () => readdirSync(temp).filter((name) => name.startsWith('gao-db-rehearsal-'));

describe('a rehearsal stopped by its signal', () => {
  it('ends at the running migration (undone on the copy, as a run does): no checks, no round trip, no copy left', async () => {
    const t = migratorFixture(FILES);
    const controller = new AbortController();
    stopWith(controller);
    const report = await t.migrator.rehearse({ roundTrip: true, signal: controller.signal });
    expect(report).toMatchObject({
      ok: false,
      interrupted: true,
      steps: [{ version: 1, ok: true }],
      integrityCheck: [],
      foreignKeyViolations: [],
      roundTrip: null,
    });
    expect(copies()).toEqual([]);
    // The real database was only read.
    expect(t.tables()).toEqual([]);
  });

  it('runs nothing when already stopped, and a rehearsal without a signal is not interrupted', async () => {
    const t = migratorFixture({ '001_a.sql': SQL('a') });
    const report = await t.migrator.rehearse({ signal: AbortSignal.abort() });
    expect(report).toMatchObject({ ok: false, interrupted: true, steps: [] });
    expect(await t.migrator.rehearse({ roundTrip: true })).toMatchObject({ ok: true, interrupted: false });
    expect(copies()).toEqual([]);
  });

  it('stops a round trip in its down parts', async () => {
    const t = migratorFixture(FILES);
    const controller = new AbortController();
    // The up parts run whole; the abort comes from 002's down part, in the round trip.
    let calls = 0;
    (globalThis as { stopRehearsal?: () => void }).stopRehearsal = () => {
      calls++;
      if (calls === 2) controller.abort();
    };
    const report = await t.migrator.rehearse({ roundTrip: true, signal: controller.signal });
    expect(report).toMatchObject({ ok: false, interrupted: true, roundTrip: null });
    expect(report.steps.map((step) => step.version)).toEqual([1, 2, 3]);
    expect(calls).toBe(2);
    expect(copies()).toEqual([]);
  });

  it('stops a rollback rehearsal at the running down part', async () => {
    const t = migratorFixture(FILES);
    stopWith(new AbortController());
    expect((await t.migrator.migrate()).ok).toBe(true);
    const controller = new AbortController();
    stopWith(controller);
    const report = await t.migrator.rehearseRollback({ count: 3 }, { signal: controller.signal });
    expect(report).toMatchObject({ ok: false, interrupted: true, integrityCheck: [] });
    expect(report.steps.map((step) => step.version)).toEqual([3]);
    expect(copies()).toEqual([]);
    expect(t.tables()).toContain('a');
  });
});
