import type { SectionOptions } from './migration.ts';

/** A bad option on a marker line: unknown, or a second `transaction:` option. */
export interface BadMarkerOption {
  readonly option: string;
  readonly repeated: boolean;
}

/** What one line of a `.sql` file is, as far as markers go. */
export type MarkerLine =
  | { readonly kind: 'sql' }
  | { readonly kind: 'unknown'; readonly marker: string }
  | {
      readonly kind: 'marker';
      readonly marker: 'up' | 'down';
      readonly options: SectionOptions;
      readonly badOptions: readonly BadMarkerOption[];
    };

// Anything starting like a marker is checked: a typo such as `-- migrate:donw` must not silently
// turn the down SQL into more up SQL.
const LOOKS_LIKE_MARKER = /^\s*--+\s*migrate:/i;
const MARKER = /^\s*--\s*migrate:(up|down)(?:\s+(.*))?$/;

/** The options of a plain `-- migrate:up` line (shared and frozen). */
export const PLAIN_UP_OPTIONS: SectionOptions = Object.freeze({ transaction: true });
/** The options of a plain `-- migrate:down` line (shared and frozen). */
export const PLAIN_DOWN_OPTIONS: SectionOptions = Object.freeze({ transaction: true });

const PLAIN_UP: MarkerLine = Object.freeze({
  kind: 'marker',
  marker: 'up',
  options: PLAIN_UP_OPTIONS,
  badOptions: Object.freeze([]),
});
const PLAIN_DOWN: MarkerLine = Object.freeze({
  kind: 'marker',
  marker: 'down',
  options: PLAIN_DOWN_OPTIONS,
  badOptions: Object.freeze([]),
});

/**
 * Reads one line: plain SQL, a `-- migrate:up` / `-- migrate:down` marker with its options, or a
 * line that looks like a marker but is none (`-- migrate:Up`, `-- migrate:donw`).
 *
 * @example
 * ```ts
 * readMarkerLine('-- migrate:up transaction:false');
 * // { kind: 'marker', marker: 'up', options: { transaction: false }, badOptions: [] }
 * ```
 */
export function readMarkerLine(line: string): MarkerLine {
  // The two lines nearly every file has: answered without regular expressions.
  if (line === '-- migrate:up') return PLAIN_UP;
  if (line === '-- migrate:down') return PLAIN_DOWN;
  if (!LOOKS_LIKE_MARKER.test(line)) return { kind: 'sql' };
  const match = MARKER.exec(line);
  if (match === null) return { kind: 'unknown', marker: line.trim() };
  let transaction: boolean | null = null;
  const badOptions: BadMarkerOption[] = [];
  for (const option of (match[2] ?? '').split(/\s+/).filter((token) => token !== '')) {
    const value = /^transaction:(true|false)$/.exec(option)?.[1];
    if (value === undefined || transaction !== null)
      badOptions.push({ option, repeated: value !== undefined });
    else transaction = value === 'true';
  }
  const marker = match[1] === 'up' ? 'up' : 'down';
  return { kind: 'marker', marker, options: { transaction: transaction ?? true }, badOptions };
}
