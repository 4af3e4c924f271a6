import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_PATH, packageApi, renderApiReference } from '../../../scripts/api-reference.ts';

describe('docs/api.md', () => {
  it('is what scripts/api-reference.ts renders from the index files (run pnpm docs:generate to update)', () => {
    expect(
      readFileSync(API_PATH, 'utf8'),
      'docs/api.md is out of date: run pnpm docs:generate to update it',
    ).toBe(renderApiReference());
  });

  it('lists the symbols the library guide relies on', () => {
    const names = (dir: string) => packageApi(dir).map((symbol) => symbol.name);
    expect(names('packages/core')).toEqual(
      expect.arrayContaining(['readMigrationSet', 'getStatus', 'planMigrate', 'EMPTY_HISTORY', 'SetProblem']),
    );
    expect(names('packages/sqlite')).toEqual(
      expect.arrayContaining(['Migrator', 'openMigrated', 'GaoDbError', 'MigratorOptions']),
    );
  });
});
