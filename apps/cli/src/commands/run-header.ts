import type { Inspection } from '../adapter/migrator-port.ts';
import type { CommandContext } from '../command-context.ts';
import { displayPath } from '../output/display-path.ts';
import { printConfigLine } from './config-line.ts';
import { versionLabel } from './version-label.ts';

/**
 * The first lines of a changing command: which database (and its version) and which folder.
 *
 * @example
 * printRunHeader(context, inspection) // Database:    demo.db (version 001)\nMigrations:  migrations
 */
export function printRunHeader(context: CommandContext, inspection: Inspection): void {
  const { cwd } = context.io;
  const state = inspection.exists
    ? `version ${versionLabel(inspection, inspection.status.currentVersion)}`
    : 'does not exist yet: it will be created';
  context.say(`Database:    ${displayPath(inspection.database, cwd)} (${state})`);
  context.say(`Migrations:  ${displayPath(context.config.migrationsDir.value, cwd)}`);
  printConfigLine(context);
}
