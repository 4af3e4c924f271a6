import {
  checksumOf,
  fileChecksumOf,
  type Sha256,
  type Sha256Text,
  withoutTrailingBlanks,
} from './checksum.ts';
import type { FileNameClass } from './classify-file-name.ts';
import type { CodeExtension, Migration, SqlMigration, SqlPart } from './migration.ts';
import { versionNumber } from './migration-stem.ts';
import {
  parsePlainSqlMigration,
  parseSqlDownFile,
  parseSqlMigration,
  type SqlSection,
} from './parse-sql-migration.ts';
import type { SetProblem } from './problems.ts';
import { fail, ok, type Result } from './result.ts';
import { downConflict, emptyUp, invalidUtf8, invalidVersion } from './set-problems.ts';

/** A file whose name classified as a migration, with its bytes (or its text, already decoded). */
export interface MigrationFile {
  readonly entry: Extract<FileNameClass, { kind: 'migration' }>;
  readonly bytes: Uint8Array | string;
}

/** The `.down.sql` file of a SQL migration, with its bytes (or its text, already decoded). */
export interface DownFile {
  readonly file: string;
  readonly bytes: Uint8Array | string;
}

/** The hashers to use (core's own SHA-256 when none is given). */
export interface Hashers {
  readonly sha256?: Sha256 | undefined;
  readonly sha256Text?: Sha256Text | undefined;
}

// `fatal` turns invalid UTF-8 into an error instead of U+FFFD; a leading BOM is dropped.
const decoder = new TextDecoder('utf-8', { fatal: true });

function decode(bytes: Uint8Array | string): string | null {
  if (typeof bytes === 'string') return bytes;
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

/**
 * A SQL part's checksum: its normalised text without the blank space at its end (a down section
 * added after a blank line must not change the up part's checksum). A code file's is of all of it.
 */
function checksumWith(text: string, hashers: Hashers): string {
  return checksumOf(withoutTrailingBlanks(text), hashers.sha256, hashers.sha256Text);
}

function part(section: SqlSection, file: string, hashers: Hashers): SqlPart {
  // Spelled out rather than spread: this runs for every part of every file on each startup.
  const { sql, line, options } = section;
  return { sql, line, options, file, checksum: checksumWith(sql, hashers) };
}

/** Where a lazy part keeps what it needs to compute its checksum, out of sight (not enumerable). */
const LAZY = Symbol('lazy checksum');

interface LazyState {
  readonly hashers: Hashers;
  checksum: string | undefined;
}

/**
 * One getter shared by every lazy part: an own enumerable accessor (so spreads and equality see
 * `checksum` like any other field) whose function is the same for all parts, so they share one
 * hidden class. A getter written in an object literal is a new function per part, which makes
 * each part an object of its own shape: measurably slower to build on every startup.
 */
function lazyChecksum(this: SqlPart & { readonly [LAZY]: LazyState }): string {
  const state = this[LAZY];
  state.checksum ??= checksumWith(this.sql, state.hashers);
  return state.checksum;
}

const LAZY_CHECKSUM: PropertyDescriptor = { get: lazyChecksum, enumerable: true };

/**
 * A down part whose checksum is computed on first read: it is only recorded when the migration is
 * applied, so checking an up-to-date database never hashes it. Same value, same enumerable fields.
 */
function lazyPart(section: SqlSection, file: string, hashers: Hashers): SqlPart {
  const { sql, line, options } = section;
  const part = { sql, line, options, file };
  Object.defineProperty(part, LAZY, { value: { hashers, checksum: undefined } satisfies LazyState });
  return Object.defineProperty(part, 'checksum', LAZY_CHECKSUM) as SqlPart;
}

/** The migration's file checksum, hashed with the hashers the set is read with. */
function fileChecksumWith(text: string, downText: string | null, hashers: Hashers): string {
  return fileChecksumOf(text, downText, hashers.sha256, hashers.sha256Text);
}

/**
 * The common case of {@link buildMigration}, without its bookkeeping: a `.sql` file with no
 * `.down.sql`, a valid version and plain markers ({@link parsePlainSqlMigration}). `null` for
 * anything else: the full path then builds it, or reports its problems.
 */
function buildPlainSql(up: MigrationFile, hash: Hashers): SqlMigration | null {
  const { entry } = up;
  const version = versionNumber(entry.versionText);
  if (version === null || version === 0) return null;
  const text = decode(up.bytes);
  if (text === null) return null;
  const parsed = parsePlainSqlMigration(text);
  if (parsed === null) return null;
  const upPart = part(parsed.up, entry.file, hash);
  return {
    kind: 'sql',
    version,
    versionText: entry.versionText,
    name: entry.name,
    id: entry.id,
    file: entry.file,
    checksum: upPart.checksum,
    // Hashed now: an accessor computing it on first read measured no faster (and every applied one needs it).
    fileChecksum: fileChecksumWith(text, null, hash),
    up: upPart,
    down: parsed.down === null ? null : lazyPart(parsed.down, entry.file, hash),
  };
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
  hashers: Sha256 | Hashers = {},
): Result<Migration, SetProblem> {
  const hash: Hashers = typeof hashers === 'function' ? { sha256: hashers } : hashers;
  if (down === null && up.entry.extension === '.sql') {
    const plain = buildPlainSql(up, hash);
    if (plain !== null) return ok(plain);
  }
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
    return ok({
      kind: 'code',
      ...common,
      checksum: checksumOf(text, hash.sha256, hash.sha256Text),
      fileChecksum: fileChecksumWith(text, null, hash),
      extension,
      module: null,
    });
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
  if (text === null || parsed?.ok !== true || problems.length > 0) return fail(problems);
  const upPart = part(parsed.value.up, entry.file, hash);
  const toPart = (section: SqlSection | null, file: string) =>
    section === null ? null : lazyPart(section, file, hash);
  // A `.down.sql` and a `-- migrate:down` section never both get here (that is a `down_conflict`).
  const downPart =
    down !== null && downParsed?.ok
      ? toPart(downParsed.value, down.file)
      : toPart(parsed.value.down, entry.file);
  const { versionText, name, id, file } = common;
  return ok({
    kind: 'sql',
    version,
    versionText,
    name,
    id,
    file,
    checksum: upPart.checksum,
    fileChecksum: fileChecksumWith(text, downText, hash),
    up: upPart,
    down: downPart,
  });
}
