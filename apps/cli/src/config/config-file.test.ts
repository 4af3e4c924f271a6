import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { testdir } from '@gao/tooling/test-utils';
import { describe, expect, it } from 'vitest';
import { readConfigFile } from './config-file.ts';

function configError(contents: string): string {
  const dir = testdir({ 'c.json': contents });
  try {
    readConfigFile(join(dir, 'c.json'));
  } catch (error) {
    expect(error).toMatchObject({ code: 'config_error' });
    return (error as Error).message.replace(`${join(dir, 'c.json')}: `, '');
  }
  throw new Error('expected a config error');
}

describe('readConfigFile', () => {
  it('reads the known keys', () => {
    const dir = testdir({ 'c.json': '{ "$schema": "x", "database": "a.db", "backups": { "keep": 2 } }' });
    expect(readConfigFile(join(dir, 'c.json'))).toEqual({ database: 'a.db', backups: { keep: 2 } });
  });

  it('refuses what would otherwise be silently ignored', () => {
    expect(configError('{ "databse": "a.db" }')).toBe(
      'unknown key "databse" (known: database, migrations, logFile, busyTimeoutMs, backups).',
    );
    expect(configError('{ "database": 3 }')).toBe('"database" must be a path.');
    expect(configError('{ "migrations": "" }')).toBe('"migrations" must be a path.');
    expect(configError('[]')).toBe('must hold a JSON object.');
    expect(configError('{ "logFile": true }')).toBe('"logFile" must be a path or false.');
    expect(configError('{ "busyTimeoutMs": -1 }')).toBe(
      '"busyTimeoutMs" must be a whole number of milliseconds.',
    );
    expect(configError('{ "backups": true }')).toBe(
      '"backups" must be false or an object like { "dir": "backups", "keep": 10 }.',
    );
    expect(configError('{ "backups": { "kept": 1 } }')).toBe(
      'unknown key "backups.kept" (known: dir, keep).',
    );
    expect(configError('{ "backups": { "dir": 1 } }')).toBe('"backups.dir" must be a path.');
    expect(configError('{ "backups": { "keep": 0 } }')).toBe(
      '"backups.keep" must be a whole number of at least 1.',
    );
    expect(configError('{ database: 1 }')).toMatch(/^not valid JSON \(/);
  });

  it('names a config file that does not exist or cannot be read', () => {
    const dir = testdir({ 'folder/.keep': '' });
    expect(() => readConfigFile(join(dir, 'nope.json'))).toThrow(
      `Config file ${join(dir, 'nope.json')} does not exist.`,
    );
    expect(() => readConfigFile(join(dir, 'folder'))).toThrow(
      `Cannot read config file ${join(dir, 'folder')} (EISDIR).`,
    );
  });

  it('points its hint at a heading that exists in docs/cli.md', () => {
    const dir = testdir({ 'c.json': '[]' });
    let hint = '';
    try {
      readConfigFile(join(dir, 'c.json'));
    } catch (error) {
      hint = (error as { hint: string }).hint;
    }
    const anchor = /docs\/cli\.md#([\w-]+)/.exec(hint)?.[1];
    const docs = readFileSync(new URL('../../../../docs/cli.md', import.meta.url), 'utf8');
    // GitHub's heading anchors: lower case, punctuation dropped, spaces to dashes.
    const anchors = [...docs.matchAll(/^#+ (.+)$/gm)].map(([, title]) =>
      (title ?? '')
        .toLowerCase()
        .replace(/[^\w\s-]/g, '')
        .replace(/\s/g, '-'),
    );
    expect(anchors).toContain(anchor);
  });
});
