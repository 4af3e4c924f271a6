// In-memory data for the UI's tests: migrations, history and plans built from the core's types,
// with the real `getStatus` so every state is what the CLI would see.
import {
  type ApplyStep,
  type CodeMigration,
  getStatus,
  type History,
  type HistoryEvent,
  type HistoryRecord,
  type MigratePlan,
  type Migration,
  type RevertStep,
  type RollbackPlan,
  type SqlMigration,
} from '@gao/migrate-core';
import type { UiBackupInfo, UiInspection } from './types.ts';

const pad = (version: number): string => String(version).padStart(3, '0');

/** A SQL migration; `down: true` adds a default down part, a string gives its SQL. */
export function sqlMigration(
  version: number,
  name: string,
  options: { up?: string; down?: boolean | string; transaction?: boolean } = {},
): SqlMigration {
  const id = `${pad(version)}_${name}`;
  const file = `${id}.sql`;
  const checksum = `sum-${version}`;
  const downSql = typeof options.down === 'string' ? options.down : `DROP TABLE ${name};`;
  return {
    kind: 'sql',
    version,
    versionText: pad(version),
    name,
    id,
    file,
    checksum,
    fileChecksum: `file-${version}`,
    up: {
      sql: options.up ?? `CREATE TABLE ${name} (id INTEGER PRIMARY KEY);`,
      checksum,
      file,
      line: 2,
      options: { transaction: options.transaction ?? true },
    },
    down:
      options.down === undefined || options.down === false
        ? null
        : { sql: downSql, checksum: `down-${version}`, file, line: 5, options: { transaction: true } },
  };
}

/** A loaded code migration. */
export function codeMigration(version: number, name: string, hasDown = false): CodeMigration {
  const id = `${pad(version)}_${name}`;
  return {
    kind: 'code',
    version,
    versionText: pad(version),
    name,
    id,
    file: `${id}.ts`,
    checksum: `sum-${version}`,
    fileChecksum: `file-${version}`,
    extension: '.ts',
    module: { hasDown, transaction: true },
  };
}

/** A success record of a migration, or of a bare version whose file is gone. */
export function record(from: Migration | number, overrides: Partial<HistoryRecord> = {}): HistoryRecord {
  const version = typeof from === 'number' ? from : from.version;
  return {
    version,
    versionText: pad(version),
    migrationName: typeof from === 'number' ? `${pad(from)}_gone` : from.id,
    appliedAt: `2026-11-2${version % 10} 07:4${version % 10}:00`,
    status: 'success',
    durationMs: version * 3,
    errorMessage: null,
    checksum: typeof from === 'number' ? `sum-${from}` : from.checksum,
    downChecksum: null,
    fileChecksum: typeof from === 'number' ? null : from.fileChecksum,
    transactional: true,
    ...overrides,
  };
}

/** A history event. */
export function event(
  id: number,
  kind: HistoryEvent['kind'],
  from: HistoryRecord,
  overrides: Partial<HistoryEvent> = {},
): HistoryEvent {
  return {
    id,
    at: from.appliedAt,
    kind,
    version: from.version,
    versionText: from.versionText,
    migrationName: from.migrationName,
    durationMs: from.durationMs,
    checksum: from.checksum,
    error: kind === 'failed' || kind === 'rollback_failed' ? from.errorMessage : null,
    stack: null,
    detail: null,
    schemaFingerprint: null,
    ...overrides,
  };
}

/** The migrations of the sample project (version 6's file is gone). */
export const MIGRATIONS = {
  createUsers: sqlMigration(1, 'create_users', { down: true }),
  addEmail: sqlMigration(2, 'add_email', { up: 'ALTER TABLE users ADD COLUMN email TEXT;', down: true }),
  rebuildOrders: sqlMigration(3, 'rebuild_orders', {
    up: 'CREATE TABLE orders_new (id INTEGER);\nINSERT INTO orders_new SELECT id FROM orders;\nDROP TABLE orders;\nALTER TABLE orders_new RENAME TO orders;',
  }),
  addIndex: sqlMigration(4, 'add_index', { up: 'CREATE INDEX users_email ON users (email);', down: true }),
  backfillNames: sqlMigration(5, 'backfill_names', { up: 'UPDATE users SET nickname = name;', down: true }),
  addSessions: sqlMigration(7, 'add_sessions_table_with_a_rather_long_descriptive_name', { down: true }),
  vacuum: sqlMigration(8, 'vacuum', { up: 'VACUUM;', transaction: false }),
  seedAdmin: codeMigration(9, 'seed_admin'),
} as const;

