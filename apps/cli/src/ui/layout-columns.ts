import { fitCell } from './truncate.ts';

/** One column of a text table. */
export interface ColumnSpec<K extends string = string> {
  readonly key: K;
  readonly title: string;
  /** A fixed width, or `flex` to share the remaining width (at least `min`). */
  readonly width: number | { readonly flex: number; readonly min: number };
  readonly align?: 'left' | 'right';
  /** Higher goes first when the table is too wide; columns without it are never dropped. */
  readonly dropOrder?: number;
}

/** A column with its final width. */
export interface LaidColumn<K extends string = string> {
  readonly key: K;
  readonly title: string;
  readonly width: number;
  readonly align: 'left' | 'right';
}

const GAP = 1;

function minWidth(spec: ColumnSpec): number {
  return typeof spec.width === 'number' ? spec.width : spec.width.min;
}

function totalMin(specs: readonly ColumnSpec[]): number {
  return specs.reduce((sum, spec) => sum + minWidth(spec), 0) + GAP * Math.max(0, specs.length - 1);
}

/**
 * Fits columns into `width`: drops the optional columns (highest `dropOrder` first) until the rest
 * fit, then shares what is left between the flexible columns in proportion to `flex`.
 *
 * @example
 * layoutColumns([{ key: 'v', title: 'VER', width: 3 }, { key: 'n', title: 'NAME', width: { flex: 1, min: 4 } }], 20)
 * // [{ key: 'v', width: 3, ... }, { key: 'n', width: 16, ... }]
 */
export function layoutColumns<K extends string>(
  specs: readonly ColumnSpec<K>[],
  width: number,
): LaidColumn<K>[] {
  let kept = [...specs];
  const droppable = specs
    .filter((spec) => spec.dropOrder !== undefined)
    .sort((a, b) => (b.dropOrder ?? 0) - (a.dropOrder ?? 0));
  for (const spec of droppable) {
    if (totalMin(kept) <= width) break;
    kept = kept.filter((candidate) => candidate !== spec);
  }
  const flexTotal = kept.reduce(
    (sum, spec) => sum + (typeof spec.width === 'number' ? 0 : spec.width.flex),
    0,
  );
  let spare = Math.max(0, width - totalMin(kept));
  const flexible = kept.filter((spec) => typeof spec.width !== 'number');
  return kept.map((spec) => {
    const align = spec.align ?? 'left';
    if (typeof spec.width === 'number') return { key: spec.key, title: spec.title, width: spec.width, align };
    // The last flexible column takes the rounding remainder.
    const share =
      spec === flexible.at(-1) ? spare : Math.floor(((width - totalMin(kept)) * spec.width.flex) / flexTotal);
    spare -= share;
    return { key: spec.key, title: spec.title, width: spec.width.min + Math.max(0, share), align };
  });
}

/**
 * One table line: each cell fitted to its column, separated by one space.
 *
 * @example
 * formatCells(columns, { v: '001', n: 'create_users' }) // '001 create_users    '
 */
export function formatCells<K extends string>(
  columns: readonly LaidColumn<K>[],
  cells: Readonly<Record<K, string>>,
): string {
  return columns.map((column) => fitCell(cells[column.key], column.width, column.align)).join(' ');
}

/**
 * The title line of a table.
 *
 * @example
 * formatTitles(columns) // 'VER NAME        '
 */
export function formatTitles<K extends string>(columns: readonly LaidColumn<K>[]): string {
  return columns.map((column) => fitCell(column.title, column.width, column.align)).join(' ');
}
