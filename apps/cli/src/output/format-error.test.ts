import { describe, expect, it } from 'vitest';
import type { ErrorJson } from './error-view.ts';
import { formatError } from './format-error.ts';
import { createPaint } from './paint.ts';

const paint = createPaint(false);
const duplicate = {
  code: 'duplicate_version',
  message: 'Two migration files share version 2: 002_a.sql, 002_b.sql.',
  hint: 'Give each migration its own version.',
};
const edited = {
  code: 'checksum_mismatch',
  message: 'Migration 1 (001_a.sql) was changed after it was applied.',
  hint: 'Restore the file as it was applied.',
};

function view(overrides: Partial<ErrorJson>): ErrorJson {
  return {
    code: 'plan_problems',
    message: 'migrate found 2 problems',
    hint: 'Fix them.',
    exitCode: 3,
    ...overrides,
  };
}

describe('formatError', () => {
  it('says each problem and its hint once, then the closing hint', () => {
    expect(formatError(view({ problems: [duplicate, edited] }), paint, { logFile: null })).toEqual([
      'error: migrate found 2 problems',
      `  - duplicate_version  ${duplicate.message}`,
      `    hint: ${duplicate.hint}`,
      `  - checksum_mismatch  ${edited.message}`,
      `    hint: ${edited.hint}`,
      'hint: Fix them.',
    ]);
  });

  it('shows only the code of a problem the headline states, and no closing hint a problem gave', () => {
    const lines = formatError(
      view({
        message: `The migrations folder has a problem: ${duplicate.message}`,
        problems: [duplicate],
        hint: duplicate.hint,
      }),
      paint,
      { logFile: '/tmp/app.db.gao-db.log' },
    );
    expect(lines).toEqual([
      `error: The migrations folder has a problem: ${duplicate.message}`,
      '  - duplicate_version',
      `    hint: ${duplicate.hint}`,
      'Details are in /tmp/app.db.gao-db.log.',
    ]);
  });
});
