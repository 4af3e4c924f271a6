import type { Problem } from '@gao/migrate-core';
import { validationProblems } from '../adapter/validation-problems.ts';
import type { CommandContext } from '../command-context.ts';
import { ExitCode, errorCodeOf } from '../exit-codes.ts';
import { displayPath } from '../output/display-path.ts';
import { formatProblems } from '../output/format-problems.ts';
import { type ProblemJson, problemJson } from '../output/problem-json.ts';
import { withMigrator } from './with-migrator.ts';

const FILE_PROBLEM_CODES = [
  'invalid_migration_set',
  'module_load_failed',
  'module_invalid',
  'typescript_syntax',
];

/** Problems that stop the files from being read at all, as problems rather than as an error. */
function fileProblems(error: unknown): ProblemJson[] | null {
  const code = errorCodeOf(error);
  if (code === null || !FILE_PROBLEM_CODES.includes(code)) return null;
  const record = error as { problems?: readonly Problem[]; message: string; hint?: string; file?: string };
  if (record.problems !== undefined) return record.problems.map(problemJson);
  return [
    { code, message: record.message, hint: record.hint ?? '', ...(record.file ? { file: record.file } : {}) },
  ];
}

/**
 * `gao-db validate [--json]`: every problem the planner sees (file names, markers, duplicates, parse
 * errors, checksums, missing files, order, failed migrations), and every code migration, pending or
 * applied, that does not load. Exit 3 when there is any. Read-only.
 */
export async function validate(context: CommandContext): Promise<number> {
  const { config } = context;
  let problems: ProblemJson[];
  try {
    problems = await withMigrator(context, {}, async (migrator) =>
      (await validationProblems(migrator)).map(problemJson),
    );
  } catch (error) {
    const found = fileProblems(error);
    if (found === null) throw error;
    problems = found;
  }
  if (context.flags.json) {
    context.json({
      ok: problems.length === 0,
      database: config.database.value,
      migrationsDir: config.migrationsDir.value,
      problems,
    });
  } else if (problems.length === 0) {
    context.say(
      `No problems: ${displayPath(config.migrationsDir.value, context.io.cwd)} and the database agree.`,
    );
  } else {
    context.io.stdout.write(
      `${[`${problems.length === 1 ? '1 problem' : `${problems.length} problems`}:`, ...formatProblems(problems, context.paint)].join('\n')}\n`,
    );
  }
  return problems.length === 0 ? ExitCode.ok : ExitCode.problems;
}
