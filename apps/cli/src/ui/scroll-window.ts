/**
 * The first visible row of a list of `total` rows shown `height` at a time, moved as little as
 * possible from `offset` so that `selected` stays visible.
 *
 * @example
 * scrollOffset(0, 12, 10, 40) // 3: rows 3..12 are shown
 */
export function scrollOffset(offset: number, selected: number, height: number, total: number): number {
  const rows = Math.max(1, height);
  const highest = Math.max(0, total - rows);
  let next = Math.min(Math.max(0, offset), highest);
  if (selected < next) next = selected;
  if (selected >= next + rows) next = selected - rows + 1;
  return Math.min(Math.max(0, next), highest);
}

/**
 * Clamps a selection to a list of `total` rows (`0` when empty).
 *
 * @example
 * clampIndex(12, 5) // 4
 */
export function clampIndex(index: number, total: number): number {
  return Math.min(Math.max(0, index), Math.max(0, total - 1));
}

/**
 * `rows 11-20 of 42`: where the visible window is, for the line under a scrolled table.
 *
 * @example
 * scrollLabel(10, 10, 42) // 'rows 11-20 of 42'
 */
export function scrollLabel(offset: number, height: number, total: number): string {
  if (total === 0) return 'no rows';
  const last = Math.min(total, offset + Math.max(1, height));
  const arrows = `${offset > 0 ? ' ↑' : ''}${last < total ? ' ↓' : ''}`;
  return `rows ${offset + 1}-${last} of ${total}${arrows}`;
}
