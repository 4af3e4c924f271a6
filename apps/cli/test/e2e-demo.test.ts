import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { testdir } from '@gao/tooling/test-utils';
import { describe, expect, it } from 'vitest';
import { DEMO_MIGRATIONS, normalise, SEED, spawnCli } from './support/spawn-cli.ts';

/** A copy of the demo: migrations, config, and the legacy database the seed creates. */
function demo(): string {
  const dir = testdir({ 'gao-db.config.json': '{ "database": "demo.db", "migrations": "migrations" }' });
  cpSync(DEMO_MIGRATIONS, join(dir, 'migrations'), { recursive: true });
  const seeded = spawnSync(process.execPath, [SEED, join(dir, 'demo.db')], { encoding: 'utf8' });
  expect(seeded.status, seeded.stderr).toBe(0);
  return dir;
}

function counts(path: string): Record<string, number> {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    const one = (sql: string) => Number((db.prepare(sql).get() as { n: number }).n);
    return {
      projects: one('SELECT count(*) AS n FROM projects'),
      stories: one('SELECT count(*) AS n FROM stories'),
      documents: one('SELECT count(*) AS n FROM documents'),
      reviews: one('SELECT count(*) AS n FROM document_reviews'),
      messages: one('SELECT count(*) AS n FROM episode_messages'),
    };
  } finally {
    db.close();
  }
}

