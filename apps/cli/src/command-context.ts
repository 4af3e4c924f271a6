import type { GlobalFlags } from './cli/invocation.ts';
import type { ResolvedConfig } from './config/resolve-config.ts';
import type { Io } from './io.ts';
import type { Log } from './log/log-file.ts';
import type { Paint } from './output/paint.ts';

/** What every command gets: the process, the flags, where things are, how to print and log. */
export interface CommandContext {
  readonly io: Io;
  readonly flags: GlobalFlags;
  readonly config: ResolvedConfig;
  readonly paint: Paint;
  readonly log: Log;
  /** Prints a line for people on stdout (nothing with `--json` or `--quiet`). */
  readonly say: (line: string) => void;
  /** Prints a warning on stderr (always, even with `--quiet`). */
  readonly warn: (line: string) => void;
  /** Prints the one JSON document of a `--json` run on stdout. */
  readonly json: (document: unknown) => void;
}

/**
 * Builds the printing helpers for `flags`.
 *
 * @example
 * const context = createCommandContext(io, flags, config, paint, log);
 * context.say('Already up to date.');
 */
export function createCommandContext(
  io: Io,
  flags: GlobalFlags,
  config: ResolvedConfig,
  paint: Paint,
  log: Log,
): CommandContext {
  return {
    io,
    flags,
    config,
    paint,
    log,
    say: (line) => {
      if (!flags.json && !flags.quiet) io.stdout.write(`${line}\n`);
    },
    warn: (line) => {
      io.stderr.write(`${paint.yellow('warning:')} ${line}\n`);
    },
    json: (document) => {
      io.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
    },
  };
}
