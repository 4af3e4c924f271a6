import { describe, expect, it } from 'vitest';
import { CliError, ConfigError, ProblemsError, UsageError } from './errors.ts';
import { ExitCode, errorCodeOf, exitCodeFor } from './exit-codes.ts';

describe('exitCodeFor', () => {
  it('maps every documented error code', () => {
    const cases: [string, number][] = [
      ['usage_error', 2],
      ['config_error', 2],
      ['confirmation_required', 2],
      ['not_confirmed', 2],
      ['migrations_dir_not_found', 2],
      ['plan_problems', 3],
      ['plan_refused', 3],
      ['plan_changed', 3],
      ['invalid_repair', 3],
      ['invalid_migration_set', 3],
      ['typescript_syntax', 3],
      ['module_load_failed', 3],
      ['migration_failed', 1],
      ['rollback_failed', 1],
      ['backup_failed', 1],
      ['database_locked', 4],
      ['database_readonly', 4],
      ['database_corrupt', 4],
      ['not_a_database', 4],
      ['database_not_found', 4],
      ['unrecognised_schema_version', 4],
    ];
    for (const [code, exit] of cases) expect(exitCodeFor({ code }), code).toBe(exit);
  });

  it('treats anything else as a failure', () => {
    expect(exitCodeFor(new Error('boom'))).toBe(ExitCode.failed);
    expect(exitCodeFor({ code: 'something_new' })).toBe(1);
    expect(exitCodeFor({ code: 42 })).toBe(1);
    expect(exitCodeFor(null)).toBe(1);
    expect(exitCodeFor('text')).toBe(1);
    expect(errorCodeOf({ code: 'x' })).toBe('x');
  });

  it('maps a migration that failed because of the database to exit 4', () => {
    const readOnly = Object.assign(new Error('read-only'), { code: 'database_readonly', hint: 'chmod it' });
    const failed = Object.assign(new Error('Migration 002 failed', { cause: readOnly }), {
      code: 'migration_failed',
    });
    expect(exitCodeFor(failed)).toBe(4);
    const sqlError = Object.assign(new Error('Migration 002 failed', { cause: new Error('no such table') }), {
      code: 'migration_failed',
    });
    expect(exitCodeFor(sqlError)).toBe(1);
  });

  it('maps the CLI error classes', () => {
    expect(exitCodeFor(new UsageError('bad', 'status'))).toBe(2);
    expect(new UsageError('bad', null).hint).toBe("Run 'gao-db --help' for usage.");
    expect(exitCodeFor(new ConfigError('bad', 'fix it'))).toBe(2);
    expect(exitCodeFor(new CliError('confirmation_required', 'm', 'h'))).toBe(2);
    const problem = {
      code: 'missing_file',
      message: 'gone',
      hint: 'restore it',
      version: 3,
      migrationName: '003_x',
    } as const;
    const one = new ProblemsError([problem], 'migrate');
    expect(exitCodeFor(one)).toBe(3);
    expect(one.message).toBe('migrate found 1 problem; nothing was changed.');
    expect(one.hint).toBe('restore it');
    const two = new ProblemsError([problem, problem], 'rollback');
    expect(two.message).toBe('rollback found 2 problems; nothing was changed.');
    expect(two.hint).toContain("'gao-db validate' lists them all.");
  });
});
