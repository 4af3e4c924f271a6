import type { MigrationStatus, PlanProblem, SqlPart } from '@gao/migrate-core';
import { describeTableChange, detectTableChanges } from './detect-rebuild.ts';
import { formatDuration, formatTimestamp } from './format-duration.ts';
import { STATE_LOOKS, stateText } from './state-symbols.ts';

/** One line of the details screen, with an optional tone the view turns into a colour. */
export interface DetailLine {
  readonly text: string;
  readonly tone?: 'title' | 'ok' | 'error' | 'warning' | 'code';
}

const LABEL = 12;

function field(label: string, value: string, tone?: DetailLine['tone']): DetailLine {
  return tone === undefined
    ? { text: `${label.padEnd(LABEL)}${value}` }
    : { text: `${label.padEnd(LABEL)}${value}`, tone };
}

/** The title and SQL lines of a part (`Up (file line 2, in a transaction; rebuilds table x)`). */
function partLines(title: string, part: SqlPart): DetailLine[] {
  const notes = [
    part.options.transaction ? 'in a transaction' : 'transaction:false',
    ...detectTableChanges(part.sql).map(describeTableChange),
  ];
  return [
    { text: `${title} (${part.file} line ${part.line}; ${notes.join('; ')})`, tone: 'title' },
    ...part.sql.split(/\r?\n/).map((line): DetailLine => ({ text: `  ${line}`, tone: 'code' })),
  ];
}

/** What a failure means when no problem explains it. */
function failureHint(row: MigrationStatus): string {
  if (row.record?.transactional === false)
    return 'It ran outside a transaction and may be half-applied: repair it before migrating again.';
  return row.migration === null
    ? `Nothing of it was kept, and its file is gone: restore the file, or clear the record with gao-db repair mark-rolled-back ${row.versionText}.`
    : 'Nothing of it was kept (its transaction rolled back). Fix the migration, then press m to run it again.';
}

/**
 * Everything the details screen says about one migration: file and kind, when it was applied and
 * how long it took, the checksum on disk against the recorded one, the error and hint of a failure,
 * the problems naming it, and its up and down SQL (or its module's path).
 *
 * @example
 * detailLines(status.migrations[0], status.problems)[0].text // '001 create_users  ✓ applied'
 */
export function detailLines(row: MigrationStatus, problems: readonly PlanProblem[]): DetailLine[] {
  const { migration, record } = row;
  const lines: DetailLine[] = [
    { text: `${row.versionText} ${row.name}  ${stateText(row.state)}`, tone: 'title' },
  ];
  if (migration === null) lines.push(field('File', `missing (recorded as ${row.id})`, 'error'));
  else if (migration.kind === 'sql') lines.push(field('File', `${migration.file} (SQL)`));
  else {
    const module = migration.module;
    const how =
      module === null
        ? 'not loaded'
        : `${module.hasDown ? 'has down' : 'no down'}, ${module.transaction ? 'in a transaction' : 'transaction:false'}`;
    lines.push(field('File', `${migration.file} (code module: ${how})`));
  }
  if (record === null) lines.push(field('Applied at', 'not applied'));
  else {
    const verb = record.status === 'failed' ? 'Failed at' : 'Applied at';
    lines.push(
      field(verb, `${formatTimestamp(record.appliedAt)} · took ${formatDuration(record.durationMs)}`),
    );
  }
  lines.push(field('Checksum', `on disk   ${migration?.checksum ?? '(no file)'}`));
  if (record !== null) {
    const recorded = record.checksum;
    const verdict =
      recorded === null || migration === null
        ? ''
        : recorded === migration.checksum
          ? '  ✓ matches'
          : '  ✗ differs';
    const tone = verdict.includes('✗') ? 'warning' : undefined;
    lines.push(field('', `recorded  ${recorded ?? '(not recorded)'}${verdict}`, tone));
  }
  if (row.state === 'failed' && record !== null) {
    lines.push(field('Error', record.errorMessage ?? '(no message recorded)', 'error'));
  }
  const named = problems.filter((problem) => 'version' in problem && problem.version === row.version);
  for (const problem of named) {
    lines.push({ text: `${STATE_LOOKS.failed.symbol} ${problem.message}`, tone: 'error' });
    lines.push({ text: `  Hint: ${problem.hint}` });
  }
  if (row.state === 'failed' && named.length === 0) lines.push(field('Hint', failureHint(row)));
  if (migration?.kind === 'sql') {
    lines.push({ text: '' }, ...partLines('Up', migration.up));
    lines.push({ text: '' });
    if (migration.down === null)
      lines.push({ text: 'Down: none (this migration cannot be rolled back)', tone: 'warning' });
    else lines.push(...partLines('Down', migration.down));
  } else if (migration?.kind === 'code') {
    lines.push(
      { text: '' },
      { text: `Code: up${migration.module?.hasDown ? ' and down' : ''} in ${migration.file}`, tone: 'title' },
    );
  }
  return lines;
}
