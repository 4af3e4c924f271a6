import { describe, expect, it } from 'vitest';
import {
  checksumMismatchProblem,
  countExceedsAppliedProblem,
  invalidCountProblem,
  missingFileProblem,
  moduleNotLoadedProblem,
  needsRepairProblem,
  noDownProblem,
  outOfOrderProblem,
  schemaDriftProblem,
  targetAheadProblem,
  targetBehindProblem,
  unknownTargetProblem,
} from './plan-problems.ts';
import { describeSchemaChanges } from './schema-changes.ts';
import { codeMigration, record, sqlMigration } from './testing/builders.ts';
import { claimMessage, isUnfinishedClaim } from './unfinished-claim.ts';

const email = sqlMigration(3, 'add_email');
const seed = codeMigration(4, 'seed', { loaded: false });

describe('plan problem constructors', () => {
  it('checksum_mismatch', () => {
    expect(checksumMismatchProblem(email, 'old')).toEqual({
      code: 'checksum_mismatch',
      version: 3,
      file: '003_add_email.sql',
      recorded: 'old',
      actual: email.checksum,
      message: 'Migration 3 (003_add_email.sql) was changed after it was applied.',
      hint: 'Restore the file as it was applied, or run `gao-db repair accept-checksum 3` if the edit is deliberate.',
    });
  });

  it('missing_file', () => {
    expect(missingFileProblem(record(7, { migrationName: '007_drop_legacy' }))).toEqual({
      code: 'missing_file',
      version: 7,
      migrationName: '007_drop_legacy',
      message: 'Migration 7 (007_drop_legacy) is recorded as applied but its file is missing.',
      hint: 'Restore the file from version control, or run `gao-db repair mark-rolled-back 7` if the migration was removed on purpose.',
    });
  });

  it('out_of_order', () => {
    expect(outOfOrderProblem(email, 5)).toEqual({
      code: 'out_of_order',
      version: 3,
      file: '003_add_email.sql',
      highestApplied: 5,
      message: 'Migration 3 (003_add_email.sql) is pending but the newer version 5 is already applied.',
      hint: 'Give the file a version above 5, or run `gao-db migrate --allow-out-of-order` to apply it anyway.',
    });
  });

  it('needs_repair', () => {
    const failed = record(email, { status: 'failed', transactional: false, errorMessage: 'disk I/O error' });
    expect(needsRepairProblem(failed)).toEqual({
      code: 'needs_repair',
      version: 3,
      migrationName: '003_add_email',
      error: 'disk I/O error',
      message: 'Migration 3 (003_add_email) failed outside a transaction and may be half-applied.',
      hint: 'Finish or undo its changes by hand, then run `gao-db repair mark-applied 3` or `gao-db repair mark-rolled-back 3` to match.',
    });
  });

  it('needs_repair for a claim nobody finished: another process may still be running it', () => {
    for (const kind of ['apply', 'revert'] as const) {
      const claimed = record(email, {
        status: 'failed',
        transactional: false,
        errorMessage: claimMessage(kind),
      });
      expect(isUnfinishedClaim(claimed)).toBe(true);
      const problem = needsRepairProblem(claimed);
      expect(problem.message).toBe(
        'Migration 3 (003_add_email) started outside a transaction and has not finished: another process may still be running it, or it stopped half-way.',
      );
      expect(problem.hint).toMatch(
        /^If another gao-db or application is migrating this database, wait for it/,
      );
    }
    expect(isUnfinishedClaim(record(email, { status: 'failed', errorMessage: 'boom' }))).toBe(false);
  });

  it('no_down, for SQL and code migrations', () => {
    expect(noDownProblem(email)).toEqual({
      code: 'no_down',
      version: 3,
      file: '003_add_email.sql',
      message: 'Migration 3 (003_add_email.sql) has no down part, so it cannot be rolled back.',
      hint: 'Add a `-- migrate:down` section to 003_add_email.sql (or a 003_add_email.down.sql file), or roll back fewer migrations.',
    });
    expect(noDownProblem(seed)).toMatchObject({
      message: 'Migration 4 (004_seed.ts) has no down part, so it cannot be rolled back.',
      hint: 'Export a `down` function from 004_seed.ts, or roll back fewer migrations.',
    });
  });

  it('invalid_count', () => {
    expect(invalidCountProblem(0)).toEqual({
      code: 'invalid_count',
      count: 0,
      message: 'Cannot roll back 0 migrations: the count must be a whole number of 1 or more.',
      hint: 'Run `gao-db rollback` to undo the latest migration, or `gao-db rollback <N>` with N of 1 or more.',
    });
  });

  it('count_exceeds_applied, with some, one or none applied', () => {
    expect(countExceedsAppliedProblem(5, 3)).toEqual({
      code: 'count_exceeds_applied',
      count: 5,
      applied: 3,
      message: 'Cannot roll back 5 migrations: only 3 are applied.',
      hint: 'Run `gao-db rollback 3` to roll back every applied migration, or name a smaller count.',
    });
    expect(countExceedsAppliedProblem(2, 1).message).toBe(
      'Cannot roll back 2 migrations: only 1 is applied.',
    );
    expect(countExceedsAppliedProblem(1, 0)).toMatchObject({
      message: 'Cannot roll back 1 migration: no migration is applied.',
      hint: 'There is nothing to roll back; run `gao-db status` to see the migrations.',
    });
  });

  it('unknown_target, per command', () => {
    expect(unknownTargetProblem(7, 'migrate')).toEqual({
      code: 'unknown_target',
      target: 7,
      message: 'Cannot migrate to 7: no migration has version 7.',
      hint: 'Name the version of a migration file (see `gao-db status`).',
    });
    expect(unknownTargetProblem(7, 'baseline')).toMatchObject({
      message: 'Cannot baseline at 7: no migration has version 7.',
      hint: 'Name the version of the last migration the database already contains (see `gao-db status`).',
    });
    expect(unknownTargetProblem(7, 'rollback')).toMatchObject({
      message: 'Cannot roll back to 7: version 7 is not applied.',
      hint: 'Name an applied version (see `gao-db status`), or 0 to roll back every migration.',
    });
  });

  it('target_behind, for migrate and baseline', () => {
    expect(targetBehindProblem(3, 5, 'migrate')).toEqual({
      code: 'target_behind',
      target: 3,
      currentVersion: 5,
      message: 'Cannot migrate to 3: the database is already at version 5.',
      hint: 'To go back, run `gao-db rollback --to 3`.',
    });
    expect(targetBehindProblem(3, 5, 'baseline')).toMatchObject({
      message: 'Cannot baseline at 3: the database is already at version 5.',
      hint: 'Name version 5 or higher; migrations up to 5 are already recorded.',
    });
  });

  it('target_ahead, with and without applied migrations', () => {
    expect(targetAheadProblem(9, 5)).toEqual({
      code: 'target_ahead',
      target: 9,
      currentVersion: 5,
      message: 'Cannot roll back to 9: the database is at version 5.',
      hint: 'Name an applied version below 5, or 0 to roll back every migration; `gao-db migrate` moves forward.',
    });
    expect(targetAheadProblem(9, null)).toMatchObject({
      message: 'Cannot roll back to 9: no migration is applied.',
      hint: 'There is nothing to roll back; run `gao-db status` to see the migrations.',
    });
  });

  it('module_not_loaded', () => {
    expect(moduleNotLoadedProblem(seed)).toEqual({
      code: 'module_not_loaded',
      version: 4,
      file: '004_seed.ts',
      message: 'Migration 4 (004_seed.ts) was planned before its module was loaded.',
      hint: 'This is a bug in the caller: load code migrations (`withCodeModules`) before planning a rollback.',
    });
  });

  it('refuses an unknown command (a bug)', () => {
    expect(() => unknownTargetProblem(1, 'squash' as never)).toThrow('Unexpected command: "squash"');
  });
});

