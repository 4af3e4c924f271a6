import type { GlobalFlags } from './cli/invocation.ts';
import { ExitCode } from './exit-codes.ts';
import type { Io } from './io.ts';
import { errorLogEntry, stackWithCause } from './log/error-entry.ts';
import type { Log } from './log/log-file.ts';
import { type ErrorJson, errorView } from './output/error-view.ts';
import { formatError } from './output/format-error.ts';
import { colorEnabled, createPaint } from './output/paint.ts';

/** Where an error is reported: the process, the parsed command line (if parsing got that far), the log. */
export interface ErrorReportContext {
  readonly io: Io;
  readonly flags: GlobalFlags | null;
  /** The raw arguments: `--json` and `--verbose` count even when parsing failed. */
  readonly args: readonly string[];
  readonly log: Log;
}

// What Node says when it loads ES module syntax as CommonJS (a `.js` or `.ts` file under a package.json
// without "type": "module").
const COMMONJS_LOAD = /Unexpected token 'export'|Cannot use import statement outside a module/;

/** A code migration Node loaded as CommonJS: the hint names the fix (the adapter's is generic). */
function withModuleTypeHint(view: ErrorJson): ErrorJson {
  if (view.code !== 'module_load_failed') return view;
  if (!COMMONJS_LOAD.test(`${view.message} ${view.cause?.message ?? ''}`)) return view;
  const file = view.file ?? 'the migration';
  return {
    ...view,
    hint: `Node loaded ${file} as CommonJS: rename it to .mjs (.mts for TypeScript), which is always an ES module, or set "type": "module" in the nearest package.json.`,
  };
}

/**
 * Reports any error a command threw and returns its exit code: `{ "error": ... }` on stdout with
 * `--json`, else what happened and what to do next on stderr. Real failures (not usage errors or
 * refusals) are logged with their stack.
 *
 * @example
 * process.exitCode = reportError(error, { io, flags, args, log });
 */
export function reportError(error: unknown, context: ErrorReportContext): number {
  const { io, flags, args, log } = context;
  const json = flags?.json ?? args.includes('--json');
  const verbose = flags?.verbose ?? args.includes('--verbose');
  const view = withModuleTypeHint(errorView(error, verbose));
  const stack = error instanceof Error ? stackWithCause(error) : undefined;
  const entry = errorLogEntry(error);
  // "Details are in <log>" only when the details really are there.
  const logged = entry !== null && log.write(entry);
  if (json) {
    io.stdout.write(`${JSON.stringify({ error: view }, null, 2)}\n`);
  } else {
    const paint = createPaint(colorEnabled(flags?.color, io.env, io.stdoutIsTTY));
    // Unexpected errors always show where they came from; expected ones only with --verbose.
    const showStack = verbose || view.code === 'internal_error' ? stack : undefined;
    const logFile = logged && view.exitCode === ExitCode.failed ? log.path : null;
    io.stderr.write(`${formatError(view, paint, { logFile, stack: showStack }).join('\n')}\n`);
  }
  return view.exitCode;
}
