import { describe, expect, it } from 'vitest';
import { rewriteImport } from '../scripts/builtin-imports.ts';

describe('rewriteImport (bundle: builtins through process.getBuiltinModule)', () => {
  it('reads only the imported names, keeping local aliases', () => {
    expect(rewriteImport('{ join, resolve as r }', 'node:path')).toBe(
      'const { join, resolve: r } = process.getBuiltinModule("node:path");',
    );
  });

  it('binds a namespace or default import to the module object', () => {
    expect(rewriteImport('* as fs', 'node:fs')).toBe('const fs = process.getBuiltinModule("node:fs");');
    expect(rewriteImport('fs', 'node:fs')).toBe('const fs = process.getBuiltinModule("node:fs");');
    expect(rewriteImport('fs, { readFileSync }', 'node:fs')).toBe(
      'const fs = process.getBuiltinModule("node:fs");\nconst { readFileSync } = fs;',
    );
  });

  it('refuses what it cannot rewrite faithfully', () => {
    expect(() => rewriteImport('{ "a-b" as c }', 'node:fs')).toThrow(/cannot rewrite/);
  });
});
