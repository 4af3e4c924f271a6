/**
 * Start-up time of the scripted path: `gao-db status --json` on the demo database against `node -e ''`
 * on the same Node, median of N runs each. Target: at most 2x.
 *
 *   node apps/cli/scripts/startup-bench.ts [runs]      (build first; seeds the demo database if missing)
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const bin = join(here, '..', 'bin', 'gao-db.js');
const demo = join(here, '..', '..', '..', 'examples', 'demo');
const runs = Number(process.argv[2] ?? 20);

function run(args: readonly string[]): void {
  const result = spawnSync(process.execPath, args, { cwd: demo, encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${args.join(' ')} exited ${result.status}: ${result.stderr}`);
}

function median(args: readonly string[]): number {
  run(args); // warm the file-system cache
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = process.hrtime.bigint();
    run(args);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

if (!existsSync(join(demo, 'demo.db'))) run([join(demo, 'seed.ts')]);
// Interleaved rounds: a busy machine slows both sides alike.
const node = median(['-e', '']);
const status = median([bin, 'status', '--json']);
const ratio = status / node;
process.stdout.write(
  `node -e ''              ${node.toFixed(1)} ms (median of ${runs})\n` +
    `gao-db status --json    ${status.toFixed(1)} ms (median of ${runs})\n` +
    `ratio                   ${ratio.toFixed(2)}x (target <= 2x)\n`,
);
process.exitCode = ratio <= 2 ? 0 : 1;
