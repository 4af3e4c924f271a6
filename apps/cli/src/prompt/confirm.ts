import { CliError } from '../errors.ts';
import type { Io } from '../io.ts';

/** Whether the environment says "CI" (`CI=true`, `CI=1`; `CI=false` and `CI=0` do not count). */
export function isCi(env: Readonly<Record<string, string | undefined>>): boolean {
  const value = env.CI;
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

/**
 * Asks before a change. `--yes` skips the question; without it, a shell that cannot answer (stdin not
 * a terminal, or `CI` set) is refused with exit code 2 and a message naming `--yes`; on a terminal a
 * y/N question is asked and anything but yes is refused (exit 2, nothing changed).
 *
 * @example
 * await confirm(io, { yes: false, command: 'migrate', question: 'Apply 3 migrations to app.db?' });
 */
export async function confirm(
  io: Io,
  request: { readonly yes: boolean; readonly command: string; readonly question: string },
): Promise<void> {
  if (request.yes) return;
  if (!io.stdinIsTTY || isCi(io.env)) {
    const why = io.stdinIsTTY ? 'CI is set' : 'this shell is not interactive';
    throw new CliError(
      'confirmation_required',
      `gao-db ${request.command} changes the database and needs confirmation, but ${why}. Nothing was changed.`,
      `Run 'gao-db ${request.command} --yes' to go ahead without a question.`,
    );
  }
  const answer = (await io.ask(`${request.question} [y/N] `)).trim().toLowerCase();
  if (answer !== 'y' && answer !== 'yes') {
    throw new CliError(
      'not_confirmed',
      'Not confirmed. Nothing was changed.',
      `Answer 'y' to go ahead, or run 'gao-db ${request.command} --yes'.`,
    );
  }
}
