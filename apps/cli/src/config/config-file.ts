import { readFileSync } from 'node:fs';
import { ConfigError } from '../errors.ts';

/** The contents of a `gao-db.config.json`; paths are relative to the file's folder. */
export interface ConfigFile {
  readonly database?: string;
  readonly migrations?: string;
  /** A path, or `false` to write no log file. */
  readonly logFile?: string | false;
  readonly busyTimeoutMs?: number;
  /** `false`: no backups before changes; otherwise where and how many to keep. */
  readonly backups?: false | { readonly dir?: string; readonly keep?: number };
}

const KEYS = ['$schema', 'database', 'migrations', 'logFile', 'busyTimeoutMs', 'backups'];

function fail(path: string, message: string): never {
  throw new ConfigError(
    `${path}: ${message}`,
    `Fix ${path}; docs/cli.md#where-things-are-configuration lists the keys.`,
    { file: path },
  );
}

function checkBackups(path: string, value: unknown): ConfigFile['backups'] {
  if (value === undefined || value === false) return value;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    fail(path, '"backups" must be false or an object like { "dir": "backups", "keep": 10 }.');
  }
  const { dir, keep, ...rest } = value as Record<string, unknown>;
  const unknown = Object.keys(rest);
  if (unknown.length > 0) fail(path, `unknown key "backups.${unknown[0]}" (known: dir, keep).`);
  if (dir !== undefined && (typeof dir !== 'string' || dir === ''))
    fail(path, '"backups.dir" must be a path.');
  if (keep !== undefined && !(Number.isSafeInteger(keep) && (keep as number) >= 1)) {
    fail(path, '"backups.keep" must be a whole number of at least 1.');
  }
  return {
    ...(dir === undefined ? {} : { dir: dir as string }),
    ...(keep === undefined ? {} : { keep: keep as number }),
  };
}

/**
 * Reads and checks a config file: unknown keys and wrong types are errors (a typo must not be
 * silently ignored).
 *
 * @example
 * readConfigFile('/srv/app/gao-db.config.json') // { database: 'data/app.db', migrations: 'migrations' }
 */
export function readConfigFile(path: string): ConfigFile {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ConfigError(
      code === 'ENOENT'
        ? `Config file ${path} does not exist.`
        : `Cannot read config file ${path} (${code}).`,
      'Check the --config path, or leave it out to use the nearest gao-db.config.json.',
      { file: path },
    );
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    fail(path, `not valid JSON (${(error as Error).message}).`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    fail(path, 'must hold a JSON object.');
  const record = parsed as Record<string, unknown>;
  const unknown = Object.keys(record).find((key) => !KEYS.includes(key));
  if (unknown !== undefined) fail(path, `unknown key "${unknown}" (known: ${KEYS.slice(1).join(', ')}).`);
  for (const key of ['database', 'migrations'] as const) {
    const value = record[key];
    if (value !== undefined && (typeof value !== 'string' || value === ''))
      fail(path, `"${key}" must be a path.`);
  }
  const { logFile, busyTimeoutMs } = record;
  if (logFile !== undefined && logFile !== false && (typeof logFile !== 'string' || logFile === '')) {
    fail(path, '"logFile" must be a path or false.');
  }
  if (
    busyTimeoutMs !== undefined &&
    !(Number.isSafeInteger(busyTimeoutMs) && (busyTimeoutMs as number) >= 0)
  ) {
    fail(path, '"busyTimeoutMs" must be a whole number of milliseconds.');
  }
  const backups = checkBackups(path, record.backups);
  return {
    ...(record.database === undefined ? {} : { database: record.database as string }),
    ...(record.migrations === undefined ? {} : { migrations: record.migrations as string }),
    ...(logFile === undefined ? {} : { logFile: logFile as string | false }),
    ...(busyTimeoutMs === undefined ? {} : { busyTimeoutMs: busyTimeoutMs as number }),
    ...(backups === undefined ? {} : { backups }),
  };
}