/**
 * A history that puts the sample project in every state: 1-2 applied (2 took 0 ms), 3 changed,
 * 4 pending out of order, 5 failed, 6 missing, 7-9 pending.
 */
export function sampleHistory(): History {
  const m = MIGRATIONS;
  const records = [
    record(m.createUsers, { durationMs: 12 }),
    record(m.addEmail, { durationMs: 0 }),
    record(m.rebuildOrders, { checksum: 'sum-3-old', durationMs: 1534 }),
    record(m.backfillNames, {
      status: 'failed',
      errorMessage: 'no such column: nickname',
      durationMs: 4,
    }),
    record(6, { migrationName: '006_drop_legacy', durationMs: null }),
  ];
  const [r1, r2, r3, r5, r6] = records as [
    HistoryRecord,
    HistoryRecord,
    HistoryRecord,
    HistoryRecord,
    HistoryRecord,
  ];
  return {
    records,
    events: [
      event(1, 'applied', r1),
      event(2, 'applied', r2),
      event(3, 'applied', r3),
      event(4, 'applied', r6),
      event(5, 'failed', r5),
      event(6, 'checksum_recorded', r1, { detail: 'was empty' }),
    ],
  };
}

/** An inspection of the sample project. */
export function sampleInspection(overrides: Partial<UiInspection> = {}): UiInspection {
  const history = sampleHistory();
  const migrations = Object.values(MIGRATIONS);
  return {
    database: 'data/app.db',
    sizeBytes: 48_128,
    journalMode: 'wal',
    lastBackup: sampleBackups()[0] ?? null,
    status: getStatus({ migrations, ignored: [] }, history),
    history,
    ...overrides,
  };
}

/** `count` applied migrations named `step_<n>`, for long scrolling lists. */
export function longInspection(count: number): UiInspection {
  const migrations = Array.from({ length: count }, (_, index) =>
    sqlMigration(index + 1, `step_${index + 1}`, { down: true }),
  );
  const records = migrations.map((migration) => record(migration));
  const history: History = { records, events: records.map((r, index) => event(index + 1, 'applied', r)) };
  return {
    database: '/srv/app/data/app.db',
    sizeBytes: 3 * 1024 * 1024,
    journalMode: 'delete',
    lastBackup: null,
    status: getStatus({ migrations, ignored: [] }, history),
    history,
  };
}

/** Backups, newest first. */
export function sampleBackups(): UiBackupInfo[] {
  return [
    {
      path: '/srv/app/data/backups/app.db.2026-11-27T07-47-00-000Z.pre-migrate.bak',
      createdAt: '2026-11-27T07:47:00.000Z',
      sizeBytes: 47_000,
      reason: 'pre-migrate',
    },
    {
      path: '/srv/app/data/backups/app.db.2026-11-20T10-00-00-000Z.manual.bak',
      createdAt: '2026-11-20T10:00:00.000Z',
      sizeBytes: 40_960,
      reason: 'manual',
    },
  ];
}

/** An apply step. */
export function applyStep(migration: Migration, overrides: Partial<ApplyStep> = {}): ApplyStep {
  return { kind: 'apply', migration, retry: false, outOfOrder: false, ...overrides };
}

/** A migrate plan of the given steps. */
export function migratePlan(steps: readonly ApplyStep[], targetVersion: number | null): MigratePlan {
  return { kind: 'migrate', steps, checksumFills: [], warnings: [], targetVersion };
}

/** A rollback plan reverting the given migrations (newest first). */
export function rollbackPlan(migrations: readonly Migration[], targetVersion: number | null): RollbackPlan {
  const steps: RevertStep[] = migrations.map((migration) => ({
    kind: 'revert',
    migration,
    record: record(migration),
  }));
  return { kind: 'rollback', steps, warnings: [], targetVersion };
}
