import { DatabaseSync } from 'node:sqlite';
import { claimMessage } from '@gao/migrate-core';
import { writeTree } from '@gao/tooling/test-utils';
import { describe, expect, it, onTestFinished } from 'vitest';
import { DatabaseError, MigrationRuleError } from './errors.ts';
import type { ProgressEvent } from './events.ts';
import { migrationFailure, migratorFixture } from './migrator.test-fixture.ts';
import type { MigratorOptions } from './migrator-options.ts';
import { waitNotifier } from './run-context.ts';

const AT = '2026-11-24T08:00:00.000Z';

function setup(files: Record<string, string>, options: Partial<MigratorOptions> = {}) {
  return migratorFixture(files, { clock: () => new Date(AT), ...options });
}

const failure = migrationFailure;

describe('migrate', () => {
  it('creates the history tables on a fresh database and applies SQL and code migrations in order', async () => {
    const t = setup({
      '001_users.sql': 'CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT);',
      '002_seed.ts':
        "import type { DatabaseSync } from 'node:sqlite';\nexport async function up(db: DatabaseSync): Promise<void> {\n  await new Promise((r) => setTimeout(r, 5));\n  db.prepare('INSERT INTO users (name) VALUES (?)').run('ada');\n}\n",
      '003_more.mjs':
        "export function up(db, ctx) { db.prepare('INSERT INTO users (name) VALUES (?)').run(ctx.name); }\n",
    });
    const report = await t.migrator.migrate();
    expect(report.ok).toBe(true);
    if (!report.ok) return;
    expect(report.steps.map((s) => [s.kind, s.version, s.name, s.file])).toEqual([
      ['apply', 1, 'users', '001_users.sql'],
      ['apply', 2, 'seed', '002_seed.ts'],
      ['apply', 3, 'more', '003_more.mjs'],
    ]);
    expect(report.finalVersion).toBe(3);
    expect(t.tables()).toEqual([
      'schema_version',
      'schema_version_events',
      'schema_version_objects',
      'users',
    ]);
    expect(t.query('SELECT name FROM users ORDER BY id')).toEqual([{ name: 'ada' }, { name: '003_more' }]);
    expect(
      t.query('SELECT version, migration_name, status, applied_at, transactional FROM schema_version'),
    ).toEqual([
      { version: '001', migration_name: '001_users', status: 'success', applied_at: AT, transactional: 1 },
      { version: '002', migration_name: '002_seed', status: 'success', applied_at: AT, transactional: 1 },
      { version: '003', migration_name: '003_more', status: 'success', applied_at: AT, transactional: 1 },
    ]);
    expect(t.query('SELECT kind, version FROM schema_version_events ORDER BY id')).toEqual([
      { kind: 'applied', version: '001' },
      { kind: 'applied', version: '002' },
      { kind: 'applied', version: '003' },
    ]);
    expect(
      t.events.map((e) => (e.type.startsWith('step') ? `${e.type}:${'index' in e ? e.index : ''}` : e.type)),
    ).toEqual([
      'plan_ready',
      'step_started:0',
      'step_finished:0',
      'step_started:1',
      'step_finished:1',
      'step_started:2',
      'step_finished:2',
      'done',
    ]);
    const again = await t.migrator.migrate();
    expect(again.ok && again.steps).toEqual([]);
  });

  it('is atomic: a failing third statement leaves nothing of the migration, records the failure, and a retry replaces it', async () => {
    const t = setup({
      '001_base.sql': 'CREATE TABLE base (id INTEGER);',
      '002_broken.sql':
        'CREATE TABLE a (id INTEGER);\nINSERT INTO a VALUES (1);\nINSERT INTO nope VALUES (1);\n',
    });
    const error = await failure(t.migrator.migrate());
    expect(error.code).toBe('migration_failed');
    expect(error.message).toBe(
      'Migration 002_broken.sql failed at line 3 (INSERT INTO nope VALUES (1);): no such table: nope',
    );
    expect(error.statement).toEqual({ line: 3, sql: 'INSERT INTO nope VALUES (1);' });
    expect(error.version).toBe(2);
    expect(error.direction).toBe('up');
    expect(error.completed.map((s) => s.version)).toEqual([1]);
    expect(error.hint).toBe(
      'Nothing of it was applied and the failure is recorded; fix the migration, then run gao-db migrate again to retry it.',
    );
    expect(t.tables()).toEqual(['base', 'schema_version', 'schema_version_events', 'schema_version_objects']);
    expect(
      t.query(
        "SELECT version, status, error_message, transactional FROM schema_version WHERE version = '002'",
      ),
    ).toEqual([
      {
        version: '002',
        status: 'failed',
        error_message: 'no such table: nope (line 3: INSERT INTO nope VALUES (1);)',
        transactional: 1,
      },
    ]);
    const [failed] = t.query<{ kind: string; stack: string }>(
      "SELECT kind, stack FROM schema_version_events WHERE version = '002'",
    );
    expect(failed?.kind).toBe('failed');
    expect(failed?.stack).toContain('no such table: nope');
    expect(t.events.at(-1)?.type).toBe('step_failed');

    writeTree(t.dir, { '002_broken.sql': 'CREATE TABLE a (id INTEGER);\nINSERT INTO a VALUES (1);\n' });
    const report = await t.migrator.migrate();
    expect(report.ok && report.steps.map((s) => s.version)).toEqual([2]);
    expect(t.query("SELECT status, error_message FROM schema_version WHERE version = '002'")).toEqual([
      { status: 'success', error_message: null },
    ]);
    expect(t.query("SELECT kind FROM schema_version_events WHERE version = '002' ORDER BY id")).toEqual([
      { kind: 'failed' },
      { kind: 'applied' },
    ]);
  });

  it.each([
    ['COMMIT;', 'COMMIT'],
    ['ROLLBACK;', 'ROLLBACK'],
    ['BEGIN;', 'BEGIN'],
    ['END;', 'COMMIT'],
    ['SAVEPOINT sp;', 'SAVEPOINT sp'],
    ['RELEASE sp;', 'RELEASE sp'],
    ['ROLLBACK TO sp;', 'ROLLBACK TO sp'],
  ])(
    'denies %s inside a migration as it runs, leaving the database unchanged',
    async (statement, described) => {
      // A code migration: in a SQL file the planner already refuses it (see below).
      const t = setup({
        '001_base.sql': 'CREATE TABLE base (id INTEGER);',
        '002_tx.mjs': `export function up(db) {\n  db.exec('INSERT INTO base VALUES (1)');\n  db.exec(${JSON.stringify(statement)});\n  db.exec('INSERT INTO base VALUES (2)');\n}\n`,
      });
      const error = await failure(t.migrator.migrate());
      expect(error.message).toBe(
        `Migration 002_tx.mjs failed: 002_tx.mjs tried to run ${described}; gao-db runs each migration in its own transaction, so BEGIN, COMMIT, END, ROLLBACK, SAVEPOINT and RELEASE are not allowed in it.`,
      );
      expect(error.cause).toBeInstanceOf(MigrationRuleError);
      expect((error.cause as MigrationRuleError).code).toBe('transaction_control');
      expect(error.hint).toBe(
        'Remove the transaction statements from the migration. If it must manage transactions itself, mark the migration to run outside a transaction: `-- migrate:up transaction:false` (or `-- migrate:down transaction:false`) in a SQL file, `export const transaction = false` in a code migration. Nothing of it was applied and the failure is recorded; fix the migration, then run gao-db migrate again to retry it.',
      );
      expect(t.query('SELECT count(*) AS n FROM base')).toEqual([{ n: 0 }]);
      expect(t.query("SELECT status FROM schema_version WHERE version = '002'")).toEqual([
        { status: 'failed' },
      ]);
    },
  );

  it('refuses a SQL file with transaction control or VACUUM before anything runs, naming file and line', async () => {
    const t = setup({
      '001_base.sql': 'CREATE TABLE base (id INTEGER);',
      '002_tx.sql': '-- migrate:up\nINSERT INTO base VALUES (1);\nCOMMIT;\n',
      '003_vacuum.sql': 'VACUUM;\n',
    });
    const report = await t.migrator.migrate();
    expect(report.ok ? [] : report.problems.map((problem) => problem.message)).toEqual([
      'Migration 2 (002_tx.sql) runs COMMIT at line 3; gao-db runs each migration in its own transaction, so BEGIN, COMMIT, END, ROLLBACK, SAVEPOINT and RELEASE are not allowed in it.',
      'Migration 3 (003_vacuum.sql) runs VACUUM at line 1, which SQLite cannot run inside a transaction.',
    ]);
    // Not even 001 ran: the plan was refused as a whole.
    expect(t.query("SELECT name FROM sqlite_schema WHERE name = 'base'")).toEqual([]);
  });

  it('fails a code migration that runs COMMIT through db.exec, even when it catches the error', async () => {
    const t = setup({
      '001_base.sql': 'CREATE TABLE base (id INTEGER);',
      '002_sneaky.mjs':
        "export function up(db) {\n  db.exec('INSERT INTO base VALUES (1)');\n  try { db.exec('COMMIT'); } catch {}\n}\n",
    });
    const error = await failure(t.migrator.migrate());
    expect((error.cause as MigrationRuleError).code).toBe('transaction_control');
    expect(error.message).toContain('002_sneaky.mjs tried to run COMMIT');
    expect(t.query('SELECT count(*) AS n FROM base')).toEqual([{ n: 0 }]);
  });

  it('keeps guarding later steps when a code migration removed the authorizer', async () => {
    const t = setup({
      '001_base.sql': 'CREATE TABLE base (id INTEGER);',
      '002_unguard.mjs': 'export function up(db) {\n  db.setAuthorizer(null);\n}\n',
      '003_commit.mjs':
        "export function up(db) {\n  db.exec('INSERT INTO base VALUES (1)');\n  db.exec('COMMIT');\n}\n",
    });
    const error = await failure(t.migrator.migrate());
    expect((error.cause as MigrationRuleError).code).toBe('transaction_control');
    expect(error.version).toBe(3);
    expect(t.query('SELECT count(*) AS n FROM base')).toEqual([{ n: 0 }]);
  });

  it.each([
    ['VACUUM;', 'VACUUM'],
    ['CREATE TABLE x (id INTEGER);\nPRAGMA journal_mode = WAL;', 'PRAGMA journal_mode = WAL'],
  ])('points %s in a transactional code migration to transaction:false', async (sql, statement) => {
    const t = setup({
      '001_base.sql': 'CREATE TABLE base (id INTEGER);',
      '002_vacuum.mjs': `export function up(db) {\n  db.exec(${JSON.stringify(sql)});\n}\n`,
    });
    const error = await failure(t.migrator.migrate());
    expect((error.cause as MigrationRuleError).code).toBe('needs_transaction_false');
    expect(error.message).toBe(
      `Migration 002_vacuum.mjs failed: 002_vacuum.mjs runs ${statement}, which SQLite cannot run inside a transaction.`,
    );
    expect(error.hint).toContain('`-- migrate:up transaction:false`');
    expect(t.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'delete' }]);
  });

  it('runs transaction:false migrations outside a transaction (VACUUM, journal_mode=WAL)', async () => {
    const t = setup({
      '001_base.sql': 'CREATE TABLE base (id INTEGER);',
      '002_wal.sql': '-- migrate:up transaction:false\nPRAGMA journal_mode = WAL;\nVACUUM;\n',
      '003_code.mjs': 'export const transaction = false;\nexport function up(db) { db.exec("VACUUM"); }\n',
    });
    const report = await t.migrator.migrate();
    expect(report.ok && report.steps.map((s) => s.version)).toEqual([1, 2, 3]);
    expect(t.query('PRAGMA journal_mode')).toEqual([{ journal_mode: 'wal' }]);
    expect(t.query('SELECT version, status, transactional FROM schema_version ORDER BY version')).toEqual([
      { version: '001', status: 'success', transactional: 1 },
      { version: '002', status: 'success', transactional: 0 },
      { version: '003', status: 'success', transactional: 0 },
    ]);
  });

  it('a failing transaction:false migration needs repair before anything else runs', async () => {
    const t = setup({
      '001_base.sql': 'CREATE TABLE base (id INTEGER);',
      '002_half.sql':
        '-- migrate:up transaction:false\nINSERT INTO base VALUES (1);\nINSERT INTO nope VALUES (1);\n',
      '003_next.sql': 'CREATE TABLE next (id INTEGER);',
    });
    const error = await failure(t.migrator.migrate());
    expect(error.hint).toBe(
      'It ran outside a transaction and may be half-applied: check the database, finish or undo the change by hand, then run gao-db repair mark-applied 2 or gao-db repair mark-rolled-back 2.',
    );
    expect(t.query('SELECT count(*) AS n FROM base')).toEqual([{ n: 1 }]);
    expect(
      t.query("SELECT status, transactional, error_message FROM schema_version WHERE version = '002'"),
    ).toEqual([{ status: 'failed', transactional: 0, error_message: 'no such table: nope' }]);
    const refused = await t.migrator.migrate();
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.problems.map((p) => p.code)).toEqual(['needs_repair']);

    const repaired = await t.migrator.repair(2, 'mark_applied');
    expect(repaired.ok && repaired.steps).toEqual([
      { kind: 'repair', version: 2, name: 'half', file: '002_half.sql', durationMs: 0 },
    ]);
    const report = await t.migrator.migrate();
    expect(report.ok && report.steps.map((s) => s.version)).toEqual([3]);
    expect(
      t.query(
        "SELECT kind, detail, error IS NOT NULL AS has_error FROM schema_version_events WHERE version = '002' ORDER BY id",
      ),
    ).toEqual([
      // The failure's error is on the failed event only; the repair records the decision.
      { kind: 'failed', detail: null, has_error: 1 },
      { kind: 'repaired', detail: 'mark_applied', has_error: 0 },
    ]);
  });

  it('while a transaction:false migration runs, another runner says it has not finished rather than failed', async () => {
    const seen: string[] = [];
    const t = setup({
      '001_slow.mjs': `export const transaction = false;
export async function up(db) {
  db.exec('CREATE TABLE slow (id INTEGER)');
  await globalThis.whileRunning();
}
`,
    });
    (globalThis as { whileRunning?: () => Promise<void> }).whileRunning = async () => {
      const other = migratorFixture({}, { database: t.database, migrationsDir: t.dir });
      const planned = await other.migrator.planMigrate();
      for (const problem of planned.ok ? [] : planned.problems)
        seen.push(`${problem.code}: ${problem.message}`);
    };
    try {
      const report = await t.migrator.migrate();
      expect(report.ok && report.steps.map((s) => s.version)).toEqual([1]);
    } finally {
      delete (globalThis as { whileRunning?: () => Promise<void> }).whileRunning;
    }
    expect(seen).toEqual([
      'needs_repair: Migration 1 (001_slow) started outside a transaction and has not finished: another process may still be running it, or it stopped half-way.',
    ]);
  });

  it('waits up to the busy timeout for a claim nobody finishes, then says it has not finished', async () => {
    const t = setup({ '001_a.sql': 'CREATE TABLE a (id INTEGER);\n' }, { busyTimeoutMs: 300 });
    await t.migrator.migrate();
    // A transaction:false part whose process died before it ended leaves its claim row.
    const db = t.raw();
    db.prepare(
      "UPDATE schema_version SET status = 'failed', transactional = 0, error_message = ? WHERE version = '001'",
    ).run(claimMessage('apply'));
    db.close();
    const started = performance.now();
    const report = await t.migrator.migrate();
    expect(performance.now() - started).toBeGreaterThanOrEqual(250);
    expect(report.ok ? [] : report.problems.map((p) => p.message)).toEqual([
      'Migration 1 (001_a) started outside a transaction and has not finished: another process may still be running it, or it stopped half-way.',
    ]);
    expect(t.events.filter((event) => event.type === 'waiting_for_lock')).toHaveLength(1);
  });

  it('a transaction:false migration that leaves a transaction open fails and is rolled back', async () => {
    const t = setup({
      '001_base.sql': 'CREATE TABLE base (id INTEGER);',
      '002_open.sql': '-- migrate:up transaction:false\nBEGIN;\nINSERT INTO base VALUES (1);\n',
    });
    const error = await failure(t.migrator.migrate());
    expect((error.cause as MigrationRuleError).code).toBe('transaction_left_open');
    expect(error.message).toBe(
      'Migration 002_open.sql failed: 002_open.sql began a transaction and did not end it; gao-db rolled back that transaction.',
    );
    expect(t.query('SELECT count(*) AS n FROM base')).toEqual([{ n: 0 }]);
  });

  it('names other statements SQLite refuses inside a transaction', async () => {
    // In a SQL file the plan refuses it (needs_transaction_false); a code migration meets it running.
    const t = setup({
      '001_sync.mjs':
        "export function up(db) { db.exec('CREATE TABLE a (id INTEGER)'); db.exec('PRAGMA synchronous = OFF'); }\n",
    });
    const error = await failure(t.migrator.migrate());
    expect((error.cause as MigrationRuleError).message).toBe(
      '001_sync.mjs runs a statement that SQLite cannot run inside a transaction: Safety level may not be changed inside a transaction.',
    );
  });

  it('records what a code migration threw, even when it is not an Error', async () => {
    const t = setup({ '001_throws.mjs': "export async function up() { throw 'plain text'; }\n" });
    const error = await failure(t.migrator.migrate());
    expect(error.message).toBe('Migration 001_throws.mjs failed: plain text');
    expect(t.query("SELECT error, stack FROM schema_version_events WHERE kind = 'failed'")).toEqual([
      { error: 'plain text', stack: null },
    ]);
  });

  it.each([
    ["{ code: 'E1', message: 'object message' }", 'object message (E1)'],
    ["{ reason: 'no message' }", '{"reason":"no message"}'],
    ["{ toString() { throw new Error('no text'); } }", 'a value that cannot be shown as text'],
  ])('records a thrown %s as text, not [object Object]', async (thrown, text) => {
    const t = setup({ '001_throws.mjs': `export async function up() { throw ${thrown}; }\n` });
    const error = await failure(t.migrator.migrate());
    expect(error.message).toBe(`Migration 001_throws.mjs failed: ${text}`);
    expect(t.query("SELECT error FROM schema_version_events WHERE kind = 'failed'")).toEqual([
      { error: text },
    ]);
  });

  it('reports the failure it could not record (recordError) when the connection can no longer write', async () => {
    const t = setup({
      '001_base.sql': 'CREATE TABLE base (id INTEGER);',
      '002_readonly.mjs':
        "export function up(db) { db.exec('PRAGMA query_only = 1'); throw new Error('gave up'); }\n",
    });
    const error = await failure(t.migrator.migrate());
    expect(error.message).toBe('Migration 002_readonly.mjs failed: gave up');
    expect(error.recordError).toBeInstanceOf(DatabaseError);
    expect((error.recordError as DatabaseError).code).toBe('database_readonly');
    expect(t.query('SELECT version FROM schema_version')).toEqual([{ version: '001' }]);
  });

  it('gives up at once without a busy timeout, without saying it waits', async () => {
    const t = setup({ '001_base.sql': 'CREATE TABLE base (id INTEGER);' }, { busyTimeoutMs: 0 });
    const holder = new DatabaseSync(t.database);
    onTestFinished(() => holder.close());
    holder.exec('BEGIN IMMEDIATE');
    await expect(t.migrator.migrate()).rejects.toThrow(
      `The database ${t.database} is locked by another process.`,
    );
    expect(t.events.map((e) => e.type)).toEqual(['plan_ready']);
  });

  it('a fault of the database during a step is that DatabaseError, and nothing is recorded', async () => {
    const t = setup({
      '001_base.sql': 'CREATE TABLE base (id INTEGER);',
      '002_fill.sql':
        'PRAGMA max_page_count = 8;\nCREATE TABLE filler (pad TEXT);\nINSERT INTO filler VALUES (zeroblob(100000));\n',
    });
    const error = await t.migrator.migrate().catch((thrown: unknown) => thrown);
    expect(error).toBeInstanceOf(DatabaseError);
    expect((error as DatabaseError).code).toBe('disk_full');
    // It names the migration that was running and what the run had done before it.
    expect((error as DatabaseError).message).toMatch(/ is full \(while running 002_fill\.sql\)\.$/);
    expect((error as DatabaseError).version).toBe(2);
    expect((error as DatabaseError).file).toBe('002_fill.sql');
    expect((error as DatabaseError).completed?.map((step) => step.version)).toEqual([1]);
    expect(t.query('SELECT version FROM schema_version')).toEqual([{ version: '001' }]);
    expect(t.tables()).not.toContain('filler');
    expect(t.events.at(-1)?.type).toBe('step_failed');
  });

  it('says waiting_for_lock once per run', () => {
    const events: ProgressEvent[] = [];
    const onWait = waitNotifier((event) => events.push(event));
    onWait();
    onWait();
    expect(events).toEqual([{ type: 'waiting_for_lock' }]);
  });
});
