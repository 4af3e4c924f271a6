import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ArgsOf } from '../cli/invocation.ts';
import type { CommandContext } from '../command-context.ts';
import { CliError } from '../errors.ts';
import { ExitCode } from '../exit-codes.ts';
import { displayPath } from '../output/display-path.ts';
import { migrationTemplate } from './migration-templates.ts';
import { nextVersion } from './next-version.ts';

function existingFiles(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/**
 * `gao-db new <name> [--sql | --ts | --js]`: writes the next-numbered migration from a template
 * with an up and a down part. Creates the migrations folder if needed; never overwrites a file.
 */
export async function newMigration(context: CommandContext, args: ArgsOf<'new'>): Promise<number> {
  const dir = context.config.migrationsDir.value;
  const files = existingFiles(dir);
  const version = nextVersion(files);
  const id = `${version}_${args.name}`;
  const file = `${id}.${args.kind}`;
  const path = join(dir, file);
  mkdirSync(dir, { recursive: true });
  try {
    writeFileSync(path, migrationTemplate(args.kind, id), { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    throw new CliError(
      'file_exists',
      `${path} already exists; nothing was written.`,
      'Choose another name.',
      { file },
    );
  }
  if (context.flags.json) {
    context.json({ file, path, version: Number(version), versionText: version, kind: args.kind });
  } else {
    context.say(`Created ${displayPath(path, context.io.cwd)}`);
    context.say("Write the up and down parts, then run 'gao-db migrate'.");
  }
  return ExitCode.ok;
}
