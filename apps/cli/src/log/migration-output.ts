import { Console } from 'node:console';
import type { MigrationLogger } from '@gao/migrate-sqlite';
import type { TextSink } from '../io.ts';
import { type Log, NO_LOG } from './log-file.ts';

/** Where `ctx.logger` writes: the console's stderr, the log file, and whether `--quiet` hides info. */
export interface MigrationLogTarget {
  readonly stderr: TextSink;
  readonly log: Log;
  readonly quiet: boolean;
}

function fieldsText(fields: Readonly<Record<string, unknown>> | undefined): string {
  if (fields === undefined || Object.keys(fields).length === 0) return '';
  try {
    return ` ${JSON.stringify(fields)}`;
  } catch {
    return ` ${String(fields)}`;
  }
}

/**
 * The `ctx.logger` code migrations get: each message is a line on stderr (stdout is for gao-db's own
 * output and `--json`; `info` is left out with `--quiet`) and a `migration_log` line in the log file.
 *
 * @example
 * const logger = migrationLogger({ stderr: process.stderr, log, quiet: false });
 * logger.warn('3 rows had no email', { table: 'users' }); // "warning: 3 rows had no email {"table":"users"}"
 */
export function migrationLogger(target: MigrationLogTarget): MigrationLogger {
  const write =
    (level: 'info' | 'warn' | 'error') =>
    (message: string, fields?: Readonly<Record<string, unknown>>): void => {
      const prefix = level === 'info' ? '' : level === 'warn' ? 'warning: ' : 'error: ';
      if (level !== 'info' || !target.quiet)
        target.stderr.write(`${prefix}${message}${fieldsText(fields)}\n`);
      target.log.write({
        level,
        event: 'migration_log',
        message,
        ...(fields === undefined ? {} : { fields }),
      });
    };
  return { info: write('info'), warn: write('warn'), error: write('error') };
}

/** `ctx.logger` where nothing tells the CLI's settings: stderr only, info included. */
export function stderrMigrationLogger(): MigrationLogger {
  return migrationLogger({ stderr: process.stderr, log: NO_LOG, quiet: false });
}

// The console methods that print to stdout; the others (count, group, time, table, ...) print
// through `log`, and error, warn and trace already print to stderr.
const STDOUT_METHODS = ['log', 'info', 'debug', 'dir', 'dirxml'] as const;

let depth = 0;
let saved: Pick<Console, (typeof STDOUT_METHODS)[number]> | null = null;

function redirect(): void {
  depth += 1;
  if (depth > 1) return;
  const stderrConsole = new Console({ stdout: process.stderr, stderr: process.stderr });
  saved = {
    log: console.log,
    info: console.info,
    debug: console.debug,
    dir: console.dir,
    dirxml: console.dirxml,
  };
  for (const name of STDOUT_METHODS) console[name] = stderrConsole[name];
}

function restore(): void {
  depth -= 1;
  if (depth > 0 || saved === null) return;
  for (const name of STDOUT_METHODS) console[name] = saved[name];
  saved = null;
}

/**
 * Runs `work` (a Migrator call: it may load and run code migrations) with `console.log` and the
 * other console methods that print to stdout printing to stderr instead, so a migration's
 * `console.log` cannot get into `--json` output. Restored when `work` settles; nested calls share
 * one redirection.
 *
 * @example
 * const report = await consoleOnStderr(() => migrator.migrate({}));
 */
export function consoleOnStderr<T>(work: () => T): T {
  redirect();
  let result: T;
  try {
    result = work();
  } catch (error) {
    restore();
    throw error;
  }
  if (result instanceof Promise) return result.finally(restore) as T;
  restore();
  return result;
}
