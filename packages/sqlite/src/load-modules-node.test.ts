import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type FileTree, testdir, writeTree } from '@gao/tooling/test-utils';
import { describe, expect, it } from 'vitest';
import { codeMigration } from './code-migration.test-fixture.ts';

// Vitest compiles TypeScript and caches modules itself: Node's own loader runs in a child process.
const LOADER = join(fileURLToPath(new URL('.', import.meta.url)), 'load-modules.ts');

const code = (file: string, version = 1) => codeMigration(file, version, 'abcdef0123456789abcdef');

interface Outcome {
  readonly ok?: boolean;
  readonly code?: string;
  readonly message?: string;
  readonly hint?: string;
}

/** Loads `file` of `dir` under plain Node, once per entry of `env` (set before that attempt). */
function loadUnderNode(dir: string, file: string, env: readonly Record<string, string>[] = [{}]): Outcome[] {
  const script = `
    const { loadCodeModules } = await import(${JSON.stringify(LOADER)});
    const outcomes = [];
    for (const env of ${JSON.stringify(env)}) {
      Object.assign(process.env, env);
      try {
        await loadCodeModules(${JSON.stringify(dir)}, [${JSON.stringify(code(file))}]);
        outcomes.push({ ok: true });
      } catch (e) {
        outcomes.push({ code: e.code, message: e.message, hint: e.hint });
      }
    }
    console.log(JSON.stringify(outcomes));`;
  const output = execFileSync(
    process.execPath,
    ['--conditions=@gao/source', '--input-type=module', '-e', script],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
  );
  return JSON.parse(output) as Outcome[];
}

function folder(tree: FileTree, sub = 'migrations'): string {
  const dir = join(testdir(), sub);
  mkdirSync(dir, { recursive: true });
  writeTree(dir, tree);
  return dir;
}

describe('loadCodeModules under Node', () => {
  it('imports a module that threw while loading afresh on the next call, as a new process would', () => {
    const dir = folder({
      '001_env.mjs':
        "if (!process.env.GAO_TEST_READY) throw new Error('GAO_TEST_READY is not set');\nexport function up() {}\n",
    });
    expect(loadUnderNode(dir, '001_env.mjs', [{}, { GAO_TEST_READY: '1' }])).toEqual([
      {
        code: 'module_load_failed',
        message: '001_env.mjs could not be loaded: GAO_TEST_READY is not set',
        hint: 'Fix the error in the module. Relative imports need their file extension (./util.ts), and type-only imports need `import type`.',
      },
      { ok: true },
    ]);
  });

  it('names the file a migration imports when the TypeScript Node cannot strip is there, and its line', () => {
    const dir = folder({
      '001_colors.ts':
        "import { Color } from './lib/colors.ts';\nexport function up() { return Color.Red; }\n",
      'lib/colors.ts': 'export const unused = 1;\nexport enum Color { Red }\n',
    });
    const [outcome] = loadUnderNode(dir, '001_colors.ts');
    expect(outcome).toMatchObject({
      code: 'typescript_syntax',
      message:
        '001_colors.ts uses TypeScript syntax that Node cannot run without compiling it: TypeScript enum is not supported in strip-only mode (line 2 of lib/colors.ts, which it imports)',
    });
  });

  it('says the line of a syntax error when Node knows it, and how to find it when Node does not', () => {
    const dir = folder({
      '001_decorated.ts': 'function mark(x: unknown) {}\n\n@mark class A {}\nexport function up() {}\n',
      '002_open.mjs': 'const a = 1;\nexport function up( {\n',
    });
    expect(loadUnderNode(dir, '001_decorated.ts')[0]?.message).toBe(
      '001_decorated.ts could not be loaded: Invalid or unexpected token (line 3)',
    );
    expect(loadUnderNode(dir, '002_open.mjs')).toEqual([
      {
        code: 'module_load_failed',
        message: '002_open.mjs could not be loaded: Unexpected end of input',
        hint: `Fix the syntax error; Node did not say where: node --check ${join(dir, '002_open.mjs')} shows the line when it is in this file.`,
      },
    ]);
  });

  it.each(['001_a.js', '001_a.ts'])('%s under "type": "commonjs" is told to become an ES module', (file) => {
    const root = testdir({ 'package.json': '{ "type": "commonjs" }' });
    const dir = join(root, 'migrations');
    writeTree(dir, { [file]: 'export function up(db) {}\n' });
    expect(loadUnderNode(dir, file)[0]?.hint).toBe(
      `Node loaded ${file} as CommonJS: rename it to .mjs (.mts for TypeScript), which is always an ES module, or set "type": "module" in the nearest package.json.`,
    );
  });

  it('under node_modules a .ts migration is told that Node strips no types there, without the URL query', () => {
    const dir = folder(
      { '001_a.ts': 'export function up(): void {}\n' },
      'node_modules/app-schema/migrations',
    );
    const [outcome] = loadUnderNode(dir, '001_a.ts');
    expect(outcome?.message).not.toContain('?checksum=');
    expect(outcome).toMatchObject({
      code: 'module_load_failed',
      hint: 'Node does not strip types from files under node_modules: ship these migrations as .js or .mjs (compiled), or keep the migrations folder outside node_modules.',
    });
  });
});
