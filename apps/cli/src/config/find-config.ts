import { statSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The file name `gao-db` looks for from the working folder up. */
export const CONFIG_FILE_NAME = 'gao-db.config.json';

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * The nearest `gao-db.config.json` in `start` or one of its parents, or `null`.
 *
 * @example
 * findConfig('/srv/app/src') // '/srv/app/gao-db.config.json' when that file exists
 */
export function findConfig(start: string): string | null {
  let dir = start;
  for (;;) {
    const candidate = join(dir, CONFIG_FILE_NAME);
    if (isFile(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}
