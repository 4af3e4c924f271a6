import { isAbsolute, relative, sep } from 'node:path';

/**
 * A path as people want to read it: relative to the working folder when inside it, else absolute.
 *
 * @example
 * displayPath('/srv/app/demo.db', '/srv/app') // 'demo.db'
 * displayPath('/tmp/x.db', '/srv/app') // '/tmp/x.db'
 */
export function displayPath(path: string, cwd: string): string {
  const rel = relative(cwd, path);
  if (rel === '') return '.';
  return rel.startsWith(`..${sep}`) || rel === '..' || isAbsolute(rel) ? path : rel;
}
