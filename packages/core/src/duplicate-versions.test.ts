import { describe, expect, it } from 'vitest';
import { classifyFileName } from './classify-file-name.ts';
import { compareNames, findDuplicateVersions, type VersionedFile } from './duplicate-versions.ts';

function versioned(...names: string[]): VersionedFile[] {
  return names.map((name) => {
    const entry = classifyFileName(name);
    if (entry.kind !== 'migration') throw new Error(`not a migration: ${name}`);
    return { entry, version: Number(entry.versionText) };
  });
}

describe('findDuplicateVersions', () => {
  it('finds nothing when every version is used once', () => {
    expect(findDuplicateVersions(versioned('1_a.sql', '2_b.sql', '10_c.ts'), new Set())).toEqual([]);
  });

  it('counts in digits beyond five files and keeps the width of the renamed version', () => {
    const [problem] = findDuplicateVersions(
      versioned(
        '0009_a.sql',
        '0009_b.sql',
        '0009_c.sql',
        '0009_d.sql',
        '0009_e.sql',
        '0009_f.sql',
        '0010_g.sql',
      ),
      new Set(),
    );
    expect(problem?.message).toBe(
      '6 migration files share version 9: 0009_a.sql, 0009_b.sql, 0009_c.sql, 0009_d.sql, 0009_e.sql, 0009_f.sql.',
    );
    // Every file but the first moves, or the rest would still clash.
    expect(problem?.hint).toBe(
      'Give each migration its own version: for example rename 0009_b.sql to 0011_b.sql, 0009_c.sql to 0012_c.sql, 0009_d.sql to 0013_d.sql, 0009_e.sql to 0014_e.sql and 0009_f.sql to 0015_f.sql.',
    );
  });

  it('never suggests a version above the highest allowed one', () => {
    const [problem] = findDuplicateVersions(
      versioned('9007199254740991_z.sql', '001_a.sql', '001_b.sql'),
      new Set(),
    );
    expect(problem?.hint).toBe(
      'Give each migration its own version: there is no free version above the highest one, so renumber the files from a lower version.',
    );
  });

  it('renames no .down.sql for a code migration', () => {
    const [problem] = findDuplicateVersions(versioned('4_a.sql', '4_b.mjs'), new Set(['4_b.down.sql']));
    expect(problem?.hint).toBe(
      'Give each migration its own version: rename one of them, for example 4_b.mjs to 5_b.mjs.',
    );
  });
});

describe('compareNames', () => {
  it('orders by code units, not by locale', () => {
    expect(['b', 'B', '_', '0', 'a'].sort(compareNames)).toEqual(['0', 'B', '_', 'a', 'b']);
    expect(compareNames('x', 'x')).toBe(0);
  });
});
