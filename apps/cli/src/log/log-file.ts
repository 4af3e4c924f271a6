import { appendFileSync } from 'node:fs';
import type { TextSink } from '../io.ts';

/** One line of the log file (JSON lines). `time` and `level` come first; absent fields are left out. */
export interface LogEntry {
  readonly level: 'info' | 'warn' | 'error';
  readonly event: string;
  readonly command?: string;
  readonly database?: string;
  readonly version?: number;
  readonly name?: string;
  readonly duration_ms?: number;
  readonly error?: string;
  readonly code?: string;
  readonly stack?: string;
  readonly [field: string]: unknown;
}

/** Appends JSON lines to the log file; never throws. */
export interface Log {
  /** Appends `entry`; `false` when it was not written (logging off, or the file cannot be written). */
  write(entry: LogEntry): boolean;
  /** The file written to, or `null` when logging is off. */
  readonly path: string | null;
}

/** A log that writes nothing (`--no-log-file`, read-only commands). */
export const NO_LOG: Log = { write: () => false, path: null };

/**
 * Opens the log file for appending. A log that cannot be written is a warning on stderr (once), never
 * a failure of the command.
 *
 * @example
 * const log = openLog('/srv/app.db.gao-db.log', process.stderr, () => new Date());
 * log.write({ level: 'info', event: 'applied', version: 3, name: '003_x', duration_ms: 12 });
 */
export function openLog(path: string | null, stderr: TextSink, now: () => Date): Log {
  if (path === null) return NO_LOG;
  let broken = false;
  return {
    path,
    write(entry) {
      if (broken) return false;
      try {
        appendFileSync(path, `${JSON.stringify({ time: now().toISOString(), ...entry })}\n`, { mode: 0o600 });
        return true;
      } catch (error) {
        broken = true;
        const code = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
        stderr.write(
          `warning: cannot write the log file ${path} (${code}); continuing without it. Use --log-file PATH or --no-log-file.\n`,
        );
        return false;
      }
    },
  };
}
