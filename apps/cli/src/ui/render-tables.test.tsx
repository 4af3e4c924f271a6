import { describe, expect, test } from 'vitest';
import { renderHistoryTable, renderStatusTable } from './render-tables.tsx';
import { event, longInspection, MIGRATIONS as m, record, sampleInspection } from './test-fixtures.ts';
import { plain } from './test-terminal.ts';

describe('renderStatusTable', () => {
  test('prints the header, every migration, the failures and the problems at 80 columns', () => {
    const text = plain(renderStatusTable(sampleInspection(), { columns: 80, color: false }));
    expect(text).toBe(`data/app.db (47 KB) · journal wal · last backup 2026-11-27 07:47 (pre-migrate)
version 6 · 2 applied · 3 pending · 1 out of order · 1 failed · 1 changed
1 missing

VER STATE          NAME                               APPLIED AT        DURATION
001 ✓ applied      create_users                       2026-11-21 07:41     12 ms
002 ✓ applied      add_email                          2026-11-22 07:42      0 ms
003 ! changed      rebuild_orders                     2026-11-23 07:43    1.53 s
004 ↓ out of order add_index
005 ✗ failed       backfill_names                     2026-11-25 07:45      4 ms
006 ? missing      drop_legacy                        2026-11-26 07:46         -
007 · pending      add_sessions_table_with_a_rather_…
008 · pending      vacuum
009 · pending      seed_admin

Failed (1):
  005 backfill_names: no such column: nickname
    Hint: nothing of it was applied: fix the migration, then run 'gao-db
migrate' to retry it.

✗ Migration 3 (003_rebuild_orders.sql) was changed after it was applied.
  Hint: Restore the file as it was applied, or run \`gao-db repair
accept-checksum 3\` if the edit is deliberate.
✗ Migration 4 (004_add_index.sql) is pending but the newer version 6 is already
applied.
  Hint: Give the file a version above 6, or run \`gao-db migrate
--allow-out-of-order\` to apply it anyway.
✗ Migration 5 (005_backfill_names.sql) is pending but the newer version 6 is
already applied.
  Hint: Give the file a version above 6, or run \`gao-db migrate
--allow-out-of-order\` to apply it anyway.
✗ Migration 6 (006_drop_legacy) is recorded as applied but its file is missing.
  Hint: Restore the file from version control, or run \`gao-db repair
mark-rolled-back 6\` if the migration was removed on purpose.`);
  });

  test('names what was changed by hand, each object and column, and counts past ten', () => {
    const since = event(4, 'applied', record(m.addEmail, { appliedAt: '2026-11-22 07:42:00' }));
    const changes = [
      { type: 'index', name: 'users_email', change: 'added' as const },
      {
        type: 'table',
        name: 'users',
        change: 'changed' as const,
        columns: [{ column: 'nick', change: 'added' as const }],
      },
      ...Array.from({ length: 10 }, (_, i) => ({ type: 'view', name: `v${i}`, change: 'removed' as const })),
    ];
    const text = plain(
      renderStatusTable(sampleInspection({ schemaDrift: { since, changes } }), {
        columns: 200,
        color: false,
      }),
    );
    // The header points below, where the list is.
    expect(text).toContain('! schema changed by hand: index users_email created and 11 more (below)\n');
    expect(text).toContain(`Schema changed outside gao-db (12):
  Since gao-db recorded it after its last change (applied 002_add_email at 2026-11-22 07:42).
  index users_email created
  table users changed (column nick added)
  view v0 dropped`);
    expect(text).toContain(
      "  view v7 dropped\n  ... and 2 more ('gao-db status --json' lists them all)\n    Hint: put the change",
    );
    expect(text).not.toContain('v8');
    // Without the recorded schema: only that it changed.
    const unknown = plain(
      renderStatusTable(sampleInspection({ schemaDrift: { since, changes: null } }), {
        columns: 200,
        color: false,
      }),
    );
    expect(unknown).toContain(
      'Schema changed outside gao-db:\n  Since gao-db recorded it after its last change (applied 002_add_email at 2026-11-22 07:42).\n  A table, index, view or trigger was created, changed or dropped by hand.\n    Hint:',
    );
    expect(unknown).toContain('! schema changed outside gao-db since applied 002_add_email: see below');
  });

  test('narrow and tiny terminals; no problems section when clean', () => {
    const text = plain(renderStatusTable(longInspection(3), { columns: 10, color: true }));
    expect(text).toContain('001 ✓ applied      …');
    expect(text).not.toContain('Hint');
  });
});

describe('renderHistoryTable', () => {
  test('prints the event log at 80 and 40 columns', () => {
    const { history } = sampleInspection();
    expect(
      plain(renderHistoryTable(history, { columns: 80, color: false })),
    ).toBe(`TIME             ACTION            VER NAME                 DURATION RESULT
2026-11-21 07:41 applied           001 create_users            12 ms ✓ ok
2026-11-22 07:42 applied           002 add_email                0 ms ✓ ok
2026-11-23 07:43 applied           003 rebuild_orders         1.53 s ✓ ok
2026-11-26 07:46 applied           006 drop_legacy                 - ✓ ok
2026-11-25 07:45 apply failed      005 backfill_names           4 ms ✗ no such …
2026-11-21 07:41 checksum recorded 001 create_users            12 ms ✓ was empty`);
    expect(
      plain(renderHistoryTable(history, { columns: 40, color: false })),
    ).toBe(`ACTION            VER NAME       RESULT
applied           001 create_us… ✓ ok
applied           002 add_email  ✓ ok
applied           003 rebuild_o… ✓ ok
applied           006 drop_lega… ✓ ok
apply failed      005 backfill_… ✗ no s…
checksum recorded 001 create_us… ✓ was …`);
    expect(plain(renderHistoryTable({ records: [], events: [] }, { columns: 80, color: false }))).toContain(
      'No events yet',
    );
  });
});
