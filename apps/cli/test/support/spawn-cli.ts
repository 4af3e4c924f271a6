import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The committed bin wrapper; it imports the built dist/. */
export const BIN = fileURLToPath(new URL('../../bin/gao-db.js', import.meta.url));

/** The seed script of the demo. */
export const SEED = fileURLToPath(new URL('../../../../examples/demo/seed.ts', import.meta.url));

/** The demo's migrations folder. */
export const DEMO_MIGRATIONS = fileURLToPath(
  new URL('../../../../examples/demo/migrations', import.meta.url),
);

/** What a spawned run printed and returned. */
export interface SpawnRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the built binary as a child process (no terminal: stdin, stdout and stderr are pipes), with a
 * minimal environment plus `env`.
 *
 * @example
 * const run = spawnCli(['status', '--json'], { cwd: dir });
 */
export function spawnCli(
  args: readonly string[],
  options: { readonly cwd: string; readonly env?: Readonly<Record<string, string>>; readonly input?: string },
): SpawnRun {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...options.env },
    input: options.input ?? '',
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Replaces what changes from run to run (timings, backup file names, temp folders) with fixed text. */
export function normalise(text: string, dir: string): string {
  return text
    .replaceAll(dir, '<dir>')
    .replace(/\b\d+(\.\d+)? (ms|s)\b/g, 'N ms')
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}-\d{3}Z/g, '<time>')
    .replace(/\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}:\d{2}(\.\d+Z)?/g, '<time>');
}
