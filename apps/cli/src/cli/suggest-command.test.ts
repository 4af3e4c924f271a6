import { expect, it } from 'vitest';
import { suggestCommand } from './suggest-command.ts';

it('suggests the nearest command for a typo', () => {
  expect(suggestCommand('migrat')).toBe('migrate');
  expect(suggestCommand('STATSU')).toBe('status');
  expect(suggestCommand('rollbak')).toBe('rollback');
  expect(suggestCommand('deploy')).toBeNull();
  expect(suggestCommand('')).toBeNull();
});
