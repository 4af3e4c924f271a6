import { describe, expect, it } from 'vitest';
import { migrationTemplate } from './migration-templates.ts';
import { nextVersion } from './next-version.ts';

describe('nextVersion', () => {
  it('counts on from the highest version, keeping the padding', () => {
    expect(nextVersion([])).toBe('001');
    expect(nextVersion(['001_init.sql', '002_users.sql', '002_users.down.sql', 'README.md'])).toBe('003');
    expect(nextVersion(['9_a.sql'])).toBe('010');
    expect(nextVersion(['0999_a.sql'])).toBe('1000');
    expect(nextVersion(['20261124080000_a.sql'])).toBe('20261124080001');
    expect(nextVersion(['99999999999999999999_a.sql'])).toBe('100000000000000000000');
  });

  it('has up and down in every template', () => {
    expect(migrationTemplate('sql', '003_x')).toContain('-- migrate:up\n');
    expect(migrationTemplate('sql', '003_x')).toContain('-- migrate:down\n');
    for (const kind of ['ts', 'js'] as const) {
      // up is there to write, commented out: the module exports none until it is written.
      expect(migrationTemplate(kind, '003_x')).toMatch(/^\/\/ export function up\(db(: DatabaseSync)?\)/m);
      expect(migrationTemplate(kind, '003_x')).not.toMatch(/^export function up/m);
      expect(migrationTemplate(kind, '003_x')).toMatch(/^export function down\(db(: DatabaseSync)?\)/m);
    }
  });
});
