import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { testdir } from '@gao/tooling/test-utils';
import { describe, expect, it } from 'vitest';
import { BIN } from './support/spawn-cli.ts';

const RECORDER = fileURLToPath(new URL('./support/record-imports.mjs', import.meta.url));

function loadedBy(args: readonly string[], cwd: string): string[] {
  const run = spawnSync(process.execPath, ['--import', RECORDER, BIN, ...args], { cwd, encoding: 'utf8' });
  const last = run.stderr.trim().split('\n').at(-1) ?? '{}';
  return (JSON.parse(last) as { loaded: string[] }).loaded;
}

const heavy = (urls: readonly string[], name: string) =>
  urls.filter((url) => url.includes(`/node_modules/${name}/`));

describe('start-up: scripted runs load only what they need', () => {
  it('status --json and migrate --yes load neither Ink/React nor yargs', () => {
    const dir = testdir({ 'migrations/001_a.sql': 'CREATE TABLE a (id INTEGER);' });
    for (const args of [
      ['status', '--json'],
      ['migrate', '--yes'],
      ['history', '--json'],
    ]) {
      const urls = loadedBy(args, dir);
      expect(urls.length, args.join(' ')).toBeGreaterThan(5);
      for (const name of ['ink', 'react', '@inkjs', 'yargs'])
        expect(heavy(urls, name), `${args.join(' ')}: ${name}`).toEqual([]);
    }
  });

  it('help and bad arguments load yargs, still not Ink/React', () => {
    const dir = testdir({});
    const urls = loadedBy(['--help'], dir);
    expect(heavy(urls, 'yargs').length).toBeGreaterThan(0);
    expect(heavy(urls, 'ink')).toEqual([]);
    expect(heavy(urls, 'react')).toEqual([]);
  });
});
