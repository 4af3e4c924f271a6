/** Colours for terminal output; every function returns its text unchanged when colour is off. */
export interface Paint {
  readonly enabled: boolean;
  readonly green: (text: string) => string;
  readonly red: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly cyan: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly bold: (text: string) => string;
}

function sgr(open: number, close: number): (text: string) => string {
  return (text) => `\u001b[${open}m${text}\u001b[${close}m`;
}

const plain = (text: string): string => text;

/**
 * Colours on or off.
 *
 * @example
 * createPaint(false).green('ok') // 'ok'
 */
export function createPaint(enabled: boolean): Paint {
  if (!enabled) {
    return { enabled, green: plain, red: plain, yellow: plain, cyan: plain, dim: plain, bold: plain };
  }
  return {
    enabled,
    green: sgr(32, 39),
    red: sgr(31, 39),
    yellow: sgr(33, 39),
    cyan: sgr(36, 39),
    dim: sgr(2, 22),
    bold: sgr(1, 22),
  };
}

/**
 * Whether to colour: `--color`/`--no-color` win; then `NO_COLOR` (any non-empty value) turns colour
 * off and `FORCE_COLOR` (not `0`) on; otherwise colour when stdout is a terminal other than `dumb`.
 *
 * @example
 * colorEnabled(undefined, { NO_COLOR: '1' }, true) // false
 */
export function colorEnabled(
  flag: boolean | undefined,
  env: Readonly<Record<string, string | undefined>>,
  isTTY: boolean,
): boolean {
  if (flag !== undefined) return flag;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return env.FORCE_COLOR !== '0';
  return isTTY && env.TERM !== 'dumb';
}
