import type { PlanProblem } from '@gao/migrate-core';
import type { DetailLine } from './details-lines.ts';
import type { ErrorInfo } from './error-info.ts';
import { formatBytes, formatTimestamp } from './format-duration.ts';
import { formatCells, formatTitles, layoutColumns } from './layout-columns.ts';
import { MIGRATION_STATE_ORDER, STATE_LOOKS } from './state-symbols.ts';
import type { UiBackupInfo, UiValidation } from './types.ts';

/** A message shown above the dashboard's table after an action. */
export type Notice =
  | { readonly kind: 'success' | 'info'; readonly text: string; readonly detail?: string }
  | { readonly kind: 'error'; readonly title: string | null; readonly info: ErrorInfo }
  | { readonly kind: 'problems'; readonly problems: readonly PlanProblem[] };

/**
 * The lines of a notice: `✓ text`, or `✗ title`, the message and its hint, or the first two problems.
 *
 * @example
 * noticeLines({ kind: 'success', text: 'Migrated.' }) // [{ text: '✓ Migrated.', tone: 'ok' }]
 */
export function noticeLines(notice: Notice | null): DetailLine[] {
  if (notice === null) return [];
  switch (notice.kind) {
    case 'success': {
      const line: DetailLine = { text: `✓ ${notice.text}`, tone: 'ok' };
      return notice.detail === undefined ? [line] : [line, { text: `  ${notice.detail}` }];
    }
    case 'info':
      return [{ text: notice.text }];
    case 'error': {
      const { info, title } = notice;
      const lines: DetailLine[] =
        title === null
          ? [{ text: `✗ ${info.message}`, tone: 'error' }]
          : [
              { text: `✗ ${title}`, tone: 'error' },
              { text: `  ${info.message}`, tone: 'error' },
            ];
      return info.hint === null ? lines : [...lines, { text: `  Hint: ${info.hint}` }];
    }
    case 'problems': {
      const shown = notice.problems
        .slice(0, 2)
        .flatMap((problem): DetailLine[] => [
          { text: `✗ ${problem.message}`, tone: 'error' },
          { text: `  Hint: ${problem.hint}` },
        ]);
      const more = notice.problems.length - 2;
      return more > 0 ? [...shown, { text: `… and ${more} more (press v to validate)` }] : shown;
    }
  }
}

/**
 * The help screen: every key, and what each state symbol means.
 *
 * @example
 * helpLines().some((line) => line.text.includes('m          migrate')) // true
 */
export function helpLines(): DetailLine[] {
  const keys: [string, string][] = [
    ['↑ ↓  j k', 'move the selection (PgUp/PgDn, g/G: page, first, last)'],
    ['Enter', 'details: SQL or code path, checksums, error and hint'],
    ['m', 'migrate: show the plan, confirm with y, then run'],
    ['r', 'rollback: choose how many, show the plan, confirm, run'],
    ['t', 'rehearse: run the pending migrations on a copy (the database is not changed)'],
    ['h', 'history: the event log'],
    ['v', 'validate: every problem between files and history'],
    ['b', 'backups of this database; Enter restores one (after y)'],
    ['Ctrl+C', 'during a run: stop after the running migration'],
    ['q  Esc', 'back, or quit from the table'],
  ];
  return [
    { text: 'Keys', tone: 'title' },
    ...keys.map(([key, what]): DetailLine => ({ text: `  ${key.padEnd(10)} ${what}` })),
    { text: '' },
    { text: 'States', tone: 'title' },
    ...MIGRATION_STATE_ORDER.map((state): DetailLine => {
      const look = STATE_LOOKS[state];
      return { text: `  ${look.symbol} ${look.label.padEnd(13)} ${look.meaning}` };
    }),
  ];
}

/**
 * Each problem as a blank line, `✗ message (code)` and its hint (`mark` and `tone` for warnings).
 *
 * @example
 * problemDetailLines([problem], '✗', 'error')[1] // { text: '✗ Migration 6 is missing. (missing_file)', tone: 'error' }
 */
export function problemDetailLines(
  list: readonly PlanProblem[],
  mark: string,
  tone: 'error' | 'warning',
): DetailLine[] {
  return list.flatMap((problem): DetailLine[] => [
    { text: '' },
    { text: `${mark} ${problem.message} (${problem.code})`, tone },
    { text: `  Hint: ${problem.hint}` },
  ]);
}

/**
 * The validate screen: `✓ No problems` or each problem with its hint.
 *
 * @example
 * validateLines({ problems: [], warnings: [] }, 7)[0].text // '✓ No problems: the 7 migrations match the history.'
 */
export function validateLines(found: UiValidation, migrations: number): DetailLine[] {
  const { problems, warnings } = found;
  const listed = problemDetailLines;
  const count = (n: number, what: string) => `${n} ${n === 1 ? what : `${what}s`}`;
  const head: DetailLine[] =
    problems.length === 0
      ? [{ text: `✓ No problems: the ${migrations} migrations match the history.`, tone: 'ok' }]
      : [
          { text: `✗ ${count(problems.length, 'problem')}`, tone: 'error' },
          ...listed(problems, '✗', 'error'),
        ];
  if (warnings.length === 0) return head;
  return [
    ...head,
    { text: '' },
    { text: `! ${count(warnings.length, 'warning')}`, tone: 'warning' },
    ...listed(warnings, '!', 'warning'),
  ];
}

/**
 * The backups screen: a table of created at, reason, size and path (its start cut with `…`).
 *
 * @example
 * backupLines(backups, 80)[0].text // 'CREATED AT       REASON       SIZE PATH'
 */
export function backupLines(backups: readonly UiBackupInfo[], width: number): DetailLine[] {
  if (backups.length === 0)
    return [{ text: 'No backups yet: one is taken before every migrate and rollback.' }];
  const laid = layoutColumns(
    [
      { key: 'createdAt', title: 'CREATED AT', width: 16 },
      { key: 'reason', title: 'REASON', width: 12, dropOrder: 1 },
      { key: 'size', title: 'SIZE', width: 7, align: 'right', dropOrder: 2 },
      { key: 'path', title: 'PATH', width: { flex: 1, min: 10 } },
    ],
    width,
  );
  const pathWidth = laid.find((column) => column.key === 'path')?.width ?? 10;
  return [
    { text: formatTitles(laid).trimEnd(), tone: 'title' },
    ...backups.map((backup): DetailLine => {
      const path = [...backup.path];
      const shownPath =
        path.length <= pathWidth ? backup.path : `…${path.slice(path.length - pathWidth + 1).join('')}`;
      const cells = {
        createdAt: formatTimestamp(backup.createdAt),
        reason: backup.reason,
        size: formatBytes(backup.sizeBytes),
        path: shownPath,
      };
      return { text: formatCells(laid, cells).trimEnd() };
    }),
  ];
}
