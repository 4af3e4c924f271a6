import type { CommandContext } from '../command-context.ts';
import type { SettingSource } from '../config/resolve-config.ts';
import { displayPath } from '../output/display-path.ts';

const FROM: Readonly<Record<SettingSource, (flag: string, env: string) => string>> = {
  flag: (flag) => flag,
  env: (_flag, env) => env,
  config: () => 'the config file',
  default: () => 'the default',
};

/**
 * With `--verbose`: which config file was used and where the paths came from, to settle "why is it
 * using that database?" at a glance.
 *
 * @example
 * printConfigLine(context) // Config:      gao-db.config.json (database from --db, migrations from the config file)
 */
export function printConfigLine(context: CommandContext): void {
  if (!context.flags.verbose) return;
  const { config } = context;
  const file = config.configFile === null ? 'none' : displayPath(config.configFile, context.io.cwd);
  const database = FROM[config.database.source]('--db', 'GAO_DB_PATH');
  const migrations = FROM[config.migrationsDir.source]('--migrations', 'GAO_DB_MIGRATIONS');
  context.say(`Config:      ${file} (database from ${database}, migrations from ${migrations})`);
}
