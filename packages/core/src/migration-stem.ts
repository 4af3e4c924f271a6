/** A stem split into its version digits and its name (`001_create_users` -> `001`, `create_users`). */
export interface StemParts {
  readonly versionText: string;
  readonly name: string;
}

/** Why a stem is not `<version>_<name>`, with the corrected stem when one can be guessed. */
export interface StemFault {
  readonly reason: 'no_version' | 'no_name' | 'bad_separator';
  /** What comes after the version when it is not `_` (for `bad_separator`: `-`, ` `, `x`...). */
  readonly found: string;
  /** The stem renamed to follow the rule, or `null` when there is nothing sensible to suggest. */
  readonly fixed: string | null;
}

// Characters people use instead of `_`: replaced, where any other character gets a `_` inserted before it.
const SEPARATOR_LIKE = /[-. +=:,]/;

/**
 * Splits a file stem (the name without its extension) into version and name.
 *
 * @example
 * ```ts
 * splitStem('001_create_users'); // { versionText: '001', name: 'create_users' }
 * splitStem('001-create_users'); // { reason: 'bad_separator', found: '-', fixed: '001_create_users' }
 * ```
 */
export function splitStem(stem: string): StemParts | StemFault {
  const digits = /^\d+/.exec(stem)?.[0];
  if (digits === undefined) return { reason: 'no_version', found: '', fixed: null };
  const rest = stem.slice(digits.length);
  if (rest.startsWith('_')) {
    const name = rest.slice(1);
    return name === '' ? { reason: 'no_name', found: '', fixed: null } : { versionText: digits, name };
  }
  if (rest === '') return { reason: 'no_name', found: '', fixed: null };
  const found = rest.charAt(0);
  const name = SEPARATOR_LIKE.test(found) ? rest.slice(1) : rest;
  return { reason: 'bad_separator', found, fixed: name === '' ? null : `${digits}_${name}` };
}

/** Whether {@link splitStem} found a well-formed stem. */
export function isStemParts(value: StemParts | StemFault): value is StemParts {
  return 'versionText' in value;
}

const MAX_VERSION = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * The version digits as an exact integer, or `null` above 2^53 - 1, where a JavaScript number can
 * no longer tell neighbouring versions apart. Leading zeros do not count: `001` is 1.
 *
 * @example
 * ```ts
 * versionNumber('0042'); // 42
 * versionNumber('9007199254740992'); // null
 * ```
 */
export function versionNumber(versionText: string): number | null {
  // Up to 15 digits always fits (2^53 - 1 has 16): no BigInt needed for the usual versions.
  if (versionText.length <= 15) return Number(versionText);
  return BigInt(versionText) > MAX_VERSION ? null : Number(versionText);
}
