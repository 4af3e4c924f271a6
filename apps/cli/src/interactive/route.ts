import { fastParse } from '../cli/fast-parse.ts';
import type { CommandArgs, GlobalFlags } from '../cli/invocation.ts';
import { validateInvocation } from '../cli/validate-invocation.ts';
import type { Io } from '../io.ts';
import { isCi } from '../prompt/confirm.ts';

/** The screens of the terminal UI a command line can open. */
export type InteractiveScreen = 'dashboard' | 'migrate' | 'rollback' | 'status' | 'history';

/**
 * Whether a person is at a terminal who can see and answer the UI: stdout and stdin are terminals
 * (not `dumb`), no `--json`, no `--quiet` (which asks for less output, not a screen), `CI` not set.
 *
 * @example
 * isInteractiveTerminal({ stdoutIsTTY: true, stdinIsTTY: true, env: { CI: 'true' } }, flags) // false
 */
export function isInteractiveTerminal(
  io: Pick<Io, 'stdoutIsTTY' | 'stdinIsTTY' | 'env'>,
  flags: Pick<GlobalFlags, 'json' | 'quiet'>,
): boolean {
  return (
    io.stdoutIsTTY && io.stdinIsTTY && !flags.json && !flags.quiet && !isCi(io.env) && io.env.TERM !== 'dumb'
  );
}

/**
 * The UI screen for a command line, or `null` for the plain (scripted) output. `args: null` is
 * `gao-db` with no command. `--dry-run`, `--rehearse` and `history --verbose` stay plain: they print
 * text to read or keep, not something to watch.
 *
 * @example
 * interactiveScreen(terminalIo, { global: flags, args: { command: 'status' } }) // 'status'
 * interactiveScreen(pipedIo, { global: flags, args: { command: 'status' } }) // null
 */
export function interactiveScreen(
  io: Pick<Io, 'stdoutIsTTY' | 'stdinIsTTY' | 'env'>,
  invocation: { readonly global: GlobalFlags; readonly args: CommandArgs | null },
): InteractiveScreen | null {
  const { global, args } = invocation;
  if (!isInteractiveTerminal(io, global)) return null;
  if (args === null) return 'dashboard';
  switch (args.command) {
    case 'migrate':
      return args.dryRun || args.rehearse ? null : 'migrate';
    case 'rollback':
      return args.dryRun || args.rehearse ? null : 'rollback';
    case 'status':
      return 'status';
    case 'history':
      return global.verbose ? null : 'history';
    default:
      return null;
  }
}

/**
 * The global flags of a command line with no command (`gao-db`, `gao-db --db app.db`), or `null`
 * when it names a command, asks for help or does not parse (yargs reports those as before).
 *
 * @example
 * noCommandFlags(['--db', 'app.db'])?.db // 'app.db'
 * noCommandFlags(['status']) // null
 */
export function noCommandFlags(args: readonly string[]): GlobalFlags | null {
  // `status` takes no positionals and no options of its own: exactly the global options parse.
  const raw = fastParse(['status', ...args]);
  if (raw === null) return null;
  try {
    return validateInvocation(raw).global;
  } catch {
    return null;
  }
}