describe('the demo: adopting the story database and migrating it', () => {
  it('shows the legacy database: 001 applied by the Python runner, 0 ms shown as 0 ms', () => {
    const dir = demo();
    const run = spawnCli(['status'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout.replace(/\(\d+ KB\)/, '(N KB)')).toBe(`Database:    demo.db (N KB)
Migrations:  migrations
Version:     001

  VERSION  NAME                   STATE    APPLIED (UTC)        DURATION
  001      initial_schema         applied  2026-09-01 09:00:00  0 ms
  002      add_story_priority     pending
  003      unify_database         pending
  004      backfill_search_terms  pending

1 applied, 3 pending.
`);
  });

  it('migrates with --yes, keeping every row (the table rebuild keeps ON DELETE CASCADE children)', () => {
    const dir = demo();
    const before = counts(join(dir, 'demo.db'));
    const run = spawnCli(['migrate', '--yes'], { cwd: dir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(normalise(run.stdout, dir)).toBe(`Database:    demo.db (version 001)
Migrations:  migrations
Plan: apply 3 migrations (001 -> 004):
  002_add_story_priority.sql
  003_unify_database.sql
  004_backfill_search_terms.ts
Backup:      backups/demo.db.<time>.pre-migrate.bak
  ok   002_add_story_priority     N ms
  ok   003_unify_database         N ms
  ok   004_backfill_search_terms  N ms
Migrated to version 004: 3 migrations in N ms.
`);
    expect(counts(join(dir, 'demo.db'))).toEqual(before);
    expect(before.messages).toBeGreaterThan(300);
    const db = new DatabaseSync(join(dir, 'demo.db'), { readOnly: true });
    const kinds = db.prepare('SELECT kind, count(*) AS n FROM episodes GROUP BY kind ORDER BY kind').all();
    expect(kinds.map((row) => row.kind)).toEqual(['agent', 'workflow']);
    expect(
      db.prepare("SELECT search_terms FROM documents WHERE path = 'docs/epics/epic-17/story-17.6.md'").get(),
    ).toEqual({
      search_terms: 'docs epics epic 17 story 17.6',
    });
    expect(db.prepare('SELECT version, status FROM schema_version ORDER BY version').all()).toEqual([
      { version: '001', status: 'success' },
      { version: '002', status: 'success' },
      { version: '003', status: 'success' },
      { version: '004', status: 'success' },
    ]);
    db.close();
    const log = readFileSync(join(dir, 'demo.db.gao-db.log'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(log.filter((entry) => entry.event === 'apply_finished').map((entry) => entry.name)).toEqual([
      '002_add_story_priority',
      '003_unify_database',
      '004_backfill_search_terms',
    ]);
    expect(log.every((entry) => typeof entry.time === 'string' && typeof entry.level === 'string')).toBe(
      true,
    );
  });

  it('rolls everything back to 001 and forward again, data intact', () => {
    const dir = demo();
    const before = counts(join(dir, 'demo.db'));
    expect(spawnCli(['migrate', '--yes', '--no-backup'], { cwd: dir }).code).toBe(0);
    // First on a copy: the database stays at 004, and its history records nothing of it.
    const rehearsal = spawnCli(['rollback', '--to', '1', '--rehearse'], { cwd: dir });
    expect(rehearsal.stderr).toBe('');
    expect(rehearsal.code).toBe(0);
    expect(
      normalise(rehearsal.stdout, dir),
    ).toBe(`Rehearsal on a copy of demo.db (the database is not changed):
  ok   004_backfill_search_terms  N ms
  ok   003_unify_database         N ms
  ok   002_add_story_priority     N ms
integrity_check:    ok
foreign_key_check:  ok
Rehearsal passed: 3 migrations in N ms.
`);
    expect(JSON.parse(spawnCli(['status', '--json'], { cwd: dir }).stdout).currentVersion).toBe(4);
    const back = spawnCli(['rollback', '3', '--yes', '--no-backup'], { cwd: dir });
    expect(back.code).toBe(0);
    expect(normalise(back.stdout, dir)).toContain(
      '  ok   004_backfill_search_terms  N ms\n  ok   003_unify_database         N ms\n  ok   002_add_story_priority     N ms\nRolled back to version 001: 3 migrations in N ms.\n',
    );
    expect(counts(join(dir, 'demo.db'))).toEqual(before);
    expect(spawnCli(['migrate', '--yes', '--no-backup'], { cwd: dir }).code).toBe(0);
    expect(counts(join(dir, 'demo.db'))).toEqual(before);
    const history = spawnCli(['history', '--json'], { cwd: dir });
    const kinds = JSON.parse(history.stdout).events.map(
      (event: { kind: string; versionText: string }) => `${event.kind} ${event.versionText}`,
    );
    expect(kinds).toEqual([
      'applied 001',
      'checksum_recorded 001',
      'applied 002',
      'applied 003',
      'applied 004',
      'rolled_back 004',
      'rolled_back 003',
      'rolled_back 002',
      'applied 002',
      'applied 003',
      'applied 004',
    ]);
    expect(normalise(spawnCli(['history', '--limit', '2'], { cwd: dir }).stdout, dir)).toBe(
      `  TIME (UTC)           EVENT    VERSION  NAME                       DURATION
  <time>  applied  003      003_unify_database         N ms
  <time>  applied  004      004_backfill_search_terms  N ms
`,
    );
  });

  it('dry run and rehearsal change nothing', () => {
    const dir = demo();
    const dry = spawnCli(['migrate', '--dry-run'], { cwd: dir });
    expect(dry.code).toBe(0);
    expect(dry.stdout).toContain(
      'Plan: apply 3 migrations (001 -> 004). Dry run: nothing was changed.\n\n-- 002_add_story_priority.sql (up, in a transaction)\nALTER TABLE stories ADD COLUMN priority',
    );
    expect(dry.stdout).toContain(
      '-- 004_backfill_search_terms.ts (up, in a transaction): code migration, runs up() from this file\n',
    );
    const rehearsal = spawnCli(['migrate', '--rehearse'], { cwd: dir });
    expect(rehearsal.stderr).toBe('');
    expect(rehearsal.code).toBe(0);
    expect(
      normalise(rehearsal.stdout, dir),
    ).toBe(`Rehearsal on a copy of demo.db (the database is not changed):
  ok   002_add_story_priority     N ms
  ok   003_unify_database         N ms
  ok   004_backfill_search_terms  N ms
integrity_check:    ok
foreign_key_check:  ok
Rehearsal passed: 3 migrations in N ms.
`);
    const roundTrip = spawnCli(['migrate', '--rehearse', '--round-trip'], { cwd: dir });
    expect(roundTrip.stderr).toBe('');
    expect(roundTrip.code).toBe(0);
    // 003 renames a table and its down part renames it back: the schema must still compare equal.
    expect(
      normalise(roundTrip.stdout, dir),
    ).toBe(`Rehearsal on a copy of demo.db (the database is not changed):
  ok   002_add_story_priority     N ms
  ok   003_unify_database         N ms
  ok   004_backfill_search_terms  N ms
Down parts, newest first:
  ok   004_backfill_search_terms  N ms
  ok   003_unify_database         N ms
  ok   002_add_story_priority     N ms
Schema:             as before the migrations
Rows:               as before the migrations
Up parts again:
  ok   002_add_story_priority     N ms
  ok   003_unify_database         N ms
  ok   004_backfill_search_terms  N ms
Schema:             as after their first run
Rows:               as after their first run
integrity_check:    ok
foreign_key_check:  ok
Rehearsal passed: 3 migrations in N ms, and their down parts undo them.
`);
    const status = JSON.parse(spawnCli(['status', '--json'], { cwd: dir }).stdout);
    expect(status.currentVersion).toBe(1);
    expect(existsSync(join(dir, 'backups'))).toBe(false);
  });
});
