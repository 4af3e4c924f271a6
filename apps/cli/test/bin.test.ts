import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const bin = fileURLToPath(new URL('../bin/gao-db.js', import.meta.url));
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {
  version: string;
};

it('the built binary prints the package version', () => {
  const run = spawnSync(process.execPath, [bin, '--version'], { encoding: 'utf8' });
  expect(run.stderr).toBe('');
  expect(run.stdout).toBe(`${pkg.version}\n`);
  expect(run.status).toBe(0);
});

it('an unknown command exits 2 with a message', () => {
  const run = spawnSync(process.execPath, [bin, 'frobnicate'], { encoding: 'utf8' });
  expect(run.status).toBe(2);
  expect(run.stderr).toContain('gao-db');
});
