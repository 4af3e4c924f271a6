import type { ArgsOf } from '../cli/invocation.ts';
import type { CommandContext } from '../command-context.ts';
import { ExitCode } from '../exit-codes.ts';
import { displayPath } from '../output/display-path.ts';
import { formatBytes } from '../output/format-duration.ts';
import { table } from '../output/table.ts';
import { withMigrator } from './with-migrator.ts';

/**
 * The context `backup` and `restore` open the adapter with. `"backups": false` turns off the backups
 * taken before runs, not the ones asked for: `backup create` and restore's safety backup still write
 * to the default folder (`<database folder>/backups`), so listing and restoring look there too.
 *
 * @example
 * withMigrator(backupsContext(context), {}, (migrator) => migrator.listBackups());
 */
export function backupsContext(context: CommandContext): CommandContext {
  if (context.config.backup !== false) return context;
  return { ...context, config: { ...context.config, backup: { dir: undefined, keep: undefined } } };
}

/**
 * `gao-db backup [list | create]`: lists the database's backups, newest first, numbered for
 * `gao-db restore N`; or writes one now.
 */
export async function backup(context: CommandContext, args: ArgsOf<'backup'>): Promise<number> {
  const { cwd } = context.io;
  return withMigrator(backupsContext(context), {}, async (migrator) => {
    if (args.action === 'create') {
      const created = await migrator.createBackup();
      context.log.write({
        level: 'info',
        event: 'backup_created',
        path: created.path,
        size_bytes: created.sizeBytes,
      });
      if (context.flags.json) context.json({ database: context.config.database.value, backup: created });
      else
        context.say(`Backup written: ${displayPath(created.path, cwd)} (${formatBytes(created.sizeBytes)})`);
      return ExitCode.ok;
    }
    const backups = await migrator.listBackups();
    if (context.flags.json) {
      context.json({ database: context.config.database.value, backups });
      return ExitCode.ok;
    }
    if (backups.length === 0) {
      context.say(`No backups of ${displayPath(context.config.database.value, cwd)} yet.`);
      context.say(
        context.config.backup === false
          ? `Backups before changes are off ("backups": false); 'gao-db backup create' makes one now.`
          : "gao-db backs up before every change; 'gao-db backup create' makes one now.",
      );
      return ExitCode.ok;
    }
    const rows = backups.map((entry, index) => [
      String(index + 1),
      entry.createdAt,
      entry.reason,
      formatBytes(entry.sizeBytes),
      displayPath(entry.path, cwd),
    ]);
    for (const line of table(
      [['#', 'CREATED', 'REASON', 'SIZE', 'FILE'].map(context.paint.dim), ...rows],
      '  ',
    )) {
      context.say(line);
    }
    context.say('');
    context.say("Restore one with 'gao-db restore <#>' (1 is the newest).");
    return ExitCode.ok;
  });
}
