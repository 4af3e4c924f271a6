import type { PlanProblem, SetProblem } from '@gao/migrate-core';
import { describe, expect, it } from 'vitest';
import { MigrationFailedError, MigrationPlanError, MigrationSetError } from './errors.ts';
import { GaoDbError } from './gao-db-error.ts';

const dup = (version: number): SetProblem => ({
  code: 'duplicate_version',
  version,
  files: [`00${version}_a.sql`, `00${version}_b.sql`],
  message: `Version ${version} is used by two files.`,
  hint: 'Renumber one.',
});

describe('error classes', () => {
  it('MigrationSetError summarises one or many problems', () => {
    expect(new MigrationSetError([dup(1)]).message).toBe(
      'The migrations folder has a problem: Version 1 is used by two files.',
    );
    const many = new MigrationSetError([dup(1), dup(2)]);
    expect(many.message).toBe('The migrations folder has 2 problems: Version 1 is used by two files.');
    expect(many.hint).toBe('Renumber one.');
    expect(many).toBeInstanceOf(GaoDbError);
    expect(new MigrationSetError([]).hint).toBe('Fix the migration files, then run the command again.');
  });

  it('MigrationPlanError names the first problem and counts the rest', () => {
    const problem = {
      code: 'invalid_count',
      count: 0,
      message: 'Nothing to roll back.',
      hint: 'Pass 1 or more.',
    } as PlanProblem;
    const error = new MigrationPlanError('app.db', [problem, problem]);
    expect(error.code).toBe('plan_refused');
    expect(error.message).toBe('gao-db will not migrate app.db: Nothing to roll back. (and 1 more problems)');
    expect(new MigrationPlanError('app.db', []).message).toBe(
      'gao-db will not migrate app.db: the plan was refused',
    );
  });

  it('MigrationFailedError words up and down failures and keeps the cause', () => {
    const down = new MigrationFailedError({
      direction: 'down',
      version: 3,
      file: '003_x.sql',
      cause: 'not an Error',
      completed: [],
      hint: 'h',
    });
    expect(down.code).toBe('rollback_failed');
    expect(down.message).toBe('Rolling back 003_x.sql failed: not an Error');
    expect(down.cause).toBe('not an Error');
    expect(down.recordError).toBeUndefined();
  });
});
