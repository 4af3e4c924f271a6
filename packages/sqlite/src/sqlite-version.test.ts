import { expect, it } from 'vitest';
import { sqliteVersion } from './sqlite-version.ts';

it('reports the bundled SQLite version (>= 3.45, needed for the features gao-db relies on)', () => {
  const [major, minor] = sqliteVersion().split('.').map(Number);
  expect(major).toBe(3);
  expect(minor).toBeGreaterThanOrEqual(45);
});
