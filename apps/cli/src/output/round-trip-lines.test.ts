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
    };
    expect(
      roundTripLines(trip({ down: [step(2)], notUndone: [changed], problems: [noDown] }), stepLines, paint),
    ).toEqual([
      'Down parts, newest first:',
      '  ok 2',
      'Schema:             1 difference',
      '  changed table t:',
      '    before: CREATE TABLE t (a)',
      '    after:  CREATE TABLE t (a, b)',
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
      ).slice(-3),
    ).toEqual(['  ok 2', 'Schema:             1 difference', '  removed index i: CREATE INDEX i ON t (a)']);
  });
});
