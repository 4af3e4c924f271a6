import type { Key } from 'ink';
import { useCallback, useState } from 'react';
import { clampIndex, scrollOffset } from '../scroll-window.ts';

/** A selectable, scrolled list: the selected row, the first visible row, and the key handler. */
export interface ScrollList {
  readonly selected: number;
  readonly offset: number;
  /** Moves on ↑/↓, j/k, PgUp/PgDn, Home/End (g/G); returns whether the key was used. */
  readonly onKey: (input: string, key: Key) => boolean;
  readonly select: (index: number) => void;
}

/**
 * What a key does to a selection in a list of `total` rows shown `page` at a time, or `null`.
 *
 * @example
 * nextIndex(3, 'j', key, 10, 40) // 4
 */
export function nextIndex(
  current: number,
  input: string,
  key: Key,
  page: number,
  total: number,
): number | null {
  if (key.upArrow || input === 'k') return clampIndex(current - 1, total);
  if (key.downArrow || input === 'j') return clampIndex(current + 1, total);
  if (key.pageUp) return clampIndex(current - Math.max(1, page), total);
  if (key.pageDown || input === ' ') return clampIndex(current + Math.max(1, page), total);
  if (key.home || input === 'g') return 0;
  if (key.end || input === 'G') return clampIndex(total - 1, total);
  return null;
}

/**
 * Selection and scrolling for a list of `total` rows of which `height` are visible: the window
 * moves as little as possible and always keeps the selected row visible, also after a resize.
 *
 * @example
 * const list = useScrollList(rows.length, bodyHeight);
 * useInput((input, key) => list.onKey(input, key));
 */
export function useScrollList(total: number, height: number, initial = 0): ScrollList {
  const [state, setState] = useState(() => ({ selected: initial, offset: 0 }));
  const selected = clampIndex(state.selected, total);
  const offset = scrollOffset(state.offset, selected, height, total);
  const select = useCallback(
    (index: number) =>
      setState((previous) => {
        const next = clampIndex(index, total);
        return { selected: next, offset: scrollOffset(previous.offset, next, height, total) };
      }),
    [total, height],
  );
  const onKey = (input: string, key: Key): boolean => {
    const next = nextIndex(selected, input, key, height, total);
    if (next === null) return false;
    select(next);
    return true;
  };
  return { selected, offset, onKey, select };
}
