import type { PlanProblem } from '@gao/migrate-core';
import { describe, expect, it } from 'vitest';
import type { RehearsedStep, RoundTripReport } from '../adapter/migrator-port.ts';
import { createPaint } from './paint.ts';
import { roundTripLines } from './round-trip-lines.ts';

const paint = createPaint(false);
const stepLines = (steps: readonly RehearsedStep[]) =>
  steps.map((step) => `  ${step.ok ? 'ok' : 'FAIL'} ${step.version}`);
const step = (version: number, ok = true): RehearsedStep => ({ version, name: 'x', durationMs: 1, ok });
const trip = (fields: Partial<RoundTripReport>): RoundTripReport => ({
  ok: false,
  down: [],
  upAgain: [],
  notUndone: [],
  notRepeated: [],
  rowsNotUndone: [],
  rowsNotRepeated: [],
  problems: [],
  skipped: null,
  ...fields,
});
const noDown = {
  code: 'no_down',
  version: 2,
  file: '002_x.sql',
  message: 'Migration 2 (002_x.sql) has no down part.',
  hint: 'Add one.',
} as PlanProblem;

describe('roundTripLines', () => {
  it('says why it was not tried, or why no down part ran', () => {
    expect(roundTripLines(trip({ skipped: 'out of order' }), stepLines, paint)).toEqual([
      'Round trip not tried: out of order.',
    ]);
    expect(roundTripLines(trip({ problems: [noDown] }), stepLines, paint)).toEqual([
      'Round trip not possible, no down part was run:',
      '  Migration 2 (002_x.sql) has no down part. Add one.',
    ]);
  });

  it('stops at a failed down part, names differences, and says when the up parts could not run again', () => {
    expect(roundTripLines(trip({ down: [step(2, false)] }), stepLines, paint)).toEqual([
      'Down parts, newest first:',
      '  FAIL 2',
    ]);
    const changed = {
      type: 'table',
      name: 't',
      change: 'changed' as const,
      before: 'CREATE TABLE t (a)',
      after: 'CREATE TABLE t\n  (a, b)',
      columns: [{ column: 'b', change: 'added' as const, before: null, after: '(no type)' }],
    };
    expect(
      roundTripLines(trip({ down: [step(2)], notUndone: [changed], problems: [noDown] }), stepLines, paint),
    ).toEqual([
      'Down parts, newest first:',
      '  ok 2',
      'Schema:             1 difference',
      '  changed table t:',
      '    column b added: (no type)',
      '    before: CREATE TABLE t (a)',
      '    after:  CREATE TABLE t (a, b)',
      'Rows:               as before the migrations',
      'Up parts again:',
      'The up parts could not run again:',
      '  Migration 2 (002_x.sql) has no down part. Add one.',
    ]);
    const removed = {
      type: 'index',
      name: 'i',
      change: 'removed' as const,
      before: 'CREATE INDEX i ON t (a)',
      after: null,
    };
    expect(
      roundTripLines(
        trip({ ok: false, down: [step(2)], upAgain: [step(2)], notRepeated: [removed] }),
        stepLines,
        paint,
      ).slice(-4),
    ).toEqual([
      '  ok 2',
      'Schema:             1 difference',
      '  removed index i: CREATE INDEX i ON t (a)',
      'Rows:               as after their first run',
    ]);
  });

  it('names the tables whose row counts differ, after the down parts and after the second up parts', () => {
    const lines = roundTripLines(
      trip({
        down: [step(2)],
        upAgain: [step(2)],
        rowsNotUndone: [{ table: 'users', before: 0, after: 1 }],
        rowsNotRepeated: [
          { table: 'users', before: 2, after: 3 },
          { table: 'tags', before: 5, after: 10 },
        ],
      }),
      stepLines,
      paint,
    );
    expect(lines).toEqual([
      'Down parts, newest first:',
      '  ok 2',
      'Schema:             as before the migrations',
      'Rows:               1 table differs',
      '  users: 0 rows before the migrations, 1 after the down parts',
      'Up parts again:',
      '  ok 2',
      'Schema:             as after their first run',
      'Rows:               2 tables differ',
      '  users: 2 rows after the first run, 3 after the second',
      '  tags: 5 rows after the first run, 10 after the second',
    ]);
  });
});
