import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { versionNumber } from '@gao/migrate-core';
import type { ArgsOf } from '../cli/invocation.ts';
import type { CommandContext } from '../command-context.ts';
import { CliError, UsageError } from '../errors.ts';
import { ExitCode } from '../exit-codes.ts';
import { displayPath } from '../output/display-path.ts';
import { migrationTemplate, moduleExtension } from './migration-templates.ts';
import { nextVersion } from './next-version.ts';

function existingFiles(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/** The file name's extension: `.sql`, or for a module one that Node loads as an ES module there. */
function extensionFor(kind: ArgsOf<'new'>['kind'], dir: string): string {
  return kind === 'sql' ? 'sql' : moduleExtension(kind, dir);
}

/**
 * `gao-db new <name> [--sql | --ts | --js]`: writes the next-numbered migration from a template
 * with an up and a down part. Creates the migrations folder if needed; never overwrites a file.
 * A module is `.mts`/`.mjs` where Node would load `.ts`/`.js` as CommonJS ({@link moduleExtension}).
 */
export async function newMigration(context: CommandContext, args: ArgsOf<'new'>): Promise<number> {
  const dir = context.config.migrationsDir.value;
  const files = existingFiles(dir);
  const version = nextVersion(files);
  if (versionNumber(version) === null) {
    throw new UsageError(
      `The next version would be ${version}, above the largest version, ${Number.MAX_SAFE_INTEGER}; nothing was written.`,
      'new',
      `Name the new file yourself with a free version below ${Number.MAX_SAFE_INTEGER}, or renumber the file with the highest version in ${displayPath(dir, context.io.cwd)} if that number is a mistake.`,
    );
  }
  const id = `${version}_${args.name}`;
  const file = `${id}.${extensionFor(args.kind, dir)}`;
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
    context.say(
      args.kind === 'sql'
        ? "Write the up and down parts, then run 'gao-db migrate'."
        : "Write up() (remove the // in front of it) and down(), then run 'gao-db migrate'.",
    );
  }
  return ExitCode.ok;
}
