import { fastParse } from './cli/fast-parse.ts';
import type { CommandArgs, GlobalFlags } from './cli/invocation.ts';
import type { RawInvocation } from './cli/raw-invocation.ts';
import { suggestCommand } from './cli/suggest-command.ts';
import { validateInvocation } from './cli/validate-invocation.ts';
import { type CommandContext, createCommandContext } from './command-context.ts';
import { resolveConfig } from './config/resolve-config.ts';
import { defaultIo } from './default-io.ts';
import { UsageError } from './errors.ts';
import { ExitCode } from './exit-codes.ts';
import { interactiveScreen, isInteractiveTerminal, noCommandFlags } from './interactive/route.ts';
import type { Io } from './io.ts';
import { type Log, NO_LOG, openLog } from './log/log-file.ts';
import { colorEnabled, createPaint } from './output/paint.ts';
import { version } from './version.ts';

/** Commands (with their flags) that change the database and therefore write the log file. */
function changesDatabase(args: CommandArgs): boolean {
  switch (args.command) {
    case 'migrate':
      return !args.dryRun && !args.rehearse;
    case 'rollback':
      return !args.dryRun;
    case 'baseline':
    case 'repair':
    case 'restore':
      return true;
    case 'backup':
      return args.action === 'create';
    default:
      return false;
  }
}

/** Runs one command; each command module is imported only when it runs (start-up time). */
async function runCommand(context: CommandContext, args: CommandArgs): Promise<number> {
  switch (args.command) {
    case 'migrate':
      return (await import('./commands/migrate.ts')).migrate(context, args);
    case 'rollback':
      return (await import('./commands/rollback.ts')).rollback(context, args);
    case 'status':
      return (await import('./commands/status.ts')).status(context);
    case 'history':
      return (await import('./commands/history.ts')).history(context, args);
    case 'new':
      return (await import('./commands/new.ts')).newMigration(context, args);
    case 'validate':
      return (await import('./commands/validate.ts')).validate(context);
    case 'baseline':
      return (await import('./commands/baseline.ts')).baseline(context, args);
    case 'repair':
      return (await import('./commands/repair.ts')).repair(context, args);
    case 'backup':
      return (await import('./commands/backup.ts')).backup(context, args);
    case 'restore':
      return (await import('./commands/restore.ts')).restore(context, args);
  }
}

/** Parses with the fast parser, or with yargs for help, errors and anything unusual. */
async function parse(args: readonly string[], io: Io): Promise<RawInvocation | { readonly exit: number }> {
  const fast = fastParse(args);
  if (fast !== null) return fast;
  const { yargsParse } = await import('./cli/yargs-parse.ts');
  const outcome = yargsParse(args, Math.min(io.columns ?? 100, 100));
  if (outcome.kind === 'run') return outcome.invocation;
  if (outcome.kind === 'help') {
    io.stdout.write(`${outcome.text}\n`);
    return { exit: ExitCode.ok };
  }
  const message = outcome.message.replace(/\n\s*/g, ' ');
  // No command recognised: the first word was probably meant as one.
  const word = outcome.command === null ? args.find((arg) => !arg.startsWith('-')) : undefined;
  const suggestion = word === undefined ? null : suggestCommand(word);
  throw new UsageError(
    message,
    outcome.command,
    suggestion === null
      ? undefined
      : `Did you mean 'gao-db ${suggestion}'? Run 'gao-db --help' for the commands.`,
  );
}

/**
 * The command line, checked: `args: null` for `gao-db` with no command at a terminal (the
 * dashboard); without a terminal, no command is a usage error from yargs as before.
 */
async function commandLine(
  args: readonly string[],
  io: Io,
): Promise<{ readonly global: GlobalFlags; readonly args: CommandArgs | null } | { readonly exit: number }> {
  const dashboard = noCommandFlags(args);
  if (dashboard !== null && isInteractiveTerminal(io, dashboard)) return { global: dashboard, args: null };
  const parsed = await parse(args, io);
  return 'exit' in parsed ? parsed : validateInvocation(parsed);
}

/**
 * Runs the gao-db command line with `args` (without `node` and the script) and returns the exit
 * code. `io` replaces the process (stdout, stderr, environment, working folder, terminal) in tests.
 *
 * @example
 * process.exitCode = await main(process.argv.slice(2));
 */
export async function main(args: readonly string[], io: Partial<Io> = {}): Promise<number> {
  const fullIo: Io = { ...defaultIo(), ...io };
  if (args.includes('--version') && !args.includes('--help')) {
    fullIo.stdout.write(`${version}\n`);
    return ExitCode.ok;
  }
  let flags: GlobalFlags | null = null;
  let log: Log = NO_LOG;
  try {
    const invocation = await commandLine(args, fullIo);
    if ('exit' in invocation) return invocation.exit;
    flags = invocation.global;
    const config = resolveConfig(flags, fullIo.env, fullIo.cwd);
    // The dashboard (no command) can migrate and roll back: it logs like those commands.
    if (invocation.args === null || changesDatabase(invocation.args))
      log = openLog(config.logFile.value, fullIo.stderr, fullIo.now);
    const paint = createPaint(colorEnabled(flags.color, fullIo.env, fullIo.stdoutIsTTY));
    const context = createCommandContext(fullIo, flags, config, paint, log);
    const screen = interactiveScreen(fullIo, invocation);
    if (screen !== null || invocation.args === null) {
      // The terminal UI (and with it Ink and React) is loaded only for people at a terminal.
      const { runInteractive } = await import('./interactive/run-interactive.ts');
      return await runInteractive(context, screen ?? 'dashboard', invocation.args);
    }
    return await runCommand(context, invocation.args);
  } catch (error) {
    // Error formatting is loaded only when there is an error.
    const { reportError } = await import('./report-error.ts');
    return reportError(error, { io: fullIo, flags, args, log });
  }
}
