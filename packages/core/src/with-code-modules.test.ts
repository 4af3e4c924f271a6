import { describe, expect, it } from 'vitest';
import { buildMigrationSet } from './build-migration-set.ts';
import type { MigrationSet } from './migration.ts';
import { withCodeModules } from './with-code-modules.ts';

const encode = (text: string) => new TextEncoder().encode(text);
const built = buildMigrationSet([
  { name: '001_a.sql', isFile: true, bytes: encode('A;') },
  { name: '002_b.ts', isFile: true, bytes: encode('export function up() {}') },
  { name: '003_c.mjs', isFile: true, bytes: encode('export function up() {}') },
  { name: 'notes.md', isFile: true, bytes: null },
]);
if (!built.ok) throw new Error('fixture has problems');
const set: MigrationSet = built.value;

describe('withCodeModules', () => {
  it('fills module for the code migrations found in the map, in a new set', () => {
    const info = { hasDown: true, transaction: false };
    const loaded = withCodeModules(set, new Map([[2, info]]));
    expect(loaded.migrations.map((migration) => migration.kind === 'code' && migration.module)).toEqual([
      false,
      info,
      null,
    ]);
    expect(loaded.ignored).toBe(set.ignored);
    expect(set.migrations[1]).toMatchObject({ module: null });
  });

  it('keeps SQL migrations as they are, even when the map names their version', () => {
    const loaded = withCodeModules(set, new Map([[1, { hasDown: false, transaction: true }]]));
    expect(loaded.migrations[0]).toBe(set.migrations[0]);
    expect(loaded.migrations[0]).not.toHaveProperty('module');
  });
});
