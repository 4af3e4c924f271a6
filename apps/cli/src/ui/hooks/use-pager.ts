import type { Key } from 'ink';
import { useState } from 'react';
import { nextIndex } from './use-scroll-list.ts';

/**
 * Scrolls a text of `total` lines shown `height` at a time (↑/↓, j/k, PgUp/PgDn, g/G); starts at
 * the top, or at the end with `from: 'end'` (newest history last).
 *
 * @example
 * const pager = usePager(lines.length, 18);
 * useInput((input, key) => pager.onKey(input, key));
 */
export function usePager(
  total: number,
  height: number,
  from: 'start' | 'end' = 'start',
): { readonly offset: number; readonly onKey: (input: string, key: Key) => boolean } {
  const highest = Math.max(0, total - Math.max(1, height));
  const [raw, setRaw] = useState(from === 'end' ? Number.MAX_SAFE_INTEGER : 0);
  const offset = Math.min(Math.max(0, raw), highest);
  const onKey = (input: string, key: Key): boolean => {
    const next = nextIndex(offset, input, key, height, highest + 1);
    if (next === null) return false;
    setRaw(next);
    return true;
  };
  return { offset, onKey };
}
