/**
 * Bundles dist/ into dist/bundle/ (one chunk per command, loaded on demand) so `gao-db` starts without
 * resolving ~150 small modules of the CLI, the core and the adapter: about 30 ms less per run, which
 * is what keeps `gao-db status --json` within 2x of `node -e ''`. bin/gao-db.js loads the bundle.
 *
 *   node scripts/bundle.ts          (run by `pnpm build`, after tsc -p tsconfig.build.json)
 */
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';
import { builtinImports } from './builtin-imports.ts';

const dist = join(dirname(fileURLToPath(import.meta.url)), '..', 'dist');
const out = join(dist, 'bundle');

// Loaded only for help, errors and the interactive UI: keep them as ordinary imports.
const external = [/^node:/, /^yargs(\/|$)/, /^ink(\/|$)/, /^react(\/|$)/, /^@inkjs\//];

/** Bundles `input` into `out`: entries as `[name].js`, their chunks as `<prefix>[name]-[hash].js`. */
async function bundleInto(input: Record<string, string>, chunkPrefix: string): Promise<void> {
  const bundle = await rolldown({
    input,
    platform: 'node',
    external,
    // Builtins through process.getBuiltinModule: no ESM facade touching every lazy export.
    plugins: [builtinImports()],
  });
  await bundle.write({
    dir: out,
    format: 'esm',
    entryFileNames: '[name].js',
    chunkFileNames: `${chunkPrefix}[name]-[hash].js`,
  });
  await bundle.close();
}

rmSync(out, { recursive: true, force: true });
await bundleInto({ main: join(dist, 'main.js') }, '');
// The terminal UI's migration thread, bundled on its own: sharing chunks with main.js would split
// the adapter into more files for every command to load. thread-run.js starts it from the file next
// to it (`new URL('./migrator-thread.js', import.meta.url)`).
await bundleInto({ 'migrator-thread': join(dist, 'adapter', 'migrator-thread.js') }, 'thread-');
process.stdout.write(`Bundled ${join(dist, 'main.js')} into ${out}\n`);
