import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The codes are read from the source text, so a code added anywhere shows up here without a list
// to keep in step: the core's problem unions, the adapter's error code unions and constructors, the
// CLI's exit-code table and its CliError constructors.
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(ROOT, path)).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

function all(text: string, pattern: RegExp): string[] {
  return [...text.matchAll(pattern)].map((match) => match[1] ?? '');
}

/** The string literals of `export type Name = 'a' | 'b';`. */
function union(text: string, name: string): string[] {
  const body = new RegExp(`export type ${name} =([^;]*);`).exec(text)?.[1];
  if (body === undefined) throw new Error(`type ${name} not found`);
  return all(body, /'([a-z_]+)'/g);
}

function problemCodes(): string[] {
  return all(read('packages/core/src/problems.ts'), /readonly code: '([a-z_]+)'/g);
}

function adapterCodes(): string[] {
  const codes = union(read('packages/sqlite/src/gao-db-error.ts'), 'GaoDbErrorCode');
  for (const file of sourceFiles('packages/sqlite/src')) {
    const text = read(file);
    // Every per-class code union (DatabaseErrorCode, ModuleErrorCode, ...) and every constructor call.
    for (const name of all(text, /export type ([A-Za-z]+Code) =/g)) codes.push(...union(text, name));
    codes.push(...all(text, /new [A-Za-z]*Error\(\s*'([a-z_]+)'/g));
  }
  return codes;
}

function cliCodes(): string[] {
  const exitCodes = read('apps/cli/src/exit-codes.ts');
  const table = /const BY_CODE[^{]*\{([^}]*)\}/.exec(exitCodes)?.[1] ?? '';
  const codes = all(table, /^\s*([a-z_]+):/gm);
  for (const file of sourceFiles('apps/cli/src')) {
    const text = read(file);
    codes.push(...all(text, /new CliError\(\s*'([a-z_]+)'/g), ...all(text, /super\(\s*'([a-z_]+)'/g));
    codes.push(...all(text, /code: '([a-z_]+)',/g).filter((code) => code.endsWith('_error')));
  }
  return codes;
}

const doc = read('docs/troubleshooting.md');
const headings = new Set(all(doc, /^## `([a-z_]+)`$/gm));

describe('docs/troubleshooting.md', () => {
  it.each([
    ['core problem', problemCodes],
    ['adapter error', adapterCodes],
    ['CLI error', cliCodes],
  ])('has a "## `code`" entry for every %s code', (_kind, codesOf) => {
    const codes = [...new Set(codesOf())];
    expect(codes.length).toBeGreaterThan(5);
    expect(codes.filter((code) => !headings.has(code))).toEqual([]);
  });

  it('has no entry for a code that does not exist', () => {
    const known = new Set([...problemCodes(), ...adapterCodes(), ...cliCodes()]);
    expect([...headings].filter((code) => !known.has(code))).toEqual([]);
  });

  it('finds the codes it should (the parsing above works)', () => {
    expect(problemCodes()).toEqual(expect.arrayContaining(['duplicate_version', 'checksum_mismatch']));
    expect(adapterCodes()).toEqual(expect.arrayContaining(['database_locked', 'backup_failed']));
    expect(cliCodes()).toEqual(expect.arrayContaining(['usage_error', 'not_confirmed', 'internal_error']));
  });
});
