import type { ColumnDifference } from '../adapter/migrator-port.ts';

const VERBS: Readonly<Record<ColumnDifference['change'], string>> = {
  added: 'added',
  removed: 'dropped',
  changed: 'changed',
};

/**
 * A changed table's columns, one line each under the table's line: `    column nick added: TEXT`,
 * `    column email changed: TEXT -> TEXT NOT NULL`.
 *
 * @example
 * columnLines([{ column: 'nick', change: 'added', before: null, after: 'TEXT' }]); // ['    column nick added: TEXT']
 */
export function columnLines(columns: readonly ColumnDifference[] | undefined): string[] {
  return (columns ?? []).map(({ column, change, before, after }) => {
    const declared = change === 'changed' ? `${before} -> ${after}` : change === 'added' ? after : before;
    return `    column ${column} ${VERBS[change]}: ${declared}`;
  });
}
