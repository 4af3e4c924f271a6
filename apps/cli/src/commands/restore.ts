import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BackupInfo } from '../adapter/migrator-port.ts';
import type { ArgsOf } from '../cli/invocation.ts';
import type { CommandContext } from '../command-context.ts';
import { CliError } from '../errors.ts';
import { ExitCode } from '../exit-codes.ts';
import { displayPath } from '../output/display-path.ts';
import { confirm } from '../prompt/confirm.ts';
import { backupsContext } from './backup.ts';
import { withMigrator } from './with-migrator.ts';

function notFound(message: string): CliError {
  return new CliError(
    'backup_not_found',
    message,
    "Run 'gao-db backup' to list the backups and their numbers.",
  );
}

/** `latest`, a number from `gao-db backup`, or a file path. */
function chooseBackup(
  which: string,
  backups: readonly BackupInfo[],
  cwd: string,
): { path: string; info: BackupInfo | null } {
  if (which === 'latest' || /^\d+$/.test(which)) {
    const index = which === 'latest' ? 0 : Number(which) - 1;
    const info = backups[index];
    if (info === undefined) {
      throw notFound(
        backups.length === 0
          ? 'There are no backups of this database.'
          : `There is no backup number ${which}; there ${backups.length === 1 ? 'is 1 backup' : `are ${backups.length} backups`}.`,
      );
    }
    return { path: info.path, info };
  }
  const path = resolve(cwd, which);
  if (!existsSync(path)) throw notFound(`The backup file ${path} does not exist.`);
  return { path, info: backups.find((entry) => entry.path === path) ?? null };
}

/**
 * `gao-db restore <N | latest | PATH> [--yes]`: replaces the database with one of its backups, after
 * asking.
 */
export async function restore(context: CommandContext, args: ArgsOf<'restore'>): Promise<number> {
  const { cwd } = context.io;
  return withMigrator(backupsContext(context), {}, async (migrator) => {
    const chosen = chooseBackup(args.backup, await migrator.listBackups(), cwd);
    const database = context.config.database.value;
    const when = chosen.info === null ? '' : ` (${chosen.info.createdAt}, ${chosen.info.reason})`;
    context.say(`Restore ${displayPath(database, cwd)} from ${displayPath(chosen.path, cwd)}${when}.`);
    await confirm(context.io, {
      yes: args.yes,
      command: 'restore',
      question: `Replace ${displayPath(database, cwd)} with this backup? Changes made since it was taken are lost.`,
    });
    context.log.write({ level: 'info', event: 'restore_started', database, path: chosen.path });
    const { safetyBackup } = await migrator.restoreBackup(chosen.path);
    context.log.write({
      level: 'info',
      event: 'restored',
      database,
      path: chosen.path,
      safety_backup: safetyBackup?.path ?? null,
    });
    if (context.flags.json) context.json({ database, restoredFrom: chosen.path, safetyBackup });
    else {
      context.say(
        context.paint.green(`Restored ${displayPath(database, cwd)} from ${displayPath(chosen.path, cwd)}.`),
      );
      if (safetyBackup !== null) {
        context.say(`The database as it was before is kept in ${displayPath(safetyBackup.path, cwd)}.`);
      }
    }
    return ExitCode.ok;
  });
}
