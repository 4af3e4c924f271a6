/**
 * The pack test: packs the three packages the way they would be published (`pnpm pack` rewrites
 * `workspace:*` to real versions), lints the tarballs with publint, installs them with plain npm
 * into a scratch project outside the workspace, and runs what a user would:
 *
 * - `npx gao-db --help`, `--version`, and a migrate + status on a temporary database;
 * - `import { ... } from '@gao/migrate-core'` in plain ESM;
 * - the library examples (examples/library: openMigrated on startup, the Migrator, the planner),
 *   type-checked with the workspace's tsc against the published .d.ts files, then run.
 *
 *   node scripts/pack-test.ts [--keep]     (needs a build: pnpm build)
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const PACKAGES = ['packages/core', 'packages/sqlite', 'apps/cli'];
const BIN = join(ROOT, 'node_modules/.bin');
// Node 24 first on PATH: npm, npx and the packages' scripts all run on it, not on the system node.
const env = { ...process.env, PATH: `${BIN}:${dirname(process.execPath)}:${process.env.PATH ?? ''}` };
delete env.npm_config_user_agent;

function run(command: string, args: readonly string[], cwd: string): string {
  console.log(`$ ${[command, ...args].join(' ')}`);
  try {
    return execFileSync(command, args, { cwd, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    console.error(failed.stdout ?? '', failed.stderr ?? '');
    throw new Error(`failed in ${cwd}: ${[command, ...args].join(' ')}`);
  }
}

function expectIncludes(text: string, wanted: string, what: string): void {
  if (!text.includes(wanted)) throw new Error(`${what}: expected ${JSON.stringify(wanted)} in:\n${text}`);
  console.log(`  ok: ${what}`);
}

const started = performance.now();
const work = mkdtempSync(join(tmpdir(), 'gao-db-pack-test-'));
try {
  for (const dir of PACKAGES) {
    if (!existsSync(join(ROOT, dir, 'dist'))) throw new Error(`${dir}/dist is missing: run pnpm build first`);
  }

  // 1. Pack and lint.
  const tarballs = join(work, 'tarballs');
  mkdirSync(tarballs);
  for (const dir of PACKAGES) {
    run('npx', ['-y', 'pnpm@10.34.9', 'pack', '--pack-destination', tarballs], join(ROOT, dir));
  }
  const files = readdirSync(tarballs).map((name) => join(tarballs, name));
  for (const file of files) run(join(BIN, 'publint'), ['run', file, '--strict'], ROOT);
  for (const file of files) {
    const listing = run('tar', ['tzf', file], work);
    if (/\.test\.tsx?$/m.test(listing)) throw new Error(`${file} contains test files`);
    if (!/^package\/LICENSE$/m.test(listing)) throw new Error(`${file} has no LICENSE`);
  }

  // 2. Install into a project outside the workspace, with plain npm.
  const app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'app', private: true, type: 'module' }));
  run('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...files], app);

  // 3. The command line.
  const cli = JSON.parse(readFileSync(join(ROOT, 'apps/cli/package.json'), 'utf8')) as { version: string };
  expectIncludes(run('npx', ['gao-db', '--help'], app), 'gao-db <command> [options]', 'npx gao-db --help');
  expectIncludes(run('npx', ['gao-db', '--version'], app), cli.version, 'npx gao-db --version');
  mkdirSync(join(app, 'cli-migrations'));
  writeFileSync(
    join(app, 'cli-migrations/001_create_notes.sql'),
    'CREATE TABLE notes (id INTEGER PRIMARY KEY);\n',
  );
  const where = ['--db', 'cli.db', '--migrations', 'cli-migrations'];
  run('npx', ['gao-db', 'migrate', '--yes', ...where], app);
  const status = JSON.parse(run('npx', ['gao-db', 'status', '--json', ...where], app)) as {
    currentVersion: number | null;
  };
  if (status.currentVersion !== 1) throw new Error(`gao-db migrate: version ${status.currentVersion}`);
  console.log('  ok: npx gao-db migrate, status --json');

  // 4. Plain ESM import of the core.
  writeFileSync(
    join(app, 'core.mjs'),
    [
      "import { EMPTY_HISTORY, getStatus, readMigrationSet } from '@gao/migrate-core';",
      "const source = { list: () => [{ name: '001_a.sql', isFile: true }], read: () => new TextEncoder().encode('SELECT 1;') };",
      'const set = readMigrationSet(source);',
      "console.log(set.ok ? getStatus(set.value, EMPTY_HISTORY).migrations[0].state : 'not ok');",
    ].join('\n'),
  );
  expectIncludes(run('node', ['core.mjs'], app), 'pending', "import from '@gao/migrate-core' (ESM)");

  // 5. The library examples: type-checked against the published types, then run.
  cpSync(join(ROOT, 'examples/library'), app, { recursive: true });
  writeFileSync(
    join(app, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        target: 'es2023',
        lib: ['es2023'],
        module: 'nodenext',
        strict: true,
        noEmit: true,
        allowImportingTsExtensions: true,
        erasableSyntaxOnly: true,
        verbatimModuleSyntax: true,
        types: ['node'],
        typeRoots: [join(ROOT, 'node_modules/@types')],
      },
      include: ['*.ts', 'migrations/**/*.ts'],
    }),
  );
  run(join(BIN, 'tsc'), ['-p', 'tsconfig.json'], app);
  console.log('  ok: tsc on the library examples and their migrations');
  expectIncludes(
    run('node', ['planner.ts'], app),
    'would apply: 001_create_users.sql',
    'examples/library/planner.ts',
  );
  expectIncludes(run('node', ['startup.ts'], app), 'posts: 2', 'examples/library/startup.ts (openMigrated)');
  expectIncludes(
    run('node', ['migrator.ts'], app),
    'at version 6',
    'examples/library/migrator.ts (Migrator)',
  );

  console.log(`pack test passed in ${((performance.now() - started) / 1000).toFixed(1)} s`);
} finally {
  if (process.argv.includes('--keep')) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
