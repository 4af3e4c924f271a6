import { dirname, resolve } from 'node:path';
import type { GlobalFlags } from '../cli/invocation.ts';
import { readConfigFile } from './config-file.ts';
import { findConfig } from './find-config.ts';

/** Where a setting came from, in precedence order. */
export type SettingSource = 'flag' | 'env' | 'config' | 'default';

/** A resolved setting and where it came from (shown by `--verbose` and in errors). */
export interface Setting<T> {
  readonly value: T;
  readonly source: SettingSource;
}

/** Everything a command needs to know about where things are. All paths are absolute. */
export interface ResolvedConfig {
  readonly database: Setting<string>;
  readonly migrationsDir: Setting<string>;
  /** The config file used, or `null`. */
  readonly configFile: string | null;
  /** Where runs that change something are logged; `null`: no log file. */
  readonly logFile: Setting<string | null>;
  readonly busyTimeoutMs: Setting<number>;
  /** `false`: no backups. `dir` undefined: the adapter's default (`<db folder>/backups`). */
  readonly backup: false | { readonly dir: string | undefined; readonly keep: number | undefined };
}

/** The defaults, relative to the config file's folder when there is one, else to the working folder. */
export const DEFAULTS = { database: 'gao.db', migrations: 'migrations', busyTimeoutMs: 5000 } as const;

/** The environment variables `gao-db` reads. */
export const ENV = { database: 'GAO_DB_PATH', migrations: 'GAO_DB_MIGRATIONS' } as const;

function pick(
  flag: string | undefined,
  env: string | undefined,
  config: string | undefined,
  fallback: string,
  dirs: { readonly cwd: string; readonly configDir: string | null },
): Setting<string> {
  // Flags and environment are relative to the working folder; config values to the config's folder.
  if (flag !== undefined) return { value: resolve(dirs.cwd, flag), source: 'flag' };
  if (env !== undefined && env !== '') return { value: resolve(dirs.cwd, env), source: 'env' };
  const base = dirs.configDir ?? dirs.cwd;
  if (config !== undefined) return { value: resolve(base, config), source: 'config' };
  return { value: resolve(base, fallback), source: 'default' };
}

/**
 * Resolves where the database, migrations and log file are: flags first, then the environment
 * (`GAO_DB_PATH`, `GAO_DB_MIGRATIONS`), then `gao-db.config.json` (`--config`, or the nearest one from
 * the working folder up), then the defaults `./gao.db` and `./migrations`.
 *
 * @example
 * resolveConfig(flags, { GAO_DB_PATH: 'data/app.db' }, '/srv/app').database
 * // { value: '/srv/app/data/app.db', source: 'env' }
 */
export function resolveConfig(
  flags: GlobalFlags,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): ResolvedConfig {
  const configFile = flags.config === undefined ? findConfig(cwd) : resolve(cwd, flags.config);
  const file = configFile === null ? {} : readConfigFile(configFile);
  const dirs = { cwd, configDir: configFile === null ? null : dirname(configFile) };
  const database = pick(flags.db, env[ENV.database], file.database, DEFAULTS.database, dirs);
  const migrationsDir = pick(
    flags.migrations,
    env[ENV.migrations],
    file.migrations,
    DEFAULTS.migrations,
    dirs,
  );
  let logFile: Setting<string | null>;
  if (flags.logFile !== undefined) {
    logFile = { value: flags.logFile === false ? null : resolve(cwd, flags.logFile), source: 'flag' };
  } else if (file.logFile !== undefined) {
    logFile = {
      value: file.logFile === false ? null : resolve(dirs.configDir ?? cwd, file.logFile),
      source: 'config',
    };
  } else {
    logFile = { value: `${database.value}.gao-db.log`, source: 'default' };
  }
  const busyTimeoutMs: Setting<number> =
    flags.busyTimeoutMs !== undefined
      ? { value: flags.busyTimeoutMs, source: 'flag' }
      : file.busyTimeoutMs !== undefined
        ? { value: file.busyTimeoutMs, source: 'config' }
        : { value: DEFAULTS.busyTimeoutMs, source: 'default' };
  const backups = file.backups;
  const backup =
    backups === false
      ? false
      : {
          dir: backups?.dir === undefined ? undefined : resolve(dirs.configDir ?? cwd, backups.dir),
          keep: backups?.keep,
        };
  return { database, migrationsDir, configFile, logFile, busyTimeoutMs, backup };
}
