import { checksumOf, type Sha256 } from './checksum.ts';
import type { FileNameClass } from './classify-file-name.ts';
import type { CodeExtension, Migration, SqlPart } from './migration.ts';
import { versionNumber } from './migration-stem.ts';
import { parseSqlDownFile, parseSqlMigration, type SqlSection } from './parse-sql-migration.ts';
import type { SetProblem } from './problems.ts';
import { fail, ok, type Result } from './result.ts';
import { downConflict, emptyUp, invalidUtf8, invalidVersion } from './set-problems.ts';

/** A file whose name classified as a migration, with its bytes. */
export interface MigrationFile {
  readonly entry: Extract<FileNameClass, { kind: 'migration' }>;
  readonly bytes: Uint8Array;
}

/** The `.down.sql` file of a SQL migration, with its bytes. */
export interface DownFile {
  readonly file: string;
  readonly bytes: Uint8Array;
}

// `fatal` turns invalid UTF-8 into an error instead of U+FFFD; a leading BOM is dropped.
const decoder = new TextDecoder('utf-8', { fatal: true });

function decode(bytes: Uint8Array): string | null {
  try {
    return decoder.decode(bytes);
  } catch {
    return null;
  }
}

function versionOf(entry: MigrationFile['entry'], problems: SetProblem[]): number {
  const version = versionNumber(entry.versionText);
  const { file, versionText, name, extension } = entry;
  if (version === null) problems.push(invalidVersion(file, versionText, null));
  if (version === 0) {
    const renamed = `${'1'.padStart(versionText.length, '0')}_${name}${extension}`;
    problems.push(invalidVersion(file, versionText, renamed));
  }
  return version ?? 0;
}

function part(section: SqlSection, file: string, sha256: Sha256 | undefined): SqlPart {
  return { ...section, file, checksum: checksumOf(section.sql, sha256) };
}

/**
 * Turns one migration file (and, for SQL, its `.down.sql`) into a {@link Migration}, or every problem
 * found in them: version, UTF-8, markers, empty up, a down given twice.
 *
 * @example
 * ```ts
 * const entry = classifyFileName('001_t.sql');
 * if (entry.kind === 'migration') buildMigration({ entry, bytes: encode('CREATE TABLE t (id);') }, null);
 * ```
 */
export function buildMigration(
  up: MigrationFile,
  down: DownFile | null,
  sha256?: Sha256,
): Result<Migration, SetProblem> {
  const problems: SetProblem[] = [];
  const { entry } = up;
  const version = versionOf(entry, problems);
  const text = decode(up.bytes);
  if (text === null) problems.push(invalidUtf8(entry.file));
  const common = {
    version,
    versionText: entry.versionText,
    name: entry.name,
    id: entry.id,
    file: entry.file,
  };
  if (entry.extension !== '.sql') {
    if (text !== null && text.trim() === '') problems.push(emptyUp(entry.file, true));
    if (text === null || problems.length > 0) return fail(problems);
    const extension: CodeExtension = entry.extension;
    return ok({ kind: 'code', ...common, checksum: checksumOf(text, sha256), extension, module: null });
  }
  const parsed = text === null ? null : parseSqlMigration(text, entry.file);
  if (parsed?.ok === false) problems.push(...parsed.problems);
  const downText = down === null ? null : decode(down.bytes);
  if (down !== null && downText === null) problems.push(invalidUtf8(down.file));
  const downParsed = down === null || downText === null ? null : parseSqlDownFile(downText, down.file);
  if (downParsed?.ok === false) problems.push(...downParsed.problems);
  if (down !== null && parsed?.ok && parsed.value.downMarkerLine !== null) {
    problems.push(downConflict(entry.file, down.file));
  }
  if (parsed?.ok !== true || problems.length > 0) return fail(problems);
  const upPart = part(parsed.value.up, entry.file, sha256);
  const toPart = (section: SqlSection | null, file: string) =>
    section === null ? null : part(section, file, sha256);
  // A `.down.sql` and a `-- migrate:down` section never both get here (that is a `down_conflict`).
  const downPart =
    down !== null && downParsed?.ok
      ? toPart(downParsed.value, down.file)
      : toPart(parsed.value.down, entry.file);
  return ok({ kind: 'sql', ...common, checksum: upPart.checksum, up: upPart, down: downPart });
}
