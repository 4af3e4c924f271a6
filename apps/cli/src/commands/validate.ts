import type { Problem } from '@gao/migrate-core';
import { validationReport } from '../adapter/validation-problems.ts';
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
 * errors, checksums, missing files, order, failed migrations, statements that cannot run in a
 * migration's transaction), and every code migration, pending or applied, that does not load; then
 * the warnings (`down_changed`, `foreign_keys_pragma`, ...). Exit 3 when there is any problem;
 * warnings alone exit 0. Read-only.
 */
export async function validate(context: CommandContext): Promise<number> {
  const { config, paint } = context;
  let problems: ProblemJson[];
  let warnings: ProblemJson[] = [];
  try {
    const report = await withMigrator(context, {}, (migrator) => validationReport(migrator));
    problems = report.problems.map(problemJson);
    warnings = report.warnings.map(problemJson);
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
      warnings,
    });
    return problems.length === 0 ? ExitCode.ok : ExitCode.problems;
  }
  const count = (n: number, what: string) => (n === 1 ? `1 ${what}` : `${n} ${what}s`);
  const write = (lines: readonly string[]) => context.io.stdout.write(`${lines.join('\n')}\n`);
  if (problems.length === 0) {
    context.say(
      `No problems: ${displayPath(config.migrationsDir.value, context.io.cwd)} and the database agree.`,
    );
  } else write([`${count(problems.length, 'problem')}:`, ...formatProblems(problems, paint)]);
  if (warnings.length > 0)
    write([`${count(warnings.length, 'warning')}:`, ...formatProblems(warnings, paint)]);
  return problems.length === 0 ? ExitCode.ok : ExitCode.problems;
}
