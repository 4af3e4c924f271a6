import { useWindowSize } from 'ink';

/** The smallest size the layouts are written for; smaller terminals are treated as this size. */
export const MIN_COLUMNS = 20;
export const MIN_ROWS = 8;

/**
 * The terminal's size in columns and rows, re-rendering on resize (Ink's `useWindowSize`, which
 * listens to the stdout `resize` event), never below {@link MIN_COLUMNS} x {@link MIN_ROWS}.
 *
 * @example
 * const { columns, rows } = useScreenSize();
 */
export function useScreenSize(): { readonly columns: number; readonly rows: number } {
  const { columns, rows } = useWindowSize();
  return { columns: Math.max(MIN_COLUMNS, columns), rows: Math.max(MIN_ROWS, rows) };
}
