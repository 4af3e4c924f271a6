import { describe, expect, it } from 'vitest';
import type { RawInvocation } from './raw-invocation.ts';
import { validateInvocation } from './validate-invocation.ts';

function check(
  command: RawInvocation['command'],
  positionals: Record<string, string>,
  options: RawInvocation['options'] = {},
) {
  return validateInvocation({ command, positionals, options });
}

function usage(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toMatchObject({ code: 'usage_error' });
    return (error as Error).message;
  }
  throw new Error('expected a usage error');
}

describe('validateInvocation', () => {
  it('types the global flags', () => {
    expect(
      check('status', {}, { db: 'a.db', json: true, 'busy-timeout': '250', 'log-file': false, color: false })
        .global,
    ).toEqual({
      db: 'a.db',
      migrations: undefined,
      config: undefined,
      json: true,
      logFile: false,
      verbose: false,
      quiet: false,
      busyTimeoutMs: 250,
      color: false,
    });
    expect(check('status', {}, { 'log-file': 'x.log' }).global.logFile).toBe('x.log');
  });

  it('rejects conflicting and malformed flags before anything runs', () => {
    expect(usage(() => check('rollback', { n: '2' }, { to: '1' }))).toBe(
      'N and --to cannot be used together: give how many to undo, or the version to go back to.',
    );
    expect(usage(() => check('migrate', {}, { 'dry-run': true, rehearse: true }))).toBe(
      '--dry-run and --rehearse cannot be used together.',
    );
    expect(usage(() => check('migrate', {}, { 'round-trip': true }))).toBe(
      "--round-trip runs on the rehearsal's copy: use it with --rehearse (gao-db migrate --rehearse --round-trip).",
    );
    expect(check('migrate', {}, { rehearse: true, 'round-trip': true }).args).toMatchObject({
      rehearse: true,
      roundTrip: true,
    });
    expect(usage(() => check('status', {}, { verbose: true, quiet: true }))).toBe(
      '--verbose and --quiet cannot be used together.',
    );
    expect(usage(() => check('rollback', { n: '0' }))).toBe(
      "N must be a whole number of at least 1, got '0'.",
    );
    expect(usage(() => check('rollback', { n: '-1' }))).toBe(
      "N must be a whole number of at least 1, got '-1'.",
    );
    expect(usage(() => check('migrate', {}, { to: 'abc' }))).toBe("--to must be a whole number, got 'abc'.");
    expect(usage(() => check('migrate', {}, { to: '1e3' }))).toBe("--to must be a whole number, got '1e3'.");
    expect(usage(() => check('history', {}, { limit: '0' }))).toBe(
      "--limit must be a whole number of at least 1, got '0'.",
    );
    expect(usage(() => check('status', {}, { db: '' }))).toBe('--db needs a value.');
    expect(usage(() => check('status', {}, { db: true }))).toBe('--db needs a value.');
    expect(usage(() => check('new', { name: 'x' }, { ts: true, js: true }))).toBe(
      'Choose one of --sql, --ts and --js (got --ts and --js).',
    );
    expect(usage(() => check('new', { name: '../evil' }))).toBe(
      "The migration name '../evil' can use only letters, digits, '_', '-' and spaces, and needs a letter.",
    );
    expect(usage(() => check('new', { name: '123' }))).toContain('needs a letter');
    expect(usage(() => check('baseline', { version: 'x' }))).toBe(
      "The version must be a whole number of at least 1, got 'x'.",
    );
  });

  it('fills in defaults and normalises', () => {
    expect(check('rollback', {}).args).toEqual({
      command: 'rollback',
      target: { count: 1 },
      yes: false,
      dryRun: false,
      rehearse: false,
      backup: true,
      allOrNothing: false,
    });
    expect(usage(() => check('rollback', {}, { 'dry-run': true, rehearse: true }))).toBe(
      '--dry-run and --rehearse cannot be used together.',
    );
    expect(check('rollback', {}, { to: '003', backup: false }).args).toMatchObject({
      target: { to: 3 },
      backup: false,
    });
    expect(check('migrate', {}, { to: '3', yes: true }).args).toEqual({
      command: 'migrate',
      to: 3,
      yes: true,
      dryRun: false,
      rehearse: false,
      roundTrip: false,
      backup: true,
      allowOutOfOrder: false,
      allOrNothing: false,
    });
    expect(check('rollback', {}, { 'all-or-nothing': true }).args).toMatchObject({ allOrNothing: true });
    expect(check('new', { name: 'Add Users-table' }, { js: true }).args).toEqual({
      command: 'new',
      name: 'add_users_table',
      kind: 'js',
    });
    expect(check('new', { name: 'x1' }).args).toMatchObject({ kind: 'sql' });
    expect(check('repair', { action: 'mark-rolled-back', version: '5' }).args).toEqual({
      command: 'repair',
      action: 'mark_rolled_back',
      version: 5,
      yes: false,
    });
    expect(check('backup', { action: 'create' }).args).toEqual({ command: 'backup', action: 'create' });
    expect(check('backup', {}).args).toEqual({ command: 'backup', action: 'list' });
    expect(check('restore', { backup: '2' }, { yes: true }).args).toEqual({
      command: 'restore',
      backup: '2',
      yes: true,
    });
    expect(check('validate', {}).args).toEqual({ command: 'validate' });
    expect(check('history', {}).args).toEqual({ command: 'history', limit: undefined });
    expect(check('baseline', { version: '3' }).args).toEqual({ command: 'baseline', version: 3, yes: false });
  });
});
