import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CodeMigration } from '@gao/migrate-core';
import { testdir, writeTree } from '@gao/tooling/test-utils';
import { describe, expect, it } from 'vitest';
import { codeMigration } from './code-migration.test-fixture.ts';
import { ModuleError } from './errors.ts';
import { loadCodeModules } from './load-modules.ts';

const code = codeMigration;

async function loadError(dir: string, migration: CodeMigration): Promise<ModuleError> {
  const error = await loadCodeModules(dir, [migration]).catch((thrown: unknown) => thrown);
  expect(error).toBeInstanceOf(ModuleError);
  return error as ModuleError;
}

describe('loadCodeModules', () => {
  it('loads .ts and .mjs modules with up, down and transaction', async () => {
    const dir = testdir({
      '001_a.ts':
        "import type { DatabaseSync } from 'node:sqlite';\nexport async function up(db: DatabaseSync): Promise<void> {}\nexport function down(db: DatabaseSync): void {}\n",
      '002_b.mjs': 'export const transaction = false;\nexport function up() {}\n',
    });
    const modules = await loadCodeModules(dir, [code('001_a.ts', 1), code('002_b.mjs', 2)]);
    expect(modules.get(1)?.info).toEqual({ hasDown: true, transaction: true });
    expect(modules.get(2)?.info).toEqual({ hasDown: false, transaction: false });
    expect(modules.get(2)?.down).toBeNull();
  });

  it.each([
    [
      '001_noup.mjs',
      'export function down() {}\n',
      'does not export an up function.',
      'Add `export async function up(db) { ... }` (and optionally `down`).',
    ],
    [
      '001_default.mjs',
      'export default { up() {} };\n',
      'does not export an up function.',
      'Export up (and down) as named exports, not as properties of a default export.',
    ],
    [
      '001_fn.mjs',
      'export default function up() {}\n',
      'does not export an up function.',
      'Export the function by name, `export async function up(db) { ... }`, not as the default export.',
    ],
    [
      '001_down.mjs',
      'export function up() {}\nexport const down = 3;\n',
      'exports down, but it is not a function.',
      'Export `down` as a function, or remove it.',
    ],
    [
      '001_tx.mjs',
      "export function up() {}\nexport const transaction = 'no';\n",
      'exports transaction = "no"; it must be true or false.',
      'Write `export const transaction = false` to run the migration outside a transaction, or remove the export.',
    ],
  ])('%s is module_invalid', async (file, source, message, hint) => {
    const dir = testdir({ [file]: source });
    const error = await loadError(dir, code(file));
    expect(error.code).toBe('module_invalid');
    expect(error.message).toBe(`${file} ${message}`);
    expect(error.hint).toBe(hint);
  });

  it('a module that throws while loading is module_load_failed', async () => {
    const dir = testdir({ '001_boom.mjs': "throw new Error('boom at import');\n" });
    const error = await loadError(dir, code('001_boom.mjs'));
    expect(error.code).toBe('module_load_failed');
    expect(error.message).toBe('001_boom.mjs could not be loaded: boom at import');
    expect((error.cause as Error).message).toBe('boom at import');
  });

  it('under plain Node: loads .ts from a folder named with #, and an enum is typescript_syntax naming the file', () => {
    // Vitest compiles TypeScript (and resolves URLs) itself, so the real loader runs in a Node process.
    const dir = join(testdir(), 'release #2');
    mkdirSync(dir);
    writeTree(dir, {
      '001_enum.ts': 'enum Color { Red }\nexport function up() { return Color.Red; }\n',
      '002_fine.ts': 'export const transaction: boolean = false;\nexport function up(): void {}\n',
    });
    const loader = join(fileURLToPath(new URL('.', import.meta.url)), 'load-modules.ts');
    const script = `
      const { loadCodeModules } = await import(${JSON.stringify(loader)});
      const fine = await loadCodeModules(${JSON.stringify(dir)}, [${JSON.stringify(code('002_fine.ts', 2))}]);
      try { await loadCodeModules(${JSON.stringify(dir)}, [${JSON.stringify(code('001_enum.ts'))}]); console.log('{}'); }
      catch (e) { console.log(JSON.stringify({ fine: fine.get(2).info, name: e.name, code: e.code, file: e.file, message: e.message })); }`;
    const output = execFileSync(
      process.execPath,
      ['--conditions=@gao/source', '--input-type=module', '-e', script],
      {
        encoding: 'utf8',
      },
    );
    expect(JSON.parse(output)).toEqual({
      fine: { hasDown: false, transaction: false },
      name: 'ModuleError',
      code: 'typescript_syntax',
      file: '001_enum.ts',
      message:
        '001_enum.ts uses TypeScript syntax that Node cannot run without compiling it: TypeScript enum is not supported in strip-only mode (line 1)',
    });
  });

  it('classifies ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX from any importer', async () => {
    const syntax = Object.assign(
      new SyntaxError('TypeScript namespace declaration is not supported in strip-only mode'),
      {
        code: 'ERR_UNSUPPORTED_TYPESCRIPT_SYNTAX',
      },
    );
    const error = await loadCodeModules(testdir(), [code('001_ns.ts')], () => Promise.reject(syntax)).catch(
      (e: unknown) => e,
    );
    expect((error as ModuleError).code).toBe('typescript_syntax');
    expect((error as ModuleError).hint).toBe(
      'Node runs .ts migrations by erasing types only: replace an enum with a const object, a namespace with plain exports, and parameter properties with fields assigned in the constructor.',
    );
  });
});
