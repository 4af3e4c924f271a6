import { join } from 'node:path';
import { testdir } from '@gao/tooling/test-utils';
import { describe, expect, it } from 'vitest';
import type { GlobalFlags } from '../cli/invocation.ts';
import { resolveConfig } from './resolve-config.ts';

const NO_FLAGS: GlobalFlags = {
  db: undefined,
  migrations: undefined,
  config: undefined,
  json: false,
  logFile: undefined,
  verbose: false,
  quiet: false,
  busyTimeoutMs: undefined,
  color: undefined,
};

describe('resolveConfig', () => {
  it('uses the defaults relative to the working folder when there is no config file', () => {
    const dir = testdir({});
    const config = resolveConfig(NO_FLAGS, {}, dir);
    expect(config).toEqual({
      database: { value: join(dir, 'gao.db'), source: 'default' },
      migrationsDir: { value: join(dir, 'migrations'), source: 'default' },
      configFile: null,
      logFile: { value: join(dir, 'gao.db.gao-db.log'), source: 'default' },
      busyTimeoutMs: { value: 5000, source: 'default' },
      backup: { dir: undefined, keep: undefined },
    });
  });

  it('finds the nearest config file upwards; its paths are relative to its folder', () => {
    const dir = testdir({
      'gao-db.config.json': JSON.stringify({
        database: 'data/app.db',
        migrations: 'db/migrations',
        logFile: 'logs/gao.log',
        busyTimeoutMs: 100,
        backups: { dir: 'bk', keep: 3 },
      }),
      'src/deep/.keep': '',
    });
    const config = resolveConfig(NO_FLAGS, {}, join(dir, 'src', 'deep'));
    expect(config).toEqual({
      database: { value: join(dir, 'data/app.db'), source: 'config' },
      migrationsDir: { value: join(dir, 'db/migrations'), source: 'config' },
      configFile: join(dir, 'gao-db.config.json'),
      logFile: { value: join(dir, 'logs/gao.log'), source: 'config' },
      busyTimeoutMs: { value: 100, source: 'config' },
      backup: { dir: join(dir, 'bk'), keep: 3 },
    });
  });

  it('defaults sit next to the config file when it does not name them', () => {
    const dir = testdir({ 'gao-db.config.json': '{ "logFile": false, "backups": false }', 'sub/.keep': '' });
    const config = resolveConfig(NO_FLAGS, {}, join(dir, 'sub'));
    expect(config.database).toEqual({ value: join(dir, 'gao.db'), source: 'default' });
    expect(config.logFile).toEqual({ value: null, source: 'config' });
    expect(config.backup).toBe(false);
  });

  it('flags beat the environment, which beats the config file', () => {
    const dir = testdir({
      'gao-db.config.json': '{ "database": "config.db", "migrations": "config-migrations" }',
    });
    const env = { GAO_DB_PATH: 'env.db', GAO_DB_MIGRATIONS: 'env-migrations' };
    const fromEnv = resolveConfig(NO_FLAGS, env, dir);
    expect(fromEnv.database).toEqual({ value: join(dir, 'env.db'), source: 'env' });
    expect(fromEnv.migrationsDir).toEqual({ value: join(dir, 'env-migrations'), source: 'env' });
    expect(fromEnv.logFile.value).toBe(join(dir, 'env.db.gao-db.log'));
    const fromFlags = resolveConfig(
      { ...NO_FLAGS, db: 'flag.db', migrations: '/abs/m', logFile: false, busyTimeoutMs: 9 },
      env,
      dir,
    );
    expect(fromFlags.database).toEqual({ value: join(dir, 'flag.db'), source: 'flag' });
    expect(fromFlags.migrationsDir).toEqual({ value: '/abs/m', source: 'flag' });
    expect(fromFlags.logFile).toEqual({ value: null, source: 'flag' });
    expect(fromFlags.busyTimeoutMs).toEqual({ value: 9, source: 'flag' });
    expect(resolveConfig({ ...NO_FLAGS, logFile: 'x.log' }, {}, dir).logFile).toEqual({
      value: join(dir, 'x.log'),
      source: 'flag',
    });
    // An empty variable counts as unset.
    expect(resolveConfig(NO_FLAGS, { GAO_DB_PATH: '' }, dir).database.source).toBe('config');
  });

  it('reads --config relative to the working folder', () => {
    const dir = testdir({ 'conf/other.json': '{ "database": "x.db" }' });
    const config = resolveConfig({ ...NO_FLAGS, config: 'conf/other.json' }, {}, dir);
    expect(config.configFile).toBe(join(dir, 'conf/other.json'));
    expect(config.database.value).toBe(join(dir, 'conf/x.db'));
  });
});
