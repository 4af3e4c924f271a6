import { describeSchemaChange, type MigrationState, oneLine } from '@gao/migrate-core';
import type { SchemaDifference } from '../adapter/migrator-port.ts';
import { columnLines } from './column-lines.ts';
import { displayPath } from './display-path.ts';
import { DRIFT_HINT, driftSince, LISTED_CHANGES, unlistedLine } from './drift-note.ts';
import { failureNote } from './failure-note.ts';
import { formatBytes, formatDuration } from './format-duration.ts';
import { formatProblems } from './format-problems.ts';
import { formatTimestamp } from './format-timestamp.ts';
import type { Paint } from './paint.ts';
import type { StatusJson } from './status-view.ts';
import { table } from './table.ts';

const STATE_LABEL: Readonly<Record<MigrationState, string>> = {
  applied: 'applied',
  pending: 'pending',
  pending_out_of_order: 'pending (out of order)',
  failed: 'FAILED',
  changed: 'CHANGED',
  missing: 'MISSING',
};

function paintState(state: MigrationState, paint: Paint): string {
  const label = STATE_LABEL[state];
  if (state === 'applied') return paint.green(label);
  if (state === 'pending') return paint.cyan(label);
  if (state === 'pending_out_of_order') return paint.yellow(label);
  return paint.red(label);
}

function versionText(view: StatusJson): string {
  if (view.currentVersion === null) return 'none (nothing applied)';
  return (
    view.migrations.find((row) => row.version === view.currentVersion)?.versionText ??
    String(view.currentVersion)
  );
}

function summary(view: StatusJson): string {
  const parts = (Object.entries(view.counts) as [MigrationState, number][])
    .filter(([, count]) => count > 0)
    .map(([state, count]) => `${count} ${STATE_LABEL[state].toLowerCase()}`);
  return parts.length === 0 ? 'No migrations.' : `${parts.join(', ')}.`;
}

/** Each failed migration's error and what to do next. */
function failedLines(view: StatusJson, paint: Paint): string[] {
  const failed = view.migrations.filter((row) => row.state === 'failed');
  if (failed.length === 0) return [];
  return [
    '',
    paint.red(`Failed (${failed.length}):`),
    ...failed.flatMap((row) => {
      const note = failureNote({
        ...row,
        fileMissing: row.file === null,
        halfApplied: view.problems.some((p) => p.code === 'needs_repair' && p.version === row.version),
      });
      return [`  ${note.text}`, `    ${paint.dim(`hint: ${note.hint}`)}`];
    }),
  ];
}

/** One object changed by hand, as lines: `  index users_email created: CREATE INDEX ...`. */
function changeLines(change: SchemaDifference, paint: Paint): string[] {
  // The columns get lines of their own below.
  const what = `  ${paint.yellow(describeSchemaChange({ type: change.type, name: change.name, change: change.change }))}`;
  if (change.change === 'changed') {
    return [
      `${what}:`,
      ...columnLines(change.columns),
      `    before: ${oneLine(change.before ?? '')}`,
      `    now:    ${oneLine(change.after ?? '')}`,
    ];
  }
  const sql = change.change === 'added' ? change.after : change.before;
  return [sql === null ? what : `${what}: ${oneLine(sql)}`];
}

/** What `status` says when the schema changed outside gao-db: since when, and what when it is known. */
function driftLines(drift: NonNullable<StatusJson['schemaDrift']>, paint: Paint): string[] {
  const { since, changes } = drift;
  const after = driftSince(since, formatTimestamp);
  const hint = `  ${paint.dim(`hint: ${DRIFT_HINT}`)}`;
  if (changes === null || changes.length === 0) {
    return [
      paint.yellow('Schema changed outside gao-db:'),
      `  The schema is not the one gao-db recorded after its last change (${after}): a table, index,`,
      '  view or trigger was created, changed or dropped by hand since.',
      hint,
    ];
  }
  const unlisted = unlistedLine(changes.length);
  return [
    paint.yellow(`Schema changed outside gao-db (${changes.length}):`),
    `  Changed by hand since gao-db recorded the schema after its last change (${after}):`,
    ...changes.slice(0, LISTED_CHANGES).flatMap((change) => changeLines(change, paint)),
    ...(unlisted === null ? [] : [unlisted]),
    hint,
  ];
}

/**
 * `gao-db status` for people: where things are, the current version, one row per migration, why
 * each failed one failed and what to do, the ignored files with the reason, every problem with its
 * hint, and a schema changed outside gao-db.
 *
 * @example
 * formatStatus(view, { cwd: '/srv/app', paint, sizeBytes: 49152 }).join('\n')
 */
export function formatStatus(
  view: StatusJson,
  context: { readonly cwd: string; readonly paint: Paint; readonly sizeBytes: number },
): string[] {
  const { paint, cwd } = context;
  const database = view.databaseExists
    ? `${displayPath(view.database, cwd)} (${formatBytes(context.sizeBytes)})`
    : `${displayPath(view.database, cwd)} ${paint.yellow("(does not exist yet: 'gao-db migrate' creates it)")}`;
  const lines = [
    `Database:    ${database}`,
    `Migrations:  ${displayPath(view.migrationsDir, cwd)}`,
    `Version:     ${versionText(view)}`,
    '',
  ];
  if (view.migrations.length === 0) {
    lines.push("  No migrations yet. Create one with 'gao-db new <name>'.");
  } else {
    const rows = view.migrations.map((row) => [
      row.versionText,
      row.name,
      paintState(row.state, paint),
      row.appliedAt === null ? '' : formatTimestamp(row.appliedAt),
      row.appliedAt === null ? '' : formatDuration(row.durationMs),
    ]);
    lines.push(
      ...table([['VERSION', 'NAME', 'STATE', 'APPLIED (UTC)', 'DURATION'].map(paint.dim), ...rows], '  '),
    );
  }
  lines.push('', summary(view), ...failedLines(view, paint));
  if (view.ignored.length > 0) {
    lines.push('', `Ignored files (${view.ignored.length}):`);
    lines.push(
      ...table(
        view.ignored.map((file) => [file.file, paint.dim(file.message)]),
        '  ',
      ),
    );
  }
  if (view.problems.length > 0) {
    lines.push('', paint.red(`Problems (${view.problems.length}):`));
    lines.push(...formatProblems(view.problems, paint));
  }
  if (view.schemaDrift !== null) lines.push('', ...driftLines(view.schemaDrift, paint));
  return lines;
}
