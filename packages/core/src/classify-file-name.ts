import { type IgnoredDetail, ignoredMessage } from './ignored-file-messages.ts';
import { CODE_EXTENSIONS, type CodeExtension, type IgnoredReason } from './migration.ts';
import { isStemParts, splitStem } from './migration-stem.ts';

/** The extension of a file gao-db runs: `.sql` or one of {@link CODE_EXTENSIONS}. */
export type MigrationExtension = '.sql' | CodeExtension;

/** What a file name says the file is. */
export type FileNameClass =
  | {
      readonly kind: 'migration';
      readonly file: string;
      readonly versionText: string;
      readonly name: string;
      /** The stem, `001_create_users`. */
      readonly id: string;
      readonly extension: MigrationExtension;
    }
  | {
      /** `<stem>.down.sql`: the down part of the `.sql` migration `upFile`. */
      readonly kind: 'down';
      readonly file: string;
      readonly versionText: string;
      readonly name: string;
      readonly id: string;
      readonly upFile: string;
    }
  | {
      readonly kind: 'ignored';
      readonly file: string;
      readonly reason: IgnoredReason;
      readonly message: string;
      /** A name that would make it a migration, when one can be derived. */
      readonly suggestion: string | null;
    };

const EXTENSIONS: readonly string[] = ['.sql', ...CODE_EXTENSIONS];
const BACKUP = /~$|^#.*#$|\.(swp|swo|swn|swx|bak|orig|rej|tmp)$/i;
const DOC_EXTENSION = /\.(md|markdown|mdx|txt|rst|adoc|asciidoc|org|html?|pdf)$/i;
const DOC_NAME = /^(readme|licen[cs]e|changelog|changes|contributing|authors|notice|copying)$/i;
const DECLARATION = /\.d\.[mc]?ts$/i;
const TEST = /\.(test|spec)\.[mc]?[jt]sx?$/i;
// `<digits>_<name without dots>.sql`: a migration whatever else is checked (see classifyFileName).
const PLAIN_SQL = /^(\d+)_([^.]+)\.sql$/;

/** An ignored class; `candidate` is a corrected name, kept as the suggestion only if it classifies as a migration. */
function ignored(file: string, detail: IgnoredDetail, candidate: string | null = null): FileNameClass {
  const fixed = candidate === null || candidate === '' ? null : classifyFileName(candidate);
  const suggestion = fixed === null ? null : fixed.kind === 'ignored' ? fixed.suggestion : fixed.file;
  return {
    kind: 'ignored',
    file,
    reason: detail.reason,
    message: ignoredMessage(file, detail, suggestion),
    suggestion,
  };
}

/** The name an editor backup was made from: `#001_x.sql#` and `001_x.sql~` -> `001_x.sql`. */
function withoutBackupMarks(file: string): string {
  const autosave = /^#(.*)#$/.exec(file);
  return autosave === null ? file.replace(BACKUP, '') : (autosave[1] as string);
}

/** Classifies `stem` + `extension` (the extension already known to be supported, in any case). */
function classifyStem(file: string, stem: string, extension: string, down: boolean): FileNameClass {
  const parts = splitStem(stem);
  const lower = extension.toLowerCase();
  if (!isStemParts(parts)) {
    const candidate = parts.fixed === null ? null : parts.fixed + lower;
    const detail: IgnoredDetail =
      parts.reason === 'bad_separator'
        ? { reason: parts.reason, found: parts.found }
        : { reason: parts.reason };
    return ignored(file, detail, candidate);
  }
  if (extension !== lower) return ignored(file, { reason: 'extension_case', extension }, stem + lower);
  if (down) return { kind: 'down', file, ...parts, id: stem, upFile: `${stem}.sql` };
  return { kind: 'migration', file, ...parts, id: stem, extension: lower as MigrationExtension };
}

/**
 * Says whether a file name is a migration (`<version>_<name>.<ext>`), the `.down.sql` of one, or a
 * file to ignore, with the reason and a message suggesting a correct name. Looks at the name only.
 *
 * @example
 * ```ts
 * classifyFileName('001_create_users.sql').kind; // 'migration'
 * classifyFileName('001_create_users.down.sql').kind; // 'down'
 * classifyFileName('001_create_users.SQL'); // { kind: 'ignored', reason: 'extension_case', suggestion: '001_create_users.sql', ... }
 * ```
 */
export function classifyFileName(file: string): FileNameClass {
  // The usual name, `001_create_users.sql`: none of the checks below can apply to it.
  const plain = PLAIN_SQL.exec(file);
  if (plain !== null) {
    const versionText = plain[1] as string;
    const name = plain[2] as string;
    return { kind: 'migration', file, versionText, name, id: file.slice(0, -4), extension: '.sql' };
  }
  return classifyByRules(file);
}

/** {@link classifyFileName} without its fast path for the usual name (exported for tests). */
export function classifyByRules(file: string): FileNameClass {
  if (file.startsWith('.')) return ignored(file, { reason: 'hidden' }, file.replace(/^[.#]+/, ''));
  if (BACKUP.test(file)) return ignored(file, { reason: 'editor_backup' }, withoutBackupMarks(file));
  const dot = file.lastIndexOf('.');
  if (DOC_EXTENSION.test(file) || (dot === -1 && DOC_NAME.test(file))) {
    return ignored(file, { reason: 'readme_or_doc' });
  }
  const special = DECLARATION.exec(file) ?? TEST.exec(file);
  if (special !== null) {
    const kind = DECLARATION.test(file) ? 'declaration' : 'test';
    return ignored(file, { reason: 'unsupported_extension', extension: special[0], kind });
  }
  // `.down.sql` first: `001_x.down.sql` is the down part of `001_x.sql`, not a migration named `x.down`.
  if (file.toLowerCase().endsWith('.down.sql'))
    return classifyStem(file, file.slice(0, -9), file.slice(-9), true);
  if (dot === -1) return ignored(file, { reason: 'unsupported_extension', extension: '', kind: 'none' });
  const extension = file.slice(dot);
  if (!EXTENSIONS.includes(extension.toLowerCase())) {
    return ignored(file, { reason: 'unsupported_extension', extension, kind: 'other' });
  }
  return classifyStem(file, file.slice(0, dot), extension, false);
}
