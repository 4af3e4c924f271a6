import { version } from './version.ts';

/** Runs the gao-db command line with `args` (without `node` and the script) and returns the exit code. */
export async function main(args: readonly string[]): Promise<number> {
  if (args[0] === '--version') {
    process.stdout.write(`${version}\n`);
    return 0;
  }
  process.stderr.write('gao-db: the command line is not built yet. Try gao-db --version.\n');
  return 2;
}
