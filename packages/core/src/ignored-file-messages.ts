/** What exactly is wrong with an ignored file's name: the reason plus the detail its message quotes. */
export type IgnoredDetail =
  | {
      readonly reason: 'not_a_file' | 'hidden' | 'editor_backup' | 'readme_or_doc' | 'no_version' | 'no_name';
    }
  | { readonly reason: 'bad_separator'; readonly found: string }
  | { readonly reason: 'extension_case'; readonly extension: string }
  | {
      readonly reason: 'unsupported_extension';
      /** The extension as written (`.py`), `.d.ts` for declarations, `.test.ts` for tests, '' for none. */
      readonly extension: string;
      readonly kind: 'other' | 'declaration' | 'test' | 'none';
    };

const NAMING_RULE =
  'name it <version>_<name>.sql (or .ts, .mts, .js, .mjs), for example 001_create_users.sql';

/** The part of the message saying what is wrong with `file`'s name. */
function fault(detail: IgnoredDetail): string {
  switch (detail.reason) {
    case 'not_a_file':
      return 'is not a file (sub-directories are not searched)';
    case 'hidden':
      return 'is hidden (its name starts with ".")';
    case 'editor_backup':
      return 'looks like an editor backup, swap or lock file';
    case 'readme_or_doc':
      return 'is documentation';
    case 'no_version':
      return 'does not start with a version number';
    case 'no_name':
      return 'has a version but no name after it';
    case 'bad_separator':
      return /^[\p{L}\p{N}]$/u.test(detail.found)
        ? 'has no "_" between the version and the name'
        : `has "${detail.found}" after the version where "_" is expected`;
    case 'extension_case':
      return `has the extension "${detail.extension}", but extensions must be lower case`;
    case 'unsupported_extension':
      if (detail.kind === 'declaration') return 'is a TypeScript declaration file';
      if (detail.kind === 'test') return 'is a test file';
      if (detail.kind === 'none') return 'has no extension';
      return `has the extension "${detail.extension}", which is not .sql, .ts, .mts, .js or .mjs`;
  }
}

/**
 * One sentence for `IgnoredFile.message`: the file, the rule it breaks, and how to name it if it
 * was meant as a migration (`suggestion`, when one can be derived from the name).
 *
 * @example
 * ```ts
 * ignoredMessage('001-x.sql', { reason: 'bad_separator', found: '-' }, '001_x.sql');
 * // '001-x.sql has "-" after the version where "_" is expected, so it is not a migration; if it was meant as one, rename it to 001_x.sql.'
 * ```
 */
export function ignoredMessage(file: string, detail: IgnoredDetail, suggestion: string | null): string {
  if (detail.reason === 'not_a_file') {
    return `${file} ${fault(detail)}, so it is not a migration; put migration files directly in the migrations directory.`;
  }
  const advice = suggestion === null ? NAMING_RULE : `rename it to ${suggestion}`;
  return `${file} ${fault(detail)}, so it is not a migration; if it was meant as one, ${advice}.`;
}