describe('schemaDriftProblem', () => {
  const event = {
    id: 7,
    at: '2026-11-24T08:00:00.000Z',
    kind: 'rolled_back',
    version: 3,
    versionText: '003',
    migrationName: '003_tags',
    durationMs: 1,
    checksum: null,
    error: null,
    stack: null,
    detail: null,
    schemaFingerprint: 'f',
  } as const;

  it('names the event the schema was recorded after, and how to make it right', () => {
    const problem = schemaDriftProblem(event);
    expect(problem).toMatchObject({
      code: 'schema_drift',
      version: 3,
      since: '2026-11-24T08:00:00.000Z',
      eventKind: 'rolled_back',
      changes: null,
    });
    expect(problem.message).toBe(
      "The database's schema is not the one gao-db recorded after its last change (rolled back 003_tags at 2026-11-24T08:00:00.000Z): a table, index, view or trigger was created, changed or dropped by hand since.",
    );
    expect(problem.hint).toContain('gao-db migrate, which records the schema again');
  });

  it('names what changed when the adapter knows it (type, name, change only)', () => {
    const changes = [
      { type: 'index', name: 'users_email', change: 'added', before: null, after: 'CREATE INDEX ...' },
      { type: 'table', name: 'audit', change: 'removed' },
      {
        type: 'table',
        name: 'users',
        change: 'changed',
        columns: [{ column: 'nick', change: 'added', before: null, after: 'TEXT' }],
      },
    ] as const;
    const problem = schemaDriftProblem(event, changes);
    expect(problem.message).toBe(
      "The database's schema is not the one gao-db recorded after its last change (rolled back 003_tags at 2026-11-24T08:00:00.000Z): changed by hand since: index users_email created, table audit dropped and table users changed (column nick added).",
    );
    expect(problem.changes).toEqual([
      { type: 'index', name: 'users_email', change: 'added' },
      { type: 'table', name: 'audit', change: 'removed' },
      { type: 'table', name: 'users', change: 'changed', columns: [{ column: 'nick', change: 'added' }] },
    ]);
  });
});

