import type { MigrationState } from '@gao/migrate-core';

/** How one state reads: a symbol and a word (meaningful without colour), and a colour when allowed. */
export interface StateLook {
  readonly symbol: string;
  readonly label: string;
  readonly color: 'green' | 'cyan' | 'blue' | 'red' | 'yellow' | 'magenta';
  /** One sentence for the help screen. */
  readonly meaning: string;
}

/**
 * The look of every migration state, documented in the help screen:
 * `✓ applied`, `· pending`, `↓ out of order` (pending below the current version), `✗ failed`,
 * `! changed` (file edited after it was applied), `? missing` (recorded, file gone).
 *
 * @example
 * STATE_LOOKS.failed.symbol // '✗'
 */
export const STATE_LOOKS: Readonly<Record<MigrationState, StateLook>> = Object.freeze({
  applied: { symbol: '✓', label: 'applied', color: 'green', meaning: 'ran and recorded; file unchanged' },
  pending: { symbol: '·', label: 'pending', color: 'cyan', meaning: 'not applied yet; migrate runs it' },
  pending_out_of_order: {
    symbol: '↓',
    label: 'out of order',
    color: 'blue',
    meaning: 'pending, but a newer version is already applied',
  },
  failed: { symbol: '✗', label: 'failed', color: 'red', meaning: 'the last attempt failed; see its error' },
  changed: {
    symbol: '!',
    label: 'changed',
    color: 'yellow',
    meaning: 'the file was edited after it was applied',
  },
  missing: {
    symbol: '?',
    label: 'missing',
    color: 'magenta',
    meaning: 'recorded as applied, but the file is gone',
  },
});

/** The states in the order the help screen lists them. */
export const MIGRATION_STATE_ORDER: readonly MigrationState[] = Object.freeze(
  Object.keys(STATE_LOOKS) as MigrationState[],
);

/**
 * `✓ applied`: the state as text that needs no colour.
 *
 * @example
 * stateText('pending_out_of_order') // '↓ out of order'
 */
export function stateText(state: MigrationState): string {
  const look = STATE_LOOKS[state];
  return `${look.symbol} ${look.label}`;
}

/** The widest {@link stateText}, for column layouts. */
export const STATE_TEXT_WIDTH = Math.max(
  ...Object.values(STATE_LOOKS).map((look) => look.symbol.length + 1 + look.label.length),
);