describe('describeSchemaChanges', () => {
  const change = (name: string, kind: 'added' | 'removed' | 'changed' = 'changed') => ({
    type: 'table',
    name,
    change: kind,
  });

  it('joins one, two and several changes as a phrase', () => {
    expect(describeSchemaChanges([])).toBe('');
    expect(describeSchemaChanges([change('a', 'added')])).toBe('table a created');
    expect(describeSchemaChanges([change('a'), change('b', 'removed')])).toBe(
      'table a changed and table b dropped',
    );
    expect(describeSchemaChanges([change('a'), change('b'), change('c')])).toBe(
      'table a changed, table b changed and table c changed',
    );
  });

  it('names the columns of a changed table when known, three and a count', () => {
    const columns = ['a', 'b', 'c', 'd'].map((column) => ({ column, change: 'added' as const }));
    expect(describeSchemaChanges([{ ...change('users'), columns: columns.slice(0, 1) }])).toBe(
      'table users changed (column a added)',
    );
    expect(describeSchemaChanges([{ ...change('users'), columns }])).toBe(
      'table users changed (column a added, column b added, column c added and 1 more)',
    );
    expect(describeSchemaChanges([{ ...change('users'), columns: [] }])).toBe('table users changed');
  });

  it('names the first ones and counts the rest past the limit', () => {
    const many = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((name) => change(name));
    expect(describeSchemaChanges(many)).toBe(
      'table a changed, table b changed, table c changed, table d changed, table e changed and 2 more',
    );
    expect(describeSchemaChanges(many, 1)).toBe('table a changed and 6 more');
  });
});
